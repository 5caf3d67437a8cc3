import functools

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, get_page_models
from wagtail.search import index
from wagtail.url_routing import RouteResult

from . import localization
from .blocks import BodyBlock
from .hub import hub_sections

GUIDANCE_HEADING = _("How to fill in this page")


def guidance(*paragraphs, heading=GUIDANCE_HEADING):
    """A help panel of plain-text paragraphs, translated when the editor opens the form."""
    return HelpPanel(content=_Paragraphs(paragraphs), heading=heading, classname="help-block help-info")


class _Paragraphs:
    def __init__(self, paragraphs):
        self.paragraphs = paragraphs

    def __str__(self):
        return format_html_join("", "<p>{}</p>", ((str(text),) for text in self.paragraphs))


_LANGUAGE_CODES = {}


def language_code(locale_id):
    """A locale's language code without a query per page: locales are created once and never change code."""
    if locale_id not in _LANGUAGE_CODES:
        _LANGUAGE_CODES.update(Locale.objects.values_list("pk", "language_code"))
    return _LANGUAGE_CODES.get(locale_id, "")


def text_fields(*names):
    """Search fields for text: site search (SearchField) and the admin's page search (AutocompleteField).

    The admin's page search uses autocomplete, which sees only autocomplete fields: without them it
    matched page titles only, and a word from a page's text (or a client's name) found nothing.
    """
    return [field for name in names for field in (index.SearchField(name), index.AutocompleteField(name))]


class BasePage(Page):
    """Fields every public page shares: a lead paragraph under the title."""

    lead = models.TextField(
        blank=True,
        verbose_name=_("lead"),
        help_text=_("One or two sentences under the title. Also used as the summary in search results."),
    )

    search_fields = Page.search_fields + text_fields("lead")

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.lead

    def get_admin_display_title(self):
        """The title with its language, e.g. "Buy Social (EN)": choosers, listings and e-mails tell the two apart.

        Wagtail's documented place for "extra contextual information about the page, such as
        language". Public pages use ``title`` and never show this.
        """
        return f"{super().get_admin_display_title()} ({language_code(self.locale_id).upper()})"

    # Related objects fetched with the page when HomePage.route finds it (one query instead of one per use).
    route_select_related = ()
    # The query parameters the page reads: the page cache keeps one copy per value of these and
    # serves a request with any other parameter from the copy without it (ops/page_cache.py).
    cache_query_params = ()

    def get_context(self, request, *args, **kwargs):
        """Wagtail's context; the pages the layout links to around this one come in one query (home.localization)."""
        localization.prefetch(request, self)
        return super().get_context(request, *args, **kwargs)


@functools.cache
def _every_page_type_routes_by_slug():
    """True when only HomePage changes Wagtail's routing: then a path always names one page by its URL path."""
    return all(model.route is Page.route for model in get_page_models() if not issubclass(model, HomePage))


class HomePage(BasePage):
    """The hub: what Social Impact Factory is, with sections other apps add."""

    page_description = _("The start page of one language. There is one per language; you do not make a new one.")

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Shown under the introduction. Programmes, cases and partners follow automatically."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = BasePage.search_fields + text_fields("body")
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 2

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hub_sections"] = hub_sections(request, self)
        return context

    def route(self, request, path_components):
        """The page at ``path_components`` below this home page, found by its URL path.

        Wagtail's ``Page.route`` walks down one level at a time, two queries per level (the child
        by slug, then its specific page). Every page keeps its full URL path (``url_path``, Wagtail's
        natural key for pages, updated on every slug change and move), so the page is found in
        two queries at any depth, with what its type lists in ``route_select_related``. As in
        Wagtail, a page that is not live gives a 404. A page type that routes its own sub-paths
        (overrides ``route``) turns this off for the whole tree.
        """
        if not path_components or not _every_page_type_routes_by_slug():
            return super().route(request, path_components)
        url_path = f"{self.url_path}{'/'.join(path_components)}/"
        found = (
            Page.objects.filter(url_path=url_path, path__startswith=self.path)
            .values_list("pk", "content_type_id")
            .first()
        )
        model = found and ContentType.objects.get_for_id(found[1]).model_class()
        if model is None:
            raise Http404
        related = ("locale", *getattr(model, "route_select_related", ()))
        page = model._default_manager.select_related(*related).get(pk=found[0])
        if not page.live:
            raise Http404
        return RouteResult(page)


class StandardPage(BasePage):
    """About us, location, privacy and accessibility statements, and the like."""

    page_description = _("A page of text and blocks: about us, location, privacy statement and the like.")

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The content of the page, built from blocks. Start sections with a heading block."),
    )

    content_panels = BasePage.content_panels + [
        guidance(
            _(
                "Start every section with a Heading block (h2); the page title is the only h1. "
                "Every image needs alt text, or tick 'decorative' when it adds nothing."
            ),
            _(
                "Editors submit the page for review; a moderator publishes it. "
                "The English page is made with Translate once the Dutch page is approved."
            ),
        ),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + text_fields("body")
    # Inside a language tree only: at the Wagtail root a page has no language home and no address.
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and the pages the layout links to on every page.

    Pages are chosen in Dutch; the layout shows their translation in the
    visitor's language.
    """

    email = models.EmailField(
        blank=True, verbose_name=_("e-mail address"), help_text=_("The general address shown in the footer.")
    )
    phone = models.CharField(
        max_length=30, blank=True, verbose_name=_("phone number"), help_text=_("For example 030 123 45 67.")
    )
    street_address = models.CharField(
        max_length=120, blank=True, verbose_name=_("street and number"), help_text=_("Shown in the footer.")
    )
    postal_code = models.CharField(
        max_length=10, blank=True, verbose_name=_("postal code"), help_text=_("For example 3511 AB.")
    )
    city = models.CharField(max_length=60, blank=True, verbose_name=_("city"), help_text=_("For example Utrecht."))
    linkedin_url = models.URLField(
        blank=True, verbose_name=_("LinkedIn"), help_text=_("The full address of the LinkedIn page.")
    )
    instagram_url = models.URLField(
        blank=True, verbose_name=_("Instagram"), help_text=_("The full address of the Instagram account.")
    )
    intake_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("page for the call to action"),
        help_text=_("Where 'Put your question to us' leads. Choose the Dutch page; leave empty to hide the button."),
    )
    privacy_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy statement"),
        help_text=_("Linked in the footer and from the intake form. Choose the Dutch page."),
    )
    accessibility_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement"),
        help_text=_("Linked in the footer. Choose the Dutch page."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel([FieldPanel("linkedin_url"), FieldPanel("instagram_url")], heading=_("Social media")),
        MultiFieldPanel(
            [FieldPanel("intake_page"), FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading=_("Pages linked on every page"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
