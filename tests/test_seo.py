"""What search engines and link previews read, in both languages.

robots.txt, the sitemap index with one sitemap per language (alternates to
the live twin and x-default), canonical and hreflang from the public base URL,
Open Graph / Twitter tags and JSON-LD on every page type, /favicon.ico.
"""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from wagtail.models import Page

from tests.helpers import get_page, structured_data

pytestmark = pytest.mark.django_db

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NS = {"sm": SITEMAP_NS, "xhtml": XHTML_NS}
BASE = "http://testserver"  # WAGTAILADMIN_BASE_URL in the test settings
PAGE_TYPES = {
    "HomePage",
    "StandardPage",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "CaseIndexPage",
    "CasePage",
    "NewsIndexPage",
    "NewsPage",
    "MenukaartPage",
    "ServicePage",
    "IntakePage",
    "ContactPage",
    "LocationPage",
    "PrivacyStatementPage",
    "AccessibilityStatementPage",
}


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}
        self.json_ld = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs["name"], attrs.get("content"))
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        self._in_ld = False


def head(html):
    parser = _Head()
    parser.feed(html)
    return parser


def graph(html):
    assert len(head(html).json_ld) == 1, "the JSON-LD block is in the head"
    return structured_data(html)


def live_pages():
    return list(Page.objects.live().filter(depth__gt=1).order_by("path").specific())


# -- robots.txt and favicon ------------------------------------------------------------------------


def test_robots_txt_names_the_sitemap_and_keeps_admin_and_search_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /nl/zoeken/", "Disallow: /en/search/"} <= set(lines)
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def test_favicon_ico_is_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # the ICO header
    assert 500 < len(body) < 20_000


# -- sitemaps --------------------------------------------------------------------------------------


def parse_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own response


def test_sitemap_index_lists_one_sitemap_per_language(client):
    root = parse_xml(client, "/sitemap.xml")
    assert root.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    locations = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    assert locations == [f"{BASE}/sitemap-nl.xml", f"{BASE}/sitemap-en.xml"]


def sitemap_urls(client, language):
    root = parse_xml(client, f"/sitemap-{language}.xml")
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    entries = {}
    for url in root.findall("sm:url", NS):
        # The schema: <loc> first and required, <lastmod> a W3C datetime; only known children.
        children = [child.tag for child in url]
        assert children[0] == f"{{{SITEMAP_NS}}}loc"
        assert set(children) <= {f"{{{SITEMAP_NS}}}loc", f"{{{SITEMAP_NS}}}lastmod", f"{{{XHTML_NS}}}link"}
        lastmod = url.find("sm:lastmod", NS)
        if lastmod is not None:
            assert lastmod.text[:4].isdigit() and "T" in lastmod.text
        loc = url.find("sm:loc", NS).text
        links = url.findall("xhtml:link", NS)
        assert all(link.get("rel") == "alternate" for link in links)
        entries[loc] = {link.get("hreflang"): link.get("href") for link in links}
    return entries


def test_each_language_sitemap_lists_its_live_pages_with_alternates(client):
    dutch = sitemap_urls(client, "nl")
    english = sitemap_urls(client, "en")
    assert all(loc.startswith(f"{BASE}/nl/") for loc in dutch)
    assert all(loc.startswith(f"{BASE}/en/") for loc in english)
    for language, entries in (("nl", dutch), ("en", english)):
        expected = {
            f"{BASE}{page.get_url()}"
            for page in Page.objects.live().public().filter(depth__gt=1, locale__language_code=language)
            if page.alias_of_id is None
        }
        assert set(entries) == expected
    # Every URL names itself, its live twin and x-default (the Dutch version); twins point back.
    about_nl, about_en = f"{BASE}/nl/over-ons/", f"{BASE}/en/about-us/"
    assert dutch[about_nl] == {"nl": about_nl, "en": about_en, "x-default": about_nl}
    assert english[about_en] == dutch[about_nl]
    for loc, alternates in dutch.items():
        assert alternates["nl"] == loc and alternates["x-default"] == loc
        if "en" in alternates:
            assert english[alternates["en"]]["nl"] == loc


def test_sitemap_leaves_out_a_translation_that_is_not_live(client):

    Page.objects.get(locale__language_code="en", slug="location").specific.unpublish()
    dutch = sitemap_urls(client, "nl")
    assert dutch[f"{BASE}/nl/locatie/"] == {"nl": f"{BASE}/nl/locatie/", "x-default": f"{BASE}/nl/locatie/"}
    assert f"{BASE}/en/location/" not in sitemap_urls(client, "en")


def test_sitemap_for_an_unknown_language_is_404(client):
    assert client.get("/sitemap-fr.xml").status_code == 404


# -- canonical, hreflang, public base URL ----------------------------------------------------------


def test_canonical_and_alternates_use_the_public_base_url_not_the_site_record(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://www.socialimpactfactory.nl"
    page = get_page(client, "/en/about-us/", HTTP_HOST="internal:8000")
    assert page.canonical == "https://www.socialimpactfactory.nl/en/about-us/"
    assert page.hreflangs == {
        "nl": "https://www.socialimpactfactory.nl/nl/over-ons/",
        "en": "https://www.socialimpactfactory.nl/en/about-us/",
        "x-default": "https://www.socialimpactfactory.nl/nl/over-ons/",
    }
    assert head(page.html).meta["og:url"] == page.canonical


def test_in_debug_absolute_urls_use_the_host_actually_served(client, settings):
    settings.DEBUG = True
    page = get_page(client, "/nl/over-ons/", HTTP_HOST="localhost:8123")
    assert page.canonical == "http://localhost:8123/nl/over-ons/"
    assert page.hreflangs["en"] == "http://localhost:8123/en/about-us/"
    robots = client.get("/robots.txt", HTTP_HOST="localhost:8123").content.decode()
    assert "Sitemap: http://localhost:8123/sitemap.xml" in robots


@pytest.mark.parametrize(("url", "language"), [("/nl/zoeken/?q=utrecht", "nl"), ("/en/search/?q=utrecht", "en")])
def test_search_pages_have_self_referencing_hreflang_and_x_default(client, url, language):
    page = get_page(client, url)
    assert page.hreflangs == {
        "nl": f"{BASE}/nl/zoeken/",
        "en": f"{BASE}/en/search/",
        "x-default": f"{BASE}/nl/zoeken/",
    }
    assert page.canonical == page.hreflangs[language]


# -- Open Graph, Twitter card and JSON-LD ----------------------------------------------------------


@pytest.mark.usefixtures("demo")
def test_every_page_type_in_both_languages_has_og_tags_and_json_ld(client):
    seen = set()
    for page in live_pages():
        url = page.get_url()
        rendered = get_page(client, url)
        meta = head(rendered.html).meta
        language = page.locale.language_code
        kind = type(page).__name__
        seen.add((kind, language))
        assert meta["og:url"] == rendered.canonical == BASE + url, url
        assert meta["og:title"] == (page.seo_title or page.title), url
        assert meta["og:locale"] == {"nl": "nl_NL", "en": "en_GB"}[language]
        assert meta["og:type"] == ("article" if kind in ("CasePage", "NewsPage") else "website"), url
        assert meta["og:image"].startswith(BASE + "/"), url
        width, height = int(meta["og:image:width"]), int(meta["og:image:height"])
        assert width >= 600 and abs(width / height - 1200 / 630) < 0.01, url  # the 1.91:1 previews use
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["twitter:image"] == meta["og:image"]
        if page.search_description or page.lead:
            assert meta["og:description"], url

        nodes = graph(rendered.html)
        crumbs = nodes["BreadcrumbList"]["itemListElement"]
        assert [item["position"] for item in crumbs] == list(range(1, len(crumbs) + 1))
        assert crumbs[-1]["item"] == BASE + url and crumbs[-1]["name"] == (page.title if page.depth > 2 else "Home")
        assert crumbs[0]["item"] == f"{BASE}/{language}/"
        # The hub, contact and location pages carry the organisation with its contact details; a social
        # enterprise's page describes that enterprise as an organisation.
        assert ("Organization" in nodes) == (
            kind in ("HomePage", "ContactPage", "LocationPage", "SocialEnterprisePage")
        )
        if kind == "SocialEnterprisePage":
            assert nodes["Organization"]["name"] == page.title and "telephone" not in nodes["Organization"], url
        if kind == "HomePage":
            assert nodes["Organization"]["url"] == f"{BASE}/{language}/"
            assert nodes["Organization"]["logo"].startswith(BASE)
        if kind == "CasePage":
            article = nodes["Article"]
            assert article["headline"] == page.title and article["inLanguage"] == language
            assert article["mainEntityOfPage"] == BASE + url
            assert article["datePublished"][:4].isdigit()
            assert article["publisher"]["@type"] == "Organization"
        if kind == "ServicePage":
            service = nodes["Service"]
            assert service["name"] == page.title and service["url"] == BASE + url
            offer = service["offers"]
            assert offer["@type"] == "Offer" and offer["priceCurrency"] == "EUR"
            if page.is_priced:
                assert offer["price"] == page.price_amount
                assert offer["priceSpecification"]["@type"] == "UnitPriceSpecification"
            else:
                assert "price" not in offer and offer["description"]
    assert {(kind, language) for kind in PAGE_TYPES for language in ("nl", "en")} <= seen


def test_pages_with_an_image_share_a_rendition_of_it(client):
    from cases.models import CasePage

    case = CasePage.objects.live().filter(locale__language_code="en", image__isnull=False).first()
    meta = head(get_page(client, case.get_url()).html).meta
    rendition = case.image.get_rendition("fill-1200x630")
    assert meta["og:image"] == BASE + rendition.url
    assert graph(get_page(client, case.get_url()).html)["Article"]["image"] == meta["og:image"]


def test_priced_and_on_request_services_both_have_offers(client):
    from menukaart.models import ServicePage

    services = ServicePage.objects.live().filter(locale__language_code="nl")
    on_request = next(s for s in services if not s.is_priced)
    priced = services.exclude(pk=on_request.pk).first()  # the demo knows no prices: an editor sets one
    priced.price_kind, priced.price_amount = "fixed", 1250
    priced.save_revision().publish()
    offer = graph(get_page(client, priced.get_url()).html)["Service"]["offers"]
    assert offer["price"] == priced.price_amount
    offer = graph(get_page(client, on_request.get_url()).html)["Service"]["offers"]
    assert offer["description"] == "op aanvraag"


def test_json_ld_cannot_close_its_script_element(client):
    from home.models import StandardPage

    page = StandardPage.objects.get(locale__language_code="en", slug="about-us")
    page.title = "About </script><script>alert(1)</script>"
    page.save_revision().publish()
    html = get_page(client, "/en/about-us/").html
    start = html.index('<script type="application/ld+json">')
    block = html[start : html.index("</script>", start)]
    assert "<script>alert" not in block
    assert graph(html)["BreadcrumbList"]["itemListElement"][-1]["name"] == page.title
