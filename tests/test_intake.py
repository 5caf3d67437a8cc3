"""The intake form: both languages, storing, e-mail, spam, admin triage, export and retention."""

import csv
import io
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Site

from cases.models import Theme
from intake import form_guard
from intake.models import IntakePage, IntakeSettings, OutgoingEmail, Status, Submission
from intake.retention import purge
from menukaart.models import ServicePage
from tests.helpers import Page, get_page, own_cache_keys

pytestmark = pytest.mark.django_db

NL_URL, EN_URL = "/nl/vraagstuk/", "/en/your-question/"


def fresh_token(seconds_ago=60):
    return form_guard.new_form_token(shown_at=time.time() - seconds_ago)


def theme_key(slug="werk"):
    return str(Theme.objects.get(slug=slug, locale__language_code="nl").translation_key)


def service_keys():
    return [
        str(key)
        for key in ServicePage.objects.filter(locale__language_code="nl").values_list("translation_key", flat=True)
    ]


def valid_data(**overrides):
    data = {
        "organisation_name": "Gemeente Voorbeeld",
        "organisation_type": "municipality",
        "contact_name": "Sam de Vries",
        "email": "sam@example.org",
        "phone": "030 123 4567",
        "question": "Hoe helpen we meer mensen met een afstand tot de arbeidsmarkt aan werk?",
        "themes": [theme_key()],
        "consent": "on",
        "website": "",
        "form_token": fresh_token(),
    }
    data.update(overrides)
    return data


def submit(client, url, capture, extra=None, **overrides):
    with capture(execute=True):
        return client.post(url, valid_data(**overrides), **(extra or {}))


# The page in both languages ---------------------------------------------------


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    ("url", "lang", "h1", "label"),
    [
        (NL_URL, "nl", "Leg jouw vraagstuk aan ons voor", "Naam van je organisatie"),
        (EN_URL, "en", "Put your question to us", "Name of your organisation"),
    ],
)
def test_form_renders_in_both_languages(client, url, lang, h1, label):
    page = get_page(client, url)
    assert page.lang == lang
    assert page.h1() == h1
    assert label in page.text
    assert page.html.count("<h1") == 1
    assert page.find_all("input", name="form_token")
    assert len(page.find_all("link", rel="stylesheet", href="/static/css/site.css")) == 1, "linked once"


def test_form_sets_only_the_csrf_cookie(client):
    response = client.get(NL_URL)
    assert set(response.cookies) == {"csrftoken"}


def test_call_to_action_leads_to_the_form(client):
    assert 'href="/nl/vraagstuk/"' in get_page(client, "/nl/").html
    assert 'href="/en/your-question/"' in get_page(client, "/en/").html


def test_consent_is_not_ticked_and_links_to_the_privacy_statement(client):
    page = get_page(client, EN_URL)
    (consent,) = page.find_all("input", name="consent")
    assert "checked" not in consent
    assert page.find_all("a", href="/en/privacy/")


# Storing, post/redirect/get and e-mail ---------------------------------------------


@pytest.mark.usefixtures("demo")
def test_valid_question_is_stored_then_redirects_to_a_thank_you_page(client, django_capture_on_commit_callbacks):
    response = submit(client, EN_URL, django_capture_on_commit_callbacks)
    assert response.status_code == 303
    location = response["Location"]
    assert location.startswith(EN_URL + "?sent=")
    assert "sam" not in location and "Voorbeeld" not in location
    submission = Submission.objects.get()
    assert submission.language == "en"
    assert submission.status == Status.NEW
    assert submission.themes == [theme_key()]
    assert submission.theme_titles == ["Work and income"]
    assert submission.consent_at is not None

    thanks = client.get(location)
    assert thanks.status_code == 200
    assert not thanks.cookies
    assert thanks["Cache-Control"] == "no-store"
    page = Page(thanks)
    assert page.h1() == "Thank you for your question"
    assert len(page.find_all("link", rel="stylesheet", href="/static/css/site.css")) == 1, "linked once"
    # No personal data: anyone holding the link would see it (tests/test_security_intake.py has more).
    assert "Gemeente Voorbeeld" not in page.text and "afstand tot de arbeidsmarkt" not in page.text
    assert f"Your reference is {Submission.objects.get().reference}" in page.text
    assert "We send a confirmation with it to the e-mail address you gave" in page.text
    # A refresh shows the same page and stores nothing new.
    assert client.get(location).status_code == 200
    assert Submission.objects.count() == 1


@pytest.mark.usefixtures("demo")
def test_two_emails_after_commit_in_the_right_languages(client, django_capture_on_commit_callbacks):
    submit(client, EN_URL, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    notification, confirmation = sorted(mail.outbox, key=lambda m: m.to[0] != "intake@sif.example")
    assert notification.to == ["intake@sif.example"]
    assert notification.subject == "Nieuwe vraag van Gemeente Voorbeeld"
    assert notification.reply_to == ["sam@example.org"]
    assert "/admin/intake/submissions/edit/" in notification.body
    assert confirmation.to == ["sam@example.org"]
    assert confirmation.subject.startswith("We have received your question")
    assert confirmation.body.startswith("Hello,") and "Sam de Vries" not in confirmation.body
    assert all(e.sent_at for e in OutgoingEmail.objects.all())


def test_the_notification_goes_to_the_address_in_the_intake_settings(client, django_capture_on_commit_callbacks):
    settings = IntakeSettings.for_site(Site.objects.get(is_default_site=True))
    settings.notification_email = "vragen@sif.example"
    settings.save()
    submit(client, NL_URL, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["sam@example.org", "vragen@sif.example"]


@pytest.mark.usefixtures("demo")
def test_confirmation_from_the_dutch_page_is_dutch(client, django_capture_on_commit_callbacks):
    submit(client, NL_URL, django_capture_on_commit_callbacks)
    (confirmation,) = [m for m in mail.outbox if m.to == ["sam@example.org"]]
    assert confirmation.subject.startswith("We hebben je vraag ontvangen")
    assert "Werk en inkomen" in confirmation.body


def test_failed_email_keeps_the_submission_and_is_retried(client, django_capture_on_commit_callbacks):
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError):
        response = submit(client, NL_URL, django_capture_on_commit_callbacks)
    assert response.status_code == 303
    assert Submission.objects.count() == 1
    first, second = OutgoingEmail.objects.order_by("pk")
    assert first.sent_at is None and second.sent_at is None
    # The server is unreachable: the run stops at the first failure instead of waiting for it again.
    assert (first.attempts, second.attempts) == (1, 0)
    assert first.last_error == "ConnectionRefusedError"
    out = io.StringIO()
    call_command("send_intake_mail", stdout=out)  # the sweep, with the server back
    assert "1 sent" in out.getvalue()
    assert [m.to for m in mail.outbox] == [[second.to]]  # the failed one waits a minute
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    out = io.StringIO()
    call_command("send_intake_mail", stdout=out)
    assert "1 sent" in out.getvalue()
    assert len(mail.outbox) == 2
    call_command("send_intake_mail", stdout=io.StringIO())
    assert len(mail.outbox) == 2  # never twice


def test_backoff_grows_and_is_capped(client, django_capture_on_commit_callbacks):
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError):
        submit(client, NL_URL, django_capture_on_commit_callbacks)
        waits = []
        for _ in range(9):
            OutgoingEmail.objects.update(next_attempt_at=timezone.now())
            before = timezone.now()
            call_command("send_intake_mail", stdout=io.StringIO())
            waits.append(round((OutgoingEmail.objects.first().next_attempt_at - before).total_seconds() / 60))
    assert waits[:4] == [2, 4, 8, 16]
    assert waits[-1] == 60


def test_services_from_the_menukaart_are_ticked_and_stored_by_translation_key(
    client, admin_client, django_capture_on_commit_callbacks
):
    first, second, *_ = service_keys()
    page = get_page(client, f"{EN_URL}?service={first}&service={second}&service=not-a-service")
    ticked = {i["value"] for i in page.find_all("input", name="services") if "checked" in i}
    assert ticked == {first, second}
    english_titles = {str(p.translation_key): p.title for p in ServicePage.objects.filter(locale__language_code="en")}
    response = submit(client, EN_URL, django_capture_on_commit_callbacks, services=[first, second])
    submission = Submission.objects.get()
    assert submission.services == [first, second]  # the same keys as from /nl/
    assert submission.service_titles == [english_titles[first], english_titles[second]]
    assert english_titles[first] in client.get(response["Location"]).content.decode()
    assert english_titles[first] in mail.outbox[0].body
    inspect = admin_client.get(reverse("intake_submissions:inspect", args=[submission.pk])).content.decode()
    # The admin names the services in its own language (Dutch here), whatever language the visitor used.
    dutch_title = ServicePage.objects.get(locale__language_code="nl", translation_key=first).title
    assert dutch_title in inspect


def test_the_same_service_has_the_same_key_in_both_languages(client, django_capture_on_commit_callbacks):
    key = service_keys()[0]
    submit(client, NL_URL, django_capture_on_commit_callbacks, services=[key])
    submit(client, EN_URL, django_capture_on_commit_callbacks, services=[key])
    dutch, english = Submission.objects.order_by("pk")
    assert dutch.services == english.services == [key]
    assert dutch.service_titles != english.service_titles


def test_unknown_service_or_theme_is_a_field_error(client):
    page = Page(client.post(EN_URL, valid_data(services=["00000000-0000-0000-0000-000000000000"], themes=["x"])))
    assert "Choose services from the list." in page.text and "Choose themes from the list." in page.text
    assert not Submission.objects.exists()


# Bad input -------------------------------------------------------------------------------


def test_errors_in_the_visitors_language_tied_to_fields_with_a_summary(client):
    response = client.post(NL_URL, {"email": "geen-adres", "question": "kort", "form_token": fresh_token()})
    assert response.status_code == 200
    page = Page(response)
    assert "Er is een probleem" in page.text
    assert "Vul de naam van je organisatie in." in page.text
    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in page.text
    summary_links = [a["href"] for a in page.find_all("a") if a.get("href", "").startswith("#id_")]
    assert "#id_organisation_name" in summary_links and "#id_organisation_type_0" in summary_links
    (email,) = page.find_all("input", name="email")
    assert email["value"] == "geen-adres"  # kept what was typed
    assert "id_email_error" in email["aria-describedby"]
    assert page.find_all("p", id="id_email_error")
    assert page.find_all(
        "fieldset", **{"class": "field field--error", "aria-describedby": "id_organisation_type_error"}
    )
    assert page.html.count("<title>Fout:") == 1
    assert not Submission.objects.exists()


def test_question_length_limits(client):
    page = Page(client.post(EN_URL, valid_data(question="x" * 5001)))
    assert "at most 5000 characters (you wrote 5001)" in page.text
    assert not Submission.objects.exists()


def test_html_is_escaped_on_the_page_in_emails_and_in_the_admin(
    client, admin_client, django_capture_on_commit_callbacks
):
    hostile = "<script>alert('x')</script>"
    response = submit(client, EN_URL, django_capture_on_commit_callbacks, organisation_name=hostile)
    thanks = client.get(response["Location"]).content.decode()
    assert hostile not in thanks
    for message in mail.outbox:
        html = message.alternatives[0][0]
        assert hostile not in html
    notification = next(message for message in mail.outbox if message.to != ["sam@example.org"])
    assert "&lt;script&gt;" in notification.alternatives[0][0]
    submission = Submission.objects.get()
    for name in ("edit", "inspect"):
        body = admin_client.get(reverse(f"intake_submissions:{name}", args=[submission.pk])).content.decode()
        assert hostile not in body and "&lt;script&gt;" in body


def test_oversized_body_is_a_client_error(client):
    response = client.post(EN_URL, valid_data(question="x" * 3_000_000))
    assert 400 <= response.status_code < 500
    assert not Submission.objects.exists()


# Spam --------------------------------------------------------------------------------------


def test_honeypot_is_stored_as_spam_without_email(client, django_capture_on_commit_callbacks):
    response = submit(client, EN_URL, django_capture_on_commit_callbacks, website="http://spam.example")
    assert response.status_code == 303  # the sender cannot tell
    assert Submission.objects.get().status == Status.SPAM
    assert not mail.outbox and not OutgoingEmail.objects.exists()


@pytest.mark.parametrize("token", [lambda: fresh_token(seconds_ago=0), lambda: "forged", lambda: ""])
def test_too_fast_or_without_a_genuine_timestamp_is_spam(client, settings, django_capture_on_commit_callbacks, token):
    settings.INTAKE_MIN_FILL_SECONDS = 3
    submit(client, EN_URL, django_capture_on_commit_callbacks, form_token=token())
    assert Submission.objects.get().status == Status.SPAM
    assert not mail.outbox


def test_rate_limit_per_address_per_hour(client, settings, django_capture_on_commit_callbacks):
    settings.INTAKE_RATE_LIMIT_PER_HOUR = 2
    for _ in range(2):
        assert submit(client, EN_URL, django_capture_on_commit_callbacks).status_code == 303
    response = submit(client, EN_URL, django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert "Many questions were sent from your address" in Page(response).text
    assert "Gemeente Voorbeeld" in response.content.decode()  # the text is kept
    assert Submission.objects.count() == 2
    other = submit(client, EN_URL, django_capture_on_commit_callbacks, extra={"REMOTE_ADDR": "10.1.2.3"})
    assert other.status_code == 303


def test_cache_keys_hold_no_address(client, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    submit(client, EN_URL, django_capture_on_commit_callbacks)
    assert not [key for key in own_cache_keys(cache) if "127.0.0.1" in key]


def test_forged_or_expired_thank_you_token_shows_no_personal_data(client, django_capture_on_commit_callbacks):
    location = submit(client, EN_URL, django_capture_on_commit_callbacks)["Location"]
    forged = client.get(location[:-3] + "abc")
    assert forged.status_code == 200 and b"Gemeente Voorbeeld" not in forged.content
    with mock.patch("django.core.signing.time.time", return_value=time.time() + 31 * 60):
        expired = client.get(location)
    assert expired.status_code == 200 and b"Gemeente Voorbeeld" not in expired.content


# Admin -------------------------------------------------------------------------------------


@pytest.fixture
def submission(client, django_capture_on_commit_callbacks):
    submit(client, NL_URL, django_capture_on_commit_callbacks, question='=HYPERLINK("http://evil") ' + "x" * 30)
    return Submission.objects.get()


@pytest.fixture
def handler():
    user = User.objects.create_user("handler", password="x")
    user.groups.add(Group.objects.get(name="Intake handlers"))
    return user


@pytest.fixture
def editor():
    user = User.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_handler_sees_the_intake_menu_and_the_listing(client, handler, submission):
    client.force_login(handler)
    assert "Intake" in client.get("/admin/").content.decode()
    listing = client.get(reverse("intake_submissions:index"))
    assert listing.status_code == 200
    assert "Gemeente Voorbeeld" in listing.content.decode()
    assert client.get(reverse("intake_submissions:inspect", args=[submission.pk])).status_code == 200


def test_editor_without_permission_cannot_see_submissions(client, editor, submission):
    client.force_login(editor)
    assert reverse("intake_submissions:index") not in client.get("/admin/").content.decode()
    for url in (
        reverse("intake_submissions:index"),
        reverse("intake_submissions:inspect", args=[submission.pk]),
        reverse("intake_submissions:edit", args=[submission.pk]),
        reverse("intake_submissions:index") + "?export=csv",
    ):
        assert client.get(url).status_code in (302, 403), url


def test_nobody_adds_a_submission_in_the_admin(admin_client):
    assert admin_client.get(reverse("intake_submissions:add")).status_code in (302, 403)


def test_listing_filters_and_search(admin_client, submission):
    url = reverse("intake_submissions:index")
    assert "Gemeente Voorbeeld" in admin_client.get(url, {"status": "new"}).content.decode()
    assert "Gemeente Voorbeeld" not in admin_client.get(url, {"status": "closed"}).content.decode()
    assert "Gemeente Voorbeeld" in admin_client.get(url, {"organisation_type": "municipality"}).content.decode()
    assert "Gemeente Voorbeeld" not in admin_client.get(url, {"language": "en"}).content.decode()
    today = timezone.localdate().isoformat()
    assert "Gemeente Voorbeeld" in admin_client.get(url, {"created_at_from": today}).content.decode()
    assert "Gemeente Voorbeeld" in admin_client.get(url, {"q": "Voorbeeld"}).content.decode()
    assert "Gemeente Voorbeeld" not in admin_client.get(url, {"q": "Nergens"}).content.decode()


@pytest.mark.thorough
def test_listing_queries_do_not_grow_with_the_number_of_submissions(
    admin_client, handler, submission, django_assert_max_num_queries
):
    Submission.objects.filter(pk=submission.pk).update(assignee=handler)
    url = reverse("intake_submissions:index")
    admin_client.get(url)
    with django_assert_max_num_queries(40) as few:
        admin_client.get(url)
    for index in range(15):
        Submission.objects.create(
            language="nl",
            organisation_name=f"Org {index}",
            organisation_type="company",
            contact_name="A",
            email="a@example.org",
            question="q" * 40,
            assignee=handler,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(url)


def test_handler_changes_status_assignee_and_notes_but_not_what_was_sent(client, handler, submission):
    client.force_login(handler)
    url = reverse("intake_submissions:edit", args=[submission.pk])
    response = client.post(
        url,
        {
            "status": "in_progress",
            "assignee": handler.pk,
            "internal_notes": "Bellen op maandag",
            "organisation_name": "Overschreven",
            "email": "other@example.org",
        },
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Status.IN_PROGRESS
    assert submission.assignee == handler
    assert submission.internal_notes == "Bellen op maandag"
    assert submission.organisation_name == "Gemeente Voorbeeld"
    assert submission.email == "sam@example.org"


def test_csv_export_is_safe_against_formulas(admin_client, submission):
    response = admin_client.get(reverse("intake_submissions:index"), {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    question = rows[1][rows[0].index("Vraagstuk") if "Vraagstuk" in rows[0] else rows[0].index("Question")]
    assert question.startswith("'=HYPERLINK")
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)


def test_xlsx_export_stores_formulas_as_text(admin_client, submission):
    response = admin_client.get(reverse("intake_submissions:index"), {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows(min_row=2) for cell in row]
    assert any(str(cell.value).startswith("=HYPERLINK") for cell in cells)
    assert not [cell for cell in cells if cell.data_type == "f"]


# Retention ---------------------------------------------------------------------------------


def test_purge_anonymises_after_retention_and_deletes_old_spam(submission, client, django_capture_on_commit_callbacks):
    submit(client, EN_URL, django_capture_on_commit_callbacks, website="bot")
    spam_row = Submission.objects.get(status=Status.SPAM)
    old = timezone.now() - timedelta(days=24 * 31 + 1)
    Submission.objects.filter(pk=submission.pk).update(updated_at=old)
    Submission.objects.filter(pk=spam_row.pk).update(created_at=old, updated_at=old)
    recent = Submission.objects.create(
        language="nl",
        organisation_name="Recent",
        organisation_type="company",
        contact_name="B",
        email="b@example.org",
        question="q" * 40,
    )
    out = io.StringIO()
    call_command("purge_intake", stdout=out)
    assert "1 submission(s) anonymised" in out.getvalue() and "1 spam submission(s) deleted" in out.getvalue()
    submission.refresh_from_db()
    assert submission.anonymised_at and submission.email == "" and submission.question == ""
    assert submission.organisation_type == "municipality"  # kept for statistics
    assert not OutgoingEmail.objects.filter(submission=submission).exists()
    assert not Submission.objects.filter(pk=spam_row.pk).exists()
    assert Submission.objects.get(pk=recent.pk).email == "b@example.org"
    assert purge() == (0, 0)  # safe to run again


def test_intake_page_only_under_the_home_page_and_once():
    from home.models import HomePage, StandardPage

    intake = IntakePage.objects.get(locale__language_code="nl")
    home = HomePage.objects.get(locale__language_code="nl")
    assert intake.get_parent().specific == home
    assert not IntakePage.can_create_at(home), "a second intake page under the same home"
    intake.delete()
    assert IntakePage.can_create_at(home)
    assert not IntakePage.can_create_at(StandardPage.objects.filter(locale__language_code="nl").first())
