"""Buy Social quote requests: from an enterprise or a filtered list, through the intake's form and guarantees.

The form's hidden fields (its token, the topic) are read from the rendered form and sent back as a
browser would, and the clock moves on two minutes before sending, as a person takes time to fill in.
"""

import time
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from intake.models import OutgoingEmail, Status, Submission
from intake.submissions import Topic
from tests.helpers import get_page
from tests.test_buysocial import directory_fixture, shared_content  # noqa: F401 (the directory, built once)

pytestmark = pytest.mark.django_db

BUYER = {
    "organisation_name": "Inkoop Proefstad",
    "organisation_type": "municipality",
    "contact_name": "Sam de Vries",
    "email": "sam@inkoop-proef.nl",
    "question": "We zoeken catering voor twaalf vergaderingen per jaar, vanaf het voorjaar.",
    "consent": "on",
}


def link(page, starts_with):
    return next(a["href"] for a in page.find_all("a") if a.get("href", "").startswith(starts_with))


def form_fields(page):
    """What the browser sends back of the rendered form: its hidden fields and the ticked boxes."""
    data = {}
    for field in page.find_all("input"):
        if field.get("type") == "hidden" and field.get("name") != "csrfmiddlewaretoken":
            data[field["name"]] = field.get("value", "")
        if field.get("type") == "checkbox" and "checked" in field:
            data.setdefault(field["name"], []).append(field["value"])
    data.pop("consent", None)
    return data


def send(client, url, data, capture):
    later = time.time() + 120
    with mock.patch("time.time", return_value=later), capture(execute=True):
        return client.post(url, data)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_quote_request_from_an_enterprise_is_stored_once_and_mailed_to_the_hub_only(
    client, directory, language, django_capture_on_commit_callbacks
):
    nl, en = directory[2][0]
    enterprise = nl if language == "nl" else en
    intake_path = {"nl": "/nl/vraagstuk/", "en": "/en/your-question/"}[language]
    quote_url = link(get_page(client, enterprise.url), intake_path + "?topic=buy-social")
    form = get_page(client, quote_url)
    assert form.response.status_code == 200
    assert enterprise.title in form.text
    assert {"nl": "Offerte aanvragen", "en": "Ask for a quote"}[language] in form.h1()
    data = form_fields(form)
    assert data["carried"] == [str(nl.translation_key)]

    response = send(client, intake_path, {**data, **BUYER}, django_capture_on_commit_callbacks)
    assert response.status_code == 303
    submission = Submission.objects.get()
    assert submission.topic == Topic.BUY_SOCIAL and submission.status == Status.NEW
    assert submission.carried == [str(nl.translation_key)]
    assert submission.carried_titles == [enterprise.title]
    # The hub hears of it through the outbox and the worker; the enterprise is never written to.
    assert {m.to[0] for m in mail.outbox} == {"intake@proef.example", BUYER["email"]}
    notification = next(m for m in mail.outbox if m.to == ["intake@proef.example"])
    assert enterprise.title in notification.body
    assert OutgoingEmail.objects.filter(submission=submission, sent_at__isnull=False).count() == 2
    thanks = get_page(client, response["Location"])
    assert enterprise.title in thanks.text


def test_a_filtered_list_asks_quotes_from_all_it_shows(client, directory, django_capture_on_commit_callbacks):
    page = get_page(client, "/nl/buy-social/?region=utrecht")
    assert "Vraag offertes aan bij deze 2" in page.text
    form = get_page(client, link(page, "/nl/vraagstuk/?topic=buy-social"))
    data = form_fields(form)
    assert len(data["carried"]) == 2
    send(client, "/nl/vraagstuk/", {**data, **BUYER}, django_capture_on_commit_callbacks)
    assert Submission.objects.get().carried_titles == ["Drukkerij Proef", "Koffiebranderij Proef"]


def test_an_error_keeps_the_chosen_enterprises_and_says_what_to_fix(client, directory):
    form = get_page(client, "/en/buy-social/")
    form = get_page(client, link(form, "/en/your-question/?topic=buy-social"))
    data = form_fields(form)
    response = client.post("/en/your-question/", {**data, "consent": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html and "Koffiebranderij Proef" in html and "Ask for a quote" in html
    assert not Submission.objects.exists()


def test_the_honeypot_stores_a_quote_request_as_spam_without_mail(
    client, directory, django_capture_on_commit_callbacks
):
    form = get_page(client, link(get_page(client, "/nl/buy-social/"), "/nl/vraagstuk/?topic=buy-social"))
    send(client, "/nl/vraagstuk/", {**form_fields(form), **BUYER, "website": "x"}, django_capture_on_commit_callbacks)
    assert Submission.objects.get().status == Status.SPAM
    assert not mail.outbox


def test_unknown_enterprises_in_the_link_are_left_out(client, directory):
    page = get_page(client, "/nl/vraagstuk/?topic=buy-social&enterprise=not-a-key&enterprise=" + "0" * 32)
    assert page.response.status_code == 200
    assert "carried" not in form_fields(page)


def test_intake_handlers_see_the_chosen_enterprises_in_the_admin(
    client, directory, django_capture_on_commit_callbacks
):
    form = get_page(client, link(get_page(client, directory[2][0][0].url), "/nl/vraagstuk/?topic=buy-social"))
    send(client, "/nl/vraagstuk/", {**form_fields(form), **BUYER}, django_capture_on_commit_callbacks)
    handler = User.objects.create_user("handler", password="x")
    handler.groups.add(Group.objects.get(name="Intake handlers"))
    client.force_login(handler)
    submission = Submission.objects.get()
    inspect = client.get(reverse("intake_submissions:inspect", args=[submission.pk])).content.decode()
    assert "Koffiebranderij Proef" in inspect
