"""The intake form cannot be turned against people: tokens, mail content, thank-you page, export, log."""

import csv
import io
import re
import time

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core import mail, signing
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from intake import form_guard
from intake.export import neutralise_formula
from intake.forms import public_email_domain
from intake.models import OutgoingEmail, Status, Submission
from intake.retention import purge
from ops.client_address import client_address
from tests.helpers import Page
from tests.test_intake import EN_URL, NL_URL, fresh_token, submit, valid_data

pytestmark = pytest.mark.django_db

ATTACK = {
    "contact_name": "Beste klant, uw pakket wacht op https://evil.example/pakket,",
    "organisation_name": "Pakketdienst https://evil.example/track",
    "phone": "+31 6 1234 5678",
    "question": "Klik op https://evil.example/login om uw pakket vrij te geven, anders wordt het teruggestuurd.",
    "email": "slachtoffer@voorbeeld.nl",
}


# The form token: expires, and each shown form is taken in once ------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (NL_URL, "Dit formulier stond lang open of is al verstuurd"),
        (EN_URL, "This form was open for a long time or has been sent already"),
    ],
)
def test_a_reused_token_is_refused_with_the_text_kept(client, django_capture_on_commit_callbacks, url, message):
    token = fresh_token()
    assert submit(client, url, django_capture_on_commit_callbacks, form_token=token).status_code == 303
    response = submit(
        client, url, django_capture_on_commit_callbacks, form_token=token, organisation_name="Tweede keer"
    )
    assert response.status_code == 200
    page = Page(response)
    assert message in page.text
    assert "Tweede keer" in response.content.decode()  # what was typed is still in the form
    assert Submission.objects.count() == 1
    # The refused form carries a fresh token, so sending it again (later) works.
    fresh = page.find_all("input", name="form_token")[0]["value"]
    assert fresh != token and form_guard.token_id(fresh)


def test_an_expired_token_is_refused_with_the_text_kept(client, settings, django_capture_on_commit_callbacks):
    settings.INTAKE_FORM_MAX_AGE = 2 * 3600
    old = form_guard.new_form_token(shown_at=time.time() - 2 * 3600 - 60)
    response = submit(client, EN_URL, django_capture_on_commit_callbacks, form_token=old)
    assert response.status_code == 200
    assert "This form was open for a long time" in Page(response).text
    assert "Gemeente Voorbeeld" in response.content.decode()
    assert not Submission.objects.exists() and not mail.outbox


def test_a_token_just_within_the_limit_is_taken_in(client, django_capture_on_commit_callbacks):
    recent = form_guard.new_form_token(shown_at=time.time() - 2 * 3600 + 60)
    assert submit(client, EN_URL, django_capture_on_commit_callbacks, form_token=recent).status_code == 303


def test_one_page_load_gives_one_submission(client, django_capture_on_commit_callbacks):
    token = fresh_token()
    statuses = [
        submit(client, EN_URL, django_capture_on_commit_callbacks, form_token=token).status_code for _ in range(5)
    ]
    assert statuses == [303, 200, 200, 200, 200]
    assert Submission.objects.count() == 1


# The confirmation e-mail carries none of the visitor's text -----------------------------------------


def test_the_confirmation_to_a_third_party_repeats_nothing_typed(client, django_capture_on_commit_callbacks):
    submit(client, NL_URL, django_capture_on_commit_callbacks, **ATTACK)
    confirmation = next(m for m in mail.outbox if m.to == [ATTACK["email"]])
    texts = [confirmation.subject, confirmation.body, confirmation.alternatives[0][0]]
    for text in texts:
        assert "evil.example" not in text
        for typed in ATTACK.values():
            if typed != ATTACK["email"]:
                assert typed not in text
    assert confirmation.body.startswith("Hallo,")
    assert "Beste klant" not in confirmation.body
    assert "Sociale" not in confirmation.subject
    # The hub's own notification still has everything, for the handler.
    notification = next(m for m in mail.outbox if m.to != [ATTACK["email"]])
    assert ATTACK["question"] in notification.body


def test_the_confirmation_names_the_chosen_themes_from_our_list(client, django_capture_on_commit_callbacks):
    submit(client, EN_URL, django_capture_on_commit_callbacks)
    confirmation = next(m for m in mail.outbox if m.to == ["sam@example.org"])
    assert "Hello," in confirmation.body
    assert Submission.objects.get().theme_titles[0] in confirmation.body


def test_at_most_three_confirmations_per_address_per_day(client, django_capture_on_commit_callbacks, settings):
    settings.INTAKE_RATE_LIMIT_PER_HOUR = 100
    for n in range(5):
        submit(
            client,
            EN_URL,
            django_capture_on_commit_callbacks,
            email="Doel@Voorbeeld.nl" if n % 2 else "doel@voorbeeld.nl",
        )
    confirmations = OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.CONFIRMATION)
    assert confirmations.count() == 3
    assert OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.NOTIFICATION).count() == 5
    # A day later the address gets confirmations again.
    confirmations.update(created_at=timezone.now() - timezone.timedelta(days=1, minutes=1))
    submit(client, EN_URL, django_capture_on_commit_callbacks, email="doel@voorbeeld.nl")
    assert confirmations.count() == 4


# Subjects and plain text are not HTML-escaped; HTML is ----------------------------------------------


@pytest.mark.parametrize("line_break", ["\r\n", "\n", "\r", "\u2028", "\x0b"])
def test_line_breaks_in_one_line_fields_are_folded_not_new_lines_in_the_notification(
    client, django_capture_on_commit_callbacks, line_break
):
    """An organisation 'Evil Org<CR><LF>Bcc: ...' must not show as a Bcc: line in the hub's mail body."""
    from wagtail.models import Site

    from intake.models import IntakeSettings

    intake_settings = IntakeSettings.for_site(Site.objects.get(is_default_site=True))
    intake_settings.notification_email = "vragen@sif.example"
    intake_settings.save()
    organisation = f"Evil Org{line_break}Bcc: x@evil.example{line_break}Subject: Betaal nu"
    response = submit(
        client,
        NL_URL,
        django_capture_on_commit_callbacks,
        organisation_name=organisation,
        contact_name=f"Kim{line_break}",
    )
    assert response.status_code == 303
    submission = Submission.objects.get()
    assert submission.organisation_name == "Evil Org Bcc: x@evil.example Subject: Betaal nu"
    assert submission.contact_name == "Kim"
    notification = next(m for m in mail.outbox if m.to == ["vragen@sif.example"])
    for text in (notification.body, notification.alternatives[0][0]):
        lines = [line.strip() for line in text.splitlines()]
        assert not [line for line in lines if line.startswith(("Bcc:", "Subject:"))]
    assert "\n" not in notification.subject and "\r" not in notification.subject


def test_subject_and_plain_text_are_not_escaped_html_is(client, django_capture_on_commit_callbacks):
    name = "'t Hoekje & Co <b>"
    submit(client, EN_URL, django_capture_on_commit_callbacks, organisation_name=name)
    notification = next(m for m in mail.outbox if m.to != ["sam@example.org"])
    assert notification.subject == f"Nieuwe vraag van {name}"
    assert name in notification.body and "&amp;" not in notification.body and "&#x27;" not in notification.body
    html = notification.alternatives[0][0]
    assert "&#x27;t Hoekje &amp; Co &lt;b&gt;" in html and name not in html
    confirmation = next(m for m in mail.outbox if m.to == ["sam@example.org"])
    assert confirmation.subject == "We have received your question | Social Impact Factory"


# The thank-you page shows no personal data --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "heading"), [(NL_URL, "Bedankt voor je vraag"), (EN_URL, "Thank you for your question")]
)
def test_the_thank_you_page_shows_no_personal_data(client, django_capture_on_commit_callbacks, url, heading):
    response = submit(client, url, django_capture_on_commit_callbacks, **ATTACK)
    thanks = client.get(response["Location"])
    text = thanks.content.decode()
    assert heading in Page(thanks).text
    for typed in ATTACK.values():
        assert typed not in text
    assert "evil.example" not in text
    assert thanks["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("url", "reference_text", "confirmation_word"),
    [(NL_URL, "Je kenmerk is", "bevestiging"), (EN_URL, "Your reference is", "confirmation")],
)
def test_the_thank_you_page_shows_a_public_reference_and_mentions_the_confirmation_once(
    client, django_capture_on_commit_callbacks, url, reference_text, confirmation_word
):
    """The link carries no submission number; the page names the reference, and says once that a mail comes."""
    for _ in range(3):  # a few before it, so that the number would be worth hiding
        submit(client, url, django_capture_on_commit_callbacks)
    response = submit(client, url, django_capture_on_commit_callbacks, email="kim@example.org")
    submission = Submission.objects.get(email="kim@example.org")
    token = response["Location"].split("?sent=", 1)[1]
    payload = signing.loads(token, salt="intake.thanks")
    assert payload == submission.reference  # not the submission number
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", submission.reference)
    thanks = Page(client.get(response["Location"]))
    assert f"{reference_text} {submission.reference}" in thanks.text
    main = thanks.html[thanks.html.index("<main") : thanks.html.index("</main>")]
    assert main.lower().count(confirmation_word) == 1
    # The reference comes back in both e-mails, so the sender and the hub can refer to it.
    confirmation = next(m for m in mail.outbox if m.to == ["kim@example.org"])
    assert submission.reference in confirmation.body and submission.reference in confirmation.alternatives[0][0]


def test_a_thank_you_link_with_a_submission_number_shows_nothing(client, django_capture_on_commit_callbacks):
    submit(client, NL_URL, django_capture_on_commit_callbacks)
    forged = signing.dumps(Submission.objects.get().pk, salt="intake.thanks")
    response = client.get(NL_URL, {"sent": forged})
    assert response.status_code == 200
    assert 'name="organisation_name"' in response.content.decode()  # the empty form, not a thank-you page


@pytest.mark.parametrize("url", [NL_URL, EN_URL])
def test_the_form_is_kept_by_no_cache(client, url):
    """It sets the CSRF cookie and holds a single-use token (and, after an error, what was typed)."""
    for response in (client.get(url), client.post(url, valid_data(question="te kort"))):
        assert response.status_code == 200
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives


# E-mail addresses need a public domain -------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "piet@localhost",
        "piet@intranet",
        "piet@server.local",
        "piet@site.example",
        "piet@host.test",
        "piet@nowhere.invalid",
        "piet@[127.0.0.1]",
        "piet@[IPv6:::1]",
        "piet@box.localhost",
    ],
)
def test_addresses_without_a_public_domain_are_refused(client, address):
    response = client.post(EN_URL, valid_data(email=address))
    assert response.status_code == 200
    assert "Enter an e-mail address" in Page(response).text
    assert not Submission.objects.exists()


def test_the_refusal_is_in_dutch_on_the_dutch_page(client):
    response = client.post(NL_URL, valid_data(email="piet@localhost"))
    assert "openbaar domein" in Page(response).text


@pytest.mark.parametrize("address", ["piet@gemeente.utrecht.nl", "a.b@socialimpactfactory.nl", "x@example.org"])
def test_public_addresses_pass(address):
    public_email_domain(address)


# CSV export --------------------------------------------------------------------------------------------


def test_csv_has_a_byte_order_mark_and_keeps_phone_numbers(admin_client, client, django_capture_on_commit_callbacks):
    submit(client, NL_URL, django_capture_on_commit_callbacks, phone="+31 30 123 4567", organisation_name="Café Zoë")
    submit(client, NL_URL, django_capture_on_commit_callbacks, question="+HYPERLINK(1) en nog veel meer tekst erbij")
    response = admin_client.get(reverse("intake_submissions:index"), {"export": "csv"})
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "charset=utf-8" in response["Content-Type"]
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "+31 30 123 4567" in cells
    assert "Café Zoë" in cells
    assert "'+HYPERLINK(1) en nog veel meer tekst erbij" in cells


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("phone", "+31 30 123 4567", "+31 30 123 4567"),
        ("phone", "+31 (0)30-1234567", "+31 (0)30-1234567"),
        ("phone", "+HYPERLINK(1)", "'+HYPERLINK(1)"),
        ("question", "+31 30 123 4567", "'+31 30 123 4567"),
        ("question", "=1+1", "'=1+1"),
        ("question", "@SUM(A1)", "'@SUM(A1)"),
        ("question", "-2+3", "'-2+3"),
    ],
)
def test_formula_protection_except_phone_numbers(field, value, expected):
    assert neutralise_formula(value, field) == expected


SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t"}
HIDDEN_FORMULAS = (
    'Hoe versterken we de regio;=HYPERLINK(CHAR(104)&"ttps://evil.example/";"Klik");en de stad?',
    "Werk, =1+1, en\t@SUM(A1) of -2+3 ;\"=cmd|' /C calc'!A0\" op een nieuwe regel:\n+een lijst",
)


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_csv_hides_no_formula_whatever_separator_the_spreadsheet_picks(
    admin_client, client, django_capture_on_commit_callbacks, separator
):
    """Excel in Dutch splits on ';', others on ',' or a tab; no cell may start a formula under any of them."""
    for question in HIDDEN_FORMULAS:
        submit(client, NL_URL, django_capture_on_commit_callbacks, question=question, phone="+31 30 123 4567")
    response = admin_client.get(reverse("intake_submissions:index"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "HYPERLINK" in text and "@SUM(A1)" in text  # the text is all there, only defused
    cells = [cell for line in text.splitlines() for cell in line.split(separator)]
    starts = [cell.strip(' "') for cell in cells if cell.strip(' "')]
    dangerous = [cell for cell in starts if cell.startswith(("=", "+", "-", "@")) and cell != "+31 30 123 4567"]
    assert dangerous == []


# Retention scrubs the admin log ------------------------------------------------------------------------


def test_retention_scrubs_the_admin_log(admin_client, client, django_capture_on_commit_callbacks):
    submit(client, NL_URL, django_capture_on_commit_callbacks, organisation_name="'t Hoekje")
    submission = Submission.objects.get()
    edit_url = reverse("intake_submissions:edit", args=[submission.pk])
    response = admin_client.post(edit_url, {"status": Status.IN_PROGRESS, "assignee": "", "internal_notes": "Gebeld"})
    assert response.status_code == 302
    admin_client.get(edit_url)  # shows (and so clears) the "'t Hoekje ... updated" message
    content_type = ContentType.objects.get_for_model(Submission)
    entries = ModelLogEntry.objects.filter(content_type=content_type, object_id=str(submission.pk))
    assert entries.exists() and "Hoekje" in entries.first().label
    Submission.objects.filter(pk=submission.pk).update(updated_at=timezone.now() - timezone.timedelta(days=800))
    purge()
    labels = list(entries.values_list("label", flat=True))
    assert labels and all(label == f"Submission #{submission.pk}" for label in labels)
    assert all(data == {} for data in entries.values_list("data", flat=True))
    history = admin_client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Hoekje" not in history


def test_retention_scrubs_the_log_of_deleted_submissions():
    submission = Submission.objects.create(
        language="nl",
        organisation_name="Weg BV",
        organisation_type="company",
        contact_name="A",
        email="a@b.nl",
        question="q" * 40,
    )
    user = User.objects.create_superuser("beheer", "beheer@socialimpactfactory.nl", "x")
    ModelLogEntry.objects.log_action(submission, "wagtail.delete", user=user)
    pk = submission.pk
    submission.delete()
    purge()
    entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(pk))
    assert "Weg BV" not in entry.label


# The visitor's address -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("127.0.0.1", "203.0.113.9", 1, "203.0.113.9"),  # through the local proxy
        ("", "203.0.113.9", 1, "203.0.113.9"),  # through a Unix socket
        ("198.51.100.4", "203.0.113.9", 1, "198.51.100.4"),  # straight to the app: the header is ignored
        ("127.0.0.1", "203.0.113.9", 0, "127.0.0.1"),  # no proxy configured
        ("127.0.0.1", "spoof, 203.0.113.9", 1, "203.0.113.9"),  # an appending proxy: only the last hop counts
        ("127.0.0.1", "not-an-address", 1, "127.0.0.1"),
    ],
)
def test_forwarded_for_counts_only_from_a_trusted_proxy(settings, remote, forwarded, proxies, expected):
    settings.INTAKE_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_spoofed_forwarded_for_from_a_direct_client_shares_one_limit(
    client, settings, django_capture_on_commit_callbacks
):
    settings.INTAKE_TRUSTED_PROXIES = 1
    settings.INTAKE_RATE_LIMIT_PER_HOUR = 3
    statuses = [
        submit(
            client,
            EN_URL,
            django_capture_on_commit_callbacks,
            extra={"REMOTE_ADDR": "198.51.100.4", "HTTP_X_FORWARDED_FOR": f"10.0.0.{n}"},
        ).status_code
        for n in range(5)
    ]
    assert statuses == [303, 303, 303, 429, 429]


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    ("url", "statement"),
    [
        ("/nl/privacy/", "Die herhaalt niets van wat je typte"),
        ("/en/privacy/", "It repeats nothing you typed"),
    ],
)
def test_the_privacy_statement_says_what_the_confirmation_repeats(client, url, statement):
    assert statement in Page(client.get(url)).text


@pytest.mark.db_differs  # two transactions at once: PostgreSQL really runs them concurrently
def test_two_requests_with_one_token_at_once_store_one_submission(client, django_capture_on_commit_callbacks):
    """The database's unique constraint decides when both requests pass the form's check at the same moment."""
    from unittest import mock

    from intake.forms import IntakeForm

    token = fresh_token()
    assert submit(client, EN_URL, django_capture_on_commit_callbacks, form_token=token).status_code == 303
    with mock.patch.object(IntakeForm, "token_is_stale", return_value=False):  # as if the first were not yet stored
        response = submit(client, EN_URL, django_capture_on_commit_callbacks, form_token=token, contact_name="Tweede")
    assert response.status_code == 200
    assert "This form was open for a long time or has been sent already" in Page(response).text
    assert "Tweede" in response.content.decode()
    assert Submission.objects.count() == 1
