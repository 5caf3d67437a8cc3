"""Editors write, moderators publish, and the English translation follows the Dutch page.

Everything goes through the admin views an editor's browser would post to,
as users who get their rights only from the groups the data migrations made
("Editors", "Moderators", "Intake handlers"). Nobody here is a superuser.
"""

import json
from html import unescape
from urllib.parse import unquote, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Locale, Page, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from cases.models import CaseIndexPage, CasePage, Theme
from menukaart.models import ServiceCategory
from programmes.models import Partner
from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

SLUG = "buurtwerkplaats"
PHASES = ["Verkenning met de buurt", "Pilot in de werkplaats"]
ENGLISH = {
    "Buurtwerkplaats Overvecht": "Neighbourhood workshop Overvecht",
    "Verkenning met de buurt": "Exploring with the neighbourhood",
    "Pilot in de werkplaats": "Pilot in the workshop",
}


def dutch_case_index():
    return CaseIndexPage.objects.get(locale__language_code="nl")


def _list_block(items):
    """Form data for a ListBlock, as the admin's list widget posts it."""
    data = {str(i): {"value": item, "deleted": "", "order": str(i), "id": ""} for i, item in enumerate(items)}
    data["count"] = str(len(items))
    return data


def case_form_data(title="Buurtwerkplaats Overvecht", **extra):
    steps = [
        {"name": PHASES[0], "activities": "Gesprekken met bewoners en de gemeente.", "outcome": "Een plan."},
        {"name": PHASES[1], "activities": "Twaalf weken werken met vijf deelnemers.", "outcome": "Twee banen."},
    ]
    figures = [{"value": "5", "label": "deelnemers"}, {"value": "2", "label": "banen"}]
    return nested_form_data(
        {
            "title": title,
            "slug": SLUG,
            "lead": "Een werkplaats waar buurtbewoners samen repareren.",
            "client": "Gemeente Utrecht",
            "region": "Overvecht",
            "period": "2024",
            "result_summary": "Twee deelnemers vonden werk.",
            "image": "",
            "theme_links": inline_formset([]),
            "programme_links": inline_formset([]),
            "services_used": inline_formset([]),
            "challenge": rich_text("<p>Veel bewoners stonden langs de kant.</p>"),
            "phases": streamfield([("phases", {"title": "Zo werkten we", "steps": _list_block(steps)})]),
            "key_figures": streamfield([("key_figures", {"title": "In cijfers", "figures": _list_block(figures)})]),
            "testimonial": streamfield([]),
            "result": rich_text("<p>Een werkplaats die blijft.</p>"),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            **extra,
        }
    )


def create_case_as_editor(editor, action="action-submit"):
    parent = dutch_case_index()
    url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", parent.pk])
    response = editor.post(url, {**case_form_data(), action: "1"})
    assert response.status_code == 302, _form_errors(response)
    return CasePage.objects.get(slug=SLUG, locale__language_code="nl")


def _form_errors(response):
    context = response.context or {}
    form = context.get("form")
    return form.errors.as_json() if form is not None else response.content.decode()[:2000]


def approve_as_moderator(moderator, page):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = moderator.post(url, {"comment": "Prima zo."})
    assert response.status_code == 302
    page.refresh_from_db()
    return page


def published_case(editor, moderator):
    return approve_as_moderator(moderator, create_case_as_editor(editor))


def test_editor_creates_a_case_with_phases_and_figures_and_submits_it(editor):
    page = create_case_as_editor(editor)

    assert page.get_parent().pk == dutch_case_index().pk
    assert not page.live
    revision = page.latest_revision.as_object()
    assert [step["name"] for step in revision.phases[0].value["steps"]] == PHASES
    assert [figure["value"] for figure in revision.key_figures[0].value["figures"]] == ["5", "2"]
    workflow_state = page.current_workflow_state
    assert workflow_state is not None and workflow_state.status == "in_progress"
    assert workflow_state.workflow.name == "Eindredactie"
    assert page.current_workflow_task.name == "Controle door een eindredacteur"
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert editor.get(f"/nl/cases/{SLUG}/").status_code == 404


def test_editor_cannot_publish(editor):
    page = create_case_as_editor(editor, action="action-draft")
    assert not page.permissions_for_user(page.latest_revision.user).can_publish()

    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    editor.post(url, {**case_form_data(), "action-publish": "1"})

    page.refresh_from_db()
    assert not page.live and page.live_revision is None
    assert editor.get(f"/nl/cases/{SLUG}/").status_code == 404


def test_editor_cannot_approve_their_own_submission(editor):
    page = create_case_as_editor(editor)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = editor.post(url, {"comment": ""})

    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_moderator_approves_and_the_case_goes_live(editor, moderator):
    page = published_case(editor, moderator)

    assert page.live
    assert page.current_workflow_state is None
    html = get_page(Client(), f"/nl/cases/{SLUG}/")
    assert "Buurtwerkplaats Overvecht" in html.h1()
    for phase in PHASES:
        assert phase in html.text
    assert "Gesprekken met bewoners en de gemeente." in html.text
    assert "deelnemers" in html.text  # a key figure


# Translation ---------------------------------------------------------------------------------------------------------


def translate_to_english(editor, page):
    english = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = editor.post(url, {"locales": [english.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=english)


def fill_strings(client, translation, english=ENGLISH):
    """Type every string into the translation editor: the English text where we have it, else the Dutch."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        value = english.get(segment.string.data, segment.string.data)
        response = client.put(url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 201), response.content.decode()[:500]
    return segments.count()


def _translation_editor_props(html):
    start = html.index('class="js-translation-editor" data-props="') + len(
        'class="js-translation-editor" data-props="'
    )
    return unescape(html[start : html.index('"', start)])


def publish_translation(client, translation, django_capture_on_commit_callbacks):
    target = translation.get_target_instance()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[target.pk]), {"action": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Page.objects.get(pk=target.pk).specific


def english_case(editor, moderator, django_capture_on_commit_callbacks):
    page = published_case(editor, moderator)
    translation = translate_to_english(editor, page)
    fill_strings(editor, translation)
    return page, translation, publish_translation(moderator, translation, django_capture_on_commit_callbacks)


def test_english_translation_is_made_filled_and_published(editor, moderator, django_capture_on_commit_callbacks):
    page, translation, english_page = english_case(editor, moderator, django_capture_on_commit_callbacks)

    assert english_page.locale.language_code == "en"
    assert english_page.translation_key == page.translation_key
    assert english_page.live
    html = get_page(Client(), english_page.url)
    assert english_page.url.startswith("/en/cases/")
    assert html.lang == "en"
    assert "Neighbourhood workshop Overvecht" in html.h1()
    assert "Exploring with the neighbourhood" in html.text and "Pilot in the workshop" in html.text
    assert "Verkenning met de buurt" not in html.text


def test_translation_editor_offers_the_nested_phase_and_figure_strings(editor, moderator):
    page = published_case(editor, moderator)
    translation = translate_to_english(editor, page)
    target = translation.get_target_instance()

    response = editor.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))

    assert response.status_code == 200
    props = json.loads(_translation_editor_props(response.content.decode()))
    sources = {segment["source"] for segment in props["segments"] if segment["type"] == "string"}
    assert {*PHASES, "Gesprekken met bewoners en de gemeente.", "deelnemers", "In cijfers"} <= sources
    assert props["object"]["isLive"] is False


def test_sync_brings_a_dutch_change_to_english(editor, moderator, django_capture_on_commit_callbacks):
    page, translation, english_page = english_case(editor, moderator, django_capture_on_commit_callbacks)

    changed = case_form_data()
    changed["phases-0-value-steps-1-value-name"] = "Pilot met de buurtwerkplaats"
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = moderator.post(edit_url, {**changed, "action-publish": "1"})
    assert response.status_code == 302, _form_errors(response)
    page.refresh_from_db()
    assert "Pilot met de buurtwerkplaats" in get_page(Client(), f"/nl/cases/{SLUG}/").text

    source = TranslationSource.objects.get(object_id=page.translation_key)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert editor.get(sync_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(sync_url, {})
    assert response.status_code == 302

    fill_strings(editor, translation, {**ENGLISH, "Pilot met de buurtwerkplaats": "Pilot with the workshop"})
    publish_translation(moderator, translation, django_capture_on_commit_callbacks)

    html = get_page(Client(), english_page.url)
    assert "Pilot with the workshop" in html.text
    assert "Pilot in the workshop" not in html.text


# Permissions per group -----------------------------------------------------------------------------------------------


def _is_denied(response):
    """Wagtail answers a forbidden admin view with a 403, or a redirect to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def _a_submission():
    from django.utils import timezone

    from intake.models import Submission

    return Submission.objects.create(
        language="nl",
        organisation_name="Stichting Buurtkracht",
        organisation_type=Submission._meta.get_field("organisation_type").choices[0][0],
        contact_name="Sam de Vries",
        email="sam@buurtkracht.example",
        question="Hoe vinden we werk voor onze deelnemers?",
        consent_at=timezone.now(),
    )


def test_editors_reach_the_page_editor_images_and_documents(editor):
    home = Page.objects.get(depth=2, locale__language_code="nl")
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    assert response.status_code == 200 and home.title in response.content.decode()
    add_url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", dutch_case_index().pk])
    assert 'name="client"' in editor.get(add_url).content.decode()
    image = Image.objects.first()
    assert image.title in editor.get(reverse("wagtailimages:index")).content.decode()
    assert editor.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
    assert 'type="file"' in editor.get(reverse("wagtailimages:add_multiple")).content.decode()
    assert 'type="file"' in editor.get(reverse("wagtaildocs:add_multiple")).content.decode()
    assert editor.get(reverse("wagtaildocs:index")).status_code == 200


@pytest.mark.parametrize("model", [Partner, Theme, ServiceCategory], ids=lambda m: m.__name__)
def test_editors_edit_snippets(editor, model):
    snippet = model.objects.filter(locale__language_code="nl").first()
    listing = editor.get(reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:list"))
    assert listing.status_code == 200 and snippet.name in listing.content.decode()
    edit_url = reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit", args=[snippet.pk])
    assert 'name="name"' in editor.get(edit_url).content.decode()


def test_editors_cannot_publish_nor_see_the_intake(editor):
    _a_submission()
    home = Page.objects.get(depth=2, locale__language_code="nl")
    editor_user = get_user_model().objects.get(username="redacteur")
    assert not home.permissions_for_user(editor_user).can_publish()
    assert not editor_user.has_perm("intake.view_submission")
    response = editor.get(reverse("intake_submissions:index"))
    assert _is_denied(response)
    assert "Stichting Buurtkracht" not in response.content.decode()
    assert "/admin/intake/" not in editor.get(reverse("wagtailadmin_home")).content.decode()


def test_moderators_publish_an_editors_draft(editor, moderator):
    page = create_case_as_editor(editor, action="action-draft")
    response = moderator.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**case_form_data(), "action-publish": "1"}
    )
    assert response.status_code == 302, _form_errors(response)
    page.refresh_from_db()
    assert page.live and page.live_revision.user.username == "eindredacteur"
    assert PHASES[0] in get_page(Client(), f"/nl/cases/{SLUG}/").text


def test_intake_handlers_see_submissions_but_cannot_edit_pages(intake_handler):
    _a_submission()
    listing = intake_handler.get(reverse("intake_submissions:index"))
    assert listing.status_code == 200 and "Stichting Buurtkracht" in listing.content.decode()
    home = Page.objects.get(depth=2, locale__language_code="nl")
    assert _is_denied(intake_handler.get(reverse("wagtailadmin_pages:edit", args=[home.pk])))
    add_url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", dutch_case_index().pk])
    assert _is_denied(intake_handler.get(add_url))
    assert _is_denied(intake_handler.get(reverse("wagtailimages:index")))


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/images/", "/admin/intake/submissions/"])
def test_anonymous_visitors_are_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login")) and f"next={url}" in unquote(response.url)
    assert 'name="password"' in client.get(response.url).content.decode()
