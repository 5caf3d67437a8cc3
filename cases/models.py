"""Case studies: what the hub did for an organisation, phase by phase, and what it produced."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home.blocks import INLINE_RICH_TEXT_FEATURES, KeyFiguresBlock, QuoteBlock, SkipsEmptyBlocks, StepsBlock
from home.images import prefetch_renditions
from home.localization import localized_many, one_per_translation
from home.models import BasePage, guidance, text_fields
from home.ordering import newest_first
from programmes.models import ProgrammePage
from search import seo

from .admin_forms import CasePageForm
from .filters import CaseFilters, options


class Theme(TranslatableMixin, models.Model):
    """A theme a case is about (work and income, social procurement, ...).

    A snippet rather than tags: wagtail-localize translates snippets, so the
    theme names appear in the visitor's language, and editors pick from a
    fixed list instead of typing near-duplicates. The slug is shared by both
    languages, so a filter link means the same theme in Dutch and English.
    """

    name = models.CharField(max_length=60, verbose_name=_("name"), help_text=_("Short, as shown on a filter button."))
    slug = models.SlugField(
        max_length=60,
        verbose_name=_("slug"),
        help_text=_("Used in filter addresses such as ?theme=work. The same in every language."),
    )

    override_translatable_fields = [SynchronizedField("slug", overridable=False)]
    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_per_locale")]

    def __str__(self):
        return self.name


class CaseIndexPage(BasePage):
    """Lists the case studies as cards, filtered by theme and programme, a page at a time."""

    page_description = _("The overview of all case studies, with filters. One per language.")
    search_group = "case"

    per_page = 9
    cache_query_params = ("theme", "programme", "page")

    content_panels = BasePage.content_panels + [FieldPanel("lead")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cases.CasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case overview")

    def cases(self):
        return newest_first(CasePage.objects.child_of(self).live())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases = self.cases()
        filters = CaseFilters.from_params(request.GET)
        programme_keys = self.programme_keys(filters.programme)
        listing = (
            self.filter_cases(cases, filters, programme_keys)
            .select_related("image")
            .prefetch_related(CasePage.theme_links_prefetch())
        )
        page_of_cases = Paginator(listing, self.per_page).get_page(request.GET.get("page"))
        cards = CasePage.with_localized_themes(page_of_cases.object_list)
        prefetch_renditions([case.image for case in cards], "card")
        context.update(
            filters=filters,
            theme_options=self.theme_options(cases, filters.theme),
            programme_options=self.programme_options(cases, programme_keys),
            page_of_cases=page_of_cases,
            cards=cards,
            page_range=list(page_of_cases.paginator.get_elided_page_range(page_of_cases.number, on_ends=1)),
        )
        return context

    @staticmethod
    def programme_keys(slug):
        """The translation keys of the programme pages with this slug (in any language)."""
        if not slug:
            return set()
        return set(ProgrammePage.objects.filter(slug=slug).values_list("translation_key", flat=True))

    @staticmethod
    def filter_cases(cases, filters, programme_keys):
        if filters.matches_nothing:
            return cases.none()
        if filters.theme:
            cases = cases.filter(pk__in=CaseTheme.objects.filter(theme__slug=filters.theme).values("page_id"))
        if filters.programme:
            links = CaseProgramme.objects.filter(programme__translation_key__in=programme_keys)
            cases = cases.filter(pk__in=links.values("page_id"))
        return cases

    @staticmethod
    def theme_options(cases, selected_slug):
        """The themes of ``cases``, in the visitor's language, by name."""
        used = CaseTheme.objects.filter(page__in=cases).values("theme__translation_key")
        themes = one_per_translation(Theme.objects.filter(translation_key__in=used))
        return options(themes, "name", lambda theme: theme.slug == selected_slug)

    @staticmethod
    def programme_options(cases, selected_keys):
        """The programmes ``cases`` name, as pages in the visitor's language, by title."""
        used = CaseProgramme.objects.filter(page__in=cases).values("programme__translation_key")
        programmes = one_per_translation(ProgrammePage.objects.live().filter(translation_key__in=used))
        return options(programmes, "title", lambda programme: programme.translation_key in selected_keys)


class CasePage(BasePage):
    """One case: the client's challenge, the phases of the work, the figures and the result."""

    page_description = _("One case study: the client's challenge, the phases, key figures and the result.")
    search_group = "case"
    og_type = "article"
    base_form_class = CasePageForm  # a new case opens with its phases and key figures laid out

    # Copied from the Dutch case into the English one instead of asked for as strings to translate
    # (each string costs the editor a click or two): the address is usually the client's name and the
    # region a place name, the same in both languages. An editor may still override either in the
    # translation editor ("Uses Dutch version" -> Edit).
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("region")]

    client = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("client"),
        help_text=_("The organisation that asked for the work. Leave empty when nobody did, as for a match."),
    )
    region = models.CharField(
        max_length=80, blank=True, verbose_name=_("region"), help_text=_("Where the work took place, e.g. Utrecht.")
    )
    period = models.CharField(
        max_length=60, blank=True, verbose_name=_("period"), help_text=_("For example 2014–2015.")
    )
    result_summary = models.CharField(
        max_length=160,
        verbose_name=_("result in one line"),
        help_text=_("Shown on the case card: what the work produced, in one sentence."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("illustration"),
        help_text=_("Optional decorative image for the page header and the card; it gets no alt text."),
    )
    feature_on_home = models.BooleanField(
        default=False,
        verbose_name=_("feature on the hub"),
        help_text=_("The hub shows up to three featured cases; without any, it shows the newest."),
    )
    challenge = RichTextField(
        features=INLINE_RICH_TEXT_FEATURES,
        verbose_name=_("the challenge"),
        help_text=_("The question the client came with, and why it mattered."),
    )
    phases = StreamField(
        SkipsEmptyBlocks([("phases", StepsBlock())]),
        blank=True,
        max_num=1,
        verbose_name=_("phases"),
        help_text=_("The phases of the work in order: for each, what was done and what it produced."),
    )
    key_figures = StreamField(
        SkipsEmptyBlocks([("key_figures", KeyFiguresBlock())]),
        blank=True,
        max_num=1,
        verbose_name=_("key figures"),
        help_text=_("Up to six numbers. The first one also appears on the case card."),
    )
    testimonial = StreamField(
        [("quote", QuoteBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("testimonial"),
        help_text=_("Words the client really said, with their agreement. Never a paraphrase."),
    )
    result = RichTextField(
        features=INLINE_RICH_TEXT_FEATURES,
        blank=True,
        verbose_name=_("the result"),
        help_text=_("What is different now, and what came out of the work."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("client"), FieldPanel("region"), FieldPanel("period"), FieldPanel("result_summary")],
            heading=_("About the case"),
        ),
        FieldPanel("image"),
    ]
    # The story in the order a visitor reads it, on its own tab: twelve panels on one tab were too many.
    story_panels = [
        guidance(
            _(
                "Tell the story in the order a visitor reads it: the challenge, the phases, "
                "the key figures, a quote and the result."
            ),
            _("Only name or quote a person who agreed to it, and only words they really said: never a paraphrase."),
            heading=_("How to tell the story"),
        ),
        FieldPanel("challenge"),
        FieldPanel("phases"),
        FieldPanel("key_figures"),
        FieldPanel("testimonial"),
        FieldPanel("result"),
    ]
    link_panels = [
        InlinePanel("theme_links", label=_("Theme"), heading=_("Themes")),
        InlinePanel("programme_links", label=_("Programme"), heading=_("Programmes involved")),
        InlinePanel("services_used", label=_("Service"), heading=_("Services used in this case")),
    ]
    promote_panels = BasePage.promote_panels + [FieldPanel("feature_on_home")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Case")),
            ObjectList(story_panels, heading=_("Story")),
            ObjectList(link_panels, heading=_("Themes and links")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = BasePage.search_fields + text_fields("client", "challenge", "result", "phases")
    route_select_related = ("image",)
    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    @property
    def headline_figure(self):
        """The first key figure, for the card."""
        for block in self.key_figures:
            figures = block.value["figures"]
            if figures:
                return figures[0]
        return None

    @staticmethod
    def theme_links_prefetch():
        """The theme links of a list of cases with their themes, in one query."""
        return models.Prefetch("theme_links", queryset=CaseTheme.objects.select_related("theme"))

    @staticmethod
    def with_localized_themes(cases):
        """``cases`` (with ``theme_links__theme`` prefetched), each with its themes in the visitor's language.

        One query for all the themes, whatever the number of cases.
        """
        cases = list(cases)
        themes = localized_themes(link.theme for case in cases for link in case.theme_links.all())
        for case in cases:
            case.localized_themes = [themes[link.theme.translation_key] for link in case.theme_links.all()]
        return cases

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = self.theme_links.select_related("theme")
        themes = localized_themes(link.theme for link in links)
        context["themes"] = [themes[link.theme.translation_key] for link in links]
        context["programmes"] = localized_many(
            link.programme for link in self.programme_links.select_related("programme")
        )
        return context

    def structured_data(self, request, url, image):
        """An Article: the case as a story the hub published."""
        node = {
            "@type": "Article",
            "headline": self.title[:110],
            "description": self.meta_description,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": self.locale.language_code,
            "image": image,
            "author": seo.organisation_ref(request),
            "publisher": seo.organisation(request),
        }
        if self.first_published_at:
            node["datePublished"] = self.first_published_at.isoformat()
        if self.last_published_at:
            node["dateModified"] = self.last_published_at.isoformat()
        return node


def localized_themes(themes):
    """Themes in the visitor's language, keyed by translation key."""
    return {theme.translation_key: theme for theme in localized_many(themes)}


class CaseTheme(Orderable):
    """A theme of a case. Synchronised to the translation; shown in the visitor's language."""

    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        Theme,
        on_delete=models.CASCADE,
        related_name="case_links",
        verbose_name=_("theme"),
        help_text=_("Choose the Dutch theme; English pages show its translation."),
    )

    panels = [FieldPanel("theme")]

    class Meta(Orderable.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class CaseProgramme(Orderable):
    """A programme involved in a case; programme pages find their cases through these links."""

    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="programme_links")
    programme = models.ForeignKey(
        "programmes.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="case_links",
        verbose_name=_("programme"),
        help_text=_("Choose the Dutch programme page; English pages link to its translation."),
    )

    panels = [FieldPanel("programme")]

    class Meta(Orderable.Meta):
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")


class CaseService(Orderable):
    """A service from the menukaart used in a case ("cases may point at services").

    Edited on the case page through ``InlinePanel("services_used")``.
    Synchronised to the translation; the service page finds its cases
    through these links.
    """

    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="services_used")
    service = models.ForeignKey(
        "menukaart.ServicePage",
        on_delete=models.CASCADE,
        related_name="case_links",
        verbose_name=_("service"),
        help_text=_("A service from the menukaart that this case used."),
    )

    panels = [FieldPanel("service")]

    class Meta(Orderable.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services used")
