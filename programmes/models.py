"""Programmes the hub runs (Plan Einstein, Buy Social, Challenges) and the partners behind them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, IntegerField, Value, When
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet

from home.blocks import INLINE_RICH_TEXT_FEATURES, KeyFiguresBlock
from home.choices import OrganisationType
from home.images import prefetch_renditions
from home.localization import localized_many
from home.models import BasePage, text_fields
from home.ordering import newest_first

from .blocks import ApproachBlock


class Partner(TranslatableMixin, models.Model):
    """An organisation that works with the hub: shown on programme pages and on the hub."""

    # The hub lists every partner: its live pages change with a partner (editorial/shared_items.py).
    listed_on = ("home.HomePage",)

    # The site's one list of organisation types; partners are of these kinds.
    Kind = OrganisationType
    KIND_CHOICES = OrganisationType.subset(
        Kind.MUNICIPALITY, Kind.COMPANY, Kind.EXISTING_ORGANISATION, Kind.SOCIAL_ENTERPRISE, Kind.INITIATIVE
    )

    name = models.CharField(
        max_length=120, verbose_name=_("name"), help_text=_("The organisation's name as it wants to be shown.")
    )
    kind = models.CharField(
        max_length=30,
        choices=KIND_CHOICES,
        verbose_name=_("kind"),
        help_text=_("Partners are grouped by kind on the hub."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("Optional. Without a logo the name is shown. The name is used as the alt text."),
    )
    website = models.URLField(blank=True, verbose_name=_("website"), help_text=_("Optional, starting with https://."))
    description = models.CharField(
        max_length=160,
        blank=True,
        verbose_name=_("one-line description"),
        help_text=_("What this partner does with the hub, in one sentence."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]

    KIND_PLURALS = {
        Kind.MUNICIPALITY: _("Municipalities"),
        Kind.COMPANY: _("Companies"),
        Kind.EXISTING_ORGANISATION: _("Existing organisations"),
        Kind.SOCIAL_ENTERPRISE: _("Social enterprises"),
        Kind.INITIATIVE: _("Initiatives"),
    }

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProgrammePageQuerySet(PageQuerySet):
    def running_first(self):
        """Running programmes first, then the most recent, then by title."""
        is_finished = Case(When(status="finished", then=Value(1)), default=Value(0), output_field=IntegerField())
        return self.annotate(is_finished_order=is_finished).order_by(
            "is_finished_order", F("start_year").desc(nulls_last=True), "title"
        )


class ProgrammeIndexPage(BasePage):
    """Lists the programmes, running ones first."""

    page_description = _("The overview of the programmes. One per language.")
    search_group = "programme"

    content_panels = BasePage.content_panels + [FieldPanel("lead")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["programmes.ProgrammePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme overview")

    def programmes(self):
        return ProgrammePage.objects.child_of(self).live().running_first().select_related("image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programmes = list(self.programmes())
        prefetch_renditions([programme.image for programme in programmes], "card")
        context["programmes"] = programmes
        return context


class ProgrammePage(BasePage):
    """One programme: the problem, the approach, figures, partners and the cases that came out of it."""

    page_description = _("One programme: the problem, the approach, figures and partners.")
    search_group = "programme"

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.RUNNING,
        verbose_name=_("status"),
        help_text=_("Running programmes are listed first and shown on the hub."),
    )
    start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("start year"), help_text=_("Optional, for example 2016.")
    )
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("end year"), help_text=_("Only for a finished programme.")
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
    problem = RichTextField(
        features=INLINE_RICH_TEXT_FEATURES,
        blank=True,
        verbose_name=_("the problem it tackles"),
        help_text=_("Which social question this programme answers, and for whom."),
    )
    approach = StreamField(
        ApproachBlock(),
        blank=True,
        verbose_name=_("approach"),
        help_text=_("How the programme works: text, steps, images and quotes."),
    )
    key_figures = StreamField(
        [("key_figures", KeyFiguresBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("key figures"),
        help_text=_("Up to six numbers that show what the programme achieved."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("lead", heading=_("Summary")),
        MultiFieldPanel(
            [FieldPanel("status"), FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")])],
            heading=_("Status and period"),
        ),
        FieldPanel("image"),
        FieldPanel("problem"),
        FieldPanel("approach"),
        FieldPanel("key_figures"),
        InlinePanel("partner_links", label=_("Partners"), heading=_("Partners")),
    ]
    search_fields = BasePage.search_fields + text_fields("problem", "approach")
    route_select_related = ("image",)
    parent_page_types = ["programmes.ProgrammeIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(ProgrammePageQuerySet)()

    class Meta:
        verbose_name = _("programme")

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})
        if self.status == self.Status.RUNNING and self.end_year:
            raise ValidationError({"end_year": _("A running programme has no end year yet.")})

    @property
    def is_finished(self):
        return self.status == self.Status.FINISHED

    @property
    def period(self):
        """The years as visitors read them: "2016–2018", "since 2016", or nothing."""
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}"
        if self.start_year:
            return gettext("since %(year)s") % {"year": self.start_year}
        return ""

    def partners(self):
        """The partners in the visitor's language, in the editor's order."""
        links = self.partner_links.select_related("partner", "partner__logo")
        partners = localized_many(link.partner for link in links)
        prefetch_renditions([partner.logo for partner in partners], "logo")
        return partners

    def cases(self):
        """Live case pages in this page's language that name this programme (in any language).

        Cases link to programmes with a synchronised inline, so both language
        versions of a case point at the same (source) programme page; the
        match therefore goes through the programme's translation key.
        """
        case_ids = ProgrammePage.objects.filter(translation_key=self.translation_key).values("case_links__page")
        # The case page model, reached through the links (this app does not import cases): one query.
        case_model = ProgrammePage.case_links.rel.related_model._meta.get_field("page").related_model
        return newest_first(case_model.objects.live().filter(pk__in=case_ids, locale_id=self.locale_id))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = self.partners()
        context["cases"] = list(self.cases())
        return context


class ProgrammePartner(Orderable):
    """A partner on a programme page.

    Not translatable on purpose: wagtail-localize copies these links to the
    translation, so the partner list stays the same in both languages, and the
    page shows each partner in the visitor's language.
    """

    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="partner_links")
    partner = models.ForeignKey(
        Partner,
        on_delete=models.CASCADE,
        related_name="programme_links",
        verbose_name=_("partner"),
        help_text=_("Choose the partner in the page's own language; the translation follows."),
    )

    panels = [FieldPanel("partner")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
