"""Friction in the admin that code removes.

- An empty step or figure (the "+" above the next block's "+") no longer blocks saving.
- After a moderator's "Request changes", the translation editor says so, with the comment.
The other items are pinned where their behaviour lives: the English address of a translated
page (tests/test_review_holds.py, first translation) and what deleting a Dutch page does to its
English page (tests/test_translation_pairs.py). The click count is measured by
scripts/measure_translation_clicks.py.
"""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cases.models import CasePage
from tests.test_editorial_workflow import (
    PHASES,
    SLUG,
    _form_errors,
    _list_block,
    case_form_data,
    fill_strings,
)
from tests.test_review_holds import DUTCH, live_dutch_page, submit, translate

pytestmark = pytest.mark.django_db


def _case_with(**streams):
    """The case form with these stream fields instead of its own."""
    prefixes = tuple(f"{name}-" for name in streams)
    data = {key: value for key, value in case_form_data().items() if not key.startswith(prefixes)}
    data.update(nested_form_data(streams))
    return data


def test_an_empty_step_and_an_empty_figure_do_not_block_saving(site_tree, editor):
    steps = [
        {"name": PHASES[0], "activities": "Gesprekken.", "outcome": ""},
        {"name": PHASES[1], "activities": "Twaalf weken werken.", "outcome": "Twee banen."},
        {"name": "", "activities": "", "outcome": ""},  # the "+" of the list, clicked by mistake
    ]
    figures = [{"value": "5", "label": "deelnemers"}, {"value": "", "label": ""}]
    data = _case_with(
        phases=streamfield([("phases", {"title": "Zo werkten we", "steps": _list_block(steps)})]),
        key_figures=streamfield([("key_figures", {"title": "", "figures": _list_block(figures)})]),
    )
    url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", site_tree.cases_nl.pk])

    response = editor.post(url, {**data, "action-submit": "1"})

    assert response.status_code == 302, _form_errors(response)
    page = CasePage.objects.get(slug=SLUG).get_latest_revision_as_object()
    assert [step["name"] for step in page.phases[0].value["steps"]] == PHASES
    assert [figure["value"] for figure in page.key_figures[0].value["figures"]] == ["5"]


def test_a_half_filled_step_still_says_what_is_missing(site_tree, editor):
    steps = [
        {"name": PHASES[0], "activities": "Gesprekken.", "outcome": ""},
        {"name": "Pilot", "activities": "", "outcome": ""},
    ]
    data = _case_with(phases=streamfield([("phases", {"title": "", "steps": _list_block(steps)})]))
    url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", site_tree.cases_nl.pk])

    response = editor.post(url, {**data, "action-submit": "1"})

    assert response.status_code == 200 and not CasePage.objects.filter(slug=SLUG).exists()


def test_the_translation_editor_shows_the_moderators_request_for_changes(site_tree, editor, moderator):
    translation = translate(editor, live_dutch_page(site_tree.home_nl))
    fill_strings(editor, translation, DUTCH)
    english = submit(editor, translation)
    task_state = english.current_workflow_task_state
    moderator.post(
        reverse("wagtailadmin_pages:workflow_action", args=[english.pk, "reject", task_state.pk]),
        {"comment": "De tweede zin loopt niet."},
    )

    html = editor.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()

    assert "data-sif-changes-requested" in html
    assert "eindredacteur vroeg om wijzigingen op" in html and "De tweede zin loopt niet." in html
    assert "Vertaling ter review aanbieden" in html  # and it can be submitted again


def test_a_new_case_opens_with_its_phases_and_figures_laid_out_and_saves_them_empty(site_tree, editor):
    url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", site_tree.cases_nl.pk])

    form = editor.get(url)

    assert form.status_code == 200
    stream_values = {name: form.context["form"].initial[name] for name in ("phases", "key_figures")}
    assert [len(child.value["steps"]) for child in stream_values["phases"]] == [2]
    assert [len(child.value["figures"]) for child in stream_values["key_figures"]] == [2]
    # Submitted with both blocks left empty, as an editor without phases or figures would.
    empty = _case_with(
        phases=streamfield([("phases", {"title": "", "steps": _list_block([{"name": "", "activities": ""}] * 2)})]),
        key_figures=streamfield(
            [("key_figures", {"title": "", "figures": _list_block([{"value": "", "label": ""}] * 2)})]
        ),
    )
    response = editor.post(url, {**empty, "action-submit": "1"})
    assert response.status_code == 302, _form_errors(response)
    page = CasePage.objects.get(slug=SLUG).get_latest_revision_as_object()
    assert len(page.phases) == 0 and len(page.key_figures) == 0
