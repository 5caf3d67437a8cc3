"""News ("Actueel"): the items in both languages, the listing a page at a time, the Atom feed,
the structured data, related pages in the visitor's language, and the latest news on the hub."""

import datetime
import re
import xml.etree.ElementTree as ET

import factory
import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.text import slugify

from news.models import DatePrecision, NewsCase, NewsIndexPage, NewsPage, NewsProgramme, date_in_words, iso_date
from tests.factories import bilingual, dutch, english
from tests.helpers import get_page, structured_data

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CARD_TITLE = re.compile(r'class="card__title"><a href="[^"]*">([^<]*)</a>')
BASE = "http://testserver"


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Actueel"
    slug = "actueel"
    locale = factory.LazyFunction(dutch)

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bericht {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    locale = factory.LazyFunction(dutch)
    date = datetime.date(2026, 3, 1)
    summary = "Een korte samenvatting."
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = NewsPage


def shared_content(site_tree):
    """The news index in both languages, shared by the module's tests: {"nl": page, "en": page}."""
    nl, en = bilingual(
        NewsIndexPageFactory,
        parent=site_tree.home_nl,
        english_fields={"title": "News", "slug": "news"},
        lead="Nieuws van de hub.",
    )
    return {"nl": nl, "en": en}


@pytest.fixture
def index(shared):
    return shared


def add_item(index, title, **fields):
    english_fields = {"title": f"{title} (EN)", "slug": f"{slugify(title)}-en", "summary": "A short summary."}
    return bilingual(NewsPageFactory, parent=index["nl"], english_fields=english_fields, title=title, **fields)


# Dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("precision", "nl", "en", "iso"),
    [
        (DatePrecision.DAY, "21 mei 2015", "21 May 2015", "2015-05-21"),
        (DatePrecision.MONTH, "mei 2015", "May 2015", "2015-05"),
        (DatePrecision.YEAR, "2015", "2015", "2015"),
        (DatePrecision.END_OF_YEAR, "eind 2015", "end of 2015", "2015"),
    ],
)
def test_a_date_shows_only_what_is_known_of_it(precision, nl, en, iso):
    day = datetime.date(2015, 5, 21)
    with translation.override("nl"):
        assert str(date_in_words(day, precision)) == nl
    with translation.override("en"):
        assert str(date_in_words(day, precision)) == en
    assert iso_date(day, precision) == iso


# The item -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "date_words", "summary", "back"),
    [
        ("nl", "eind 2016", "Een korte samenvatting.", "Alle nieuws"),
        ("en", "end of 2016", "A short summary.", "All news"),
    ],
)
def test_an_item_renders_in_both_languages_with_its_date_as_far_as_known(
    client, index, language, date_words, summary, back
):
    pages = add_item(
        index,
        "Hotspot",
        date=datetime.date(2016, 12, 1),
        date_precision=DatePrecision.END_OF_YEAR,
        body=[("paragraph", "<p>Het verhaal.</p>")],
    )
    item = pages[0] if language == "nl" else pages[1]
    shown = get_page(client, item.url)
    assert shown.lang == language
    assert shown.h1() == item.title
    assert f'<time datetime="2016">{date_words}</time>' in shown.html
    assert summary in shown.text
    assert f'<p class="news-date"><time datetime="2016">{date_words}</time></p>' in shown.html, "no invented month"
    assert "Het verhaal." in shown.html
    assert f'href="{index[language].url}">{back}</a>' in shown.html
    assert f'href="/{language}/{"actueel/atom.xml" if language == "nl" else "news/atom.xml"}"' in shown.html


def test_the_overview_is_at_actueel_and_news(client, index):
    assert index["nl"].url == "/nl/actueel/"
    assert index["en"].url == "/en/news/"
    assert get_page(client, "/nl/actueel/").lang == "nl"
    assert get_page(client, "/en/news/").lang == "en"


def test_one_overview_per_language_under_the_home_page():
    assert NewsIndexPage.max_count_per_parent == 1
    assert NewsIndexPage.parent_page_types == ["home.HomePage"]
    assert NewsPage.parent_page_types == ["news.NewsIndexPage"]
    assert NewsPage.search_group == NewsIndexPage.search_group == "news"
    assert NewsPage.og_type == "article"


# Related programmes and cases ---------------------------------------------------------------


def test_related_pages_are_shown_in_the_visitors_language(client, index, site_tree):
    programme_nl, programme_en = site_tree.programmes[0]
    case_nl, case_en = site_tree.cases[0]
    item_nl, item_en = add_item(
        index,
        "Met links",
        programme_links=[NewsProgramme(programme=programme_nl)],
        case_links=[NewsCase(case=case_nl)],
    )
    # As wagtail-localize leaves them: the English item's rows still point at the Dutch pages.
    NewsProgramme.objects.filter(page=item_en).update(programme=programme_nl)
    NewsCase.objects.filter(page=item_en).update(case=case_nl)
    dutch_html = get_page(client, item_nl.url).html
    english_html = get_page(client, item_en.url).html
    assert f'href="{programme_nl.url}">{programme_nl.title}</a>' in dutch_html
    assert f'href="{case_nl.url}">{case_nl.title}</a>' in dutch_html
    assert f'href="{programme_en.url}">{programme_en.title}</a>' in english_html
    assert f'href="{case_en.url}">{case_en.title}</a>' in english_html
    assert programme_nl.url not in english_html and case_nl.url not in english_html


def test_a_related_page_that_is_not_live_is_left_out(client, index, site_tree):
    case_nl, case_en = site_tree.cases[1]
    item_nl, item_en = add_item(index, "Met verborgen case", case_links=[NewsCase(case=case_nl)])
    case_nl.unpublish()
    case_en.unpublish()
    for item in (item_nl, item_en):
        html = get_page(client, item.url).html
        assert case_nl.url not in html and case_en.url not in html
        assert 'id="news-related"' not in html


# The listing --------------------------------------------------------------------------------


def test_the_listing_is_newest_first_a_page_at_a_time(client, index, monkeypatch):
    monkeypatch.setattr(NewsIndexPage, "per_page", 2)
    for number, day in enumerate([3, 9, 1, 20, 14]):
        add_item(index, f"Maart {day:02d}", date=datetime.date(2026, 3, day), slug=f"bericht-{number}")
    first = get_page(client, "/nl/actueel/")
    second = get_page(client, "/nl/actueel/?page=2")
    last = get_page(client, "/nl/actueel/?page=3")
    english = get_page(client, "/en/news/?page=2")
    assert CARD_TITLE.findall(first.html) == ["Maart 20", "Maart 14"]
    assert CARD_TITLE.findall(second.html) == ["Maart 09", "Maart 03"]
    assert CARD_TITLE.findall(last.html) == ["Maart 01"]
    assert CARD_TITLE.findall(english.html) == ["Maart 09 (EN)", "Maart 03 (EN)"]
    assert 'href="?page=2" rel="next"' in first.html and 'rel="prev"' not in first.html
    assert 'href="?page=1" rel="prev"' in second.html and 'href="?page=3" rel="next"' in second.html
    assert '<span aria-current="page"><span class="visually-hidden">Pagina </span>2</span>' in second.html
    assert "1 maart 2026" in last.html
    assert CARD_TITLE.findall(get_page(client, "/nl/actueel/?page=abc").html) == ["Maart 20", "Maart 14"]
    assert CARD_TITLE.findall(get_page(client, "/nl/actueel/?page=99").html) == ["Maart 01"]


def test_the_page_cache_keeps_one_copy_per_listing_page(client, index, settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = True
    monkeypatch.setattr(NewsIndexPage, "per_page", 1)
    add_item(index, "Oud", date=datetime.date(2026, 1, 1))
    add_item(index, "Nieuw", date=datetime.date(2026, 2, 1))
    first = client.get("/nl/actueel/")
    second = client.get("/nl/actueel/?page=2")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "miss")
    again_first, again_second = client.get("/nl/actueel/"), client.get("/nl/actueel/?page=2")
    assert (again_first["X-Page-Cache"], again_second["X-Page-Cache"]) == ("hit", "hit")
    assert CARD_TITLE.findall(again_first.content.decode()) == ["Nieuw"]
    assert CARD_TITLE.findall(again_second.content.decode()) == ["Oud"]


def test_an_empty_overview_says_so(client, index):
    assert "Nog geen nieuws" in get_page(client, "/nl/actueel/").html
    assert "No news yet" in get_page(client, "/en/news/").html


def _listing_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context), CARD_TITLE.findall(response.content.decode())


@pytest.mark.thorough
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_listing_has_a_flat_query_count(client, index, language):
    for number in range(3):
        add_item(index, f"Eerste {number}")
    three, titles_three = _listing_queries(client, index[language].url)
    for number in range(3):
        add_item(index, f"Tweede {number}")
    six, titles_six = _listing_queries(client, index[language].url)
    assert (len(titles_three), len(titles_six)) == (3, 6)
    assert three == six
    assert six <= 13  # the layout and routing; the listing itself adds two (count, items)


# The Atom feed ------------------------------------------------------------------------------


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314 - our own response


def _rfc3339(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize(
    ("language", "url", "overview", "titles"),
    [
        ("nl", "/nl/actueel/atom.xml", "/nl/actueel/", ["Lancering", "Hotspot"]),
        ("en", "/en/news/atom.xml", "/en/news/", ["Lancering (EN)", "Hotspot (EN)"]),
    ],
)
def test_the_atom_feed_of_each_language_parses_with_its_entries(client, index, language, url, overview, titles):
    add_item(index, "Hotspot", date=datetime.date(2016, 12, 1), date_precision=DatePrecision.END_OF_YEAR)
    launch = add_item(index, "Lancering", date=datetime.date(2017, 5, 21), summary="Wijk&Co <en> anderen.")
    feed = _feed(client, url)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == language
    assert feed.findtext(f"{ATOM}title") == index[language].title
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"alternate": BASE + overview, "self": BASE + url}
    assert feed.findtext(f"{ATOM}id")
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Social Impact Factory"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == titles
    updated = [_rfc3339(entry.findtext(f"{ATOM}updated")) for entry in entries]
    assert all(moment.tzinfo is not None for moment in updated)
    assert _rfc3339(feed.findtext(f"{ATOM}updated")) == max(updated)
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == 2 and all(entry_id.startswith("urn:uuid:") for entry_id in ids)
    item = launch[0] if language == "nl" else launch[1]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == BASE + item.url
    assert first.findtext(f"{ATOM}published").startswith("2017-05-21T00:00:00")
    assert entries[1].find(f"{ATOM}published") is None, "no invented day for 'end of 2016'"
    if language == "nl":
        assert first.findtext(f"{ATOM}summary") == "Wijk&amp;Co &lt;en&gt; anderen."  # escaped HTML of the text


def test_feed_ids_are_stable_and_differ_per_language(client, index):
    nl, _en = add_item(index, "Bericht")
    before = _feed(client, "/nl/actueel/atom.xml").findtext(f"{ATOM}entry/{ATOM}id")
    english = _feed(client, "/en/news/atom.xml").findtext(f"{ATOM}entry/{ATOM}id")
    nl.title, nl.slug = "Ander bericht", "ander-bericht"
    nl.save()
    after = _feed(client, "/nl/actueel/atom.xml").findtext(f"{ATOM}entry/{ATOM}id")
    assert before == after != english


def test_no_overview_no_feed(client, site_tree):
    assert client.get("/nl/actueel/atom.xml").status_code == 404


def test_the_overview_points_to_its_feed(client, index):
    html = get_page(client, "/en/news/").html
    assert '<link rel="alternate" type="application/atom+xml" href="/en/news/atom.xml"' in html
    assert '<a href="/en/news/atom.xml">' in html


# Structured data and search -----------------------------------------------------------------


@pytest.mark.parametrize(("precision", "published"), [("day", "2015-05-21"), ("month", "2015-05"), ("year", "2015")])
def test_the_item_is_a_news_article_dated_as_far_as_known(client, index, precision, published):
    nl, en = add_item(index, "Lancering", date=datetime.date(2015, 5, 21), date_precision=precision)
    for page, language in ((nl, "nl"), (en, "en")):
        html = get_page(client, page.url).html
        article = structured_data(html)["NewsArticle"]
        assert article["headline"] == page.title
        assert article["inLanguage"] == language
        assert article["datePublished"] == published
        assert article["dateModified"][:4].isdigit()
        assert article["mainEntityOfPage"] == BASE + page.url
        assert article["description"] == page.summary
        assert article["publisher"]["@type"] == "Organization"
        assert '<meta property="og:type" content="article">' in html


def test_items_are_in_the_sitemap_of_their_language(client, index):
    nl, en = add_item(index, "Bericht")
    assert f"<loc>{BASE}{nl.url}</loc>" in client.get("/sitemap-nl.xml").content.decode()
    assert f"<loc>{BASE}{en.url}</loc>" in client.get("/sitemap-en.xml").content.decode()


# The hub ------------------------------------------------------------------------------------


def _hub_news(html):
    start = html.index('id="hub-news"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize(
    ("language", "heading", "date"), [("nl", "Laatste nieuws", "4 maart 2026"), ("en", "Latest news", "4 March 2026")]
)
def test_the_hub_shows_the_three_latest_items_with_their_date(client, index, site_tree, language, heading, date):
    for day in (1, 2, 3, 4):
        add_item(index, f"Dag {day}", date=datetime.date(2026, 3, day))
    home = site_tree.home_nl if language == "nl" else site_tree.home_en
    html = get_page(client, home.url).html
    section = _hub_news(html)
    suffix = "" if language == "nl" else " (EN)"
    assert heading in html[html.index('id="hub-news"') - 200 :]
    assert CARD_TITLE.findall(section) == [f"Dag 4{suffix}", f"Dag 3{suffix}", f"Dag 2{suffix}"]
    assert f'<time datetime="2026-03-04">{date}</time>' in section
    assert f'href="{index[language].url}"' in section


def test_the_hub_has_no_news_section_without_news(client, index, site_tree):
    assert 'id="hub-news"' not in get_page(client, site_tree.home_nl.url).html


@pytest.mark.thorough
def test_the_hub_news_adds_no_query_per_item(client, index, site_tree):
    add_item(index, "Eerste")
    one, _titles = _listing_queries(client, site_tree.home_en.url)
    for number in range(3):
        add_item(index, f"Later {number}")
    three, _titles = _listing_queries(client, site_tree.home_en.url)
    assert one == three


def test_the_english_item_is_a_translation_of_the_dutch_one(index):
    nl, en = add_item(index, "Bericht")
    assert (nl.locale, en.locale) == (dutch(), english())
    assert nl.translation_key == en.translation_key


def test_editors_get_the_form_with_the_date_precision(admin_client, index):
    response = admin_client.get(f"/admin/pages/add/news/newspage/{index['nl'].pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("date", "date_precision", "summary", "programme_links", "case_links"):
        assert f'name="{name}' in html or f'id="id_{name}' in html, name
    assert "alleen de maand is bekend" in html and "het eind van het jaar" in html
