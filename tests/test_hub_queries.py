"""Listings run a fixed number of queries whatever the number of items (3 versus 30).

Each test renders once to warm up (image renditions are made on the first
render), then counts the queries of a second render, adds items, and counts
again.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import CaseIndexPage, CasePage, CaseProgramme, CaseTheme, Theme
from programmes.models import Partner, ProgrammeIndexPage, ProgrammePage, ProgrammePartner

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def _dutch(model, **lookup):
    return model.objects.get(locale__language_code="nl", **lookup)


def add_cases(count):
    """Cases shaped like the demo ones: an image, two themes, a programme, a key figure."""
    index = _dutch(CaseIndexPage)
    image = _dutch(CasePage, slug="missie-030").image
    themes = list(Theme.objects.filter(locale__language_code="nl"))
    programmes = list(ProgrammePage.objects.filter(locale__language_code="nl"))
    for number in range(count):
        index.add_child(
            instance=CasePage(
                title=f"Extra case {number}",
                slug=f"extra-case-{number}",
                client=f"Client {number}",
                result_summary="A result.",
                challenge="<p>A question.</p>",
                first_published_at=timezone.now(),
                image=image,
                key_figures=[("key_figures", {"title": "", "figures": [{"value": "7", "label": "things"}]})],
                theme_links=[CaseTheme(theme=themes[number % 5]), CaseTheme(theme=themes[(number + 1) % 5])],
                programme_links=[CaseProgramme(programme=programmes[number % 3])],
            )
        )


def add_programmes(count):
    index = _dutch(ProgrammeIndexPage)
    image = _dutch(ProgrammePage, slug="challenges").image
    partners = list(Partner.objects.filter(locale__language_code="nl"))
    for number in range(count):
        index.add_child(
            instance=ProgrammePage(
                title=f"Extra programme {number}",
                slug=f"extra-programme-{number}",
                lead="A programme.",
                start_year=2000 + number,
                image=image,
                partner_links=[ProgrammePartner(partner=partners[number % len(partners)])],
            )
        )


def add_partners(count):
    for number in range(count):
        Partner.objects.create(
            name=f"Extra partner {number}", kind=Partner.Kind.COMPANY, website="https://example.org/"
        )


@pytest.mark.parametrize("url", ["/nl/cases/", "/en/cases/", "/en/cases/?theme=werk"])
def test_case_overview_query_count_is_fixed(client, url, monkeypatch):
    monkeypatch.setattr(CaseIndexPage, "per_page", 50)  # all cases on one page
    with_3 = count_queries(client, url)
    add_cases(27)
    with_30 = count_queries(client, url)
    print(f"{url}: {with_3} queries with 3 cases, {with_30} with 30")
    assert with_30 == with_3


@pytest.mark.parametrize("url", ["/nl/programmas/", "/en/programmes/"])
def test_programme_overview_query_count_is_fixed(client, url):
    with_3 = count_queries(client, url)
    add_programmes(27)
    with_30 = count_queries(client, url)
    print(f"{url}: {with_3} queries with 3 programmes, {with_30} with 30")
    assert with_30 == with_3


@pytest.mark.parametrize("url", ["/nl/programmas/challenges/", "/en/programmes/challenges/"])
def test_programme_page_query_count_is_fixed(client, url):
    challenges = _dutch(ProgrammePage, slug="challenges")
    partners = list(Partner.objects.filter(locale__language_code="nl"))
    for partner in partners[:3]:
        ProgrammePartner.objects.create(page=challenges, partner=partner)
    with_3 = count_queries(client, url)
    for partner in partners[3:]:
        ProgrammePartner.objects.create(page=challenges, partner=partner)
    add_cases(27)
    with_more = count_queries(client, url)
    print(
        f"{url}: {with_3} queries with 3 partners and 1 case, {with_more} with {len(partners)} partners and 10 cases"
    )
    assert with_more == with_3


@pytest.mark.parametrize("url", ["/nl/", "/en/"])
def test_hub_query_count_is_fixed(client, url):
    with_3 = count_queries(client, url)
    add_programmes(27)
    add_cases(27)
    add_partners(30)
    CasePage.objects.update(feature_on_home=True)
    with_30 = count_queries(client, url)
    print(f"{url}: {with_3} queries with the demo content, {with_30} with 30 more programmes, cases and partners")
    assert with_30 == with_3
