"""Case overview (cards, filters, pagination) and case pages, in Dutch and English."""

import pytest
from django.utils import timezone
from wagtail.models import Locale

from cases.models import CaseIndexPage, CasePage, CaseProgramme, CaseTheme, Theme
from programmes.models import ProgrammePage
from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

FLAGSHIP = {
    "nl": {
        "url": "/nl/cases/gemeente-utrecht/",
        "phases": ["Verkenning", "Partnerselectie", "Inrichting", "Experiment", "Evaluatie"],
        "figures": ["10 bestaande organisaties", "15 sociale ondernemingen", "25 initiatieven"],
        "texts": [
            "Gemeente Utrecht",
            "Vanaf 2014",
            "De uitdaging",
            "Het resultaat",
            "Kirkman Company stond als een van de oprichters aan de wieg",
            "laagste werkloosheid",
            "Werk en inkomen",
        ],
        "results": ["Plan Einstein", "Buy Social", "challenge"],
    },
    "en": {
        "url": "/en/cases/gemeente-utrecht/",
        "phases": ["Exploration", "Partner selection", "Set-up", "Experiment", "Evaluation"],
        "figures": ["10 existing organisations", "15 social enterprises", "25 initiatives"],
        "texts": [
            "Gemeente Utrecht",
            "From 2014",
            "The challenge",
            "The result",
            "Kirkman Company, one of the founders, was there",
            "lowest unemployment",
            "Work and income",
        ],
        "results": ["Plan Einstein", "Buy Social", "challenge"],
    },
}


def _figure_texts(page):
    """Each key figure as 'value label', the way a visitor reads it."""
    html = page.html
    items = []
    start = 0
    while (start := html.find('class="key-figures__item"', start)) != -1:
        chunk = html[start : html.find("</div>", start)]
        label = chunk.split("<dt>")[1].split("</dt>")[0]
        value = chunk.split("<dd>")[1].split("</dd>")[0]
        items.append(f"{value} {label}")
        start += 1
    return items


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_flagship_case_shows_five_phases_three_figures_and_the_founding_partner(client, lang):
    expected = FLAGSHIP[lang]
    page = get_page(client, expected["url"])
    assert page.lang == lang
    phase_names = [h for h in page.html.split('<h3 class="steps__name">')[1:]]
    assert [name.split("</h3>")[0] for name in phase_names] == expected["phases"]
    assert _figure_texts(page) == expected["figures"]
    for text in expected["texts"]:
        assert text in page.text, text
    assert "<blockquote" not in page.html  # the facts give no one's words to quote
    hrefs = {a.get("href") for a in page.find_all("a")}
    # Plan Einstein, Buy Social and the challenges are what the work produced (FACTS.md), not programmes
    # that took part in it: the result names them, the case lists no programmes involved.
    result = page.html.split('id="case-result"')[1]
    assert all(name in result for name in expected["results"])
    assert 'class="case-facts__list"' not in page.html, "no programmes involved"
    assert f"/{lang}/cases/?theme=werk" in hrefs


@pytest.mark.parametrize(
    ("url", "title", "texts"),
    [
        (
            "/nl/cases/",
            "Cases",
            [
                "3 cases",
                "Gemeente Utrecht",
                "10 bestaande organisaties",
                "Jaarbeurs",
                "Missie 030",
                "geteste sociale initiatieven",
                "Ondernemerschap",
            ],
        ),
        (
            "/en/cases/",
            "Case studies",
            [
                "3 case studies",
                "Gemeente Utrecht (City of Utrecht)",
                "10 existing organisations",
                "Jaarbeurs",
                "social initiatives tested",
                "Entrepreneurship",
            ],
        ),
    ],
)
@pytest.mark.usefixtures("demo_programme_links")
def test_overview_shows_cards_with_client_result_and_figure(client, url, title, texts):
    page = get_page(client, url)
    assert page.h1() == title
    for text in texts:
        assert text in page.text, text
    assert len(page.find_all("li", **{"class": "card case-card"})) == 3
    assert page.find_all("select", name="theme") and page.find_all("select", name="programme")
    assert not page.find_all("nav", **{"class": "pagination"})


def _card_links(page, lang):
    return sorted(
        a["href"]
        for a in page.find_all("a")
        if a.get("href", "").startswith(f"/{lang}/cases/") and a["href"].count("/") == 4
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/nl/cases/?programme=plan-einstein", ["/nl/cases/gemeente-utrecht/"]),
        ("/nl/cases/?programme=buy-social", ["/nl/cases/gemeente-utrecht/", "/nl/cases/jaarbeurs-band-op-spanning/"]),
        ("/en/cases/?programme=buy-social", ["/en/cases/gemeente-utrecht/", "/en/cases/jaarbeurs-band-op-spanning/"]),
        ("/nl/cases/?theme=jongeren", ["/nl/cases/missie-030/"]),
        ("/en/cases/?theme=jongeren", ["/en/cases/missie-030/"]),
        ("/en/cases/?theme=werk&programme=challenges", ["/en/cases/gemeente-utrecht/"]),
        (
            "/en/cases/?theme=&programme=",
            ["/en/cases/gemeente-utrecht/", "/en/cases/jaarbeurs-band-op-spanning/", "/en/cases/missie-030/"],
        ),
    ],
)
@pytest.mark.usefixtures("demo_programme_links")
def test_filters_narrow_the_list_without_javascript(client, url, expected):
    lang = url[1:3]
    page = get_page(client, url)
    assert _card_links(page, lang) == expected


@pytest.mark.usefixtures("demo_programme_links")
def test_filter_form_shows_its_state_and_options_in_the_visitors_language(client):
    page = get_page(client, "/en/cases/?theme=werk&programme=plan-einstein")
    selected = {o["value"] for o in page.find_all("option") if "selected" in o}
    assert selected == {"werk", "plan-einstein"}
    assert "Work and income" in page.text and "Werk en inkomen" not in page.text
    form = page.find_all("form", method="get")[0]
    assert form["action"] == "/en/cases/"
    assert {"href": "/en/cases/", "class": "case-filters__clear"} in page.find_all("a", href="/en/cases/")


@pytest.mark.usefixtures("demo_programme_links")
def test_programme_filter_accepts_the_slug_of_either_language(client):
    programme = ProgrammePage.objects.get(locale__language_code="en", slug="challenges")
    programme.slug = "challenges-en"
    programme.save()
    assert _card_links(get_page(client, "/en/cases/?programme=challenges-en"), "en") == ["/en/cases/gemeente-utrecht/"]
    assert _card_links(get_page(client, "/en/cases/?programme=challenges"), "en") == ["/en/cases/gemeente-utrecht/"]


@pytest.mark.usefixtures("demo_programme_links")
@pytest.mark.parametrize(
    ("url", "message", "clear"),
    [
        ("/nl/cases/?theme=jongeren&programme=buy-social", "Geen cases gevonden met deze filters", "/nl/cases/"),
        ("/en/cases/?theme=jongeren&programme=buy-social", "No case studies match these filters", "/en/cases/"),
        ("/en/cases/?theme=does-not-exist", "No case studies match these filters", "/en/cases/"),
        ("/en/cases/?theme=%00", "No case studies match these filters", "/en/cases/"),
        ("/en/cases/?programme=%3Cscript%3E", "No case studies match these filters", "/en/cases/"),
        ("/en/cases/?theme=" + "x" * 5000, "No case studies match these filters", "/en/cases/"),
    ],
)
def test_empty_or_bad_filter_shows_no_results_with_a_way_out(client, url, message, clear):
    page = get_page(client, url)
    assert message in page.text
    assert not page.find_all("li", **{"class": "card case-card"})
    assert any(a.get("href") == clear for a in page.find_all("a", **{"class": "button button--secondary"}))
    assert "<script>" not in page.html.split("<main")[1]


def _add_cases(count, theme_slug="werk", programme_slug="challenges"):
    index = CaseIndexPage.objects.get(locale__language_code="nl")
    theme = Theme.objects.get(locale__language_code="nl", slug=theme_slug)
    programme = ProgrammePage.objects.get(locale__language_code="nl", slug=programme_slug)
    for number in range(count):
        index.add_child(
            instance=CasePage(
                title=f"Testcase {number:02d}",
                slug=f"testcase-{number:02d}",
                client=f"Klant {number:02d}",
                result_summary="Een resultaat.",
                challenge="<p>Een vraag.</p>",
                first_published_at=timezone.now(),
                theme_links=[CaseTheme(theme=theme)],
                programme_links=[CaseProgramme(programme=programme)],
            )
        )


@pytest.mark.usefixtures("demo_programme_links")
def test_pagination_splits_the_list_and_keeps_the_filters(client):
    _add_cases(30)
    first = get_page(client, "/nl/cases/?programme=challenges")
    assert "31 cases, pagina 1 van 4" in first.text
    assert len(first.find_all("li", **{"class": "card case-card"})) == CaseIndexPage.per_page
    next_links = first.find_all("a", rel="next")
    assert next_links and next_links[0]["href"] == "?programme=challenges&page=2"
    assert first.find_all("span", **{"aria-current": "page"})
    last = get_page(client, "/nl/cases/?programme=challenges&page=4")
    assert len(last.find_all("li", **{"class": "card case-card"})) == 31 - 3 * CaseIndexPage.per_page
    assert "Gemeente Utrecht" in last.text  # the oldest card comes last
    assert last.find_all("a", rel="prev")[0]["href"] == "?programme=challenges&page=3"


@pytest.mark.parametrize("page_number", ["abc", "0", "-1", "999", "1.5", "%00", ""])
def test_bad_page_numbers_never_fail(client, page_number):
    _add_cases(12)
    response = client.get(f"/en/cases/?page={page_number}")
    assert response.status_code == 200


def test_case_pages_set_no_cookies(client):
    for url in ("/nl/cases/", "/en/cases/?theme=werk", "/en/cases/gemeente-utrecht/", "/nl/programmas/"):
        assert client.get(url).cookies == {}, url


@pytest.mark.parametrize(
    ("url", "title", "texts"),
    [
        (
            "/nl/cases/jaarbeurs-band-op-spanning/",
            "Jaarbeurs en Band op Spanning: veilige banden, nieuw werk",
            ["Band op Spanning", "De match", "Minder brandstofverbruik"],
        ),
        (
            "/en/cases/jaarbeurs-band-op-spanning/",
            "Jaarbeurs and Band op Spanning: safe tyres, new jobs",
            ["Band op Spanning", "The match", "Less fuel used"],
        ),
        (
            "/nl/cases/missie-030/",
            "Missie 030: jongeren ontdekken sociaal ondernemen",
            ["Oriëntatie", "Impactteams", "12 workshops"],
        ),
        (
            "/en/cases/missie-030/",
            "Missie 030: young people discover social enterprise",
            ["Orientation", "Impact teams", "12 workshops"],
        ),
    ],
)
def test_other_cases_render_in_both_languages(client, url, title, texts):
    page = get_page(client, url)
    assert page.h1() == title
    for text in texts:
        assert text in " ".join(_figure_texts(page)) + page.text, text


def test_themes_are_translated_snippets_sharing_their_slug():
    for dutch in Theme.objects.filter(locale__language_code="nl"):
        english = dutch.get_translation(Locale.objects.get(language_code="en"))
        assert english.slug == dutch.slug and english.name != ""
    assert Theme.objects.get(locale__language_code="en", slug="jongeren").name == "Young people"


def test_admin_lists_themes_and_edits_a_case(admin_client):
    assert admin_client.get("/admin/snippets/cases/theme/").status_code == 200
    case = CasePage.objects.get(locale__language_code="nl", slug="gemeente-utrecht")
    assert admin_client.get(f"/admin/pages/{case.pk}/edit/").status_code == 200


@pytest.mark.parametrize(
    ("model", "slug", "edit_url", "source_text"),
    [
        (CasePage, "gemeente-utrecht", "/admin/pages/{pk}/edit/", "Partnerselectie"),
        (Theme, "werk", "/admin/snippets/cases/theme/edit/{pk}/", "Werk en inkomen"),
    ],
)
def test_english_versions_open_in_the_translation_editor(admin_client, model, slug, edit_url, source_text):
    """wagtail-localize shows a synced translation in its editor, down to the texts inside nested blocks."""
    english = model.objects.get(locale__language_code="en", slug=slug)
    response = admin_client.get(edit_url.format(pk=english.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "js-translation-editor" in html
    assert source_text in html
