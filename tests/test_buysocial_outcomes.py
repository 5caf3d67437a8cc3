"""Buyers' figures: the directory's totals per year, its CSV and its JSON agree with the recorded outcomes."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from buysocial.models import QuoteOutcome
from tests.helpers import get_page
from tests.test_buysocial import directory_fixture, shared_content  # noqa: F401 (the directory, built once)

pytestmark = pytest.mark.django_db

RECORDS = [
    # year, matched, amount, jobs
    (2024, True, 3000, None),
    (2025, True, 12000, 2),
    (2025, False, None, None),
    (2026, True, 4500, None),
    (2026, True, 800, 1),
]
COLUMNS = ("year", "requests", "matched", "amount_eur", "jobs_created", "requests_with_jobs_known")
EXPECTED = [
    dict(zip(COLUMNS, row, strict=True))
    for row in [
        # No record of 2024 knows its jobs: not known (null, an empty cell), never a zero.
        (2024, 1, 1, 3000, None, 0),
        (2025, 2, 1, 12000, 2, 1),
        (2026, 2, 2, 5300, 1, 1),
    ]
]


@pytest.fixture
def records(directory):
    for year, matched, amount, jobs in RECORDS:
        QuoteOutcome.objects.create(year=year, matched=matched, amount_eur=amount, jobs_created=jobs)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_without_records_the_page_says_so_and_shows_no_figure(client, directory, language):
    page = get_page(client, f"/{language}/buy-social/")
    said = {"nl": "nog geen uitkomsten", "en": "No outcomes of quote requests have been recorded yet"}[language]
    assert said in page.text
    assert not page.find_all("svg", **{"class": "bar-chart"})
    assert json.loads(client.get(f"/{language}/buy-social/?format=json").content)["totals"] == []


@pytest.mark.usefixtures("records")
@pytest.mark.parametrize("language", ["nl", "en"])
def test_page_csv_and_json_agree_with_the_records(client, language):
    page = get_page(client, f"/{language}/buy-social/")
    thousands = {"nl": ".", "en": ","}[language]
    for total in EXPECTED:
        amount = f"{total['amount_eur']:,}".replace(",", thousands)
        assert f"{total['year']} {total['requests']} {total['matched']} {amount}" in page.text
        assert f"€ {amount}" in page.text  # the bar's label
    # The chart is a figure with a caption, and draws one bar per year.
    assert page.find_all("figure") and page.find_all("figcaption")
    assert len(page.find_all("rect", **{"class": "bar-chart__bar"})) == len(EXPECTED)

    response = client.get(f"/{language}/buy-social/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "creativecommons.org/licenses/by/4.0" in response["Link"]
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [{key: int(value) if value else None for key, value in row.items()} for row in table] == EXPECTED

    data = json.loads(client.get(f"/{language}/buy-social/?format=json").content)
    assert data["license"] == "CC BY 4.0"
    assert data["totals"] == EXPECTED


def test_an_amount_needs_a_match(directory):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        QuoteOutcome(year=2026, matched=False, amount_eur=100).full_clean()


def test_a_new_record_shows_at_once_even_with_the_page_cached(client, directory, settings):
    settings.PAGE_CACHE_ENABLED = True
    client.get("/en/buy-social/?format=json")
    QuoteOutcome.objects.create(year=2026, matched=True, amount_eur=100)
    assert json.loads(client.get("/en/buy-social/?format=json").content)["totals"][0]["amount_eur"] == 100


def test_only_intake_handlers_see_the_outcomes_in_the_admin(client, directory):
    url = reverse("buysocial_outcomes:index")
    handler = User.objects.create_user("handler", password="x")
    handler.groups.add(Group.objects.get(name="Intake handlers"))
    client.force_login(handler)
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()

    editor = User.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
