"""Every way the admin offers to put a page live asks whether the user may publish.

Editors and intake handlers may not publish; moderators may. The paths: the page editor,
translating, synchronising translations, converting a translation to an alias, bulk publish,
copy ("publish copies" and "alias"), move, revert and scheduled publishing. A translation
goes live only when a moderator approves it.
"""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, PageLogEntry
from wagtail_localize.models import TranslationSource

from cases.models import CasePage
from editorial.roles import EDITORS
from intake.models import HANDLERS_GROUP
from tests.helpers import client_for, get_page, user_in
from tests.test_editorial_workflow import (
    SLUG,
    _form_errors,
    _is_denied,
    _translation_editor_props,
    approve_as_moderator,
    case_form_data,
    dutch_case_index,
    fill_strings,
    published_case,
    translate_to_english,
)

pytestmark = pytest.mark.django_db

NON_PUBLISHERS = [EDITORS, HANDLERS_GROUP]


@pytest.fixture(params=NON_PUBLISHERS)
def non_publisher(request):
    """A user without publish rights, once per group that has none."""
    return client_for(user_in(f"zonder-publicatie-{request.param.lower().replace(' ', '-')}", request.param))


def _publish_log_count(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").count()


def _live_case(editor, moderator):
    page = published_case(editor, moderator)
    assert get_page(Client(), f"/nl/cases/{SLUG}/").h1()
    return page


# Translating ---------------------------------------------------------------------------------------------------------


def test_translating_a_live_page_makes_an_english_draft(editor, moderator):
    page = _live_case(editor, moderator)

    translation = translate_to_english(editor, page)

    english = translation.get_target_instance().specific
    assert not english.live and english.live_revision is None
    assert _publish_log_count(english) == 0
    assert Client().get(f"/en/cases/{english.slug}/").status_code == 404
    assert english.title not in get_page(Client(), "/en/cases/").text


def test_an_editor_submits_a_translation_and_it_goes_live_when_a_moderator_approves(editor, moderator):
    page = _live_case(editor, moderator)
    translation = translate_to_english(editor, page)
    fill_strings(editor, translation)
    english = translation.get_target_instance().specific
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert "Vertaling ter review aanbieden" in editor.get(edit_url).content.decode()

    response = editor.post(reverse("sif_submit_translation_for_review", args=[translation.pk]))

    assert response.status_code == 302
    english = CasePage.objects.get(pk=english.pk)
    assert not english.live
    assert english.current_workflow_state.status == "in_progress"
    assert english.get_latest_revision_as_object().title == "Neighbourhood workshop Overvecht"
    assert Client().get(f"/en/cases/{english.slug}/").status_code == 404
    assert "wacht op review" in editor.get(edit_url).content.decode()

    english = approve_as_moderator(moderator, english)

    assert english.live
    html = get_page(Client(), english.url)
    assert html.lang == "en" and "Neighbourhood workshop Overvecht" in html.h1()
    assert "Exploring with the neighbourhood" in html.text and "Verkenning met de buurt" not in html.text
    # The Dutch page was not touched by the English review.
    assert get_page(Client(), f"/nl/cases/{SLUG}/").h1().strip() == "Buurtwerkplaats Overvecht"


def test_non_publishers_cannot_publish_from_the_translation_editor(editor, moderator, non_publisher):
    page = _live_case(editor, moderator)
    translation = translate_to_english(editor, page)
    english = translation.get_target_instance()

    non_publisher.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), {"action": "publish"})

    english.refresh_from_db()
    assert not english.live and _publish_log_count(english) == 0


# Synchronising -------------------------------------------------------------------------------------------------------


def _english_live_then_dutch_changed(editor, moderator):
    """A live case with a live English translation, then a published Dutch change not yet synced."""
    page = _live_case(editor, moderator)
    translation = translate_to_english(editor, page)
    fill_strings(editor, translation)
    editor.post(reverse("sif_submit_translation_for_review", args=[translation.pk]))
    english = approve_as_moderator(moderator, CasePage.objects.get(pk=translation.get_target_instance().pk))
    assert english.live
    changed = case_form_data()
    changed["phases-0-value-steps-1-value-name"] = "Pilot met de buurtwerkplaats"
    response = moderator.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**changed, "action-publish": "1"})
    assert response.status_code == 302, _form_errors(response)
    return page, english, TranslationSource.objects.get(object_id=page.translation_key)


def test_sync_offers_no_publish_to_editors_and_publishes_nothing(
    editor, moderator, django_capture_on_commit_callbacks
):
    page, english, source = _english_live_then_dutch_changed(editor, moderator)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert 'type="checkbox" name="publish_translations"' in moderator.get(sync_url).content.decode()
    form = editor.get(sync_url).content.decode()
    assert 'type="checkbox" name="publish_translations"' not in form
    publishes = _publish_log_count(english)

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(sync_url, {"publish_translations": "on"})

    assert response.status_code == 302
    assert _publish_log_count(english) == publishes
    live = get_page(Client(), english.url).text
    assert "Pilot in the workshop" in live and "Pilot met de buurtwerkplaats" not in live
    # The sync did reach the draft: the new Dutch phase is waiting to be translated.
    assert "Pilot met de buurtwerkplaats" in json.dumps(
        [s["source"] for s in _props(editor, english)["segments"] if s["type"] == "string"]
    )


def test_moderators_may_still_sync_and_publish(editor, moderator, django_capture_on_commit_callbacks):
    page, english, source = _english_live_then_dutch_changed(editor, moderator)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])

    with django_capture_on_commit_callbacks(execute=True):
        moderator.post(sync_url, {"publish_translations": "on"})

    assert "Pilot met de buurtwerkplaats" in get_page(Client(), english.url).text


def _props(client, page):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return json.loads(_translation_editor_props(html))


def test_convert_to_alias_is_refused_to_editors(editor, moderator):
    page = _live_case(editor, moderator)
    english = translate_to_english(editor, page).get_target_instance()

    assert _props(editor, english)["links"]["convertToAliasUrl"] is None
    assert _props(moderator, english)["links"]["convertToAliasUrl"]
    response = editor.post(reverse("wagtail_localize:convert_to_alias", args=[english.pk]))

    assert _is_denied(response)
    english.refresh_from_db()
    assert english.alias_of_id is None and not english.live


# Bulk, copy, move, revert, schedule ----------------------------------------------------------------------------------


def test_bulk_publish_refuses_non_publishers(editor, non_publisher):
    from tests.test_editorial_workflow import create_case_as_editor

    page = create_case_as_editor(editor, action="action-draft")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"

    response = non_publisher.post(url, {})

    page.refresh_from_db()
    assert not page.live and _publish_log_count(page) == 0
    assert response.status_code in (200, 302, 403)
    assert Client().get(f"/nl/cases/{SLUG}/").status_code == 404


def test_bulk_publish_works_for_moderators(editor, moderator):
    from tests.test_editorial_workflow import create_case_as_editor

    page = create_case_as_editor(editor, action="action-draft")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"

    moderator.post(url, {})

    page.refresh_from_db()
    assert page.live
    assert "Buurtwerkplaats Overvecht" in get_page(Client(), f"/nl/cases/{SLUG}/").h1()


@pytest.mark.parametrize("how", ["publish_copies", "alias"])
def test_copying_a_live_page_never_publishes_for_editors(editor, moderator, how):
    page = _live_case(editor, moderator)
    copy_url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    assert 'name="publish_copies"' not in editor.get(copy_url).content.decode()

    editor.post(
        copy_url,
        {
            "new_title": "Kopie",
            "new_slug": "kopie",
            "new_parent_page": str(dutch_case_index().pk),
            how: "on",
        },
    )

    copies = Page.objects.filter(slug="kopie")
    assert all(not copy.live for copy in copies)
    assert Client().get("/nl/cases/kopie/").status_code == 404


def test_moving_a_live_page_is_refused_to_non_publishers(editor, moderator, non_publisher):
    page = _live_case(editor, moderator)
    home = Page.objects.get(depth=2, locale__language_code="nl")
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, home.pk])

    non_publisher.post(url)

    page.refresh_from_db()
    assert page.get_parent().pk == dutch_case_index().pk
    assert Client().get(f"/nl/cases/{SLUG}/").status_code == 200
    assert Client().get(f"/nl/{SLUG}/").status_code == 404


def test_reverting_does_not_publish_for_non_publishers(editor, moderator, non_publisher):
    page = _live_case(editor, moderator)
    first_revision = page.live_revision
    response = moderator.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**case_form_data(title="Buurtwerkplaats Overvecht 2025"), "action-publish": "1"},
    )
    assert response.status_code == 302, _form_errors(response)
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first_revision.pk])

    non_publisher.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**case_form_data(), "revision": str(first_revision.pk), "action-publish": "1"},
        HTTP_REFERER=revert_url,
    )

    assert "Buurtwerkplaats Overvecht 2025" in get_page(Client(), f"/nl/cases/{SLUG}/").h1()


def test_scheduling_is_refused_to_editors(editor):
    from tests.test_editorial_workflow import create_case_as_editor

    page = create_case_as_editor(editor, action="action-draft")
    go_live = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")

    editor.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**case_form_data(), "go_live_at": go_live, "action-publish": "1"},
    )

    page.refresh_from_db()
    assert not page.live and not page.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert get_user_model().objects.get(username="redacteur").has_perm("wagtailcore.publish_page") is False


def test_intake_handlers_cannot_translate_or_sync(editor, moderator):
    handler = client_for(user_in("intaker", HANDLERS_GROUP))
    page = _live_case(editor, moderator)
    english = Locale.objects.get(language_code="en")

    response = handler.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [english.pk]}
    )

    assert response.status_code in (302, 403)
    assert not CasePage.objects.filter(translation_key=page.translation_key, locale=english).exists()


def test_figures_are_copied_not_translated(editor, moderator):
    page = _live_case(editor, moderator)
    translation = translate_to_english(editor, page)
    english = translation.get_target_instance()

    props = _props(editor, english)

    sources = [s["source"] for s in props["segments"] if s["type"] == "string"]
    assert "deelnemers" in sources and "5" not in sources and "2" not in sources
    fill_strings(editor, translation)
    editor.post(reverse("sif_submit_translation_for_review", args=[translation.pk]))
    english = approve_as_moderator(moderator, CasePage.objects.get(pk=english.pk))
    figures = english.key_figures[0].value["figures"]
    assert [figure["value"] for figure in figures] == ["5", "2"]
    assert "5" in get_page(Client(), english.url).text
