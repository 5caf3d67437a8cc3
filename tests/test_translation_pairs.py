"""A page and its translation are moved, unpublished and deleted as one, or not at all.

Through the admin's own views: the confirm screen already says what happens to the English
page and what visitors stop seeing, or refuses, so nothing is half done after "Yes".
"""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from editorial.roles import EDITORS, MODERATORS
from tests.factories import StandardPageFactory, translate
from tests.helpers import client_for, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return client_for(user_in("eindredacteur", MODERATORS))


def _editor_user():
    return user_in("redacteur", EDITORS)


def _parent(page):
    return Page.objects.get(pk=page.pk).get_parent()


def _text(response):
    return " ".join(unescape(response.content.decode()).split())


# Move ----------------------------------------------------------------------------------------------------------------


def test_moving_a_dutch_page_moves_its_english_page_to_the_english_destination(site_tree, moderator):
    url = reverse("wagtailadmin_pages:move_confirm", args=[site_tree.about_nl.pk, site_tree.location_nl.pk])
    assert "ook één vertaling" in _text(moderator.get(url))

    moderator.post(url)

    assert _parent(site_tree.about_nl).pk == site_tree.location_nl.pk
    assert _parent(site_tree.about_en).pk == site_tree.location_en.pk
    assert Client().get("/en/location/about-us/").status_code == 200


def test_a_move_the_english_page_cannot_follow_is_refused_before_anything_moves(site_tree, moderator):
    untranslated = StandardPageFactory(parent=site_tree.home_nl, title="Alleen Nederlands", slug="alleen-nl")
    url = reverse("wagtailadmin_pages:move_confirm", args=[site_tree.about_nl.pk, untranslated.pk])

    confirm = moderator.get(url)
    moderator.post(url)

    assert confirm.status_code == 409
    assert "'Alleen Nederlands (NL)' heeft nog geen vertaling" in _text(confirm) and "/en/about-us/" in _text(confirm)
    assert _parent(site_tree.about_nl).pk == site_tree.home_nl.pk
    assert _parent(site_tree.about_en).pk == site_tree.home_en.pk


def test_an_editor_cannot_move_a_dutch_draft_away_from_its_live_english_page(site_tree):
    editor_user = _editor_user()
    editor = client_for(editor_user)
    draft = StandardPageFactory(
        parent=site_tree.home_nl, title="Concept", slug="concept", live=False, owner=editor_user
    )
    english = translate(draft, title="Draft", slug="draft")
    url = reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, site_tree.about_nl.pk])

    response = editor.post(url)

    assert response.status_code == 409 and "/en/draft/" in _text(response)
    assert _parent(draft).pk == site_tree.home_nl.pk and _parent(english).pk == site_tree.home_en.pk
    assert Client().get("/en/draft/").status_code == 200


def test_an_english_page_moves_only_back_to_where_its_dutch_page_is(site_tree, moderator):
    away = reverse("wagtailadmin_pages:move_confirm", args=[site_tree.about_en.pk, site_tree.location_en.pk])

    refused = moderator.post(away)

    assert refused.status_code == 409 and "Over ons (NL)" in _text(refused)
    assert _parent(site_tree.about_en).pk == site_tree.home_en.pk


# Delete --------------------------------------------------------------------------------------------------------------


def test_deleting_a_dutch_page_deletes_its_english_page_too(site_tree, moderator):
    page = StandardPageFactory(parent=site_tree.home_nl, title="Weg ermee", slug="weg-ermee")
    english = translate(page, title="Away with it", slug="away")
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    assert "ook 1 vertaling" in _text(moderator.get(url))

    moderator.post(url)

    assert not Page.objects.filter(pk__in=[page.pk, english.pk]).exists()
    assert Client().get("/en/away/").status_code == 404


def test_an_editor_may_not_delete_a_draft_whose_english_page_they_may_not_delete(site_tree):
    editor_user = _editor_user()
    editor = client_for(editor_user)
    draft = StandardPageFactory(
        parent=site_tree.home_nl, title="Concept", slug="concept", live=False, owner=editor_user
    )
    english = translate(draft, title="Draft", slug="draft")

    confirm = editor.get(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    editor.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))

    assert confirm.status_code == 409 and "/en/draft/" in _text(confirm)
    assert Page.objects.filter(pk__in=[draft.pk, english.pk]).count() == 2


def test_deleting_an_english_page_says_the_dutch_page_stays(site_tree, moderator):
    response = moderator.get(reverse("wagtailadmin_pages:delete", args=[site_tree.about_en.pk]))

    assert "Over ons (NL)" in _text(response) and "blijft" in _text(response)


# Unpublish -----------------------------------------------------------------------------------------------------------


def test_unpublishing_the_accessibility_statement_warns_about_the_footer_and_takes_the_english_page_along(
    site_tree, moderator
):
    url = reverse("wagtailadmin_pages:unpublish", args=[site_tree.accessibility_nl.pk])

    confirm = _text(moderator.get(url))
    moderator.post(url)

    assert "toegankelijkheidsverklaring in de footer" in confirm
    assert "De publicatie van één vertaling van deze pagina zal worden ingetrokken" in confirm
    assert not Page.objects.get(pk=site_tree.accessibility_nl.pk).live
    assert not Page.objects.get(pk=site_tree.accessibility_en.pk).live


def test_unpublishing_the_intake_page_lists_what_disappears_before_the_confirm(site_tree, moderator):
    confirm = _text(moderator.get(reverse("wagtailadmin_pages:unpublish", args=[site_tree.intake_nl.pk])))

    assert "Leg jouw vraagstuk aan ons voor" in confirm and "in de menukaart" in confirm
    assert 'type="submit"' in confirm  # a warning, not a refusal: the statement pages are the moderator's call


def test_an_unpublish_that_would_leave_dead_links_is_refused_on_the_first_screen(site_tree, moderator):
    linking = StandardPageFactory(
        parent=site_tree.home_nl,
        title="Verwijzer",
        slug="verwijzer",
        body=[("paragraph", f'<p>Lees <a linktype="page" id="{site_tree.about_nl.pk}">over ons</a>.</p>')],
    )
    linking.save_revision().publish()

    confirm = moderator.get(reverse("wagtailadmin_pages:unpublish", args=[site_tree.about_nl.pk]))

    text = _text(confirm)
    assert "Verwijzer (NL)" in text and "data-sif-unpublish-refusal" in text
    assert 'action="/admin/pages/' not in text  # no "Yes, unpublish it" form


def test_unpublishing_an_english_page_alone_says_the_dutch_page_stays_live(site_tree, moderator):
    url = reverse("wagtailadmin_pages:unpublish", args=[site_tree.about_en.pk])

    assert "Over ons (NL)" in _text(moderator.get(url))
    moderator.post(url)

    assert Page.objects.get(pk=site_tree.about_nl.pk).live and not Page.objects.get(pk=site_tree.about_en.pk).live


def test_bulk_delete_of_a_dutch_page_without_its_translation_is_refused(site_tree, moderator):
    page = StandardPageFactory(parent=site_tree.home_nl, title="Weg ermee", slug="weg-ermee")
    english = translate(page, title="Away with it", slug="away")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={page.pk}"

    response = moderator.post(url, {})

    assert response.status_code == 409 and "/en/away/" in _text(response)
    assert Page.objects.filter(pk__in=[page.pk, english.pk]).count() == 2
