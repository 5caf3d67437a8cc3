"""Every page says when it was last changed, in the visitor's language, from the page in that language
(issue 26, point 6): "Laatst bijgewerkt op 3 december 2026" / "Last updated on 3 December 2026"."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.models import HomePage
from tests.helpers import get_page

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC


def _published(page, moment):
    Page.objects.filter(pk=page.pk).update(last_published_at=moment)


def _line(html):
    start = html.index('class="wrapper page-updated"')
    return html[html.index(">", start) + 1 : html.index("</p>", start)]


def test_each_language_shows_the_date_of_its_own_page(client, site_tree):
    _published(site_tree.about_nl, datetime.datetime(2026, 12, 3, 10, tzinfo=UTC))
    _published(site_tree.about_en, datetime.datetime(2026, 11, 1, 10, tzinfo=UTC))
    assert _line(get_page(client, site_tree.about_nl.url).html) == "Laatst bijgewerkt op 3 december 2026"
    assert _line(get_page(client, site_tree.about_en.url).html) == "Last updated on 1 November 2026"


def test_the_date_is_the_day_in_amsterdam(client, site_tree):
    # 23:30 UTC on 2 December is 00:30 on 3 December in Amsterdam (CET, UTC+1).
    _published(site_tree.about_nl, datetime.datetime(2026, 12, 2, 23, 30, tzinfo=UTC))
    assert _line(get_page(client, site_tree.about_nl.url).html) == "Laatst bijgewerkt op 3 december 2026"


def test_every_page_type_shows_it_but_the_hub(client, site_tree):
    moment = datetime.datetime(2026, 3, 5, 12, tzinfo=UTC)
    Page.objects.filter(depth__gte=2).update(last_published_at=moment)
    pages = [page.specific for page in Page.objects.live().filter(depth__gte=2)]
    assert len(pages) > 10
    for page in pages:
        html = get_page(client, page.url).html
        if isinstance(page, HomePage):
            assert "page-updated" not in html, page.url
        elif page.locale.language_code == "nl":
            assert _line(html) == "Laatst bijgewerkt op 5 maart 2026", page.url
        else:
            assert _line(html) == "Last updated on 5 March 2026", page.url


def test_a_page_never_published_shows_no_date(client, site_tree):
    _published(site_tree.about_nl, None)
    assert "page-updated" not in get_page(client, site_tree.about_nl.url).html


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_date_costs_no_query(client, site_tree):
    url = site_tree.about_en.url
    _published(site_tree.about_en, None)
    without = _queries(client, url)
    _published(site_tree.about_en, datetime.datetime(2026, 12, 3, 10, tzinfo=UTC))
    assert _queries(client, url) == without


def test_publishing_shows_the_new_date_with_the_page_cache_on(client, site_tree, settings):
    settings.PAGE_CACHE_ENABLED = True
    page = site_tree.about_nl
    with time_machine.travel(datetime.datetime(2026, 12, 3, 10, tzinfo=AMSTERDAM), tick=False):
        page.save_revision().publish()
        first = client.get(page.url)
        assert first["X-Page-Cache"] == "miss"
        assert client.get(page.url)["X-Page-Cache"] == "hit"
    assert _line(first.content.decode()) == "Laatst bijgewerkt op 3 december 2026"
    with time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=AMSTERDAM), tick=False):
        page.refresh_from_db()
        page.save_revision().publish()
        after = client.get(page.url)
    assert after["X-Page-Cache"] == "miss"
    assert _line(after.content.decode()) == "Laatst bijgewerkt op 7 december 2026"
