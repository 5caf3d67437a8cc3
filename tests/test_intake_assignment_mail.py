"""An intake handler hears by e-mail when a question is assigned to them.

The mail goes through the outbox and the task worker after the commit, never in
the request; it is in the assignee's admin language and carries no personal data
of the sender: the organisation, the number and a link to the admin.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from intake.models import OutgoingEmail, Submission

pytestmark = pytest.mark.django_db

SENDER_DATA = ("Sam de Vries", "sam@example.org", "030 123 4567", "arbeidsmarkt")


@pytest.fixture
def submission():
    return Submission.objects.create(
        language="nl",
        organisation_name="Gemeente Voorbeeld",
        organisation_type="municipality",
        contact_name="Sam de Vries",
        email="sam@example.org",
        phone="030 123 4567",
        question="Hoe helpen we meer mensen met een afstand tot de arbeidsmarkt aan werk?",
    )


def make_handler(username, language=""):
    user = User.objects.create_user(
        username, email=f"{username}@hub.example", password="x", first_name=username.title()
    )
    user.groups.add(Group.objects.get(name="Intake handlers"))
    if language:
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    return user


def assign(client, submission, user, capture, execute=True):
    url = reverse("intake_submissions:edit", args=[submission.pk])
    data = {"status": "in_progress", "assignee": user.pk if user else "", "internal_notes": ""}
    with capture(execute=execute) as callbacks:
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    return callbacks


def test_assignee_gets_a_dutch_mail_with_a_link_and_no_personal_data(
    admin_client, submission, django_capture_on_commit_callbacks
):
    anna = make_handler("anna")
    assign(admin_client, submission, anna, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == ["anna@hub.example"]
    assert message.subject == f"Vraag #{submission.pk} is aan jou toegewezen"
    assert f"vraag #{submission.pk} van Gemeente Voorbeeld aan jou toegewezen" in message.body
    admin_url = reverse("intake_submissions:edit", args=[submission.pk])
    assert admin_url in message.body
    html = message.alternatives[0][0]
    assert admin_url in html and 'lang="nl"' in html
    for personal in SENDER_DATA:
        assert personal not in message.body and personal not in html and personal not in message.subject
    assert message.reply_to == []
    assert OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.ASSIGNMENT).sent_at is not None


def test_mail_is_in_the_assignees_admin_language(admin_client, submission, django_capture_on_commit_callbacks):
    ben = make_handler("ben", language="en")
    assign(admin_client, submission, ben, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.subject == f"Question #{submission.pk} is assigned to you"
    assert f"assigned question #{submission.pk} from Gemeente Voorbeeld to you" in message.body
    assert 'lang="en"' in message.alternatives[0][0]


def test_the_request_only_queues_the_worker_sends_after_the_commit(
    admin_client, submission, django_capture_on_commit_callbacks
):
    anna = make_handler("anna")
    callbacks = assign(admin_client, submission, anna, django_capture_on_commit_callbacks, execute=False)
    assert mail.outbox == [], "nothing is sent in the request"
    email = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.ASSIGNMENT)
    assert email.to == "anna@hub.example" and email.sent_at is None
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["anna@hub.example"]]


def test_only_a_change_of_assignee_mails_and_not_to_oneself(client, submission, django_capture_on_commit_callbacks):
    anna, ben = make_handler("anna"), make_handler("ben")
    client.force_login(anna)
    assign(client, submission, anna, django_capture_on_commit_callbacks)
    assert mail.outbox == [], "taking a question yourself needs no mail"
    assign(client, submission, ben, django_capture_on_commit_callbacks)
    assign(client, submission, ben, django_capture_on_commit_callbacks)  # saved again, same assignee
    assert [m.to for m in mail.outbox] == [["ben@hub.example"]]
    client.force_login(ben)
    assign(client, submission, anna, django_capture_on_commit_callbacks)  # handed back: a second assignment mail
    assign(client, submission, None, django_capture_on_commit_callbacks)  # unassigned: nobody to tell
    assert [m.to for m in mail.outbox] == [["ben@hub.example"], ["anna@hub.example"]]
    assert OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.ASSIGNMENT).count() == 2


def test_a_handler_without_an_address_is_skipped(admin_client, submission, django_capture_on_commit_callbacks):
    anna = make_handler("anna")
    User.objects.filter(pk=anna.pk).update(email="")
    assign(admin_client, submission, anna, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Submission.objects.get().assignee == anna
