"""Pages are made where they belong, and a Dutch move takes the English twin along."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from editorial.roles import EDITORS, MODERATORS
from home.models import StandardPage
from tests.helpers import client_for, get_page, user_in
from tests.test_editorial_workflow import _is_denied

pytestmark = pytest.mark.django_db


def test_no_standard_page_at_the_wagtail_root():
    editor = client_for(user_in("redacteur", EDITORS))
    root = Page.objects.get(depth=1)

    choose = editor.get(reverse("wagtailadmin_pages:add_subpage", args=[root.pk]))
    response = editor.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", root.pk]),
        {"title": "Los", "slug": "los", "action-draft": "1"},
    )

    assert "standardpage" not in choose.content.decode()
    assert _is_denied(response) or response.status_code == 403
    assert not StandardPage.objects.filter(slug="los").exists()
    assert not StandardPage.can_create_at(root)
    home = Page.objects.get(depth=2, locale__language_code="nl")
    assert StandardPage.can_create_at(home)


def _pair(slug_nl):
    dutch = Page.objects.get(locale__language_code="nl", slug=slug_nl).specific
    return dutch, dutch.get_translation(Page.objects.get(depth=2, locale__language_code="en").locale)


def test_moving_a_dutch_page_moves_its_english_twin():
    moderator = client_for(user_in("eindredacteur", MODERATORS))
    about_nl, about_en = _pair("over-ons")
    location_nl, location_en = _pair("locatie")
    old_english_url = about_en.url

    response = moderator.post(reverse("wagtailadmin_pages:move_confirm", args=[about_nl.pk, location_nl.pk]))

    assert response.status_code == 302
    about_en.refresh_from_db()
    assert about_en.get_parent().pk == location_en.pk
    assert about_en.url.startswith(location_en.url)
    # Wagtail leaves a redirect at the old address.
    assert Client().get(old_english_url).url == about_en.url
    assert about_en.title in get_page(Client(), about_en.url).h1()
    about_nl.refresh_from_db()
    assert about_nl.url.startswith(location_nl.url)
