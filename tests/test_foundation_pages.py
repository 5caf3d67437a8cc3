"""Every foundation page renders in both languages with the right language signals."""

import pytest
from django.conf import settings

from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

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
    root = settings.WAGTAILADMIN_BASE_URL  # the public base URL, not the host the demo was loaded for
    expected = {"nl": f"{root}{nl_url}", "en": f"{root}{en_url}", "x-default": f"{root}{nl_url}"}
    assert dutch.hreflangs == expected == english.hreflangs
    assert dutch.canonical == f"{root}{nl_url}"
    assert english.canonical == f"{root}{en_url}"


def test_home_page_shows_key_figures_and_call_to_action(client):
    dutch = get_page(client, "/nl/")
    english = get_page(client, "/en/")
    assert "<dt>sociale ondernemingen</dt><dd>200</dd>" in dutch.html
    assert "<dt>social enterprises</dt><dd>200</dd>" in english.html
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
    url = f"{settings.WAGTAILADMIN_BASE_URL}/nl/alleen-nl/"
    assert page.hreflangs == {"nl": url, "x-default": url}


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


def test_server_error_page_renders_without_database_or_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Er ging iets mis" in html and "Something went wrong" in html


def test_oversized_request_gets_a_clear_400(settings):
    from django.test import Client

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = Client(enforce_csrf_checks=True)
    token = "a" * 32
    client.cookies["csrftoken"] = token
    response = client.post("/en/search/", {"csrfmiddlewaretoken": token, "q": "x" * 5000})
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_translation_that_is_not_live_is_neither_alternate_nor_switch_target(client):
    from wagtail.models import Page

    english = Page.objects.get(locale__language_code="en", slug="location").specific
    english.unpublish()
    dutch = get_page(client, "/nl/locatie/")
    assert dutch.switcher_links() == {"en": "/en/"}
    assert set(dutch.hreflangs) == {"nl", "x-default"}


def test_alias_is_not_an_alternate(client):
    from wagtail.models import Locale

    from home.models import StandardPage

    dutch = StandardPage.objects.get(locale__language_code="nl", slug="over-ons")
    home_en = dutch.get_parent().get_translation(Locale.objects.get(language_code="en"))
    StandardPage.objects.get(locale__language_code="en", slug="about-us").delete()
    alias = dutch.copy_for_translation(Locale.objects.get(language_code="en"), alias=True)
    assert alias.alias_of_id == dutch.pk and alias.get_parent().pk == home_en.pk
    page = get_page(client, "/nl/over-ons/")
    assert set(page.hreflangs) == {"nl", "x-default"}


def test_standard_page_renders_with_a_small_fixed_number_of_queries(client, django_assert_max_num_queries):
    client.get("/nl/")  # warm the per-process caches (site root paths), as a running site has them
    with django_assert_max_num_queries(15):  # 14 in Dutch; English resolves one more locale
        get_page(client, "/en/about-us/")


def test_public_pages_allow_only_this_site_as_a_source(client, admin_client):
    policy = client.get("/en/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    # The admin has a policy of its own (tests/test_security_headers.py).
    assert admin_client.get("/admin/")["Content-Security-Policy"] != policy
    # Editors get the same policy with Wagtail's user bar, which needs nothing inline (tests/test_security_headers.py).
    assert admin_client.get("/en/")["Content-Security-Policy"] == policy
