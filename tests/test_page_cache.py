"""The anonymous page cache (ops/page_cache.py): hits without queries, exact purges, who never sees it."""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail_localize.models import StringSegment, Translation

from cases.models import CasePage, Theme
from home.models import SiteSettings
from tests.helpers import Page
from tests.test_admin_previews import page_form_data
from tests.test_intake import valid_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

CASE = {"nl": "/nl/cases/gemeente-utrecht/", "en": "/en/cases/gemeente-utrecht/"}
PUBLIC_URLS = [
    "/nl/",
    "/en/",
    "/nl/cases/",
    "/en/cases/",
    CASE["nl"],
    CASE["en"],
    "/nl/menukaart/",
    "/en/service-menu/",
]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("beheer", "beheer@sif.example", "wachtwoord-lang-genoeg")


def _public_url(client, url):
    response = client.get(url)
    if response.status_code in (301, 302):  # the English slug may differ: follow the language switcher
        response = client.get(response["Location"])
    return response


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_second_anonymous_get_is_a_hit_without_queries(client, url, django_assert_num_queries):
    first = client.get(url)
    if first.status_code == 404:
        pytest.skip(f"{url} is not in the demo content")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"].startswith("public, max-age=")
    assert re.fullmatch(r'"[0-9a-f]{32}"', first["ETag"])
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert not second.cookies


@pytest.mark.parametrize("language", ["nl", "en"])
def test_if_none_match_gets_a_304_on_a_hit_and_a_miss(client, language):
    url = CASE[language]
    first = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag and again.content == b""
    fresh_client = Client()
    assert fresh_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_keys_hold_the_query_string_and_the_language(client):
    dutch = client.get("/nl/cases/")
    english = client.get("/en/cases/")
    filtered = client.get("/nl/cases/?theme=werk")
    assert Page(dutch).lang == "nl" and Page(english).lang == "en"
    assert filtered["X-Page-Cache"] == "miss"
    assert filtered.content != dutch.content
    assert client.get("/nl/cases/?theme=werk").content == filtered.content


def _publish_new_title_in_the_admin(admin, superuser, page, title):
    """Dutch: the page editor. English (a synced translation): the translation editor, as editors do."""
    translation = Translation.objects.filter(source__object_id=page.translation_key, target_locale=page.locale).first()
    if translation is None:
        data = page_form_data(page, superuser)
        data["title"] = title
        response = admin.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "1"})
    else:
        segment = StringSegment.objects.get(source=translation.source, context__path="title")
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        put = admin.put(url, urlencode({"value": title}), content_type="application/x-www-form-urlencoded")
        assert put.status_code in (200, 201), put.content.decode()[:500]
        response = admin.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.title == title


@pytest.mark.parametrize("language", ["nl", "en"])
def test_publishing_in_the_admin_shows_at_once(client, superuser, language, django_capture_on_commit_callbacks):
    page = CasePage.objects.get(slug="gemeente-utrecht", locale__language_code=language)
    url = page.url
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    index = client.get(page.get_parent().url)

    admin = Client()
    admin.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        _publish_new_title_in_the_admin(admin, superuser, page, f"Nieuwe titel {language}")

    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert f"Nieuwe titel {language}" in Page(after).h1()
    # The case index lists it too: purged as well.
    index_after = client.get(page.get_parent().url)
    assert index_after["X-Page-Cache"] == "miss"
    assert f"Nieuwe titel {language}" in index_after.content.decode()
    assert f"Nieuwe titel {language}" not in index.content.decode()


def test_unpublishing_purges_the_page(client):
    page = CasePage.objects.get(slug="gemeente-utrecht", locale__language_code="nl")
    assert client.get(CASE["nl"]).status_code == 200
    page.unpublish()
    assert client.get(CASE["nl"]).status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        lambda: Theme.objects.get(slug="werk", locale__language_code="nl").save(),
        lambda: SiteSettings.objects.first().save(),
    ],
    ids=["theme", "site-settings"],
)
def test_snippet_and_setting_changes_purge(client, change):
    client.get("/nl/cases/")
    assert client.get("/nl/cases/")["X-Page-Cache"] == "hit"
    change()
    assert client.get("/nl/cases/")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_logged_in_editor_neither_reads_nor_fills_the_cache(client, superuser, language):
    url = CASE[language]
    anonymous = client.get(url)
    admin = Client()
    admin.force_login(superuser)
    seen = admin.get(url)
    assert "X-Page-Cache" not in seen
    assert "userbar" in seen.content.decode(), "the editor gets the page with Wagtail's user bar"
    assert "Cache-Control" not in seen or "public" not in seen["Cache-Control"]
    after = client.get(url)
    assert after["X-Page-Cache"] == "hit"
    assert after.content == anonymous.content
    assert "userbar" not in after.content.decode()


def test_preview_neither_reads_nor_fills_the_cache(client, superuser):
    page = CasePage.objects.get(slug="gemeente-utrecht", locale__language_code="nl")
    client.get(CASE["nl"])
    admin = Client()
    admin.force_login(superuser)
    data = page_form_data(page, superuser)
    data["title"] = "Alleen in de voorbeeldweergave"
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert admin.post(url, data).json()["is_valid"]
    preview = admin.get(url)
    assert "Alleen in de voorbeeldweergave" in preview.content.decode()
    assert "X-Page-Cache" not in preview
    public = client.get(CASE["nl"])
    assert public["X-Page-Cache"] == "hit"
    assert "Alleen in de voorbeeldweergave" not in public.content.decode()


@pytest.mark.parametrize("url", ["/nl/vraagstuk/", "/en/your-question/"])
def test_intake_form_is_never_cached_and_its_post_works_from_a_cached_page(client, url):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/nl/menukaart/")
    assert visitor.get("/nl/menukaart/")["X-Page-Cache"] == "hit"
    for _ in range(2):
        form = visitor.get(url)
        assert form.status_code == 200
        assert "X-Page-Cache" not in form
        assert "public" not in form.get("Cache-Control", "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode()).group(1)
    started = re.search(r'name="form_token" value="([^"]+)"', form.content.decode())
    data = valid_data(csrfmiddlewaretoken=token)
    if started:
        data["form_token"] = started.group(1)
    response = visitor.post(url, data)
    assert response.status_code == 303, response.content.decode()[:1000]
    assert "?sent=" in response["Location"]


def test_pages_are_served_uncached_when_redis_is_down(client, monkeypatch):
    from django_redis.cache import RedisCache

    from ops import page_cache
    from ops.redis_cache import redis_cache

    # Nothing listens on port 1: every Redis call fails at once.
    down = RedisCache("redis://127.0.0.1:1/0", redis_cache("redis://127.0.0.1:1/0"))
    monkeypatch.setattr(page_cache, "cache", down)
    for _ in range(2):
        response = client.get(CASE["nl"])
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "Gemeente Utrecht" in response.content.decode()


PURGED = []


class RecordingBackend(BaseBackend):
    """A front-end cache that writes down what it is asked to purge."""

    def purge(self, url):
        PURGED.append(url)


def test_publishing_also_purges_the_frontend_cache_in_both_languages(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": "tests.test_page_cache.RecordingBackend"}}
    PURGED.clear()
    page = CasePage.objects.get(slug="gemeente-utrecht", locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    paths = {url.split("://", 1)[-1].split("/", 1)[-1] for url in PURGED}
    for path in ("nl/cases/gemeente-utrecht/", "en/cases/gemeente-utrecht/", "nl/cases/", "en/cases/", "nl/", "en/"):
        assert path in paths, f"/{path} was not purged from the front-end cache"


def test_without_a_frontend_cache_nothing_is_sent(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    PURGED.clear()
    page = CasePage.objects.get(slug="gemeente-utrecht", locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert PURGED == []


def test_moving_a_page_purges_its_old_address_and_the_lists(client):
    page = CasePage.objects.get(slug="gemeente-utrecht", locale__language_code="nl")
    old_url = page.url
    index = page.get_parent()
    assert client.get(old_url).status_code == 200
    assert client.get(index.url)["X-Page-Cache"] in ("miss", "hit")
    assert client.get(index.url)["X-Page-Cache"] == "hit"
    page.move(index.get_parent(), pos="last-child")
    moved = client.get(old_url)
    assert moved.status_code == 301, "the old address is no longer served from the cache"
    assert moved["Location"] == "/nl/gemeente-utrecht/"  # Wagtail's automatic redirect
    assert client.get(index.url)["X-Page-Cache"] == "miss"


def test_deleting_a_page_purges_it(client):
    page = CasePage.objects.get(slug="gemeente-utrecht", locale__language_code="nl")
    assert client.get(CASE["nl"])["X-Page-Cache"] == "miss"
    page.delete()
    assert client.get(CASE["nl"]).status_code == 404


def test_draft_saves_keep_the_cache(client):
    page = CasePage.objects.get(slug="gemeente-utrecht", locale__language_code="nl")
    client.get(CASE["nl"])
    page.title = "Alleen een concept"
    page.save_revision()
    response = client.get(CASE["nl"])
    assert response["X-Page-Cache"] == "hit"
    assert "Alleen een concept" not in response.content.decode()


def test_head_is_answered_from_the_cache(client, django_assert_num_queries):
    client.get(CASE["nl"])
    with django_assert_num_queries(0):
        response = client.head(CASE["nl"])
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
