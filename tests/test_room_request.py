"""Booking a room or a desk: the location page says where the hub is and links to a short request form.

The request form is the intake form with ``?topic=room``: the same storage, spam checks,
consent and e-mail, but a short "what would you like to book" instead of the
30-character social question, and no themes or menu services.
"""

import time

import pytest
from django.core import mail

from intake import form_guard
from intake.models import Submission
from intake.submissions import Topic
from tests.helpers import Page, get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

LOCATION = {
    "nl": ("/nl/locatie/", "centrum van Utrecht", "Aan de Gracht", "Vraag een zaal of werkplek aan", "/nl/vraagstuk/"),
    "en": ("/en/location/", "centre of Utrecht", "Aan de Gracht", "Request a room or a desk", "/en/your-question/"),
}


def room_data(**overrides):
    data = {
        "topic": "room",
        "organisation_name": "Stichting Buurtwerk",
        "organisation_type": "initiative",
        "contact_name": "Sam de Vries",
        "email": "sam@example.org",
        "phone": "",
        "question": "Zaal, 12 juni, 10 man",  # 21 characters: short is fine for a booking
        "consent": "on",
        "website": "",
        "form_token": form_guard.new_form_token(shown_at=time.time() - 60),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_location_page_says_where_we_are_and_links_to_the_request(client, language):
    url, place, second_location, button, intake = LOCATION[language]
    page = get_page(client, url)
    assert place in page.text and second_location in page.text
    assert "2016" in page.text, "the first hotspot's opening is dated"
    # FACTS.md puts only the first hotspot of 2016 near Vredenburg, not today's building.
    assert "vlak bij Vredenburg" not in page.text and "close to Vredenburg" not in page.text
    (link,) = [a for a in page.find_all("a", href=f"{intake}?topic=room")]
    assert button in page.html
    assert ".example" not in page.html and "example.org" not in page.html


@pytest.mark.parametrize(
    ("url", "h1", "label", "button"),
    [
        ("/nl/vraagstuk/?topic=room", "Een zaal of werkplek boeken", "Wat wil je boeken?", "Verstuur mijn aanvraag"),
        ("/en/your-question/?topic=room", "Book a room or a desk", "What would you like to book?", "Send my request"),
    ],
)
def test_the_room_request_form_is_short_in_both_languages(client, url, h1, label, button):
    page = get_page(client, url)
    assert page.h1() == h1
    assert label in page.text and button in page.text
    (topic,) = page.find_all("input", name="topic")
    assert topic["type"] == "hidden" and topic["value"] == "room"
    assert not page.find_all("input", name="services") and not page.find_all("input", name="themes")
    assert "at least 30" not in page.text and "minstens 30" not in page.text


def test_a_short_room_request_is_stored_as_a_room_request(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/nl/vraagstuk/", room_data())
    assert response.status_code == 303
    submission = Submission.objects.get()
    assert submission.topic == Topic.ROOM
    assert submission.question == "Zaal, 12 juni, 10 man"
    thanks = Page(client.get(response["Location"]))
    assert thanks.h1() == "Bedankt voor je aanvraag"
    (notification,) = [m for m in mail.outbox if m.to == ["intake@sif.example"]]
    assert notification.subject == "Aanvraag voor een zaal of werkplek van Stichting Buurtwerk"


def test_a_room_request_still_needs_what_and_consent(client):
    response = client.post("/en/your-question/", room_data(question="", consent=""))
    assert response.status_code == 200
    page = Page(response)
    assert "Tell us what you would like to book." in page.text
    assert page.h1() == "Book a room or a desk", "the form stays a room request after an error"
    assert Submission.objects.count() == 0


def test_a_question_still_needs_thirty_characters(client):
    response = client.post("/en/your-question/", room_data(topic="question", question="Zaal, 12 juni, 10 man"))
    assert response.status_code == 200
    assert "at least 30 characters" in Page(response).text
    assert Submission.objects.count() == 0


def test_an_unknown_topic_is_a_question(client):
    page = get_page(client, "/en/your-question/?topic=<script>")
    assert page.h1() == "Put your question to us"
    (topic,) = page.find_all("input", name="topic")
    assert topic["value"] == "question"


def test_the_room_request_leaves_out_what_happens_to_a_question(client):
    """'What happens next' promises a proposal (a challenge or a package): not what a booking gets."""
    question = get_page(client, "/en/your-question/")
    room = get_page(client, "/en/your-question/?topic=room")
    assert "What happens next" in question.text
    assert "What happens next" not in room.text
