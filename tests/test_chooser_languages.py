"""Choosers tell the two languages apart: a programme is "Buy Social (NL)" or "Buy Social (EN)"."""

import pytest
from django.urls import reverse

from cases.models import Theme
from home.models import SiteSettings
from programmes.models import ProgrammePage
from tests.helpers import Page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_page_chooser_search_shows_each_pages_language(admin_client):
    response = admin_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Buy Social"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Buy Social (NL)" in html
    assert "Buy Social (EN)" in html


def test_a_chosen_page_shows_its_language_in_the_form(admin_client):
    response = admin_client.get(reverse("wagtailsettings:edit", args=["home", "sitesettings", 1]))
    privacy = SiteSettings.objects.get().privacy_page
    assert f"{privacy.title} (NL)" in response.content.decode()


def test_admin_display_title_adds_the_language_but_the_public_page_does_not(client):
    english = ProgrammePage.objects.get(slug="buy-social", locale__language_code="en")
    assert english.get_admin_display_title() == f"{english.draft_title} (EN)"
    page = Page(client.get(english.url))
    assert "(EN)" not in page.h1()


def test_snippet_chooser_lists_the_language_of_each_theme(admin_client):
    response = admin_client.get(reverse("wagtailsnippetchoosers_cases_theme:choose"))
    assert response.status_code == 200
    html = response.json()["html"]
    dutch = Theme.objects.filter(locale__language_code="nl").first()
    english = dutch.get_translation(Theme.objects.filter(locale__language_code="en").first().locale)
    assert dutch.name in html and english.name in html
    for theme in (dutch, english):  # Wagtail's locale column, one label per row
        assert theme.locale.get_display_name() in html
