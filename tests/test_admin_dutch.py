"""The Dutch admin speaks Dutch on every screen of ours and in the translation editor.

Each custom admin screen, and the Wagtail and wagtail-localize screens whose words we set or
override, is rendered for a user whose admin is Dutch. A screen fails when it shows one of the
English words the review found ("Default", "Locale", "Nederlands to English translation",
"Publiceer inEnglish", an English month, the preview mode "Vorm", a help text naming a
"Voorbeeldtekst" box, two fields both called "Inleiding"), or a sentence of our own
catalogues in English (a string whose Dutch is missing from the compiled catalogue).
The words wagtail-localize's script writes are checked in a real browser in
tests/browser/test_admin_dutch_browser.py.
"""

import gettext
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation

from cases.models import CaseIndexPage
from intake.models import HANDLERS_GROUP, Submission
from tests.factories import StandardPageFactory
from tests.helpers import client_for, user_in
from tests.test_editorial_workflow import _translation_editor_props

pytestmark = pytest.mark.django_db

ENGLISH_FOUND_IN_REVIEW = [
    "Default",
    "Locale",
    "More actions",
    "to English translation",
    "inEnglish",
    "Voorbeeldtekst",
    "Vorm",
]
ENGLISH_MONTH = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def _our_sentences():
    """English sentences of our catalogues (two words or more) whose Dutch differs."""
    sentences = set()
    for mo in Path(settings.BASE_DIR).glob("*/locale/nl/LC_MESSAGES/django.mo"):
        with mo.open("rb") as file:
            catalogue = gettext.GNUTranslations(file)._catalog
        for msgid, msgstr in catalogue.items():
            if isinstance(msgid, str) and " " in msgid.strip() and "%" not in msgid and msgid != msgstr:
                sentences.add(msgid.split("\x04")[-1])
    return sentences


OUR_SENTENCES = _our_sentences()


def visible_text(response):
    html = response.content.decode()
    if "<main" in html:
        html = html[html.index("<main") :]
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def assert_dutch(response, *, also="", our_sentences=True):
    assert response.status_code in (200, 409), response.status_code
    text = visible_text(response) + " " + also
    for english in ENGLISH_FOUND_IN_REVIEW:
        assert english not in text, f"{english!r} on a Dutch screen: ...{_around(text, english)}..."
    month = ENGLISH_MONTH.search(text)
    assert month is None, f"an English month: ...{_around(text, month.group(0))}..."
    if our_sentences:
        content = set(Page.objects.values_list("title", flat=True))  # English page titles are content
        for sentence in OUR_SENTENCES - content:
            assert sentence not in text, f"untranslated: {sentence!r}"


def _around(text, word):
    at = text.find(word)
    return text[max(0, at - 80) : at + 80]


@pytest.fixture
def translation(site_tree, editor):
    """A live Dutch page with an English translation in progress: one string translated, so it has a date."""
    dutch = StandardPageFactory(parent=site_tree.home_nl, title="Werkplaats", slug="werkplaats", lead="Samen.")
    dutch.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    editor.post(reverse("wagtail_localize:submit_page_translation", args=[dutch.pk]), {"locales": [english.pk]})
    translation = Translation.objects.get(source__object_id=dutch.translation_key, target_locale=english)
    segment = StringSegment.objects.get(source=translation.source, string__data="Werkplaats")
    editor.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": "Workshop"}),
        content_type="application/x-www-form-urlencoded",
    )
    return translation


def _editor_props(client, translation):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk]))
    return response, json.loads(_translation_editor_props(response.content.decode()))


def test_the_translation_editor_speaks_dutch(translation, editor, moderator):
    # Both roles on one translation: building it is most of the test's time.
    for client in (editor, moderator):
        response, props = _editor_props(client, translation)

        comments = " ".join(t["comment"] or "" for t in props["initialStringTranslations"])
        preview_labels = " ".join(mode["label"] for mode in props["previewModes"])
        assert_dutch(response, also=f"{comments} {preview_labels}")
        today = timezone.localdate()
        assert f"{today.day} " in comments and "Handmatig vertaald op" in comments
        words = json.loads(unescape(re.search(r'data-sif-words="([^"]*)"', response.content.decode()).group(1)))
        assert words == {
            "Nederlands to English translation": "Vertaling van het Nederlands naar het Engels",
            "More actions": "Meer acties",
        }


def test_a_saved_string_answers_with_a_dutch_date(translation, editor):
    segment = StringSegment.objects.get(source=translation.source, string__data="Samen.")

    response = editor.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": "Together."}),
        content_type="application/x-www-form-urlencoded",
    )

    comment = response.json()["comment"]
    assert comment.startswith("Handmatig vertaald op") and not ENGLISH_MONTH.search(comment)


def test_the_editors_script_says_publish_in_with_a_space(moderator):
    catalogue = moderator.get(reverse("wagtail_localize:javascript_catalog")).content.decode()

    assert '"Publish in ": "Publiceer in "' in catalogue


def test_the_translation_forms_speak_dutch(site_tree, translation, editor):
    page = translation.source.get_source_instance()
    assert_dutch(editor.get(reverse("wagtail_localize:submit_page_translation", args=[site_tree.about_nl.pk])))
    assert_dutch(editor.get(reverse("wagtail_localize:update_translations", args=[translation.source.pk])))
    assert_dutch(editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))


def test_our_reports_and_guide_speak_dutch(translation, moderator):
    assert_dutch(moderator.get(reverse("sif_translation_status")))
    # The guide ends with an English summary, which quotes English button names on purpose.
    assert_dutch(moderator.get(reverse("sif_editors_guide")), our_sentences=False)


def test_the_confirm_screens_of_ours_speak_dutch(site_tree, moderator):
    assert_dutch(moderator.get(reverse("wagtailadmin_pages:unpublish", args=[site_tree.intake_nl.pk])))
    assert_dutch(moderator.get(reverse("wagtailadmin_pages:unpublish", args=[site_tree.about_en.pk])))
    assert_dutch(moderator.get(reverse("wagtailadmin_pages:delete", args=[site_tree.about_en.pk])))
    untranslated = StandardPageFactory(parent=site_tree.home_nl, title="Alleen Nederlands", slug="alleen")
    assert_dutch(
        moderator.get(reverse("wagtailadmin_pages:move_confirm", args=[site_tree.about_nl.pk, untranslated.pk]))
    )


def test_shared_item_screens_speak_dutch(site_tree, editor):
    partner = site_tree.partners[0][0]
    assert_dutch(editor.get(reverse("wagtailsnippets_programmes_partner:edit", args=[partner.pk])))
    assert_dutch(editor.post(reverse("wagtailsnippets_programmes_partner:edit", args=[partner.pk]), {"name": "X"}))
    assert_dutch(editor.get(reverse("wagtailimages:edit", args=[site_tree.image.pk])))


def test_the_snippet_chooser_filters_by_taal(site_tree, editor):
    response = editor.get(reverse("wagtailsnippetchoosers_cases_theme:choose"))

    html = unescape(response.json()["html"])
    assert re.search(r'<label[^>]*for="id_locale"[^>]*>\s*Taal\s*</label>', html)
    assert not re.search(r">\s*Locale\s*<", html)


def test_the_intake_page_form_names_its_preview_and_fields_in_dutch(site_tree, moderator):
    response = moderator.get(reverse("wagtailadmin_pages:edit", args=[site_tree.intake_nl.pk]))

    html = unescape(response.content.decode())
    assert re.search(r">\s*Formulier\s*<", html) and not re.search(r">\s*Vorm\s*<", html)
    labels = re.findall(r"<span data-panel-heading-text>\s*([^<]+?)\s*</span>", html)
    assert labels.count("Inleiding") == 1 and "Tekst boven het formulier" in labels


def test_the_case_story_help_names_no_box_that_is_gone(site_tree, editor):
    parent = CaseIndexPage.objects.get(locale__language_code="nl")
    response = editor.get(reverse("wagtailadmin_pages:add", args=["cases", "casepage", parent.pk]))

    text = visible_text(response)
    assert "nooit een parafrase" in text and "Voorbeeldtekst" not in text


def test_the_intake_screens_speak_dutch(site_tree):
    handler = client_for(user_in("intaker", HANDLERS_GROUP))
    submission = Submission.objects.create(
        language="en",
        organisation_name="Proef Foundation",
        organisation_type="company",
        contact_name="Sam",
        email="sam@proef.example",
        question="How do we hire?",
        consent_at=timezone.now(),
    )

    assert_dutch(handler.get(reverse("intake_submissions:index")))
    assert_dutch(handler.get(reverse("intake_submissions:inspect", args=[submission.pk])))
    assert_dutch(handler.get(reverse("intake_submissions:edit", args=[submission.pk])))


def test_the_guide_names_the_tabs_the_case_form_has(site_tree, editor):
    parent = CaseIndexPage.objects.get(locale__language_code="nl")
    add_url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", parent.pk])
    form = unescape(editor.get(add_url).content.decode())
    tabs = set(re.findall(r'role="tab"[^>]*>\s*([^<]+?)\s*<', form))
    guide = (Path(settings.BASE_DIR) / "docs" / "editors.md").read_text(encoding="utf-8")
    sentence = re.search(r"Het formulier van een case heeft tabbladen:(.*?)\.\n", guide, re.S).group(1)

    assert set(re.findall(r"\*\*([^*]+)\*\*", sentence)) == tabs
