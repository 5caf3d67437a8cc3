"""Every live page of the demo site, whatever app made it, in both languages.

A safety net under the per-app tests: each page answers 200 in its own
language, names its canonical URL, links the switcher to its live
translation, and sets no cookie (only the intake form may set the CSRF one).
"""

import pytest
from django.conf import settings
from wagtail.models import Locale, Page

from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

COOKIE_ALLOWED = {"IntakePage": {"csrftoken"}}


def live_pages():
    return list(Page.objects.live().filter(depth__gt=1).select_related("locale").specific().order_by("path"))


def test_demo_site_has_pages_in_both_languages():
    languages = {page.locale.language_code for page in live_pages()}
    assert languages == {"nl", "en"}


def test_every_live_page_renders_in_its_own_language(client):
    checked = 0
    for page in live_pages():
        url = page.get_url()
        rendered = get_page(client, url)
        language = page.locale.language_code
        assert rendered.lang == language, url
        assert rendered.canonical == settings.WAGTAILADMIN_BASE_URL + url, url
        assert rendered.h1(), f"{url} has no h1"
        other = "en" if language == "nl" else "nl"
        translation = page.get_translation_or_none(Locale.objects.get(language_code=other))
        if translation is not None and translation.live and translation.alias_of_id is None:
            assert rendered.switcher_links()[other] == translation.get_url(), url
        allowed = COOKIE_ALLOWED.get(type(page).__name__, set())
        assert set(rendered.response.cookies) <= allowed, f"{url} set cookies {set(rendered.response.cookies)}"
        checked += 1
    assert checked >= 12
