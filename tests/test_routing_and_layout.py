"""How a page is found and what the layout around it shows: always read as the database is now.

``HomePage.route`` finds a page by its URL path in a fixed number of queries, and must find
exactly the page Wagtail's own routing finds. ``home.localization.prefetch`` fetches the pages
the layout links to in one query, and must give what each layout function computes alone.
Nothing of either is kept across requests, so every change an editor makes shows on the next
request, in both languages, with the page cache off as here (tests/test_page_cache.py purges
the page cache itself).
"""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from cases.models import CasePage
from home import localization
from home import models as home_models
from tests.helpers import get_page

pytestmark = pytest.mark.django_db


def _found(home, request, components, route):
    try:
        return route(home, request, components).page.pk
    except Http404:
        return None


def test_every_path_leads_where_wagtails_own_routing_leads(site_tree):
    request = RequestFactory().get("/")
    site_tree.cases[0][0].unpublish()  # a page that is not live: a 404 both ways
    for home in (site_tree.home_nl, site_tree.home_en):
        home = home.specific
        paths = [page.url_path[len(home.url_path) :] for page in Page.objects.descendant_of(home)]
        for relative in [*paths, "bestaat-niet/", "cases/bestaat-niet/", "over-ons/bestaat-niet/"]:
            components = [part for part in relative.split("/") if part]
            ours = _found(home, request, components, home_models.HomePage.route)
            wagtails = _found(home, request, components, Page.route)
            assert ours == wagtails, relative
    about = _found(site_tree.home_nl.specific, request, ["over-ons"], home_models.HomePage.route)
    assert about == site_tree.about_nl.pk


def test_a_page_type_with_its_own_routing_gets_wagtails_walk(site_tree, monkeypatch):
    calls = []

    def route(self, request, path_components):
        calls.append(path_components)
        return Page.route(self, request, path_components)

    monkeypatch.setattr(CasePage, "route", route)
    home_models._every_page_type_routes_by_slug.cache_clear()
    try:
        request = RequestFactory().get("/")
        case = site_tree.cases[0][0]
        result = site_tree.home_nl.specific.route(request, ["cases", case.slug])
        assert result.page.pk == case.pk
        assert calls == [[]]
    finally:
        monkeypatch.undo()
        home_models._every_page_type_routes_by_slug.cache_clear()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_layouts_pages_come_in_one_query_as_each_function_gives_them(site_tree, language):
    page = (site_tree.cases[0][0] if language == "nl" else site_tree.cases[0][1]).specific
    factory = RequestFactory(HTTP_HOST="localhost")
    with translation.override(language):
        alone = factory.get(page.url)
        expected = {
            "homes": localization.home_pages(alone),
            "menu": localization.menu_pages(alone),
            "sections": localization.sections(alone),
            "ancestors": localization.ancestors(alone, page),
            "twins": localization.live_twins(alone, page),
            "site_pages": localization.site_pages(alone),
        }
        together = factory.get(page.url)
        localization.prefetch(together, page)
        with CaptureQueriesContext(connection) as queries:
            got = {
                "homes": localization.home_pages(together),
                "menu": localization.menu_pages(together),
                "sections": localization.sections(together),
                "ancestors": localization.ancestors(together, page),
                "twins": localization.live_twins(together, page),
                "site_pages": localization.site_pages(together),
            }
    assert len(queries) == 0
    assert expected["site_pages"]["privacy"] is not None and expected["menu"] and expected["ancestors"]
    assert got == expected


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
