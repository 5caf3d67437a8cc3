import functools

from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, TranslatableMixin, get_page_models
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from . import localization, privacy
from .blocks import INLINE_RICH_TEXT_FEATURES, BodyBlock, KnownIssueBlock, ProcessingBlock, ProcessorBlock
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

    # What the site search and the <head> (search/) need to know of a page type, declared on its class
    # so that no app keeps a table of other apps' models.
    search_group = "page"  # the group its search results are listed under (search.query.GROUPS)
    og_type = "website"  # Open Graph type of its link previews
    shows_organisation = False  # its JSON-LD carries the organisation with its contact details
    # It asks for consent to the privacy statement chosen in Site settings, so that statement may not go
    # offline while a live page of this type exists (editorial.guards).
    needs_privacy_statement = False

    def structured_data(self, request, url, image):
        """A schema.org node about this page for the JSON-LD graph (``url``, ``image``: absolute), or None."""
        return None

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
    parent_page_types = ["home.HomePage", "home.StandardPage", "home.LocationPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class StatementPage(BasePage):
    """What the accessibility and privacy statements share: a date, extra blocks, one per language home."""

    statement_date = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("date of this statement"),
        help_text=_("Leave empty to show the date the page was last published."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("more text"),
        help_text=_("Optional: shown after the parts of the model statement."),
    )

    search_fields = BasePage.search_fields + text_fields("body")
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True

    @property
    def shown_date(self):
        if self.statement_date:
            return self.statement_date
        # The day in Utrecht: a statement published at 00:30 there was published that day, not the day before (UTC).
        return timezone.localdate(self.last_published_at) if self.last_published_at else None


class AccessibilityStatementPage(StatementPage):
    """The accessibility statement in the Dutch model's parts (digitoegankelijk.nl).

    Organisation, scope, compliance status, the last audit (date, by whom, method, report),
    known issues with their plan, the feedback route and the complaint route. The
    organisation's name and the contact route come from Site settings.
    """

    class Status(models.TextChoices):
        # The compliance statuses of the Dutch model statement.
        A = "A", _("A: fully compliant")
        B = "B", _("B: partially compliant")
        C = "C", _("C: first measures taken")
        D = "D", _("D: first measures not yet taken")
        E = "E", _("E: not compliant")

    class CheckKind(models.TextChoices):
        SELF = "self", _("our own audit")
        EXTERNAL = "external", _("an external audit")

    page_description = _("The accessibility statement, in the parts of the Dutch model statement. One per language.")

    scope = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("scope"),
        help_text=_("Which websites or apps the statement covers. Leave empty for this website's address."),
    )
    status = models.CharField(
        max_length=1,
        choices=Status.choices,
        blank=True,
        verbose_name=_("compliance status"),
        help_text=_("The status of the Dutch model statement. Leave empty until an audit has set it."),
    )
    last_check_date = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("date of the last audit"),
        help_text=_("When the site was last audited against WCAG 2.2 level AA. Leave empty if it never was."),
    )
    check_kind = models.CharField(
        max_length=10,
        choices=CheckKind.choices,
        blank=True,
        verbose_name=_("audit by"),
        help_text=_("Whether the hub audited the site itself or had it audited."),
    )
    checked_by = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("auditor"),
        help_text=_("The organisation that did the audit, for an external audit."),
    )
    method = RichTextField(
        features=INLINE_RICH_TEXT_FEATURES,
        blank=True,
        verbose_name=_("method"),
        help_text=_("How the site is checked: the standard, the method (for example WCAG-EM) and the tools."),
    )
    report_url = models.URLField(
        blank=True,
        verbose_name=_("audit report"),
        help_text=_("Optional: the address of the audit report."),
    )
    known_issues = StreamField(
        [("issue", KnownIssueBlock())],
        blank=True,
        verbose_name=_("known issues"),
        help_text=_("Every known problem with its cause or impact, what you will do about it and when."),
    )

    override_translatable_fields = [SynchronizedField("report_url"), SynchronizedField("scope")]
    content_panels = BasePage.content_panels + [
        guidance(
            _(
                "The page follows the Dutch model statement: the statement, the status, the audit, the "
                "known issues, feedback and complaints. The organisation's name, e-mail address and phone "
                "number come from Settings → Site settings."
            ),
        ),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("scope"), FieldPanel("status"), FieldPanel("statement_date")], heading=_("The statement")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("last_check_date"), FieldPanel("check_kind")]),
                FieldPanel("checked_by"),
                FieldPanel("method"),
                FieldPanel("report_url"),
            ],
            heading=_("The audit"),
        ),
        FieldPanel("known_issues"),
        FieldPanel("body"),
    ]
    search_fields = StatementPage.search_fields + text_fields("method", "known_issues")

    class Meta:
        verbose_name = _("accessibility statement")


class PrivacyStatementPage(StatementPage):
    """The privacy statement: who is responsible, what is kept, why, on which legal basis and how long.

    The controller's identity comes from Site settings. What the site's own forms keep
    comes from the forms themselves (``home.privacy``: each app declares its personal data
    and reads its retention from the settings), so the page always says what the code does.
    Editors add what the code does not know: other processing and the processors.
    """

    page_description = _(
        "The privacy statement: who is responsible, what is kept, why and how long. One per language."
    )

    other_processing = StreamField(
        [("processing", ProcessingBlock())],
        blank=True,
        verbose_name=_("other personal data"),
        help_text=_(
            "Personal data the hub keeps outside this site's forms. The forms' own data, purposes and "
            "retention appear by themselves."
        ),
    )
    processors = StreamField(
        [("processor", ProcessorBlock())],
        blank=True,
        verbose_name=_("processors"),
        help_text=_("The companies that process personal data for the hub, such as hosting and e-mail."),
    )

    content_panels = BasePage.content_panels + [
        guidance(
            _(
                "Who is responsible (name, KvK number, address) comes from Settings → Site settings. What the "
                "site's forms keep, why and how long comes from the forms and their retention settings; "
                "add other personal data and the processors here."
            ),
        ),
        FieldPanel("lead"),
        FieldPanel("statement_date"),
        FieldPanel("other_processing"),
        FieldPanel("processors"),
        FieldPanel("body"),
    ]
    search_fields = StatementPage.search_fields + text_fields("other_processing", "processors")

    class Meta:
        verbose_name = _("privacy statement")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["personal_data"] = privacy.personal_data()
        return context


class ContactPage(BasePage):
    """How to reach the hub: the details from Site settings, the locations, the team and the intake form."""

    page_description = _("How to reach us: address, phone, e-mail, the team and the question form. One per language.")
    shows_organisation = True

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("more text"),
        help_text=_("Optional: shown below the contact details."),
    )

    content_panels = BasePage.content_panels + [
        guidance(
            _(
                "Address, phone, e-mail, KvK number and the reply time come from Settings → Site settings; "
                "the locations and the team from Snippets. The page shows only what is filled in, and always "
                "the way to the question form."
            ),
        ),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + text_fields("body")
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")


class LocationPage(BasePage):
    """The hub's locations: what each is, its address, opening hours, accessibility, route and map link."""

    page_description = _("Our locations: address, opening hours, accessibility and route. One per language.")
    shows_organisation = True

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("more text"),
        help_text=_("Optional: shown below the locations, for example a room request box."),
    )

    content_panels = BasePage.content_panels + [
        guidance(
            _(
                "Each location comes from Snippets → Locations; the page shows the details that are filled "
                "in there. Use this field for what comes after them."
            ),
        ),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + text_fields("body")
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]  # more about one location, for example
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("location page")


@register_snippet
class Location(TranslatableMixin, models.Model):
    """A building of the hub. The first one (lowest order) with an address is the visiting address.

    Only what editors fill in is shown: the footer, the contact and location pages and the
    structured data leave out every empty field.
    """

    name = models.CharField(
        max_length=120, verbose_name=_("name"), help_text=_("For example 'Our building' or 'Aan de Gracht'.")
    )
    description = models.TextField(
        blank=True,
        verbose_name=_("description"),
        help_text=_("What visitors find there, in a sentence or two."),
    )
    street_address = models.CharField(
        max_length=120, blank=True, verbose_name=_("street and number"), help_text=_("The visiting address.")
    )
    postal_code = models.CharField(
        max_length=10, blank=True, verbose_name=_("postal code"), help_text=_("For example 3511 AB.")
    )
    city = models.CharField(max_length=60, blank=True, verbose_name=_("city"), help_text=_("For example Utrecht."))
    opening_hours = models.TextField(
        blank=True,
        verbose_name=_("opening hours"),
        help_text=_("One line per group of days, for example 'Monday to Friday 9:00 to 17:00'."),
    )
    accessibility = models.TextField(
        blank=True,
        verbose_name=_("accessibility of the building"),
        help_text=_("Step-free entrance, lift, accessible toilet, hearing loop: what there is and what there is not."),
    )
    route = models.TextField(
        blank=True,
        verbose_name=_("route"),
        help_text=_("How to get there by public transport, bike and car, and where to park."),
    )
    map_url = models.URLField(
        blank=True,
        verbose_name=_("map link"),
        help_text=_(
            "The address of the location on a map, for example on OpenStreetMap. Shown as a link: "
            "the site embeds no maps of others."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("order"), help_text=_("Lower numbers first. The first location is the main one.")
    )

    override_translatable_fields = [
        SynchronizedField("street_address", overridable=False),
        SynchronizedField("postal_code", overridable=False),
        SynchronizedField("city"),
        SynchronizedField("map_url", overridable=False),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("street_address"), FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")])],
            heading=_("Visiting address"),
        ),
        FieldPanel("opening_hours"),
        FieldPanel("accessibility"),
        FieldPanel("route"),
        FieldPanel("map_url"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name

    @property
    def has_address(self):
        return bool(self.street_address or self.city)

    @property
    def has_visitor_details(self):
        return bool(self.has_address or self.opening_hours or self.accessibility or self.route or self.map_url)


@register_snippet
class Person(TranslatableMixin, models.Model):
    """Someone of the team, shown on the contact page with photo, role and how to reach them."""

    name = models.CharField(max_length=120, verbose_name=_("name"), help_text=_("First and last name."))
    role = models.CharField(
        max_length=120, verbose_name=_("role"), help_text=_("For example 'Programme manager Buy Social'.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("Optional: a portrait the person agreed to publish."),
    )
    email = models.EmailField(
        blank=True, verbose_name=_("e-mail address"), help_text=_("Optional: the address visitors may write to.")
    )
    phone = models.CharField(
        max_length=30, blank=True, verbose_name=_("phone number"), help_text=_("Optional: for example 030 123 45 67.")
    )
    sort_order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"), help_text=_("Lower first."))

    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("photo", overridable=False),
        SynchronizedField("email", overridable=False),
        SynchronizedField("phone", overridable=False),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team")

    def __str__(self):
        return self.name


kvk_number_validator = RegexValidator(r"^\d{8}$", _("A KvK number has 8 digits."))


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The organisation's details and the pages the layout links to on every page.

    Only what editors fill in is shown. Pages are chosen in Dutch; the layout shows their
    translation in the visitor's language. Visiting addresses live with each location
    (Snippets → Locations).
    """

    legal_name = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("legal name"),
        help_text=_("The name in the trade register, for example 'Stichting Social Impact Factory'."),
    )
    kvk_number = models.CharField(
        max_length=8,
        blank=True,
        validators=[kvk_number_validator],
        verbose_name=_("KvK number"),
        help_text=_("The 8-digit number in the Dutch trade register (Kamer van Koophandel)."),
    )
    email = models.EmailField(
        blank=True, verbose_name=_("e-mail address"), help_text=_("The general address shown in the footer.")
    )
    phone = models.CharField(
        max_length=30, blank=True, verbose_name=_("phone number"), help_text=_("For example 030 123 45 67.")
    )
    reply_working_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name=_("reply within (working days)"),
        help_text=_(
            "How many working days the hub takes at most to answer a question. Shown with the contact "
            "details and the forms; leave empty to promise nothing."
        ),
    )
    postal_address = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("postal address"),
        help_text=_("Street and number or PO box, when post goes elsewhere than the visiting address."),
    )
    postal_postal_code = models.CharField(
        max_length=10,
        blank=True,
        verbose_name=_("postal code (post)"),
        help_text=_("The postal code of the postal address."),
    )
    postal_city = models.CharField(
        max_length=60, blank=True, verbose_name=_("city (post)"), help_text=_("The city of the postal address.")
    )
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
    contact_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact page"),
        help_text=_("Linked in the footer of every page and wherever the site asks visitors to get in touch."),
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
        MultiFieldPanel([FieldPanel("legal_name"), FieldPanel("kvk_number")], heading=_("Organisation")),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("reply_working_days")],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("postal_address"),
                FieldRowPanel([FieldPanel("postal_postal_code"), FieldPanel("postal_city")]),
            ],
            heading=_("Postal address"),
        ),
        MultiFieldPanel([FieldPanel("linkedin_url"), FieldPanel("instagram_url")], heading=_("Social media")),
        MultiFieldPanel(
            [
                FieldPanel("intake_page"),
                FieldPanel("contact_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Pages linked on every page"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def has_postal_address(self):
        return bool(self.postal_address or self.postal_city)
