"""The admin speaks Dutch from our own data, and moderators can run the site without a superuser."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from cases.models import CasePage
from tests.helpers import client_for, user_in
from tests.test_editorial_workflow import _is_denied, create_case_as_editor, dutch_case_index

pytestmark = pytest.mark.django_db


def test_workflow_names_read_dutch_in_the_editor(editor):
    page = create_case_as_editor(editor, action="action-draft")

    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    assert "Eindredactie" in html
    assert "Review before publishing" not in html


def test_moderators_edit_site_settings_and_redirects(editor, moderator):
    site = Site.objects.get(is_default_site=True)
    settings_url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])

    assert 'name="privacy_page"' in moderator.get(settings_url).content.decode()
    assert _is_denied(editor.get(settings_url))
    response = moderator.post(
        reverse("wagtailredirects:add"),
        {"old_path": "/oud-adres", "site": site.pk, "is_permanent": "on", "redirect_link": "https://example.org/"},
    )
    assert response.status_code == 302
    assert Redirect.objects.filter(old_path="/oud-adres").exists()


def test_no_gravatar(moderator):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert "gravatar" not in moderator.get(reverse("wagtailadmin_home")).content.decode()


def test_case_form_is_split_into_tabs(editor):
    url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", dutch_case_index().pk])

    html = editor.get(url).content.decode()

    for tab in ("Verhaal", "Thema&#x27;s en koppelingen"):
        assert tab in html
    assert 'name="client"' in html and 'name="challenge"' in html


def test_page_types_are_described_in_dutch(editor):
    home = Page.objects.get(depth=2, locale__language_code="nl")

    # Only a standard page can be added there, so Wagtail goes straight to its form, which shows the description.
    html = editor.get(reverse("wagtailadmin_pages:add_subpage", args=[home.pk]), follow=True).content.decode()

    assert "Een pagina met tekst en blokken" in html


@pytest.mark.usefixtures("demo")
def test_admin_search_finds_a_case_by_its_client(editor):
    case = CasePage.objects.get(slug="jaarbeurs-band-op-spanning", locale__language_code="nl")

    html = editor.get(reverse("wagtailadmin_pages:search"), {"q": "Jaarbeurs"}).content.decode()

    assert reverse("wagtailadmin_pages:edit", args=[case.pk]) in html


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    "word",
    [
        "werkloosheid",  # the lead
        "Kirkman",  # the result (rich text)
        "partnerselectie",  # a phase (StreamField)
    ],
)
def test_admin_search_finds_a_page_by_a_word_of_its_text(editor, word):
    case = CasePage.objects.get(slug="gemeente-utrecht", locale__language_code="nl")
    assert word.lower() not in case.title.lower()

    html = editor.get(reverse("wagtailadmin_pages:search"), {"q": word}).content.decode()

    assert reverse("wagtailadmin_pages:edit", args=[case.pk]) in html


def test_the_help_menu_leads_to_the_editors_guide(editor):
    dashboard = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("sif_editors_guide") in dashboard

    html = editor.get(reverse("sif_editors_guide")).content.decode()

    assert "<h1>Handleiding voor redacteuren</h1>" in html
    assert "Eindredactie" in html and "<table>" in html  # the rules table is rendered, not raw markdown
    assert "<title>Handleiding voor redacteuren - " in html


def test_exported_times_are_amsterdam_time():
    import csv
    import io
    from datetime import UTC, datetime

    from django.contrib.auth import get_user_model
    from openpyxl import load_workbook

    from intake.models import Submission
    from tests.test_editorial_workflow import _a_submission

    submission = _a_submission()
    Submission.objects.filter(pk=submission.pk).update(created_at=datetime(2026, 1, 15, 12, 30, tzinfo=UTC))
    admin = client_for(get_user_model().objects.create_superuser("beheer", "beheer@sif.example", "x"))
    url = reverse("intake_submissions:index")

    csv_text = b"".join(admin.get(url, {"export": "csv"}).streaming_content).decode()
    workbook = load_workbook(io.BytesIO(b"".join(admin.get(url, {"export": "xlsx"}).streaming_content)))

    cells = [cell for row in csv.reader(io.StringIO(csv_text)) for cell in row]
    assert "15-01-2026 13:30" in cells, cells  # day-month-year to the minute, as a Dutch spreadsheet reads it
    values = [cell.value for row in workbook.active.iter_rows(min_row=2) for cell in row]
    assert datetime(2026, 1, 15, 13, 30) in values


def test_intake_handlers_see_their_work_on_the_dashboard_and_names_in_the_assignee_list(editor):
    from intake.models import HANDLERS_GROUP, Submission
    from tests.test_editorial_workflow import _a_submission

    handler_user = user_in("intaker", HANDLERS_GROUP)
    handler_user.first_name, handler_user.last_name = "Ilse", "de Intaker"
    handler_user.save()
    handler = client_for(handler_user)
    _a_submission()
    mine = _a_submission()
    Submission.objects.filter(pk=mine.pk).update(assignee=handler_user, status="in_progress")

    dashboard = handler.get(reverse("wagtailadmin_home")).content.decode()
    edit = handler.get(reverse("intake_submissions:edit", args=[mine.pk])).content.decode()

    assert "Nieuwe vragen: 1" in dashboard
    assert "Aan jou toegewezen en nog open: 1" in dashboard
    assert "Ilse de Intaker" in edit
    listing = handler.get(reverse("intake_submissions:index")).content.decode()
    assert "Ilse de Intaker" in listing and ">intaker<" not in listing
    inspect = handler.get(reverse("intake_submissions:inspect", args=[mine.pk])).content.decode()
    assert "Ilse de Intaker" in inspect
    export = handler.get(reverse("intake_submissions:index"), {"export": "csv"})
    assert "Ilse de Intaker" in b"".join(export.streaming_content).decode()
    assert "Nieuwe vragen" not in editor.get(reverse("wagtailadmin_home")).content.decode()
