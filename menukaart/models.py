"""The menukaart: a public menu of products and services, and the services themselves.

Audience and form are code-defined choices, not snippets: the set is fixed
by how the hub works, the labels are translated with the rest of the
interface, and the values in filter URLs (``?audience=company``) are the same
in Dutch and English. The audiences are organisation types
(``home.choices.OrganisationType``), spelt as everywhere else.

The menu page handles its own request (filters and package, read from the
query string); ``menu.py`` holds the helpers it uses and imports no models.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin

from cases.models import CaseService
from home.blocks import BodyBlock
from home.choices import OrganisationType
from home.filters import query_string
from home.localization import ancestors, localized_many
from home.models import BasePage, text_fields
from home.ordering import newest_first
from search import seo

from .fields import MultipleChoiceField
from .menu import Package, choice, group_by_category, intake_base_url, package_status, service_keys
from .prices import PriceKind, format_price, price_language

# Whom a service is for: the organisation types the menu filters on.
AUDIENCES = OrganisationType.subset(
    OrganisationType.MUNICIPALITY,
    OrganisationType.COMPANY,
    OrganisationType.SOCIAL_ENTERPRISE,
    OrganisationType.INITIATIVE,
)
# Audience values as old menu addresses spelt them, and their spelling now.
LEGACY_AUDIENCES = {"social-enterprise": OrganisationType.SOCIAL_ENTERPRISE.value}


class ServiceForm(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    PROGRAMME = "programme", _("Programme")
    CHALLENGE = "challenge", _("Challenge")
    ROOM_HIRE = "room-hire", _("Room hire")
    MEMBERSHIP = "membership", _("Membership")
    IMPACT_MEASUREMENT = "impact-measurement", _("Impact measurement")


class ServiceCategory(TranslatableMixin, Orderable, models.Model):
    """A group on the menu, such as transformeren, versnellen, incuberen."""

    name = models.CharField(
        max_length=80,
        verbose_name=_("name"),
        help_text=_("A heading on the menu, for example 'Versnellen'."),
    )
    description = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("description"),
        help_text=_("One sentence under the heading: what the services in this group do."),
    )

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def __str__(self):
        return self.name


class MenukaartPage(BasePage):
    """The whole menu, grouped by category, with filters and the package composer."""

    page_description = _("The menu of products and services, grouped by category. One per language.")
    search_group = "service"

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("text under the menu"),
        help_text=_("Optional: more about working with us, shown below the menu."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = BasePage.search_fields + text_fields("body")
    parent_page_types = ["home.HomePage"]
    subpage_types = ["menukaart.ServicePage"]
    max_count_per_parent = 1
    # The language switcher keeps ?service=...&audience=... so the package survives the switch.
    preserve_query_on_language_switch = True
    cache_query_params = ("service", "audience", "form")

    class Meta:
        verbose_name = _("menukaart (service menu)")

    def serve(self, request, *args, **kwargs):
        legacy = LEGACY_AUDIENCES.get(request.GET.get("audience"))
        if legacy:
            # A bookmarked or shared old address: the same menu under the audience's current spelling.
            params = request.GET.copy()
            params["audience"] = legacy
            return HttpResponsePermanentRedirect(f"{request.path}?{params.urlencode()}")
        return super().serve(request, *args, **kwargs)

    def services(self):
        """Every live service on the menu, in menu order, in one query."""
        return list(
            ServicePage.objects.child_of(self)
            .live()
            .public()
            .select_related("category")
            .order_by("category__sort_order", "category__pk", "path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        audience = choice(request.GET.get("audience", ""), AUDIENCES)
        form = choice(request.GET.get("form", ""), ServiceForm.choices)
        services = self.services()
        asked = set(service_keys(request.GET.getlist("service")))
        # In menu order, as the summary lists them; ids of anything else are dropped.
        package = Package([service for service in services if service.package_key in asked])
        keys = package.keys

        shown = [
            service
            for service in services
            if (not audience or audience in service.audiences) and (not form or service.service_form == form)
        ]
        shown_keys = {service.package_key for service in shown}
        for service in services:
            service.is_chosen = service.package_key in keys
            # Without JavaScript, "remove" is a link to this page without the service.
            others = [key for key in keys if key != service.package_key]
            service.remove_query = query_string({"audience": audience, "form": form, "service": others})
        intake = intake_base_url(request)
        context.update(
            {
                "filters": {"audience": audience, "form": form},
                "audience_choices": AUDIENCES,
                "form_choices": ServiceForm.choices,
                "is_filtered": bool(audience or form),
                "groups": group_by_category(shown),
                "all_services": services,
                "shown_count": len(shown),
                "package": package,
                "package_status": package_status(len(package.services)),
                "menu_has_prices": any(service.is_priced for service in services),
                "chosen_out_of_view": [
                    service for service in package.services if service.package_key not in shown_keys
                ],
                "clear_filters_query": query_string({"service": keys}),
                # "Send with my question": the intake target with the package in the URL.
                "intake_url": intake + query_string({"service": keys}) if intake else None,
                "intake_base_url": intake,
                # What menukaart.js needs to write the summary the way the server does.
                "script_texts": {
                    "price-language": price_language(),
                    "from-pattern": pgettext("price", "from %(amount)s") % {"amount": "{amount}"},
                    "status-empty": package_status(0),
                    "status-one": package_status(1, "{count}"),
                    "status-other": package_status(2, "{count}"),
                    "price-on-request": pgettext("price", "price on request"),
                },
            }
        )
        return context


class ServicePage(BasePage):
    """One product or service on the menu."""

    page_description = _("One product or service on the menu, with its price.")
    search_group = "service"

    summary = models.CharField(
        max_length=160,
        verbose_name=_("one-line summary"),
        help_text=_("Shown on the menu under the title. One sentence."),
    )
    category = models.ForeignKey(
        ServiceCategory,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("category"),
        help_text=_("The group on the menu this service belongs to."),
    )
    audiences = MultipleChoiceField(
        options=AUDIENCES,
        verbose_name=_("for whom"),
        help_text=_("Tick everyone this service is meant for; the menu filters on this."),
    )
    service_form = models.CharField(
        max_length=20,
        choices=ServiceForm.choices,
        verbose_name=_("form"),
        help_text=_("What kind of service this is; the menu filters on this."),
    )
    duration = models.CharField(
        max_length=80,
        blank=True,
        verbose_name=_("duration"),
        help_text=_("For example 'Two half-days' or 'About six months'. Leave empty when it is not known."),
    )
    price_kind = models.CharField(
        max_length=12,
        choices=PriceKind.choices,
        default=PriceKind.ON_REQUEST,
        verbose_name=_("price"),
        help_text=_("A fixed price, a starting price ('from'), or on request."),
    )
    price_amount = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("amount in euro, excluding VAT"),
        help_text=_("Whole euros without VAT. Leave empty when the price is on request."),
    )
    price_unit = models.CharField(
        max_length=40,
        blank=True,
        verbose_name=_("price per"),
        help_text=_("Optional, for example 'per half-day' or 'per year'."),
    )
    audience_text = models.TextField(
        blank=True,
        verbose_name=_("who it is for"),
        help_text=_("A few sentences on which organisations benefit most, and when."),
    )
    deliverables = StreamField(
        [
            (
                "deliverable",
                blocks.CharBlock(
                    max_length=200,
                    label=_("What the partner gets"),
                    help_text=_("One result or product per item."),
                ),
            )
        ],
        blank=True,
        verbose_name=_("what the partner gets"),
        help_text=_("A list of what the partner takes away."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("how it runs"),
        help_text=_("The course of the service: use a 'Steps or phases' block for the steps."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("audiences"),
                FieldPanel("service_form"),
                FieldPanel("duration"),
            ],
            heading=_("On the menu"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("price_kind"), FieldPanel("price_amount")]), FieldPanel("price_unit")],
            heading=_("Price"),
        ),
        FieldPanel("audience_text"),
        FieldPanel("deliverables"),
        FieldPanel("body"),
        InlinePanel("programme_links", heading=_("Related programmes"), label=_("programme")),
    ]
    search_fields = BasePage.search_fields + text_fields("summary", "audience_text", "body")
    parent_page_types = ["menukaart.MenukaartPage"]
    subpage_types = []

    route_select_related = ("category",)

    class Meta:
        verbose_name = _("service")

    def clean(self):
        super().clean()
        if self.price_kind == PriceKind.ON_REQUEST:
            if self.price_amount is not None:
                raise ValidationError({"price_amount": _("Leave the amount empty when the price is on request.")})
        elif self.price_amount is None:
            raise ValidationError({"price_amount": _("Give the amount, or choose 'On request'.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        this_service = query_string({"service": [self.package_key]})
        intake = intake_base_url(request)
        context["intake_url"] = intake + this_service if intake else None
        menu = ancestors(request, self)[-1]  # the parent, from the breadcrumbs' lookup
        context["add_to_package_url"] = menu.get_url(request) + this_service + "#package"
        return context

    def structured_data(self, request, url, image):
        """A Service with its offer: the price (without VAT) or "on request"."""
        offer = {"@type": "Offer", "url": url, "priceCurrency": "EUR", "availability": "https://schema.org/InStock"}
        amount = self.price_amount
        if self.price_kind == PriceKind.ON_REQUEST or amount is None:
            offer["description"] = pgettext("price", "on request")
        else:
            specification = {"@type": "UnitPriceSpecification", "priceCurrency": "EUR", "valueAddedTaxIncluded": False}
            specification["minPrice" if self.price_kind == PriceKind.FROM else "price"] = amount
            if self.price_unit:
                specification["unitText"] = self.price_unit
            offer["price"] = amount
            offer["priceSpecification"] = specification
        return {
            "@type": "Service",
            "name": self.title,
            "description": self.summary or self.meta_description,
            "url": url,
            "image": image,
            "inLanguage": self.locale.language_code,
            "provider": seo.organisation_ref(request),
            "offers": offer,
        }

    def related_programmes(self):
        """The linked programmes, live, in the visitor's language."""
        return localized_pages([link.programme for link in self.programme_links.select_related("programme")])

    def cases(self):
        """Live cases in this page's language that list this service (in any language) as used."""
        used_in = CaseService.objects.filter(service__translation_key=self.translation_key).values(
            "page__translation_key"
        )
        pages = Page.objects.live().public().filter(locale_id=self.locale_id, translation_key__in=used_in)
        return list(newest_first(pages))

    @property
    def package_key(self):
        """How the composer and the intake form name this service: the same in every language."""
        return str(self.translation_key)

    @property
    def price_label(self):
        return format_price(self.price_kind, self.price_amount)

    @property
    def is_priced(self):
        return self.price_kind != PriceKind.ON_REQUEST and self.price_amount is not None

    @property
    def audience_labels(self):
        labels = dict(AUDIENCES)
        return [labels[value] for value in self.audiences if value in labels]


class ServiceProgramme(Orderable):
    """A programme a service belongs to or builds on. Synchronised to the translation."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="programme_links")
    programme = models.ForeignKey(
        "programmes.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="service_links",
        verbose_name=_("programme"),
        help_text=_("The programme this service belongs to or builds on."),
    )

    panels = [FieldPanel("programme")]

    class Meta(Orderable.Meta):
        verbose_name = _("programme")
        verbose_name_plural = _("related programmes")


def localized_pages(pages):
    """Live ``pages`` in the visitor's language (links are synchronised, so English pages point at Dutch ones)."""
    return [page for page in localized_many(page for page in pages if page is not None) if page.live]
