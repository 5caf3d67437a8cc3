"""The translation editor names every string by its own place, and asks for text only.

wagtail-localize labelled every string inside a step "Stappen" and every figure's text
"Cijfers" (editorial/translation_labels.py says why). Here an editor opens the translation
editor of a case through the admin, and its props show one distinct label per string;
the figures' numbers, the case's address and its region are copied from the Dutch page and
are not strings to translate, so the translation is complete once the text is. The
"Translate this page" form comes with the one other language ticked.
"""

import json
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from editorial.roles import EDITORS
from tests.factories import CasePageFactory, StandardPageFactory
from tests.helpers import get_page
from tests.test_editorial_workflow import _translation_editor_props

STEPS = [
    {"name": "Verkenning", "activities": "Gesprekken met bewoners.", "outcome": "Een plan."},
    {"name": "Pilot", "activities": "Twaalf weken werken.", "outcome": "Twee banen."},
]
FIGURES = [{"value": "200", "label": "sociale ondernemingen"}, {"value": "1", "label": "werkplaats"}]


@pytest.fixture
def editor(site_tree):
    user = get_user_model().objects.create_user("labelredacteur", "labelredacteur@sif.example", "wachtwoord")
    user.groups.add(Group.objects.get(name=EDITORS))
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    return client


def _translate(editor, page):
    english = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = editor.post(url, {"locales": [english.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=english)


def _segments(editor, translation):
    english = translation.get_target_instance()
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert response.status_code == 200
    return json.loads(_translation_editor_props(response.content.decode()))["segments"]


def _labels(segments):
    return {s["source"]: s["location"]["subField"] for s in segments if s["type"] == "string"}


def test_every_string_in_steps_and_figures_has_its_own_label(site_tree, editor):
    case = CasePageFactory(
        parent=site_tree.cases_nl,
        title="Buurtwerkplaats",
        phases=[("phases", {"title": "Zo werkten we", "steps": STEPS})],
        key_figures=[("key_figures", {"title": "In cijfers", "figures": FIGURES})],
    )
    segments = _segments(editor, _translate(editor, case))
    labels = _labels(segments)

    assert labels["Zo werkten we"] == "Titel"
    assert labels["Verkenning"] == "Stap 1 › Naam"
    assert labels["Gesprekken met bewoners."] == "Stap 1 › Wat er gebeurde"
    assert labels["Een plan."] == "Stap 1 › Wat het opleverde"
    assert labels["Pilot"] == "Stap 2 › Naam"
    assert labels["Twee banen."] == "Stap 2 › Wat het opleverde"
    # A figure's text is shown with its number: "werkplaats" after 1, "sociale ondernemingen" after 200.
    assert labels["sociale ondernemingen"] == "Kerncijfer 1 (200) › Wat het telt"
    assert labels["werkplaats"] == "Kerncijfer 2 (1) › Wat het telt"
    block_strings = [s for s in segments if s["type"] == "string" and s["location"]["blockId"]]
    places = {(s["location"]["field"], s["location"]["subField"]) for s in block_strings}
    assert len(places) == len(block_strings)
    # The block's own label stays the heading above its strings.
    assert {s["location"]["field"] for s in block_strings} == {"Stappen of fasen", "Kerncijfers"}


def test_numbers_are_not_strings_to_translate_and_text_completes_the_translation(site_tree, editor):
    case = CasePageFactory(
        parent=site_tree.cases_nl,
        title="Buurtwerkplaats",
        key_figures=[("key_figures", {"title": "", "figures": FIGURES})],
    )
    translation = _translate(editor, case)
    segments = _segments(editor, translation)

    sources = [s["source"] for s in segments if s["type"] == "string"]
    assert "sociale ondernemingen" in sources
    assert "200" not in sources and "1" not in sources
    assert not any(s["type"] == "synchronised_value" and s["value"] in ("200", "1") for s in segments)

    # Type English for every text; nothing else is left to translate.
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        body = urlencode({"value": f"EN {segment.string.data}"})
        response = editor.put(url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 201)
    total, done = translation.get_progress()
    assert total == done > 0

    translation.save_target(publish=False)
    english = translation.get_target_instance().specific
    english = english.get_latest_revision_as_object()
    assert [f["value"] for f in english.key_figures[0].value["figures"]] == ["200", "1"]
    assert [f["label"] for f in english.key_figures[0].value["figures"]] == [
        "EN sociale ondernemingen",
        "EN werkplaats",
    ]


def test_table_cells_are_labelled_by_row_and_column(site_tree, editor):
    table = {
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Zo werkten we",
        "data": [["Fase", "Deelnemers"], ["Verkenning", "12"]],
    }
    page = StandardPageFactory(parent=site_tree.home_nl, title="Met tabel", body=[("table", table)])
    labels = _labels(_segments(editor, _translate(editor, page)))

    assert labels["Zo werkten we"] == "Onderschrift"
    assert labels["Fase"] == "Rij 1, kolom 1"
    assert labels["Deelnemers"] == "Rij 1, kolom 2"
    assert labels["Verkenning"] == "Rij 2, kolom 1"
    assert "12" not in labels


def test_a_case_address_and_region_are_copied_and_may_be_overridden(site_tree, editor):
    case = CasePageFactory(
        parent=site_tree.cases_nl, title="Buurtwerkplaats", slug="buurtwerkplaats", region="Overvecht"
    )
    translation = _translate(editor, case)
    segments = _segments(editor, translation)

    sources = [s["source"] for s in segments if s["type"] == "string"]
    assert "Buurtwerkplaats" in sources
    assert "buurtwerkplaats" not in sources and "Overvecht" not in sources
    copied = {s["contentPath"]: s["value"] for s in segments if s["type"] == "synchronised_value"}
    assert copied["slug"] == "buurtwerkplaats" and copied["region"] == "Overvecht"

    translation.save_target(publish=False)
    english = translation.get_target_instance().specific.get_latest_revision_as_object()
    assert (english.slug, english.region) == ("buurtwerkplaats", "Overvecht")


def test_translate_this_page_has_the_other_language_ticked(site_tree, editor):
    case = CasePageFactory(parent=site_tree.cases_nl, title="Buurtwerkplaats")
    page = get_page(editor, reverse("wagtail_localize:submit_page_translation", args=[case.pk]))

    boxes = page.find_all("input", type="checkbox", name="locales")
    assert len(boxes) == 1
    assert boxes[0]["value"] == str(Locale.objects.get(language_code="en").pk)
    assert "checked" in boxes[0]


def test_editors_footer_offers_submit_for_review_first_and_delete_last(site_tree, editor):
    case = CasePageFactory(parent=site_tree.cases_nl, title="Buurtwerkplaats")
    english = _translate(editor, case).get_target_instance()

    page = get_page(editor, reverse("wagtailadmin_pages:edit", args=[english.pk]))

    footer = page.html[page.html.index("data-sif-translation-footer") :]
    footer = footer[: footer.index("</footer>")]
    assert footer.index("Vertaling ter review aanbieden") < footer.index("Voorvertoning") < footer.index("Verwijder")
    assert reverse("wagtailadmin_pages:delete", args=[english.pk]) in footer
    assert 'class="sif-own-footer"' in page.html  # the editor's own footer (main button "Delete") is hidden
    assert "sif-admin/translation-editor.css" in page.html
