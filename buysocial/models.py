"""The Buy Social directory: social enterprises a buyer can find, filter and ask quotes from.

``BuySocialPage`` is the finder (one per language, under the hub's home page);
each enterprise is a ``SocialEnterprisePage`` below it, translated with
wagtail-localize like every page. Categories, regions, impact models and the
social return schemes are code-defined choices (``choices.py``): their values
in filter URLs are the same in both languages. The finder's request handling
(filters, search, counts) reads the query string with ``finder.py``; quote
requests go to the intake form (``quotes.py``), never to an enterprise's mailbox.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable

from home.blocks import BodyBlock
from home.localization import ancestors, localized_many
from home.models import BasePage, guidance, text_fields
from intake.submissions import Submission, Topic
from menukaart.fields import MultipleChoiceField

from . import finder, outcomes, quotes
from .choices import SDGS, ImpactModel, Region, SocialReturnScheme, SupplyCategory

SROI_CHOICES = [("yes", _("Counts towards social return"))]


def _social_return(enterprise):
    return ["yes"] if enterprise.counts_for_social_return else []


def _facets():
    return [
        finder.Facet("category", _("What they supply"), SupplyCategory.choices, lambda e: e.categories),
        finder.Facet("region", _("Region"), Region.choices, lambda e: [e.region] if e.region else []),
        finder.Facet("impact", _("Impact"), ImpactModel.choices, lambda e: [e.impact_model] if e.impact_model else []),
        finder.Facet("sroi", _("Social return"), SROI_CHOICES, _social_return),
    ]


class BuySocialPage(BasePage):
    """The directory of social enterprises, with the finder (filters and search) and the quote request."""

    page_description = _(
        "The directory of social enterprises buyers can search and ask quotes from. One per language."
    )

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("text under the directory"),
        help_text=_("Optional: more about buying socially, shown below the list."),
    )

    content_panels = BasePage.content_panels + [
        guidance(
            _("Each social enterprise is a page below this one. The filters show only the values enterprises have."),
            _("Quote requests reach the intake team as questions with the topic 'Buy Social'."),
        ),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + text_fields("body")
    parent_page_types = ["home.HomePage"]
    subpage_types = ["buysocial.SocialEnterprisePage"]
    max_count_per_parent = 1
    # The filter values are the same in both languages: the language switch keeps them.
    preserve_query_on_language_switch = True
    # ?format=csv and ?format=json give the buyers' figures as open data.
    cache_query_params = (*finder.PARAMS, "format")

    class Meta:
        verbose_name = _("Buy Social directory")

    def serve(self, request, *args, **kwargs):
        data_format = request.GET.get("format")
        if data_format in outcomes.FORMATS:
            return self.serve_totals(request, data_format)
        return super().serve(request, *args, **kwargs)

    def serve_totals(self, request, data_format):
        """The totals per year as CSV or JSON, under CC BY 4.0 (the Link header names the licence)."""
        totals = self.totals()
        if data_format == "csv":
            response = HttpResponse(outcomes.as_csv(totals), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'inline; filename="buy-social-totals.csv"'
        else:
            source = request.build_absolute_uri(self.get_url(request))
            response = HttpResponse(outcomes.as_json(totals, source), content_type="application/json")
        response["Link"] = f'<{outcomes.LICENSE_URL}>; rel="license"'
        return response

    @staticmethod
    def totals():
        return outcomes.yearly_totals(QuoteOutcome.objects.all())

    def enterprises(self):
        """Every live enterprise in the directory, by name, in one query."""
        return list(SocialEnterprisePage.objects.child_of(self).live().public().order_by("title"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        facets = _facets()
        selected, text = finder.read(request.GET, facets)
        enterprises = self.enterprises()
        query_words = finder.words(text)
        shown = [e for e in enterprises if finder.matches(e, facets, selected, query_words)]
        is_filtered = bool(text or any(selected.values()))
        totals = self.totals()
        context.update(
            totals=totals,
            chart_bars=outcomes.chart_bars(totals),
            chart_box=f"0 0 {outcomes.CHART_WIDTH} {outcomes.CHART_HEIGHT}",
            chart_base=outcomes.CHART_BASE,
            license_url=outcomes.LICENSE_URL,
            enterprises=shown,
            total_count=len(enterprises),
            filter_groups=finder.options(enterprises, facets, selected, text),
            search_text=text,
            selected=selected,
            is_filtered=is_filtered,
            quote_url=quotes.request_url(request, shown),
            quote_limit=quotes.MAX_ENTERPRISES,
        )
        return context


class SocialEnterprisePage(BasePage):
    """One social enterprise: what it supplies, where, its impact, and whether buying counts as social return."""

    page_description = _("One social enterprise in the Buy Social directory.")
    search_group = "enterprise"

    supplies = models.TextField(
        blank=True,
        verbose_name=_("what it supplies"),
        help_text=_("In a sentence or two: the products or services a buyer can order. Leave empty when not known."),
    )
    categories = MultipleChoiceField(
        options=SupplyCategory.choices,
        blank=True,
        verbose_name=_("categories"),
        help_text=_("What buyers look for; the directory filters on this. Leave empty when not known."),
    )
    region = models.CharField(
        max_length=20,
        choices=Region.choices,
        blank=True,
        verbose_name=_("region"),
        help_text=_("Where it works. Leave empty when not known."),
    )
    impact_model = models.CharField(
        max_length=20,
        choices=ImpactModel.choices,
        blank=True,
        verbose_name=_("impact model"),
        help_text=_("How buying from it creates social impact. Leave empty when not known."),
    )
    sdgs = MultipleChoiceField(
        options=SDGS,
        blank=True,
        verbose_name=_("sustainable development goals"),
        help_text=_("The SDGs its work contributes to. Leave empty when not known."),
    )
    social_return_scheme = models.CharField(
        max_length=20,
        choices=SocialReturnScheme.choices,
        blank=True,
        verbose_name=_("counts towards social return under"),
        help_text=_("Only when checked: give the year of the check too. Leave empty when not known."),
    )
    social_return_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        verbose_name=_("year checked"),
        help_text=_("The year the hub last checked this, for example 2026. The site always shows it."),
    )
    website = models.URLField(
        blank=True,
        verbose_name=_("website"),
        help_text=_("The enterprise's own website. Quote requests go through the hub, not to the enterprise."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("more about the enterprise"),
        help_text=_("Optional: its story, its work, its people."),
    )

    def structured_data(self, request, url, image):
        """An Organization: the enterprise with what it supplies; quotes go through the hub, so no contact point."""
        node = {"@type": "Organization", "name": self.title, "url": url}
        if image:
            node["image"] = image
        if self.supplies:
            node["description"] = self.supplies
        if self.website:
            node["sameAs"] = self.website
        return node

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        FieldPanel("supplies"),
        MultiFieldPanel(
            [FieldPanel("categories"), FieldPanel("region"), FieldPanel("impact_model"), FieldPanel("sdgs")],
            heading=_("In the directory"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("social_return_scheme"), FieldPanel("social_return_year")])],
            heading=_("Social return"),
        ),
        FieldPanel("website"),
        FieldPanel("body"),
        InlinePanel("case_links", heading=_("Cases it took part in"), label=_("case")),
    ]
    search_fields = BasePage.search_fields + text_fields("supplies", "body")
    parent_page_types = ["buysocial.BuySocialPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("social enterprise")
        verbose_name_plural = _("social enterprises")

    def clean(self):
        super().clean()
        if self.social_return_scheme and not self.social_return_year:
            message = _("Give the year of the check: never a claim without a date.")
            raise ValidationError({"social_return_year": message})
        if self.social_return_year and not self.social_return_scheme:
            raise ValidationError({"social_return_scheme": _("Say what was checked, or leave the year empty.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["quote_url"] = quotes.request_url(request, [self])
        context["directory"] = ancestors(request, self)[-1]
        return context

    @property
    def key(self):
        """How the quote request names this enterprise: the same in every language."""
        return str(self.translation_key)

    @property
    def counts_for_social_return(self):
        return bool(self.social_return_scheme and self.social_return_year)

    @property
    def category_labels(self):
        labels = dict(SupplyCategory.choices)
        return [labels[value] for value in self.categories if value in labels]

    @property
    def sdg_labels(self):
        labels = dict(SDGS)
        return [labels[value] for value in self.sdgs if value in labels]

    @property
    def search_text(self):
        """What the finder's text search looks in: name, lead, supplies and the labels of its choices."""
        parts = [self.title, self.lead, self.supplies, *map(str, self.category_labels)]
        parts += [str(self.get_region_display()), str(self.get_impact_model_display())]
        return " ".join(part for part in parts if part)

    def cases(self):
        """The linked cases, live, in the visitor's language."""
        links = self.case_links.select_related("case")
        return [case for case in localized_many(link.case for link in links) if case.live]


class EnterpriseCase(Orderable):
    """A case study the enterprise took part in. Synchronised to the translation."""

    page = ParentalKey(SocialEnterprisePage, on_delete=models.CASCADE, related_name="case_links")
    case = models.ForeignKey(
        "cases.CasePage",
        on_delete=models.CASCADE,
        related_name="enterprise_links",
        verbose_name=_("case"),
        help_text=_("A case study this enterprise took part in."),
    )

    panels = [FieldPanel("case")]

    class Meta(Orderable.Meta):
        verbose_name = _("case")
        verbose_name_plural = _("cases")


def _this_year():
    return timezone.localdate().year


class QuoteOutcome(models.Model):
    """What came of a quote request, as staff record it: the only source of the buyers' figures."""

    submission = models.ForeignKey(
        Submission,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"topic": Topic.BUY_SOCIAL},
        verbose_name=_("quote request"),
        help_text=_("The request under Intake → Submissions this outcome belongs to."),
    )
    year = models.PositiveSmallIntegerField(
        default=_this_year,
        validators=[MinValueValidator(2015), MaxValueValidator(2100)],
        verbose_name=_("year"),
        help_text=_("The year the purchase was made, or the request closed without one."),
    )
    matched = models.BooleanField(
        default=False,
        verbose_name=_("matched"),
        help_text=_("Tick when the buyer bought from a social enterprise through this request."),
    )
    amount_eur = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("amount in euro"),
        help_text=_("What the buyer spent with social enterprises, in whole euros. Leave empty when not known."),
    )
    jobs_created = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("jobs created"),
        help_text=_("Only when known, for example from the enterprise. Leave empty otherwise."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("recorded"))

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("Buy Social outcome")
        verbose_name_plural = _("Buy Social outcomes")

    def __str__(self):
        reference = self.submission.reference if self.submission_id else "-"
        return f"{self.year} {reference}"

    def clean(self):
        super().clean()
        if not self.matched and (self.amount_eur or self.jobs_created):
            message = _("An amount or jobs need a match: tick 'matched', or leave them empty.")
            raise ValidationError({"matched": message})
