"""Who sees what, and Dutch first.

Intake handlers triage questions: the translation status report, which lists every page title
(drafts included), is not theirs. Pages are made in Dutch and translated: nobody makes a page
directly in the English tree, so no English page exists without its Dutch original.
"""

import pytest
from django.urls import reverse

from cases.models import CaseIndexPage, CasePage
from editorial.roles import EDITORS, MODERATORS
from intake.models import HANDLERS_GROUP
from tests.helpers import client_for, user_in
from tests.test_editorial_workflow import _is_denied, case_form_data

pytestmark = pytest.mark.django_db


def test_intake_handlers_do_not_see_the_translation_status(site_tree):
    handler = client_for(user_in("intaker", HANDLERS_GROUP))
    editor = client_for(user_in("redacteur", EDITORS))
    status_url = reverse("sif_translation_status")

    localize_report = reverse("wagtail_localize:translations_report")
    assert _is_denied(handler.get(status_url)) and _is_denied(handler.get(localize_report))
    dashboard = handler.get(reverse("wagtailadmin_home")).content.decode()
    assert status_url not in dashboard and localize_report not in dashboard
    assert "Over ons" not in handler.get(status_url, follow=True).content.decode()
    # Editors still have it.
    assert editor.get(status_url).status_code == 200 and editor.get(localize_report).status_code == 200
    assert status_url in editor.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_nobody_makes_an_english_case_without_a_dutch_original(site_tree, group):
    client = client_for(user_in("schrijver", group))
    english_index = CaseIndexPage.objects.get(locale__language_code="en")
    url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", english_index.pk])

    form = client.get(url)
    posted = client.post(url, {**case_form_data(title="Only in English"), "action-submit": "1"})

    assert form.status_code == 409 and "Maak de pagina eerst in het Nederlands" in form.content.decode()
    assert posted.status_code == 409
    assert not CasePage.objects.filter(title="Only in English").exists()


def test_dutch_cases_are_still_made_as_before(site_tree):
    editor = client_for(user_in("redacteur", EDITORS))
    dutch_index = CaseIndexPage.objects.get(locale__language_code="nl")
    url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", dutch_index.pk])

    response = editor.post(url, {**case_form_data(), "action-draft": "1"})

    assert response.status_code == 302 and CasePage.objects.filter(slug="buurtwerkplaats").exists()
