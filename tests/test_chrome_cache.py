"""What ops/chrome.py keeps across requests (menus, settings, routes) is purged with the page cache.

The page cache is off here, as in production's "cold" path: each test warms the kept
chrome and routes with a first request, changes what a visitor would see through the
same calls the admin makes, and expects the next request to show the change, in
both languages.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.helpers import get_page

pytestmark = pytest.mark.django_db


def warm(client, *urls):
    for url in urls:
        assert client.get(url).status_code == 200, url


def nav_titles(page):
    nav = page.html[page.html.index('class="site-nav__list"') :]
    return nav[: nav.index("</ul>")]


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_kept_route_serves_the_page_with_one_query_for_it(client, site_tree):
    url = "/nl/cases/case-0/"
    warm(client, url)
    with CaptureQueriesContext(connection) as context:
        page = get_page(client, url)
    assert page.h1() == "Case 0"
    tables = {re.search(r'FROM "(\w+)"', query["sql"]).group(1) for query in context.captured_queries}
    kept = {"wagtailcore_site", "home_sitesettings", "wagtailcore_pageviewrestriction", "wagtailcore_locale"}
    assert not tables & kept


@pytest.mark.parametrize(("language", "url"), [("nl", "/nl/privacy/"), ("en", "/en/privacy/")])
def test_a_renamed_menu_page_shows_on_the_next_request(client, site_tree, language, url):
    about = site_tree.about_nl if language == "nl" else site_tree.about_en
    old, new = about.title, f"{about.title} (nieuw)"
    warm(client, url)
    assert f">{old}<" in nav_titles(get_page(client, url))
    publish(about, title=new)
    assert f">{new}<" in nav_titles(get_page(client, url))
    assert f">{old}<" not in nav_titles(get_page(client, url))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_page_left_out_of_the_menu_leaves_it(client, site_tree, language):
    about = site_tree.about_nl if language == "nl" else site_tree.about_en
    url = f"/{language}/"
    warm(client, url)
    assert f">{about.title}<" in nav_titles(get_page(client, url))
    publish(about, show_in_menus=False)
    assert f">{about.title}<" not in nav_titles(get_page(client, url))


def test_a_new_slug_moves_the_page_at_once(client, site_tree):
    warm(client, "/nl/over-ons/", "/en/about-us/")
    publish(site_tree.about_nl, slug="wie-we-zijn")
    assert client.get("/nl/over-ons/").status_code == 404
    assert get_page(client, "/nl/wie-we-zijn/").h1() == "Over ons"
    assert get_page(client, "/en/about-us/").switcher_links()["nl"] == "/nl/wie-we-zijn/"


@pytest.mark.parametrize(("language", "url"), [("nl", "/nl/cases/case-1/"), ("en", "/en/cases/case-1/")])
def test_an_unpublished_page_is_gone_on_the_next_request(client, site_tree, language, url):
    case = site_tree.cases[1][0 if language == "nl" else 1]
    warm(client, url)
    case.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/nl/over-ons/", "/en/about-us/"])
def test_a_page_made_private_asks_for_a_login_on_the_next_request(client, site_tree, url):
    warm(client, url)
    PageViewRestriction.objects.create(page=site_tree.home_nl, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=site_tree.home_en, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(url)
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"]


@pytest.mark.parametrize("url", ["/nl/", "/en/cases/"])
def test_changed_site_settings_show_in_the_footer_on_the_next_request(client, site_tree, url):
    warm(client, url)
    site_tree.settings.email = "nieuw@proef.example"
    site_tree.settings.save()
    assert "nieuw@proef.example" in get_page(client, url).html
