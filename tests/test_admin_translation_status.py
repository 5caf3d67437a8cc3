"""Editors see which English pages are missing or behind, and DeepL gets a target it accepts."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page

from editorial.translation_status import page_translation_statuses
from home.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _status_of(slug):
    return next(s for s in page_translation_statuses() if s.page.slug == slug)


def test_demo_translations_are_up_to_date():
    statuses = page_translation_statuses()
    assert statuses, "the demo content has Dutch pages"
    assert [s.page.slug for s in statuses if s.needs_work] == []


def test_changed_dutch_page_needs_a_sync_and_a_removed_translation_is_missing():
    dutch = Page.objects.get(locale__language_code="nl", slug="locatie").specific
    dutch.lead = "Nieuwe inleiding."
    dutch.save_revision().publish()
    assert _status_of("locatie").status == "needs_sync"

    StandardPage.objects.get(locale__language_code="en", slug="about-us").delete()
    assert _status_of("over-ons").status == "missing"


def test_report_lists_pages_for_admin_users(client):
    user = get_user_model().objects.create_superuser("lead", "lead@sif.example", "x")
    client.force_login(user)
    Page.objects.get(locale__language_code="en", slug="accessibility").specific.delete()
    response = client.get("/admin/translation-status/?open=1", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No English translation" in html and "Toegankelijkheid" in html
    assert "Over ons" not in html  # up to date, so hidden when showing only open work


def test_deepl_gets_british_english_as_target():
    from editorial.machine_translation import SifDeepLTranslator

    translator = SifDeepLTranslator({"AUTH_KEY": "test:fx"})
    nl, en = Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")
    parameters = translator.get_parameters(nl, en, [])
    assert parameters["target_lang"] == "EN-GB" and parameters["source_lang"] == "NL"
    assert translator.get_api_endpoint() == "https://api-free.deepl.com/v2/translate"


def test_unpublishing_and_republishing_an_unchanged_page_is_not_a_change():
    dutch = Page.objects.get(locale__language_code="nl", slug="locatie").specific
    dutch.unpublish()
    dutch.refresh_from_db()
    dutch.save_revision().publish()

    assert _status_of("locatie").status == "up_to_date"


def test_snippet_translations_and_orphan_english_pages_are_listed(client):
    from cases.models import Theme
    from programmes.models import Partner

    user = get_user_model().objects.create_superuser("lead", "lead@sif.example", "x")
    client.force_login(user)
    nl = Locale.objects.get(language_code="nl")
    Theme.objects.create(name="Armoede", slug="armoede", locale=nl)
    partner = Partner.objects.filter(locale=nl).first()
    english_about = StandardPage.objects.get(locale__language_code="en", slug="about-us")
    StandardPage.objects.get(locale__language_code="nl", slug="over-ons").delete()

    response = client.get("/admin/translation-status/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()

    assert "<title>Translation status - " in html
    snippets = html[html.index('id="snippets"') : html.index('id="orphans"')]
    assert "Armoede" in snippets and "No English translation" in snippets
    assert partner.name in snippets
    orphans = html[html.index('id="orphans"') :]
    assert english_about.title in orphans and f"/admin/pages/{english_about.pk}/edit/" in orphans
