"""Every page renders, in both languages, within 18 queries; listings cost the same for 3 items as for 6.

The smoke test walks every live page of the demo site (whatever app made it)
as a visitor meets it with the page cache off (the test settings): each
answers in its own language, names its canonical URL, links the switcher to
its live translation, sets no cookie (only the intake form and an event's registration may set the CSRF
one), and its second request of a warm process, where every query of the
render counts, costs at most 18 queries. Every page pays Wagtail's own
serving: the site, the active locale, the home page (and its translation),
the route (``HomePage.route``: two queries at any depth) and the view
restriction check (two), then the site settings and the layout's pages
(``home.localization.prefetch``, one) and the locations the footer shows
(``home.contact.locations``, one): 10 in Dutch, 11 in English. A page's own
content may add at most 7 (the English case overview and case use them all).
Nothing is kept across requests (docs/performance.md, "Queries per page", says
what that costs and why); with the page cache on, a repeated anonymous GET
costs none (tests/test_page_cache.py).

The other tests build on the small site of tests/factories.py: each renders
a listing once to warm up (image renditions are made on the first render),
counts the queries of a second render, adds items (Dutch pages with a
published English translation, so an English listing really grows), and
counts again; both times the listing must show the items of its own
language, and the count must not grow. They are measurements (marker
``thorough``): ``make test`` runs them, ``make test-fast`` does not.
"""

import re
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from cases.models import CaseIndexPage, CasePage, CaseProgramme, CaseTheme
from menukaart.models import ServicePage
from programmes.models import Partner, ProgrammePage, ProgrammePartner
from tests.factories import CasePageFactory, PartnerFactory, ProgrammePageFactory, ServicePageFactory, bilingual
from tests.helpers import Page as RenderedPage

pytestmark = pytest.mark.django_db

CEILING = 18
COOKIE_ALLOWED = {"IntakePage": {"csrftoken"}, "EventPage": {"csrftoken"}}  # the pages with a public form


def count_queries(client, url, status=200):
    """The first response (as a visitor meets the page) and the queries of a second render."""
    first = client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == status, url
    html = response.content.decode()
    assert "<main" in html and 'class="site-nav__list"' in html and "site-footer" in html, url
    assert len(context) <= CEILING, f"{url}: " + "\n".join(query["sql"][:300] for query in context.captured_queries)
    return len(context), html, first


# The demo, every page ------------------------------------------------------------------------------------------------

OTHER_REQUESTS = [
    # (url, status, text the page shows): what is not a page of its own
    ("/nl/cases/?theme=werk", 200, 'class="card__title"'),
    ("/en/cases/?theme=werk", 200, 'class="card__title"'),
    ("/nl/zoeken/?q=werk", 200, "search-results"),
    ("/en/search/?q=work", 200, "search-results"),
    ("/nl/bestaat-niet/", 404, "<h1"),
    ("/en/does-not-exist/", 404, "<h1"),
]


@pytest.mark.usefixtures("demo")
def test_every_page_of_the_demo_renders_in_its_own_language_within_the_ceiling(client):
    pages = list(Page.objects.live().filter(depth__gt=1).select_related("locale").specific().order_by("path"))
    assert {page.locale.language_code for page in pages} == {"nl", "en"}
    assert len(pages) >= 30
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    counts = {}
    for page in pages:
        url, language = page.get_url(), page.locale.language_code
        counts[url], _html, response = count_queries(client, url)
        rendered = RenderedPage(response)
        assert rendered.lang == language, url
        assert rendered.canonical == settings.WAGTAILADMIN_BASE_URL + url, url
        assert rendered.h1(), f"{url} has no h1"
        other = "en" if language == "nl" else "nl"
        translation = page.get_translation_or_none(locales[other])
        if translation is not None and translation.live and translation.alias_of_id is None:
            assert rendered.switcher_links()[other] == translation.get_url(), url
        allowed = COOKIE_ALLOWED.get(type(page).__name__, set())
        assert set(response.cookies) <= allowed, f"{url} set cookies {set(response.cookies)}"
    for url, status, shows in OTHER_REQUESTS:
        counts[url], html, _response = count_queries(client, url, status)
        assert shows in html, url
    for language, path in [("nl", "/nl/menukaart/"), ("en", "/en/service-menu/")]:
        services = list(ServicePage.objects.live().filter(locale__language_code=language).order_by("path")[:3])
        url = f"{path}?{urlencode([('service', service.package_key) for service in services])}"
        counts[url], html, _response = count_queries(client, url)
        assert len(services) == 3
        for service in services:
            assert f'value="{service.package_key}" checked' in html, service.title
    print("\n".join(f"{url}: {count} queries" for url, count in counts.items()))


# Listings, 3 items against 6 -----------------------------------------------------------------------------------------


CARD_TITLE = re.compile(r'class="card__title"><a href="[^"]*">([^<]*)</a>')


def card_titles(html):
    return sorted(CARD_TITLE.findall(html))


def live_titles(model, language, **lookup):
    return sorted(
        model.objects.live().filter(locale__language_code=language, **lookup).values_list("title", flat=True)
    )


def add_cases(tree, count):
    """Cases shaped like the small site's: an image, two themes, a programme, a key figure; Dutch and English."""
    themes = [dutch for dutch, _english in tree.themes]
    programmes = [dutch for dutch, _english in tree.programmes]
    for number in range(count):
        bilingual(
            CasePageFactory,
            parent=tree.cases_nl,
            title=f"Extra case {number}",
            image=tree.image,
            theme_links=[CaseTheme(theme=themes[number % 2])]
            + ([CaseTheme(theme=themes[1])] if number % 3 == 0 else []),
            programme_links=[CaseProgramme(programme=programmes[number % 2])],
            english_fields={"title": f"Extra case {number} in English", "slug": f"extra-case-{number}"},
        )


def add_programmes(tree, count, first=0):
    partners = [dutch for dutch, _english in tree.partners]
    for number in range(first, first + count):
        bilingual(
            ProgrammePageFactory,
            parent=tree.programmes_nl,
            title=f"Extra programma {number}",
            image=tree.image,
            start_year=2000 + number,
            partner_links=[ProgrammePartner(partner=partners[number % len(partners)])],
            english_fields={"title": f"Extra programme {number}", "slug": f"extra-programme-{number}"},
        )


def add_partners(count):
    return [
        bilingual(
            PartnerFactory,
            name=f"Extra partner {number}",
            kind=Partner.Kind.SOCIAL_ENTERPRISE,
            english_fields={"name": f"Extra partner {number} (en)"},
        )
        for number in range(count)
    ]


@pytest.mark.thorough
@pytest.mark.parametrize(
    ("url", "language", "theme", "few", "many"),
    [
        ("/nl/cases/", "nl", None, 3, 6),
        ("/en/cases/", "en", None, 3, 6),
        ("/en/cases/?theme=werk", "en", "werk", 2, 4),
    ],
)
def test_case_overview_query_count_is_fixed(client, site_tree, url, language, theme, few, many, monkeypatch):
    monkeypatch.setattr(CaseIndexPage, "per_page", 50)  # all cases on one page, whatever the default
    lookup = {"theme_links__theme__slug": theme} if theme else {}
    with_3, html, _ = count_queries(client, url)
    assert card_titles(html) == live_titles(CasePage, language, **lookup)
    assert len(card_titles(html)) == few
    add_cases(site_tree, 3)
    with_6, html, _ = count_queries(client, url)
    assert card_titles(html) == live_titles(CasePage, language, **lookup)
    assert len(card_titles(html)) == many
    if language == "en":
        assert "Extra case 0 in English" in card_titles(html)
    print(f"{url}: {with_3} queries with {few} cases, {with_6} with {many}")
    assert with_6 == with_3


@pytest.mark.thorough
@pytest.mark.parametrize(("url", "language"), [("/nl/programmas/", "nl"), ("/en/programmes/", "en")])
def test_programme_overview_query_count_is_fixed(client, site_tree, url, language):
    add_programmes(site_tree, 1)
    with_3, html, _ = count_queries(client, url)
    assert card_titles(html) == live_titles(ProgrammePage, language)
    assert len(card_titles(html)) == 3
    add_programmes(site_tree, 3, first=1)
    with_6, html, _ = count_queries(client, url)
    assert card_titles(html) == live_titles(ProgrammePage, language)
    assert len(card_titles(html)) == 6
    print(f"{url}: {with_3} queries with 3 programmes, {with_6} with 6")
    assert with_6 == with_3


PARTNER_NAME = re.compile(r'class="partner-list__name"><a href="[^"]*">([^<]*)</a>')


@pytest.mark.thorough
@pytest.mark.parametrize(
    ("url", "language"), [("/nl/programmas/programma-0/", "nl"), ("/en/programmes/programme-0/", "en")]
)
def test_programme_page_query_count_is_fixed(client, site_tree, url, language):
    programme = site_tree.programmes[0][0 if language == "nl" else 1]
    extra = [pair[0 if language == "nl" else 1] for pair in add_partners(4)]
    ProgrammePartner.objects.create(page=programme, partner=extra[0])
    with_few, html, _ = count_queries(client, url)
    assert len(PARTNER_NAME.findall(html)) == 3
    assert len(card_titles(html)) == 2  # the small site's cases 0 and 2 came out of programme 0
    for partner in extra[1:]:
        ProgrammePartner.objects.create(page=programme, partner=partner)
    add_cases(site_tree, 3)
    with_more, html, _ = count_queries(client, url)
    assert sorted(PARTNER_NAME.findall(html)) == sorted(p.partner.name for p in programme.partner_links.all())
    assert len(PARTNER_NAME.findall(html)) == 6
    cases = live_titles(CasePage, language, programme_links__programme=programme)
    assert card_titles(html) == cases and len(cases) == 4
    print(f"{url}: {with_few} queries with 3 partners and 2 cases, {with_more} with 6 partners and 4 cases")
    assert with_more == with_few


@pytest.mark.thorough
@pytest.mark.parametrize(("url", "language"), [("/nl/", "nl"), ("/en/", "en")])
def test_hub_query_count_is_fixed(client, site_tree, url, language):
    with_few, html, _ = count_queries(client, url)
    add_programmes(site_tree, 3)
    add_cases(site_tree, 3)
    partners = add_partners(3)
    CasePage.objects.update(feature_on_home=True)
    with_more, html, _ = count_queries(client, url)
    hub_partners = html[html.index('id="hub-partners"') :]
    for pair in partners:
        name = pair[0 if language == "nl" else 1].name
        assert f">{name}<" in hub_partners, name
    running = live_titles(ProgrammePage, language, status=ProgrammePage.Status.RUNNING)
    hub_programmes = html[
        html.index('id="hub-programmes"') : html.index("</section>", html.index('id="hub-programmes"'))
    ]
    assert sorted(CARD_TITLE.findall(hub_programmes)) == running and len(running) == 4
    print(f"{url}: {with_few} queries with the small site, {with_more} with 3 more programmes, cases and partners")
    assert with_more == with_few


SERVICE_TITLE = re.compile(r'class="service-card__title"[^>]*><a href="[^"]*">([^<]*)</a>')


def add_services(tree, count, first=0):
    for number in range(first, first + count):
        bilingual(
            ServicePageFactory,
            parent=tree.menukaart_nl,
            title=f"Extra dienst {number}",
            category=tree.categories[0][0],
            english_fields={"title": f"Extra service {number}", "slug": f"extra-service-{number}"},
        )


@pytest.mark.thorough
@pytest.mark.parametrize(("url", "language"), [("/nl/menukaart/", "nl"), ("/en/menu/", "en")])
def test_menukaart_query_count_is_fixed(client, site_tree, url, language):
    add_services(site_tree, 1)
    with_3, html, _ = count_queries(client, url)
    assert sorted(SERVICE_TITLE.findall(html)) == live_titles(ServicePage, language)
    assert len(SERVICE_TITLE.findall(html)) == 3
    add_services(site_tree, 3, first=1)
    with_6, html, _ = count_queries(client, url)
    assert sorted(SERVICE_TITLE.findall(html)) == live_titles(ServicePage, language)
    assert len(SERVICE_TITLE.findall(html)) == 6
    print(f"{url}: {with_3} queries with 3 services, {with_6} with 6")
    assert with_6 == with_3


SEARCH_HIT = re.compile(r'<li><a href="[^"]*">([^<]*)</a>(?:<p class="search-results__passage">)?')


@pytest.mark.thorough
@pytest.mark.parametrize(
    ("url", "language", "prefix"),
    [("/nl/zoeken/?q=extra", "nl", "Extra programma"), ("/en/search/?q=extra", "en", "Extra programme")],
)
def test_search_query_count_is_fixed(client, site_tree, url, language, prefix, monkeypatch):
    from search import query as search

    monkeypatch.setattr(search, "RESULTS_PER_PAGE", 50)
    add_programmes(site_tree, 3)
    with_3, html, _ = count_queries(client, url)
    assert sorted(t for t in SEARCH_HIT.findall(html) if t.startswith(prefix)) == [f"{prefix} {n}" for n in range(3)]
    add_programmes(site_tree, 3, first=3)
    with_6, html, _ = count_queries(client, url)
    found = sorted(t for t in SEARCH_HIT.findall(html) if t.startswith(prefix))
    assert found == sorted(f"{prefix} {n}" for n in range(6))
    print(f"{url}: {with_3} queries with 3 results, {with_6} with 6")
    assert with_6 == with_3
