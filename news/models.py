"""News ("Actueel"): dated items under one overview per language, newest first, with an Atom feed.

An item's date is the editor's: the day something happened or was announced. When only the
month or the year is known, ``date_precision`` says so and the site shows no more than that
("december 2016", "eind 2016"): the stored day then only orders the list, and is never shown,
nor written into the feed or the structured data.
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable

from home.blocks import BodyBlock
from home.localization import ancestors, localized_many
from home.models import BasePage, guidance, text_fields
from search import seo


class DatePrecision(models.TextChoices):
    DAY = "day", _("the day is known")
    MONTH = "month", _("only the month is known")
    YEAR = "year", _("only the year is known")
    END_OF_YEAR = "end_of_year", _("the end of the year")


# Newest first: by the editor's date, then by when the item was first published, then the newest id.
NEWS_ORDER = ("-date", models.F("first_published_at").desc(nulls_last=True), "-pk")


def date_in_words(day, precision):
    """``day`` as far as ``precision`` knows it, in the active language: '21 mei 2015', 'mei 2015', 'eind 2016'."""
    if precision == DatePrecision.MONTH:
        return formats.date_format(day, "F Y")
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.END_OF_YEAR:
        return _("end of %(year)s") % {"year": day.year}
    return formats.date_format(day, "j F Y")


def iso_date(day, precision):
    """``day`` in ISO 8601 to the precision known: '2015-05-21', '2016-12' or '2016' (HTML <time>, schema.org)."""
    if precision == DatePrecision.MONTH:
        return day.strftime("%Y-%m")
    if precision in (DatePrecision.YEAR, DatePrecision.END_OF_YEAR):
        return f"{day.year:04d}"
    return day.isoformat()


class NewsIndexPage(BasePage):
    """The news overview: items newest first, a page at a time, and the Atom feed of its language."""

    page_description = _("The news overview ('Actueel'): the items newest first. One per language.")
    search_group = "news"

    per_page = 10
    cache_query_params = ("page",)

    content_panels = BasePage.content_panels + [FieldPanel("lead")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news overview")

    def items(self):
        """The live items under this overview, newest first (one query when evaluated)."""
        return NewsPage.objects.child_of(self).live().order_by(*NEWS_ORDER)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_of_items = Paginator(self.items(), self.per_page).get_page(request.GET.get("page"))
        context.update(
            page_of_items=page_of_items,
            items=list(page_of_items.object_list),
            page_range=list(page_of_items.paginator.get_elided_page_range(page_of_items.number, on_ends=1)),
        )
        return context


class NewsPage(BasePage):
    """One news item: its date, a summary, the story in blocks, and the programmes and cases it is about."""

    page_description = _("One news item: what happened, when, and the programmes and cases it concerns.")
    search_group = "news"
    og_type = "article"

    date = models.DateField(
        verbose_name=_("date"),
        help_text=_(
            "The date of the news: when it happened or was announced. The overview lists the newest first. "
            "When you do not know the day, choose below what you do know."
        ),
    )
    date_precision = models.CharField(
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        verbose_name=_("what is known of the date"),
        help_text=_(
            "Shows only what is known: '21 May 2015', 'December 2016', '2016' or 'end of 2016'. "
            "Without the day, the day you set only orders the list and is never shown."
        ),
    )
    summary = models.TextField(
        max_length=300,
        verbose_name=_("summary"),
        help_text=_("One or two sentences: shown on the overview, the hub, in the feed and in search results."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The story, built from blocks. Start sections with a heading block."),
    )

    content_panels = BasePage.content_panels + [
        guidance(
            _(
                "Write only what happened, with the facts you can show. When you do not know the exact day, "
                "do not guess one: set what is known of the date."
            ),
            _("Related programmes and cases are chosen in Dutch; the English item links to their translations."),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")])],
            heading=_("Date"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("programme_links", label=_("Programme"), heading=_("Related programmes")),
        InlinePanel("case_links", label=_("Case study"), heading=_("Related case studies")),
    ]
    search_fields = BasePage.search_fields + text_fields("summary", "body")
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    @property
    def meta_description(self):
        return self.search_description or self.summary or self.lead

    @property
    def date_words(self):
        return date_in_words(self.date, self.date_precision)

    @property
    def date_iso(self):
        return iso_date(self.date, self.date_precision)

    def related_programmes(self):
        return _live_in_language(link.programme for link in self.programme_links.select_related("programme"))

    def related_cases(self):
        return _live_in_language(link.case for link in self.case_links.select_related("case"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            index=ancestors(request, self)[-1],  # the overview, from the breadcrumbs' query
            related_programmes=self.related_programmes(),
            related_cases=self.related_cases(),
        )
        return context

    def structured_data(self, request, url, image):
        """A NewsArticle, dated only as far as the date is known."""
        node = {
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.meta_description,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": self.locale.language_code,
            "image": image,
            "datePublished": self.date_iso,
            "author": seo.organisation_ref(request),
            "publisher": seo.organisation(request),
        }
        if self.last_published_at:
            node["dateModified"] = self.last_published_at.isoformat()
        return node


def _live_in_language(pages):
    """``pages`` in the visitor's language where translated, live ones only (one query for the translations)."""
    return [page for page in localized_many(pages) if page.live]


class NewsProgramme(Orderable):
    """A programme a news item is about. Synchronised to the translation; shown in the visitor's language."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="programme_links")
    programme = models.ForeignKey(
        "programmes.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="news_links",
        verbose_name=_("programme"),
        help_text=_("Choose the Dutch programme page; English items link to its translation."),
    )

    panels = [FieldPanel("programme")]

    class Meta(Orderable.Meta):
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")


class NewsCase(Orderable):
    """A case study a news item is about. Synchronised to the translation; shown in the visitor's language."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="case_links")
    case = models.ForeignKey(
        "cases.CasePage",
        on_delete=models.CASCADE,
        related_name="news_links",
        verbose_name=_("case study"),
        help_text=_("Choose the Dutch case study; English items link to its translation."),
    )

    panels = [FieldPanel("case")]

    class Meta(Orderable.Meta):
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
