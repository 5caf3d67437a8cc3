"""A translation never goes live before a moderator approves it, whichever way it is saved.

Each path, driven through the admin's own views as an Editor: submitting a
translation of a live page, synchronising then submitting, translating a page with its
subtree, translating a page whose English version is an alias, and translating a child whose
parent has no English page yet. For each, the public English page is read before and after:
it changes only when a Moderator approves.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from home.models import StandardPage
from tests.factories import StandardPageFactory
from tests.test_editorial_workflow import approve_as_moderator, fill_strings

pytestmark = pytest.mark.django_db

DUTCH = {"Werkplaats": "Workshop", "Wij repareren samen.": "We repair together."}


def _english():
    return Locale.objects.get(language_code="en")


def _publish(page):
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def live_dutch_page(parent, title="Werkplaats", slug="werkplaats", lead="Wij repareren samen."):
    return _publish(StandardPageFactory(parent=parent, title=title, slug=slug, lead=lead))


def translate(client, page, **extra):
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [_english().pk], **extra}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=_english())


def submit(client, translation):
    response = client.post(reverse("sif_submit_translation_for_review", args=[translation.pk]))
    assert response.status_code == 302
    return StandardPage.objects.get(pk=translation.get_target_instance().pk)


def public_text(url):
    response = Client().get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return " ".join(response.content.decode().split())


def live_english(editor, moderator, dutch, strings=DUTCH):
    """The Dutch page translated by the editor, submitted, approved: live in English."""
    translation = translate(editor, dutch)
    fill_strings(editor, translation, strings)
    english = approve_as_moderator(moderator, submit(editor, translation))
    assert english.live and "Workshop" in public_text(english.url)
    return translation, english


def _set_string(client, translation, dutch_text, english_text):
    from urllib.parse import urlencode

    from wagtail_localize.models import StringSegment

    segment = StringSegment.objects.get(source=translation.source, string__data=dutch_text)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(url, urlencode({"value": english_text}), content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201)


# 1. Submitting a translation of a live page ----------------------------------------------------------------------


def test_submitting_a_changed_translation_of_a_live_page_leaves_the_public_page_until_approval(
    site_tree, editor, moderator
):
    translation, english = live_english(editor, moderator, live_dutch_page(site_tree.home_nl))
    _set_string(editor, translation, "Werkplaats", "UNREVIEWED TITLE by editor")

    english = submit(editor, translation)

    assert english.current_workflow_state.status == "in_progress"
    assert english.get_latest_revision_as_object().title == "UNREVIEWED TITLE by editor"
    assert english.title == "Workshop" and english.live
    text = public_text(english.url)
    assert "UNREVIEWED TITLE" not in text and "Workshop" in text

    # The moderator asks for changes: still the approved title.
    task_state = english.current_workflow_task_state
    moderator.post(
        reverse("wagtailadmin_pages:workflow_action", args=[english.pk, "reject", task_state.pk]),
        {"comment": "Titel klopt niet."},
    )
    assert "UNREVIEWED TITLE" not in public_text(english.url)

    # Resubmitted and approved: now it is live.
    english = approve_as_moderator(moderator, submit(editor, translation))
    assert "UNREVIEWED TITLE by editor" in public_text(english.url)


def test_submitting_a_first_translation_keeps_it_a_draft(site_tree, editor, moderator):
    dutch = live_dutch_page(site_tree.home_nl)
    translation = translate(editor, dutch)
    for dutch_text, english_text in DUTCH.items():  # the slug string left untranslated
        _set_string(editor, translation, dutch_text, english_text)

    english = submit(editor, translation)

    assert not english.live and english.current_workflow_state.status == "in_progress"
    assert Client().get("/en/workshop/").status_code == 404
    english = approve_as_moderator(moderator, english)
    # Its address comes from the English title, not the Dutch slug (kept as the slug's translation).
    assert english.url == "/en/workshop/" and "Workshop" in public_text(english.url)


def test_sync_then_submit_without_translating_keeps_dutch_text_off_the_live_english_page(site_tree, editor, moderator):
    dutch = live_dutch_page(site_tree.home_nl)
    translation, english = live_english(editor, moderator, dutch)
    dutch.lead = "Wij repareren samen, elke dinsdag."
    dutch = _publish(dutch)
    source = TranslationSource.objects.get(object_id=dutch.translation_key, locale=dutch.locale)
    response = editor.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    assert response.status_code == 302

    submit(editor, translation)

    text = public_text(english.url)
    assert "elke dinsdag" not in text and "We repair together." in text
    english = approve_as_moderator(moderator, StandardPage.objects.get(pk=english.pk))
    assert "Wij repareren samen, elke dinsdag." in public_text(english.url)  # approved, untranslated


def test_translating_a_parent_with_its_subtree_leaves_live_children_alone(site_tree, editor, moderator):
    section = _publish(StandardPageFactory(parent=site_tree.home_nl, title="Sectie", slug="sectie"))
    section.copy_for_translation(_english(), alias=True)  # its English version: an alias
    translation, english_child = live_english(editor, moderator, live_dutch_page(section))
    _set_string(editor, translation, "Werkplaats", "UNREVIEWED TITLE by editor")

    translate(editor, section, include_subtree="on")

    text = public_text(english_child.url)
    assert "UNREVIEWED TITLE" not in text and "Workshop" in text


def test_translating_a_page_whose_english_version_is_a_live_alias_keeps_the_alias_content_live(
    site_tree, editor, moderator
):
    dutch = live_dutch_page(site_tree.home_nl)
    alias = dutch.copy_for_translation(_english(), alias=True)
    assert alias.live and "Wij repareren samen." in public_text(alias.url)
    translation = translate(editor, dutch)
    fill_strings(editor, translation, DUTCH)

    english = submit(editor, translation)

    assert english.alias_of_id is None and english.live
    text = public_text(english.url)
    assert "Wij repareren samen." in text and "We repair together." not in text
    english = approve_as_moderator(moderator, english)
    assert "We repair together." in public_text(english.url)


# 2. No live alias of an untranslated parent ----------------------------------------------------------------------


def test_translating_a_draft_child_makes_no_live_alias_of_its_untranslated_parent(site_tree, editor, moderator):
    section = _publish(
        StandardPageFactory(parent=site_tree.home_nl, title="Aliastest sectie", slug="aliastest-sectie")
    )
    child = StandardPageFactory(parent=section, title="Aliastest kind", slug="aliastest-kind", live=False)
    child.save_revision()

    response = editor.post(
        reverse("wagtail_localize:submit_page_translation", args=[child.pk]), {"locales": [_english().pk]}
    )

    assert response.status_code == 302
    english_section = section.get_translation(_english())
    assert english_section.alias_of_id is None and not english_section.live
    assert Client().get("/en/aliastest-sectie/").status_code == 404
    assert child.get_translation(_english()).get_parent().pk == english_section.pk
    # The parent is a translation of its own, listed for the editor to translate and submit.
    assert Translation.objects.filter(source__object_id=section.translation_key, target_locale=_english()).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Aliastest sectie" in m for m in messages)
