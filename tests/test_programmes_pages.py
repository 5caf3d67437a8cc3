"""Programme overview, programme pages and partners, in Dutch and English."""

import pytest
from django.core.exceptions import ValidationError

from programmes.models import Partner, ProgrammePage
from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.mark.parametrize(
    ("url", "title", "running", "finished"),
    [
        ("/nl/programmas/", "Programma&#x27;s", "Loopt", "Afgerond"),
        ("/en/programmes/", "Programmes", "Running", "Finished"),
    ],
)
def test_overview_lists_the_three_programmes_running_first(client, url, title, running, finished):
    page = get_page(client, url)
    assert page.h1() == title
    main = page.html[page.html.index("<main") :]  # the menu names some programmes too
    order = [main.index(name) for name in ("Buy Social", "Challenges", "Plan Einstein")]
    assert order == sorted(order), "running programmes come before the finished one"
    assert page.text.count(running) == 2 and page.text.count(finished) == 1
    hrefs = {a.get("href") for a in page.find_all("a")}
    assert {f"{url}plan-einstein/", f"{url}buy-social/", f"{url}challenges/"} <= hrefs


@pytest.mark.parametrize(
    ("url", "texts", "case_url", "intake"),
    [
        (
            "/nl/programmas/plan-einstein/",
            [
                "Afgerond",
                "2016–2018",
                "229",
                "deelnemers aan bedrijfsincubatie",
                "Het probleem dat we aanpakken",
                "Overvecht",
                "Bedrijfsbezoeken",
                "Leg jouw vraagstuk aan ons voor",
            ],
            "/nl/cases/gemeente-utrecht/",
            "/nl/",
        ),
        (
            "/en/programmes/plan-einstein/",
            [
                "Finished",
                "2016–2018",
                "229",
                "participants in business incubation",
                "The problem we tackle",
                "Overvecht",
                "Company visits",
                "Put your question to us",
            ],
            "/en/cases/gemeente-utrecht/",
            "/en/",
        ),
    ],
)
def test_finished_programme_page_in_both_languages(client, url, texts, case_url, intake):
    page = get_page(client, url)
    assert page.h1() == "Plan Einstein"
    for text in texts:
        assert text in page.text, text
    # FACTS.md names no partner of Plan Einstein and no case from it: the demo shows neither.
    assert case_url not in [a.get("href") for a in page.find_all("a")]
    cta = page.find_all("a", **{"class": "button button--cta"})
    assert cta and all(a["href"].startswith(intake) for a in cta)


@pytest.mark.parametrize(
    ("url", "status", "figure"),
    [
        ("/nl/programmas/challenges/", "Loopt", "maanden per challenge"),
        ("/en/programmes/challenges/", "Running", "months per challenge"),
    ],
)
def test_running_programme_page_is_labelled_running(client, url, status, figure):
    page = get_page(client, url)
    assert status in page.text and figure in page.text
    assert "Afgerond" not in page.text and "Finished" not in page.text


@pytest.mark.usefixtures("demo_programme_links")
def test_programme_shows_only_cases_in_its_own_language(client):
    dutch = get_page(client, "/nl/programmas/buy-social/")
    english = get_page(client, "/en/programmes/buy-social/")
    dutch_hrefs = {a.get("href") for a in dutch.find_all("a")}
    english_hrefs = {a.get("href") for a in english.find_all("a")}
    assert {"/nl/cases/gemeente-utrecht/", "/nl/cases/jaarbeurs-band-op-spanning/"} <= dutch_hrefs
    assert {"/en/cases/gemeente-utrecht/", "/en/cases/jaarbeurs-band-op-spanning/"} <= english_hrefs
    assert not any(h and h.startswith("/en/cases/") for h in dutch_hrefs)


def test_partners_are_translated_snippets():
    dutch = Partner.objects.get(locale__language_code="nl", name="Social Enterprise NL")
    english = Partner.objects.get(locale__language_code="en", translation_key=dutch.translation_key)
    assert "Buy Social" in dutch.description and "We started Buy Social together" in english.description
    assert english.kind == dutch.kind == Partner.Kind.EXISTING_ORGANISATION
    assert Partner.objects.filter(locale__language_code="nl").count() >= 11


@pytest.mark.parametrize(
    ("status", "start", "end", "field"),
    [("finished", 2018, 2016, "end_year"), ("running", 2016, 2018, "end_year")],
)
def test_programme_period_is_validated(status, start, end, field):
    programme = ProgrammePage(title="X", slug="x", status=status, start_year=start, end_year=end)
    with pytest.raises(ValidationError) as error:
        programme.clean()
    assert field in error.value.message_dict


def test_period_reads_naturally():
    assert ProgrammePage(start_year=2016, end_year=2018).period == "2016–2018"
    assert ProgrammePage(start_year=2016).period in {"since 2016", "sinds 2016"}
    assert ProgrammePage().period == ""


def test_admin_lists_partners_and_edits_a_programme(admin_client):
    assert admin_client.get("/admin/snippets/programmes/partner/").status_code == 200
    programme = ProgrammePage.objects.get(locale__language_code="nl", slug="plan-einstein")
    assert admin_client.get(f"/admin/pages/{programme.pk}/edit/").status_code == 200
    partner = Partner.objects.get(locale__language_code="nl", name="EY")
    assert admin_client.get(f"/admin/snippets/programmes/partner/edit/{partner.pk}/").status_code == 200
