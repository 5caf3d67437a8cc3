"""intake/guarantees.py: what the site's other public forms (applications, registrations) get from the intake.

Pinned here on plain records (a user stands in for an application or a registration), so
each app's own tests pin only how it uses them.
"""

import io

import pytest
from django import forms
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import override_settings
from wagtail import hooks

from intake import guarantees
from intake.submissions import OutgoingEmail, Submission

TEMPLATES = {
    "test/email/hello_subject.txt": "{% load i18n %}{% translate 'Language' %}: {{ about.username }}",
    "test/email/hello.txt": "{% load i18n %}{% translate 'Language' %} {{ about.username }} {{ extra }}",
    "test/email/hello.html": "<p>{{ about.username }} {{ extra }}</p>",
}
LOCMEM_TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)]},
    }
]


@pytest.fixture
def record(db):
    return User.objects.create(username="ada", email="ada@example.org")


@override_settings(TEMPLATES=LOCMEM_TEMPLATES)
def test_an_email_about_any_record_is_queued_in_its_language_and_sent_by_the_worker_after_the_commit(
    record, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        email = guarantees.queue_email(
            record, "confirmation", to=record.email, template="test/email/hello", language="nl", context={"extra": "x"}
        )
        guarantees.send_after_commit([email, None])
        assert mail.outbox == []  # nothing leaves inside the transaction
    assert len(callbacks) == 1
    email.refresh_from_db()
    assert (email.about_id, email.submission_id, email.about_label) == (record.pk, None, f"auth.user {record.pk}")
    assert email.subject == "Taal: ada" and email.sent_at is not None
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
    assert mail.outbox[0].body == "Taal ada x"


@override_settings(TEMPLATES=LOCMEM_TEMPLATES)
def test_a_once_key_makes_a_second_call_create_nothing(record):
    first = guarantees.queue_email(
        record, "reminder", to=record.email, template="test/email/hello", language="en", once_key="reminder-1"
    )
    with transaction.atomic():
        second = guarantees.queue_email(
            record, "reminder", to=record.email, template="test/email/hello", language="en", once_key="reminder-1"
        )
    assert first is not None and second is None
    assert OutgoingEmail.objects.filter(once_key="reminder-1").count() == 1
    # The database holds the promise too, should two runs pass the check at once.
    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingEmail.objects.create(
            about_type=first.about_type, about_id=record.pk, kind="reminder", to="a@example.org", once_key="reminder-1"
        )


def test_an_email_must_be_about_something(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingEmail.objects.create(kind="notice", to="a@example.org", subject="s")


@override_settings(TEMPLATES=LOCMEM_TEMPLATES)
def test_retention_forgets_only_the_emails_about_the_named_records(record):
    other = User.objects.create(username="bob", email="bob@example.org")
    for user in (record, other):
        guarantees.queue_email(user, "confirmation", to=user.email, template="test/email/hello", language="en")
    assert guarantees.forget_emails_about(User, [record.pk]) == 1
    assert list(OutgoingEmail.objects.values_list("about_id", flat=True)) == [other.pk]


def test_the_daily_purge_runs_every_apps_registered_retention(db):
    seen = []

    def purge(now):
        seen.append(now)
        return "Example retention: 0 record(s) anonymised."

    output = io.StringIO()
    with hooks.register_temporarily(guarantees.RETENTION_HOOK, purge):
        call_command("purge_intake", stdout=output)
    assert len(seen) == 1
    assert output.getvalue().splitlines()[-1] == "Example retention: 0 record(s) anonymised."


class ExampleForm(guarantees.GuardedForm):
    token_model = Submission
    name = forms.CharField()


def test_a_guarded_form_ends_with_the_honeypot_and_the_token_and_refuses_a_used_token(db, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 0
    shown = ExampleForm()
    assert list(shown.fields) == ["name", "website", "form_token"]
    token = shown.initial["form_token"]
    sent = ExampleForm({"name": "Ada", "form_token": token})
    assert sent.is_valid() and not sent.looks_like_spam()
    Submission.objects.create(
        language="en", organisation_name="o", organisation_type="other", contact_name="c",
        email="c@example.org", question="q", form_token=sent.token_id(),
    )  # fmt: skip
    replay = ExampleForm({"name": "Ada", "form_token": token})
    assert not replay.is_valid()
    assert replay.non_field_errors().as_data()[0].code == "stale_form"
    assert replay.data["name"] == "Ada" and replay.data["form_token"] != token
    assert ExampleForm({"name": "Ada", "website": "spam", "form_token": token}).looks_like_spam()
    assert ExampleForm({"name": "Ada"}).looks_like_spam()  # no genuine token


@pytest.mark.parametrize(
    "form_path", ["challenges.forms.ApplicationForm", "agenda.registration_forms.RegistrationForm"]
)
def test_every_public_form_keeps_names_on_one_line_and_refuses_an_address_off_the_internet(db, form_path):
    """What the intake form does with a name and an address, the application and registration forms do too."""
    from django.utils.module_loading import import_string

    form_class = import_string(form_path)
    name_field = "organisation_name" if "organisation_name" in form_class.base_fields else "name"
    form = form_class({name_field: "Evil Org\r\nBcc: x@example.org", "email": "piet@localhost"})
    form.is_valid()
    assert form.cleaned_data[name_field] == "Evil Org Bcc: x@example.org"
    assert [error.code for error in form.errors.as_data()["email"]] == ["non_public_domain"]


def test_an_export_writes_a_list_as_one_cell_of_its_items_and_still_defuses_formulas():
    view = guarantees.SafeExportIndexView()
    assert view.preprocess_field_value("tags", ["=1+1", "Buy Social"], view.FORMAT_CSV) == "'=1+1, Buy Social"
    assert view.preprocess_field_value("tags", ["a", "b"], view.FORMAT_XLSX) == "a, b"
