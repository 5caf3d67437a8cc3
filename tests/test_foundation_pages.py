"""Every foundation page renders in both languages with the right language signals."""

import pytest
from wagtail.models import Site

from tests.helpers import get_page

pytestmark = pytest.mark.django_db

PAGES = [
    # (Dutch URL, English URL, Dutch title, English title)
    ("/nl/", "/en/", "Samen versnellen we sociaal ondernemen", "Together we speed up social entrepreneurship"),
    ("/nl/over-ons/", "/en/about-us/", "Over ons", "About us"),
    ("/nl/locatie/", "/en/location/", "Locatie", "Location"),
    ("/nl/privacy/", "/en/privacy/", "Privacyverklaring", "Privacy statement"),
    ("/nl/toegankelijkheid/", "/en/accessibility/", "Toegankelijkheid", "Accessibility"),
]


@pytest.mark.parametrize(("nl_url", "en_url", "nl_title", "en_title"), PAGES)
def test_page_renders_in_both_languages_with_switcher_and_alternates(client, nl_url, en_url, nl_title, en_title):
    dutch = get_page(client, nl_url)
    english = get_page(client, en_url)

    assert dutch.lang == "nl" and english.lang == "en"
    assert dutch.h1() == nl_title and english.h1() == en_title
    assert dutch.switcher_links() == {"en": en_url}
    assert english.switcher_links() == {"nl": nl_url}
    root = Site.objects.get(is_default_site=True).root_url
    expected = {"nl": f"{root}{nl_url}", "en": f"{root}{en_url}"}
    assert dutch.hreflangs == expected == english.hreflangs
    assert dutch.canonical == f"{root}{nl_url}"
    assert english.canonical == f"{root}{en_url}"


def test_home_page_shows_key_figures_and_call_to_action(client):
    dutch = get_page(client, "/nl/")
    english = get_page(client, "/en/")
    assert "200 sociale ondernemingen" in " ".join(dutch.text.split()) or "sociale ondernemingen" in dutch.text
    assert "social enterprises" in english.text
    assert "Leg jouw vraagstuk aan ons voor" in dutch.text
    assert "Put your question to us" in english.text


def test_main_navigation_lists_menu_pages_in_the_visitors_language(client):
    dutch = get_page(client, "/nl/")
    english = get_page(client, "/en/")
    assert {"/nl/over-ons/", "/nl/locatie/"} <= {a.get("href") for a in dutch.find_all("a")}
    assert {"/en/about-us/", "/en/location/"} <= {a.get("href") for a in english.find_all("a")}


def test_footer_links_to_privacy_and_accessibility_in_the_visitors_language(client):
    english = get_page(client, "/en/")
    hrefs = {a.get("href") for a in english.find_all("a")}
    assert {"/en/privacy/", "/en/accessibility/"} <= hrefs


def test_untranslated_page_switches_to_the_other_home_and_has_no_alternate(client):
    from home.models import HomePage, StandardPage

    home = HomePage.objects.get(locale__language_code="nl")
    home.add_child(instance=StandardPage(title="Alleen Nederlands", slug="alleen-nl"))
    page = get_page(client, "/nl/alleen-nl/")
    assert page.switcher_links() == {"en": "/en/"}
    assert page.hreflangs == {"nl": f"{Site.objects.get().root_url}/nl/alleen-nl/"}


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [("nl-NL,nl;q=0.9", "/nl/"), ("en-GB,en;q=0.8", "/en/"), ("fr-FR", "/nl/"), (None, "/nl/")],
)
def test_root_redirects_by_accept_language(client, accept_language, target):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize(
    ("url", "lang", "message"),
    [("/nl/bestaat-niet/", "nl", "Pagina niet gevonden"), ("/en/does-not-exist/", "en", "Page not found")],
)
def test_not_found_page_speaks_the_visitors_language(client, url, lang, message):
    from tests.helpers import Page

    response = client.get(url)
    assert response.status_code == 404
    page = Page(response)
    assert page.lang == lang
    assert message in page.text


def test_public_pages_set_no_cookies(client):
    for url in ("/nl/", "/en/about-us/", "/nl/zoeken/?q=utrecht"):
        response = client.get(url)
        assert response.cookies == {}, url


def test_search_finds_pages_in_the_visitors_language_only(client):
    dutch = get_page(client, "/nl/zoeken/?q=Vredenburg")
    english = get_page(client, "/en/search/?q=Vredenburg")
    assert "Locatie" in dutch.text and "Location" not in dutch.text.replace("Locatie", "")
    assert "Location" in english.text
    assert english.switcher_links()["nl"].startswith("/nl/zoeken/")


def test_search_with_hostile_input_answers_calmly(client):
    response = client.get("/en/search/", {"q": "<script>alert(1)</script>" * 50, "page": "-1"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
