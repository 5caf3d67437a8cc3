"""The demo's agenda: the SDG workshop as a past example, an upcoming example workshop open on a fresh load."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from agenda.models import EventPage
from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.mark.parametrize(
    ("url", "texts"),
    [
        ("/nl/agenda/", ["Voorbeeldworkshop: inkopen bij sociale ondernemingen", "Afgelopen evenementen"]),
        ("/en/events/", ["Example workshop: buying from social enterprises", "Past events"]),
        ("/nl/agenda/archief/", ["SDG-workshop met Utrecht4GlobalGoals", "Aan de Gracht"]),
        ("/en/events/archive/", ["SDG workshop with Utrecht4GlobalGoals", "Aan de Gracht"]),
        ("/nl/agenda/voorbeeldworkshop/", ["voor de demo gekozen", "Buy Social", "Zet in je agenda"]),
        ("/en/events/example-workshop/", ["chosen for the demo", "Buy Social", "Add to your calendar"]),
        ("/nl/agenda/sdg-workshop/", ["Dit evenement is al geweest.", "Utrecht4GlobalGoals", "Aan de Gracht"]),
        (
            "/en/events/sdg-workshop-en/",
            ["This event has taken place.", "Social Impact Factory and Utrecht4GlobalGoals"],
        ),
        ("/nl/", ['href="/nl/agenda/"', "Binnenkort", "Voorbeeldworkshop: inkopen bij sociale ondernemingen"]),
        ("/en/", ['href="/en/events/"', "Coming up", "Example workshop: buying from social enterprises"]),
    ],
)
def test_the_demo_agenda_renders_in_both_languages(client, url, texts):
    shown = get_page(client, url)
    for text in texts:
        assert text in shown.text or text in shown.html, f"{url} lacks {text!r}"


def test_the_past_workshop_is_not_in_the_upcoming_list(client):
    assert "SDG" not in get_page(client, "/nl/agenda/").text
    assert "SDG" not in get_page(client, "/en/events/").text


def test_both_events_are_marked_as_example_content_with_dates_relative_to_the_load():
    events = {event.slug: event for event in EventPage.objects.all()}
    assert set(events) == {"sdg-workshop", "sdg-workshop-en", "voorbeeldworkshop", "example-workshop"}
    assert all(event.is_example for event in events.values())
    now = timezone.now()
    assert events["sdg-workshop"].ends_at < now < events["voorbeeldworkshop"].starts_at
    assert events["voorbeeldworkshop"].capacity and events["sdg-workshop"].capacity is None
    assert events["voorbeeldworkshop"].starts_at - now < datetime.timedelta(days=15)


def test_the_feed_of_the_demo_parses(client):
    parsed = icalendar.Calendar.from_ical(client.get("/nl/agenda/kalender.ics").content)
    assert [str(event["SUMMARY"]) for event in parsed.walk("VEVENT")] == [
        "Voorbeeldworkshop: inkopen bij sociale ondernemingen"
    ]
