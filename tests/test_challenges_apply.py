"""Applying for an open challenge, and the triage of applications in the admin.

The form has the intake's guarantees (intake.guarantees): stored once in one transaction,
mail to both sides through the outbox in the right language, a single-use token, a
honeypot, the retention. The attachment is a PDF by its content, kept in a private
storage (a temporary folder here) and given only to challenge handlers.
"""

import copy
import csv
import datetime
import io
import re
import time
from unittest import mock

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from challenges.applications import HANDLERS_GROUP, Application, Status
from challenges.retention import purge
from intake import form_guard
from intake.submissions import OutgoingEmail
from tests.conftest import client_for, user_in
from tests.helpers import get_page
from tests.test_challenges import add_challenge, amsterdam, open_call
from tests.test_challenges import shared_content as challenges_overview

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TEN_MB = 10 * 1024 * 1024


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """The attachments' storage in a folder of this test's own."""
    storages = copy.deepcopy(settings.STORAGES)
    root = tmp_path / "private"
    storages["challenge_attachments"]["OPTIONS"]["location"] = root
    settings.STORAGES = storages
    return root


def shared_content(site_tree):
    """The challenges' overview in both languages, as tests/test_challenges.py builds it, with an open call
    (Dutch and English), open from yesterday until ten days from now; shared by the module's tests."""
    overview = challenges_overview(site_tree)
    now = timezone.now()
    challenge = add_challenge(
        overview, "Werk", opens_at=now - datetime.timedelta(days=1), deadline=now + datetime.timedelta(days=10)
    )
    return {"overview": overview, "challenge": challenge}


@pytest.fixture
def overview(shared):
    """The challenges' overview in both languages: {"nl": page, "en": page}; it holds ``challenge``."""
    return shared["overview"]


@pytest.fixture
def challenge(shared):
    """An open call (Dutch and English), open from yesterday until ten days from now: (nl, en)."""
    return shared["challenge"]


@pytest.fixture
def handler(db):
    return client_for(user_in("uitdager", HANDLERS_GROUP))


def fresh_token(seconds_ago=60):
    return form_guard.new_form_token(shown_at=time.time() - seconds_ago)


def valid_data(**overrides):
    data = {
        "organisation_name": "Fietsatelier Oost",
        "contact_name": "Noor Jansen",
        "email": "noor@fietsatelier.example.org",
        "activity": "Wij repareren fietsen met mensen die lang zonder betaald werk waren.",
        "approach": "We starten een werkplaats op het terrein en leiden daar zes mensen op.",
        "consent": "on",
        "website": "",
        "form_token": fresh_token(),
    }
    data.update(overrides)
    return data


def apply(client, page, capture, **overrides):
    with capture(execute=True):
        return client.post(f"{page.url}?apply", valid_data(**overrides))


def files_in(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# The form in both languages -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "button", "label"),
    [("nl", "Aanmelden voor deze challenge", "Naam van je organisatie"), ("en", "Apply for this challenge", "Name")],
)
def test_an_open_call_links_to_its_form_in_both_languages(client, challenge, language, button, label):
    page = challenge[0] if language == "nl" else challenge[1]
    shown = get_page(client, page.url)
    assert button in shown.html
    assert f'href="{page.url}?apply"' in shown.html
    assert not shown.response.cookies  # the challenge itself sets no cookie: it stays in the page cache
    form = get_page(client, f"{page.url}?apply")
    assert form.lang == language
    assert label in form.html
    assert 'enctype="multipart/form-data"' in form.html
    assert form.response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("language", "confirmation", "thanks"),
    [
        ("nl", "We hebben je aanmelding ontvangen", "Bedankt voor je aanmelding"),
        ("en", "We have received your application", "Thank you for your application"),
    ],
)
def test_an_application_is_stored_once_and_mails_both_sides_in_their_language(
    client, challenge, django_capture_on_commit_callbacks, language, confirmation, thanks
):
    nl, en = challenge
    page = nl if language == "nl" else en
    response = apply(client, page, django_capture_on_commit_callbacks)
    assert response.status_code == 303
    application = Application.objects.get()
    assert (application.challenge_id, application.language, application.status) == (nl.pk, language, "received")
    emails = OutgoingEmail.objects.filter(about_id=application.pk).order_by("kind")
    assert [(e.kind, e.to) for e in emails] == [
        ("confirmation", "noor@fietsatelier.example.org"),
        ("notification", "info@proef.example"),
    ]
    sent = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2  # the worker's task, run after the commit
    assert sent["noor@fietsatelier.example.org"].subject.startswith(confirmation)
    assert "Fietsatelier" not in sent["noor@fietsatelier.example.org"].body  # nothing typed goes to the address given
    assert sent["info@proef.example"].subject == "Aanmelding van Fietsatelier Oost voor Werk"
    assert sent["info@proef.example"].reply_to == ["noor@fietsatelier.example.org"]
    assert "zes mensen" in sent["info@proef.example"].body
    # Post/redirect/get: the thank-you page shows the public reference, never the database number.
    location = response["Location"]
    assert location.startswith(f"{page.url}?sent=")
    done = get_page(client, location)
    assert thanks in done.html
    assert application.reference in done.html
    assert "Noor" not in done.html
    assert done.response["Cache-Control"] == "no-store"


def test_the_page_sets_its_own_notification_address(client, overview, django_capture_on_commit_callbacks):
    now = timezone.now()
    nl, _en = add_challenge(
        overview, "Zorg", notification_email="challenges@proef.example", **open_call(now + datetime.timedelta(days=3))
    )
    apply(client, nl, django_capture_on_commit_callbacks)
    assert {message.to[0] for message in mail.outbox} == {"challenges@proef.example", "noor@fietsatelier.example.org"}


def test_over_the_rate_limit_the_form_answers_429_and_stores_nothing(
    client, challenge, settings, django_capture_on_commit_callbacks
):
    settings.INTAKE_RATE_LIMIT_PER_HOUR = 1
    assert apply(client, challenge[0], django_capture_on_commit_callbacks).status_code == 303
    refused = apply(client, challenge[0], django_capture_on_commit_callbacks)
    assert refused.status_code == 429
    assert "Het afgelopen uur zijn er veel aanmeldingen" in refused.content.decode()
    assert Application.objects.count() == 1


def test_the_same_token_twice_stores_one_application(client, challenge, django_capture_on_commit_callbacks):
    token = fresh_token()
    first = apply(client, challenge[0], django_capture_on_commit_callbacks, form_token=token)
    second = apply(client, challenge[0], django_capture_on_commit_callbacks, form_token=token)
    assert first.status_code == 303
    assert second.status_code == 200
    assert "al verstuurd" in second.content.decode()
    assert "Fietsatelier Oost" in second.content.decode()  # what was typed is kept
    assert Application.objects.count() == 1
    assert len(mail.outbox) == 2


def test_two_posts_with_one_token_at_once_store_one_application_and_no_stray_file(
    client, challenge, private_root, django_capture_on_commit_callbacks
):
    """The database's unique constraint decides when both posts pass the form's check at the same moment."""
    from challenges.forms import ApplicationForm

    token = fresh_token()
    assert apply(client, challenge[0], django_capture_on_commit_callbacks, form_token=token).status_code == 303
    attachment = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    with mock.patch.object(ApplicationForm, "token_is_stale", return_value=False):  # as if the first were not stored
        second = apply(
            client, challenge[0], django_capture_on_commit_callbacks, form_token=token, attachment=attachment
        )
    assert second.status_code == 200
    assert "al verstuurd" in second.content.decode()
    assert Application.objects.count() == 1
    assert files_in(private_root) == []  # the second one's file was written, then removed with its row
    assert len(mail.outbox) == 2


def test_the_honeypot_stores_spam_without_mail_or_file(
    client, challenge, private_root, django_capture_on_commit_callbacks
):
    attachment = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    response = apply(
        client, challenge[0], django_capture_on_commit_callbacks, website="http://spam.example", attachment=attachment
    )
    assert response.status_code == 303
    assert Application.objects.get().status == Status.SPAM
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []
    assert files_in(private_root) == []


def test_an_invalid_form_names_its_errors_in_the_visitors_language(
    client, challenge, django_capture_on_commit_callbacks
):
    response = apply(client, challenge[1], django_capture_on_commit_callbacks, organisation_name="", approach="kort")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert 'href="#id_organisation_name"' in html
    assert "Enter the name of your organisation." in html
    approach = re.search(r"<textarea[^>]*id=\"id_approach\"[^>]*>", html)[0]
    assert "id_approach_error" in approach and 'aria-invalid="true"' in approach
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("language", "notice"), [("nl", "Het formulier is even gesloten"), ("en", "closed for a moment")]
)
def test_without_a_privacy_statement_the_form_takes_nothing(
    client, challenge, private_root, django_capture_on_commit_callbacks, language, notice
):
    from home.models import SiteSettings

    SiteSettings.objects.update(privacy_page=None)
    page = challenge[0] if language == "nl" else challenge[1]
    shown = get_page(client, f"{page.url}?apply")
    assert notice in shown.html
    assert 'name="approach"' not in shown.html
    attachment = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    refused = apply(client, page, django_capture_on_commit_callbacks, attachment=attachment)
    assert refused.status_code == 200 and notice in refused.content.decode()
    assert not Application.objects.exists()
    assert files_in(private_root) == []
    assert mail.outbox == []


# The deadline -------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "closed"), [("nl", "gesloten"), ("en", "closed")])
def test_after_the_deadline_the_form_is_closed_and_a_post_is_refused_with_the_page_cache_on(
    client,
    overview,
    settings,
    private_root,
    django_capture_on_commit_callbacks,
    language,
    closed,
):
    settings.PAGE_CACHE_ENABLED = True
    nl, en = add_challenge(overview, "Werk tot vijf uur", **open_call(amsterdam(2027, 3, 1, 17)))
    page = nl if language == "nl" else en
    with time_machine.travel(amsterdam(2027, 3, 1, 16, 50), tick=False) as clock:
        assert client.get(page.url)["X-Page-Cache"] == "miss"
        assert client.get(page.url)["X-Page-Cache"] == "hit"
        form = client.get(f"{page.url}?apply")
        assert 'name="approach"' in form.content.decode()
        token = re.search(r'name="form_token" value="([^"]+)"', form.content.decode())[1]
        clock.move_to(amsterdam(2027, 3, 1, 17, 0, 1))
        after = client.get(page.url)
        closed_form = client.get(f"{page.url}?apply")
        with django_capture_on_commit_callbacks(execute=True):
            refused = client.post(
                f"{page.url}?apply",
                valid_data(form_token=token, attachment=SimpleUploadedFile("plan.pdf", PDF)),
            )
    assert f"<strong>{closed}</strong>" in after.content.decode()
    assert "?apply" not in after.content.decode()
    assert f"<strong>{closed}</strong>" in closed_form.content.decode()
    assert 'name="approach"' not in closed_form.content.decode()
    assert refused.status_code == 410
    assert f"<strong>{closed}</strong>" in refused.content.decode()
    assert not Application.objects.exists()
    assert files_in(private_root) == []
    assert mail.outbox == []


# The attachment -----------------------------------------------------------------------------


def test_a_pdf_is_kept_in_the_private_storage(client, challenge, private_root, django_capture_on_commit_callbacks):
    attachment = SimpleUploadedFile("mijn plan.pdf", PDF, content_type="application/pdf")
    response = apply(client, challenge[0], django_capture_on_commit_callbacks, attachment=attachment)
    assert response.status_code == 303
    application = Application.objects.get()
    stored = files_in(private_root)
    assert len(stored) == 1 and stored[0].read_bytes() == PDF
    assert "plan" not in stored[0].name  # a random name
    assert not str(stored[0]).startswith(str(django_settings.MEDIA_ROOT))
    assert application.attachment.name == str(stored[0].relative_to(private_root))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "is not a PDF"),
        ("plan.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "is a program"),
        ("plan.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "is a program"),
        ("plan.exe", b"MZ\x90\x00\x03" + b"\x00" * 100, "is a program"),
        ("groot.pdf", PDF + b"\x00" * (TEN_MB + 1 - len(PDF)), "is larger than 10 MB"),
    ],
    # Named, not spelled out: the 10 MB file in a test id would be sent between xdist workers and printed.
    ids=["html-named-pdf", "elf", "mz", "exe", "over-10-mb"],
)
def test_what_is_not_a_small_pdf_is_refused_with_a_message(
    client, challenge, private_root, django_capture_on_commit_callbacks, name, content, message
):
    attachment = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = apply(client, challenge[1], django_capture_on_commit_callbacks, attachment=attachment)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, re.findall(r'class="field__error"[^>]*>(.*?)</p>', html)
    assert 'href="#id_attachment"' in html
    assert not Application.objects.exists()
    assert files_in(private_root) == []


def test_exactly_ten_megabytes_is_taken_in(client, challenge, private_root, django_capture_on_commit_callbacks):
    attachment = SimpleUploadedFile("plan.pdf", PDF + b"\x00" * (TEN_MB - len(PDF)))
    assert apply(client, challenge[0], django_capture_on_commit_callbacks, attachment=attachment).status_code == 303
    assert files_in(private_root)[0].stat().st_size == TEN_MB


@pytest.fixture
def application_with_pdf(client, challenge, django_capture_on_commit_callbacks):
    attachment = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    apply(client, challenge[0], django_capture_on_commit_callbacks, attachment=attachment)
    return Application.objects.get()


def test_only_challenge_handlers_get_the_attachment(handler, editor, moderator, application_with_pdf):
    url = reverse("challenge_application_attachment", args=[application_with_pdf.pk])
    edit = handler.get(reverse("challenge_applications:edit", args=[application_with_pdf.pk])).content.decode()
    assert f'href="{url}"' in edit
    assert application_with_pdf.attachment.name not in edit  # no storage path, no media URL
    response = handler.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{application_with_pdf.reference}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    for other in (editor, moderator):
        refused = other.get(url)
        assert refused.status_code in (302, 403)  # Wagtail sends a user without the permission to the dashboard
        assert PDF not in refused.content


def test_an_anonymous_visitor_cannot_fetch_an_attachment_by_any_url(application_with_pdf, settings):
    anonymous = Client()
    name = application_with_pdf.attachment.name
    admin_url = reverse("challenge_application_attachment", args=[application_with_pdf.pk])
    response = anonymous.get(admin_url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    for url in (
        f"{settings.MEDIA_URL}{name}",
        f"{settings.MEDIA_URL}private/{name}",
        f"/{name}",
        reverse("challenge_applications:edit", args=[application_with_pdf.pk]),
    ):
        response = anonymous.get(url)
        assert response.status_code in (302, 404), url
        assert PDF not in response.content, url


# Triage -------------------------------------------------------------------------------------


def test_the_dashboard_counts_received_applications_for_handlers_only(handler, editor, application_with_pdf):
    assert "Ontvangen, nog niet behandeld: 1" in handler.get(reverse("wagtailadmin_home")).content.decode()
    assert "Ontvangen, nog niet behandeld" not in editor.get(reverse("wagtailadmin_home")).content.decode()


def test_editors_and_moderators_see_no_application(editor, moderator, application_with_pdf):
    for other in (editor, moderator):
        for url in (
            reverse("challenge_applications:index"),
            reverse("challenge_applications:edit", args=[application_with_pdf.pk]),
        ):
            response = other.get(url)
            assert response.status_code in (302, 403), url
            assert b"Fietsatelier" not in response.content, url


def test_handlers_see_both_languages_in_one_list_per_challenge_and_triage(
    handler,
    client,
    challenge,
    overview,
    django_capture_on_commit_callbacks,
):
    nl, en = challenge
    other, _other_en = add_challenge(overview, "Zorg", **open_call(timezone.now() + datetime.timedelta(days=3)))
    apply(client, nl, django_capture_on_commit_callbacks, organisation_name="Nederlandse aanmelder")
    apply(client, en, django_capture_on_commit_callbacks, organisation_name="English applicant")
    apply(client, other, django_capture_on_commit_callbacks, organisation_name="Andere challenge")
    listing = handler.get(reverse("challenge_applications:index"), {"challenge": nl.pk}).content.decode()
    assert "Nederlandse aanmelder" in listing and "English applicant" in listing
    assert "Andere challenge" not in listing
    application = Application.objects.get(organisation_name="English applicant")
    edit_url = reverse("challenge_applications:edit", args=[application.pk])
    response = handler.post(edit_url, {"status": "shortlisted", "assignee": "", "internal_notes": "Sterk plan"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.internal_notes) == ("shortlisted", "Sterk plan")
    shortlisted = handler.get(reverse("challenge_applications:index"), {"status": "shortlisted"}).content.decode()
    assert "English applicant" in shortlisted and "Nederlandse aanmelder" not in shortlisted


def _applications(challenge, count, assignee):
    for _ in range(count):
        number = Application.objects.count()
        Application.objects.create(
            challenge=challenge,
            challenge_title=challenge.title,
            language="nl",
            organisation_name=f"Onderneming {number}",
            contact_name="Noor",
            email=f"noor{number}@example.org",
            activity="a" * 40,
            approach="b" * 40,
            assignee=assignee,
        )


@pytest.mark.thorough
def test_the_list_has_a_flat_query_count(handler, challenge, django_assert_max_num_queries):
    url = reverse("challenge_applications:index")
    assignee = get_user_model().objects.get(username="uitdager")
    _applications(challenge[0], 3, assignee)
    handler.get(url)
    with CaptureQueriesContext(connection) as few:
        assert handler.get(url).status_code == 200
    _applications(challenge[0], 3, assignee)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = handler.get(url).content.decode()
    assert "Onderneming 5" in html, re.findall(r"Onderneming \d", html)


def test_the_csv_export_neutralises_formulas(handler, client, challenge, django_capture_on_commit_callbacks):
    apply(client, challenge[0], django_capture_on_commit_callbacks, organisation_name="=cmd|' /C calc'!A0")
    response = handler.get(reverse("challenge_applications:index"), {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert any(cell.startswith("'=cmd") for cell in rows[1])
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_the_xlsx_export_answers(handler, application_with_pdf):
    response = handler.get(reverse("challenge_applications:index"), {"export": "xlsx"})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_deleting_an_application_deletes_its_file(
    handler, application_with_pdf, private_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = handler.post(reverse("challenge_applications:delete", args=[application_with_pdf.pk]))
    assert response.status_code == 302
    assert not Application.objects.exists()
    assert files_in(private_root) == []


# Retention ----------------------------------------------------------------------------------


def test_retention_anonymises_the_application_and_deletes_its_file_and_mails(application_with_pdf, private_root):
    assert files_in(private_root) and OutgoingEmail.objects.filter(about_id=application_with_pdf.pk).exists()
    Application.objects.filter(pk=application_with_pdf.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=2 * 366)
    )
    report = purge(timezone.now())
    assert report == "Challenge applications: 1 anonymised, 0 caught as spam deleted"
    application = Application.objects.get()
    assert application.anonymised_at is not None
    assert (application.organisation_name, application.email, application.approach, application.attachment.name) == (
        "",
        "",
        "",
        "",
    )
    assert application.challenge_title == "Werk" and application.status == "received"
    assert files_in(private_root) == []
    assert not OutgoingEmail.objects.filter(about_id=application.pk).exists()


def test_retention_takes_the_name_out_of_the_admin_log(handler, application_with_pdf):
    from wagtail.models import ModelLogEntry

    edit_url = reverse("challenge_applications:edit", args=[application_with_pdf.pk])
    handler.post(edit_url, {"status": "selected", "assignee": "", "internal_notes": ""})
    assert ModelLogEntry.objects.filter(label__contains="Fietsatelier").exists()
    Application.objects.update(updated_at=timezone.now() - datetime.timedelta(days=2 * 366))
    purge(timezone.now())
    labels = set(ModelLogEntry.objects.filter(object_id=str(application_with_pdf.pk)).values_list("label", flat=True))
    assert labels == {f"Application #{application_with_pdf.pk}"}


def test_retention_keeps_a_recent_application(application_with_pdf, private_root):
    assert purge(timezone.now()).startswith("Challenge applications: 0 anonymised")
    assert Application.objects.get().anonymised_at is None
    assert files_in(private_root)


def test_the_daily_purge_runs_the_applications_retention(db):
    from django.core.management import call_command

    output = io.StringIO()
    call_command("purge_intake", stdout=output)
    assert "Challenge applications: 0 anonymised" in output.getvalue()
