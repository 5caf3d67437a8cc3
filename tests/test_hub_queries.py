"""Listings run a fixed number of queries whatever the number of items (3 versus 30), and at most 18.

The small site of tests/factories.py has its items in Dutch and English;
the items added here are Dutch pages with a published English translation,
so an English listing really grows. Each test renders once to warm up (image
renditions are made on the first render), then counts the queries of a
second render, adds items, and counts again; both times the listing must show
the items of its own language.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CaseIndexPage, CasePage, CaseProgramme, CaseTheme
from menukaart.models import ServicePage
from programmes.models import Partner, ProgrammePage, ProgrammePartner
from tests.factories import CasePageFactory, PartnerFactory, ProgrammePageFactory, ServicePageFactory, bilingual

pytestmark = pytest.mark.django_db

CEILING = 18  # queries for any public page; tests/test_query_counts.py checks the demo and says why

CARD_TITLE = re.compile(r'class="card__title"><a href="[^"]*">([^<]*)</a>')


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert len(context) <= CEILING, "\n".join(query["sql"][:300] for query in context.captured_queries)
    return len(context), response.content.decode()


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


@pytest.mark.parametrize(
    ("url", "language", "theme", "few", "many"),
    [
        ("/nl/cases/", "nl", None, 3, 30),
        ("/en/cases/", "en", None, 3, 30),
        ("/en/cases/?theme=werk", "en", "werk", 2, 16),
    ],
)
def test_case_overview_query_count_is_fixed(client, site_tree, url, language, theme, few, many, monkeypatch):
    monkeypatch.setattr(CaseIndexPage, "per_page", 50)  # all cases on one page
    lookup = {"theme_links__theme__slug": theme} if theme else {}
    with_3, html = count_queries(client, url)
    assert card_titles(html) == live_titles(CasePage, language, **lookup)
    assert len(card_titles(html)) == few
    add_cases(site_tree, 27)
    with_30, html = count_queries(client, url)
    assert card_titles(html) == live_titles(CasePage, language, **lookup)
    assert len(card_titles(html)) == many
    if language == "en":
        assert "Extra case 0 in English" in card_titles(html)
    print(f"{url}: {with_3} queries with {few} cases, {with_30} with {many}")
    assert with_30 == with_3


@pytest.mark.parametrize(("url", "language"), [("/nl/programmas/", "nl"), ("/en/programmes/", "en")])
def test_programme_overview_query_count_is_fixed(client, site_tree, url, language):
    add_programmes(site_tree, 1)
    with_3, html = count_queries(client, url)
    assert card_titles(html) == live_titles(ProgrammePage, language)
    assert len(card_titles(html)) == 3
    add_programmes(site_tree, 27, first=1)
    with_30, html = count_queries(client, url)
    assert card_titles(html) == live_titles(ProgrammePage, language)
    assert len(card_titles(html)) == 30
    print(f"{url}: {with_3} queries with 3 programmes, {with_30} with 30")
    assert with_30 == with_3


PARTNER_NAME = re.compile(r'class="partner-list__name"><a href="[^"]*">([^<]*)</a>')


@pytest.mark.parametrize(
    ("url", "language"), [("/nl/programmas/programma-0/", "nl"), ("/en/programmes/programme-0/", "en")]
)
def test_programme_page_query_count_is_fixed(client, site_tree, url, language):
    programme = site_tree.programmes[0][0 if language == "nl" else 1]
    extra = [pair[0 if language == "nl" else 1] for pair in add_partners(28)]
    ProgrammePartner.objects.create(page=programme, partner=extra[0])
    with_few, html = count_queries(client, url)
    assert len(PARTNER_NAME.findall(html)) == 3
    assert len(card_titles(html)) == 2  # the small site's cases 0 and 2 came out of programme 0
    for partner in extra[1:]:
        ProgrammePartner.objects.create(page=programme, partner=partner)
    add_cases(site_tree, 27)
    with_more, html = count_queries(client, url)
    assert sorted(PARTNER_NAME.findall(html)) == sorted(p.partner.name for p in programme.partner_links.all())
    assert len(PARTNER_NAME.findall(html)) == 30
    cases = live_titles(CasePage, language, programme_links__programme=programme)
    assert card_titles(html) == cases and len(cases) == 16
    print(f"{url}: {with_few} queries with 3 partners and 2 cases, {with_more} with 30 partners and 16 cases")
    assert with_more == with_few


@pytest.mark.parametrize(("url", "language"), [("/nl/", "nl"), ("/en/", "en")])
def test_hub_query_count_is_fixed(client, site_tree, url, language):
    with_few, html = count_queries(client, url)
    add_programmes(site_tree, 27)
    add_cases(site_tree, 27)
    partners = add_partners(30)
    CasePage.objects.update(feature_on_home=True)
    with_30, html = count_queries(client, url)
    hub_partners = html[html.index('id="hub-partners"') :]
    for pair in partners:
        name = pair[0 if language == "nl" else 1].name
        assert f">{name}<" in hub_partners, name
    running = live_titles(ProgrammePage, language, status=ProgrammePage.Status.RUNNING)
    hub_programmes = html[
        html.index('id="hub-programmes"') : html.index("</section>", html.index('id="hub-programmes"'))
    ]
    assert sorted(CARD_TITLE.findall(hub_programmes)) == running and len(running) == 28
    print(f"{url}: {with_few} queries with the small site, {with_30} with 30 more programmes, cases and partners")
    assert with_30 == with_few


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


@pytest.mark.parametrize(("url", "language"), [("/nl/menukaart/", "nl"), ("/en/menu/", "en")])
def test_menukaart_query_count_is_fixed(client, site_tree, url, language):
    add_services(site_tree, 1)
    with_3, html = count_queries(client, url)
    assert sorted(SERVICE_TITLE.findall(html)) == live_titles(ServicePage, language)
    assert len(SERVICE_TITLE.findall(html)) == 3
    add_services(site_tree, 27, first=1)
    with_30, html = count_queries(client, url)
    assert sorted(SERVICE_TITLE.findall(html)) == live_titles(ServicePage, language)
    assert len(SERVICE_TITLE.findall(html)) == 30
    print(f"{url}: {with_3} queries with 3 services, {with_30} with 30")
    assert with_30 == with_3


SEARCH_HIT = re.compile(r'<li><a href="[^"]*">([^<]*)</a>(?:<p class="search-results__passage">)?')


@pytest.mark.parametrize(
    ("url", "language", "prefix"),
    [("/nl/zoeken/?q=extra", "nl", "Extra programma"), ("/en/search/?q=extra", "en", "Extra programme")],
)
def test_search_query_count_is_fixed(client, site_tree, url, language, prefix, monkeypatch):
    from search import query as search

    monkeypatch.setattr(search, "RESULTS_PER_PAGE", 50)
    add_programmes(site_tree, 3)
    with_3, html = count_queries(client, url)
    assert sorted(t for t in SEARCH_HIT.findall(html) if t.startswith(prefix)) == [f"{prefix} {n}" for n in range(3)]
    add_programmes(site_tree, 27, first=3)
    with_30, html = count_queries(client, url)
    found = sorted(t for t in SEARCH_HIT.findall(html) if t.startswith(prefix))
    assert found == sorted(f"{prefix} {n}" for n in range(30))
    print(f"{url}: {with_3} queries with 3 results, {with_30} with 30")
    assert with_30 == with_3
