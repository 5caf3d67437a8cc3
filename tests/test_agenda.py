"""The agenda: events in both languages, the listing (upcoming first, months, filters), the archive,
the calendars (.ics per event and a feed per language, right across DST) and schema.org Event.

Times are frozen with time-machine, which the page cache's expiry sees too.
"""

import datetime
import re

import icalendar
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda.choices import EventLocation, EventStatus
from agenda.models import EventPage
from tests.agenda_factories import add_event, amsterdam, make_agenda
from tests.helpers import get_page, structured_data

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'class="card__title"><a href="[^"]*">([^<]*)</a>')
NOW = amsterdam(2027, 3, 1, 10)


shared_content = make_agenda  # the agenda in both languages, built once for the module (module_content)


@pytest.fixture
def agenda(shared):
    """The agenda in both languages: {"nl": page, "en": page}."""
    return shared


def titles(client, url):
    with time_machine.travel(NOW, tick=False):
        return CARD_TITLE.findall(get_page(client, url).html)


# The event page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", "Woensdag 10 maart 2027, van 14:00 tot 16:00"),
        ("en", "Wednesday 10 March 2027, from 14:00 to 16:00"),
    ],
)
def test_an_event_shows_when_where_and_who_in_both_languages(client, agenda, site_tree, language, words):
    partner = site_tree.partners[0][0]
    nl, en = add_event(
        agenda,
        "Werken aan impact",
        location=EventLocation.AAN_DE_GRACHT,
        organiser_partner=partner,
        accessibility="Drempelvrije ingang.",
        online_url="https://meet.example/geheim",
    )
    page = {"nl": nl, "en": en}[language]
    with time_machine.travel(NOW, tick=False):
        shown = get_page(client, page.url)
    assert shown.lang == language
    assert words in shown.text
    assert "Aan de Gracht" in shown.text
    assert "Gemeente Proefstad" in shown.text
    assert "Drempelvrije ingang." in shown.text
    assert "meet.example" not in shown.html
    assert f'href="/{language}/' in shown.html and ".ics" in shown.html


def test_without_an_organiser_sif_organises(client, agenda):
    nl, _en = add_event(agenda, "Eigen workshop")
    with time_machine.travel(NOW, tick=False):
        assert "Social Impact Factory" in get_page(client, nl.url).text


@pytest.mark.parametrize(
    ("status", "banner", "in_listing"),
    [
        (EventStatus.CANCELLED, "Dit evenement is geannuleerd.", "Geannuleerd:"),
        (EventStatus.MOVED, "Dit evenement is verplaatst", "Verplaatst:"),
    ],
)
def test_a_cancelled_or_moved_event_says_so_with_its_note(client, agenda, status, banner, in_listing):
    nl, en = add_event(agenda, "Gaat niet door", status=status, status_note="De spreker is ziek.")
    with time_machine.travel(NOW, tick=False):
        shown = get_page(client, nl.url)
        listing = get_page(client, agenda["nl"].url)
        english = get_page(client, en.url)
    assert banner in shown.text
    assert "De spreker is ziek." in shown.text
    assert f"{in_listing} Woensdag 10 maart 2027" in listing.text
    assert f"This event {'is cancelled' if status == EventStatus.CANCELLED else 'has moved'}" in english.text


def test_a_past_event_says_it_has_taken_place_and_offers_no_calendar(client, agenda):
    nl, _en = add_event(agenda, "Vorig jaar", starts_at=amsterdam(2026, 3, 10, 14))
    with time_machine.travel(NOW, tick=False):
        shown = get_page(client, nl.url)
    assert "Dit evenement is al geweest." in shown.text
    assert ".ics" not in shown.html


@pytest.mark.parametrize("slug", ["archief", "archive"])
def test_an_event_cannot_take_the_archives_address(slug):
    event = EventPage(slug=slug, starts_at=amsterdam(2027, 3, 10, 14), ends_at=amsterdam(2027, 3, 10, 16))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "slug" in error.value.message_dict


def test_the_ends_at_must_come_after_the_start():
    event = EventPage(starts_at=amsterdam(2027, 3, 10, 14), ends_at=amsterdam(2027, 3, 10, 13))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "ends_at" in error.value.message_dict


# The listing -------------------------------------------------------------------------------


def test_upcoming_events_come_first_in_date_order_and_past_ones_go_to_the_archive(client, agenda):
    add_event(agenda, "April", starts_at=amsterdam(2027, 4, 2, 10))
    add_event(agenda, "Vorige maand", starts_at=amsterdam(2027, 2, 2, 10))
    add_event(agenda, "Maart", starts_at=amsterdam(2027, 3, 20, 10))
    add_event(agenda, "Nu bezig", starts_at=amsterdam(2027, 3, 1, 9))
    assert titles(client, agenda["nl"].url) == ["Nu bezig", "Maart", "April"]
    assert titles(client, "/nl/agenda/archief/") == ["Vorige maand"]
    assert titles(client, "/en/events/archive/") == ["Vorige maand (EN)"]
    assert titles(client, agenda["en"].url) == ["Nu bezig (EN)", "Maart (EN)", "April (EN)"]


def test_month_links_are_plain_links_in_the_visitors_language(client, agenda):
    add_event(agenda, "Maart", starts_at=amsterdam(2027, 3, 20, 10))
    add_event(agenda, "April", starts_at=amsterdam(2027, 4, 2, 10))
    with time_machine.travel(NOW, tick=False):
        dutch = get_page(client, agenda["nl"].url).html
        english = get_page(client, agenda["en"].url).html
    assert f'href="{agenda["nl"].url}?maand=2027-04">April 2027</a>' in dutch
    assert f'href="{agenda["en"].url}?month=2027-03">March 2027</a>' in english
    assert titles(client, f"{agenda['nl'].url}?maand=2027-04") == ["April"]
    assert titles(client, f"{agenda['en'].url}?month=2027-03") == ["Maart (EN)"]


def test_filters_by_kind_and_language_keep_each_other(client, agenda):
    add_event(agenda, "Engelse workshop", event_type="workshop", event_language="en")
    add_event(agenda, "Nederlandse workshop", event_type="workshop", event_language="nl")
    add_event(agenda, "Engelse meet-up", event_type="meetup", event_language="en")
    url = agenda["nl"].url
    assert sorted(titles(client, f"{url}?soort=workshop")) == ["Engelse workshop", "Nederlandse workshop"]
    assert titles(client, f"{url}?soort=workshop&taal=en") == ["Engelse workshop"]
    assert titles(client, f"{agenda['en'].url}?type=meetup&language=en") == ["Engelse meet-up (EN)"]
    with time_machine.travel(NOW, tick=False):
        html = get_page(client, f"{url}?soort=workshop&taal=en").html
    assert f'href="{url}?soort=workshop&amp;taal=en" aria-current="true"' in html
    # "All" of one filter clears only that one, in the visitor's language.
    assert f'<a class="agenda-filters__link" href="{url}?taal=en">Alle</a>' in html
    with time_machine.travel(NOW, tick=False):
        english = get_page(client, f"{agenda['en'].url}?type=meetup&language=en").html
    assert f'<a class="agenda-filters__link" href="{agenda["en"].url}?language=en">All</a>' in english


def test_the_empty_state_points_to_the_archive(client, agenda):
    add_event(agenda, "Voorbij", starts_at=amsterdam(2026, 3, 10, 14))
    with time_machine.travel(NOW, tick=False):
        dutch = get_page(client, agenda["nl"].url)
        english = get_page(client, agenda["en"].url)
    assert "Er staan nu geen evenementen gepland" in dutch.text
    assert 'href="/nl/agenda/archief/"' in dutch.html
    assert "No events are planned right now" in english.text
    assert 'href="/en/events/archive/"' in english.html


def test_the_listing_is_cached_per_filter_until_the_next_event_ends(client, agenda, settings):
    settings.PAGE_CACHE_ENABLED = True
    add_event(agenda, "Vandaag", starts_at=amsterdam(2027, 3, 1, 9))
    url = agenda["nl"].url
    with time_machine.travel(NOW, tick=False) as clock:
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
        assert client.get(f"{url}?soort=workshop")["X-Page-Cache"] == "miss"
        clock.move_to(amsterdam(2027, 3, 1, 11, 0, 1))
        after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert CARD_TITLE.findall(after.content.decode()) == []


def _listing_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context), CARD_TITLE.findall(response.content.decode())


@pytest.mark.thorough
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_listing_and_archive_have_a_flat_query_count(client, agenda, site_tree, language):
    partner = site_tree.partners[0][0]
    archive = {"nl": "/nl/agenda/archief/", "en": "/en/events/archive/"}[language]
    for number in range(3):
        add_event(agenda, f"Eerste {number}", organiser_partner=partner, starts_at=amsterdam(2027, 3, 10 + number, 14))
        add_event(agenda, f"Eerder {number}", organiser_partner=partner, starts_at=amsterdam(2026, 3, 10 + number, 14))
    with time_machine.travel(NOW, tick=False):
        three, titles_three = _listing_queries(client, agenda[language].url)
        three_past, past_three = _listing_queries(client, archive)
        for number in range(3):
            add_event(
                agenda, f"Tweede {number}", organiser_partner=partner, starts_at=amsterdam(2027, 4, 10 + number, 14)
            )
            add_event(
                agenda, f"Later {number}", organiser_partner=partner, starts_at=amsterdam(2026, 4, 10 + number, 14)
            )
        six, titles_six = _listing_queries(client, agenda[language].url)
        six_past, past_six = _listing_queries(client, archive)
    assert (len(titles_three), len(titles_six), len(past_three), len(past_six)) == (3, 6, 3, 6)
    assert three == six
    assert three_past == six_past
    assert six <= 18 and six_past <= 18


def test_the_agenda_is_in_the_menu(client, agenda, site_tree):
    for language, home in (("nl", site_tree.home_nl), ("en", site_tree.home_en)):
        assert f'href="{agenda[language].url}"' in get_page(client, home.url).html


# Calendar ----------------------------------------------------------------------------------


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    parsed = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    return parsed.walk("VEVENT")


@pytest.mark.parametrize(
    ("starts_at", "utc"),
    [
        # The last Sunday of March 2027 (28th): at 02:00 the clocks go forward to CEST (UTC+2).
        (amsterdam(2027, 3, 28, 14), datetime.datetime(2027, 3, 28, 12, tzinfo=datetime.UTC)),
        (amsterdam(2027, 3, 28, 1, 30), datetime.datetime(2027, 3, 28, 0, 30, tzinfo=datetime.UTC)),
        # The last Sunday of October 2027 (31st): at 03:00 back to CET (UTC+1).
        (amsterdam(2027, 10, 31, 14), datetime.datetime(2027, 10, 31, 13, tzinfo=datetime.UTC)),
        (amsterdam(2027, 10, 30, 14), datetime.datetime(2027, 10, 30, 12, tzinfo=datetime.UTC)),
    ],
)
def test_the_event_ics_round_trips_across_dst(client, agenda, starts_at, utc):
    nl, _en = add_event(agenda, "Workshop", starts_at=starts_at, location=EventLocation.AAN_DE_GRACHT)
    (event,) = _events(client.get(f"/nl/agenda/{nl.pk}.ics"))
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART").astimezone(datetime.UTC) == utc
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=2)
    assert str(event["SUMMARY"]) == "Workshop"
    assert str(event["LOCATION"]) == "Aan de Gracht"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_uid_is_stable_and_the_sequence_rises_on_a_change_of_time_place_or_status(client, agenda):
    nl, _en = add_event(agenda, "Workshop", online_url="https://meet.example/geheim")
    url = f"/nl/agenda/{nl.pk}.ics"
    (first,) = _events(client.get(url))
    nl.lead = "Alleen de inleiding verandert."
    nl.save()
    (same,) = _events(client.get(url))
    nl.starts_at, nl.ends_at = amsterdam(2027, 3, 11, 14), amsterdam(2027, 3, 11, 16)
    nl.save()
    (moved,) = _events(client.get(url))
    nl.location = EventLocation.ONLINE
    nl.save()
    (online,) = _events(client.get(url))
    nl.status = EventStatus.CANCELLED
    nl.save()
    response = client.get(url)
    (cancelled,) = _events(response)
    assert len({str(e["UID"]) for e in (first, same, moved, online, cancelled)}) == 1
    assert [e["SEQUENCE"] for e in (first, same, moved, online, cancelled)] == [0, 0, 1, 2, 3]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert b"meet.example" not in response.content


def test_the_feed_has_the_upcoming_events_of_its_language(client, agenda):
    add_event(agenda, "Komt", starts_at=amsterdam(2027, 3, 20, 14))
    add_event(agenda, "Afgezegd", starts_at=amsterdam(2027, 3, 21, 14), status=EventStatus.CANCELLED)
    add_event(agenda, "Geweest", starts_at=amsterdam(2027, 2, 20, 14))
    with time_machine.travel(NOW, tick=False):
        dutch = _events(client.get("/nl/agenda/kalender.ics"))
        english = _events(client.get("/en/events/calendar.ics"))
    assert [(str(e["SUMMARY"]), str(e["STATUS"])) for e in dutch] == [("Komt", "CONFIRMED"), ("Afgezegd", "CANCELLED")]
    assert [str(e["SUMMARY"]) for e in english] == ["Komt (EN)", "Afgezegd (EN)"]
    assert all(str(e["URL"]).endswith("-en/") for e in english)


def test_an_unknown_event_has_no_ics(client, agenda):
    assert client.get("/nl/agenda/999999.ics").status_code == 404


# Structured data ---------------------------------------------------------------------------


def _event_node(client, url):
    with time_machine.travel(NOW, tick=False):
        return structured_data(get_page(client, url).html)["Event"]


def test_json_ld_describes_a_scheduled_event_at_the_hub(client, agenda):
    nl, _en = add_event(agenda, "Workshop", location=EventLocation.HUB)
    node = _event_node(client, nl.url)
    assert node["startDate"] == "2027-03-10T14:00:00+01:00"
    assert node["endDate"] == "2027-03-10T16:00:00+01:00"
    assert node["eventStatus"] == "https://schema.org/EventScheduled"
    assert node["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert node["location"]["@type"] == "Place"
    assert node["location"]["address"]["addressLocality"] == "Utrecht"
    assert node["organizer"]["@id"].endswith("/#organisation")
    assert "offers" not in node  # no registration yet: seats_left() is None


def test_json_ld_of_a_cancelled_and_a_moved_online_event(client, agenda, site_tree):
    cancelled, _en = add_event(agenda, "Afgezegd", status=EventStatus.CANCELLED, organiser_name="Stichting Proef")
    moved, _en = add_event(
        agenda,
        "Verplaatst",
        status=EventStatus.MOVED,
        location=EventLocation.ONLINE,
        online_url="https://meet.example/geheim",
        organiser_partner=site_tree.partners[0][0],
    )
    node = _event_node(client, cancelled.url)
    assert node["eventStatus"] == "https://schema.org/EventCancelled"
    assert node["organizer"] == {"@type": "Organization", "name": "Stichting Proef"}
    node = _event_node(client, moved.url)
    assert node["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert node["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert node["location"] == {"@type": "VirtualLocation", "url": node["url"]}
    assert node["organizer"]["name"] == "Gemeente Proefstad"


@pytest.mark.parametrize(("seats", "availability"), [(None, None), (0, "SoldOut"), (4, "InStock")])
def test_offers_follow_the_seats_left(client, agenda, monkeypatch, seats, availability):
    nl, _en = add_event(agenda, "Workshop", capacity=10)
    monkeypatch.setattr(EventPage, "seats_left", lambda self: seats)
    node = _event_node(client, nl.url)
    if availability is None:
        assert "offers" not in node
    else:
        assert node["offers"]["availability"] == f"https://schema.org/{availability}"


def test_events_are_found_by_the_site_search_in_their_own_group(client, agenda):
    nl, _en = add_event(agenda, "Waterstofworkshop", summary="Over waterstof en werk.")
    nl.save_revision().publish()
    html = get_page(client, "/nl/zoeken/?q=waterstof").html
    assert "search-group-event" in html
    assert "Waterstofworkshop" in html


def test_the_archive_links_its_twin_in_the_other_language(client, agenda):
    with time_machine.travel(NOW, tick=False):
        dutch = get_page(client, "/nl/agenda/archief/")
    assert dutch.hreflangs["en"].endswith("/en/events/archive/")
    assert dutch.hreflangs["nl"].endswith("/nl/agenda/archief/")
    assert dutch.canonical.endswith("/nl/agenda/archief/")
    assert "<title>Afgelopen evenementen | Social Impact Factory</title>" in dutch.html


def test_without_an_agenda_the_archive_is_not_found(client, site_tree):
    assert client.get("/nl/agenda/archief/").status_code == 404


def test_the_archive_is_paginated(client, agenda, monkeypatch):
    monkeypatch.setattr("agenda.views.ARCHIVE_PER_PAGE", 2)
    for number in range(3):
        add_event(agenda, f"Voorbij {number}", starts_at=amsterdam(2026, 3, 10 + number, 14))
    assert titles(client, "/nl/agenda/archief/") == ["Voorbij 2", "Voorbij 1"]
    assert titles(client, "/nl/agenda/archief/?page=2") == ["Voorbij 0"]
    with time_machine.travel(NOW, tick=False):
        html = get_page(client, "/nl/agenda/archief/").html
    assert 'href="?page=2" rel="next"' in html


def test_events_are_in_the_sitemap_of_their_language_with_their_twin(client, agenda):
    nl, en = add_event(agenda, "Workshop")
    dutch = client.get("/sitemap-nl.xml").content.decode()
    assert f"/nl/agenda/{nl.slug}/</loc>" in dutch
    assert f"/en/events/{en.slug}/" in dutch  # its English twin as an alternate
    assert EventPage.og_type == "website" and EventPage.search_group == "event"


def test_the_event_form_is_in_dutch_for_a_dutch_editor(agenda, editor):
    from django.urls import reverse

    from tests.test_admin_dutch import assert_dutch

    response = editor.get(reverse("wagtailadmin_pages:add", args=["agenda", "eventpage", agenda["nl"].pk]))
    assert_dutch(response)
    form = response.content.decode().lower()
    for label in ("wanneer en waar", "voorbeeldinhoud", "onlinelink", "alleen aangemelde mensen krijgen hem"):
        assert label in form


def test_publishing_a_revision_raises_the_sequence_once_and_keeps_it(agenda):
    nl, _en = add_event(agenda, "Workshop")
    nl.starts_at, nl.ends_at = amsterdam(2027, 3, 12, 14), amsterdam(2027, 3, 12, 16)
    nl.save_revision().publish()
    nl.refresh_from_db()
    assert nl.sequence == 1
    nl.lead = "Nieuwe inleiding."
    nl.save_revision().publish()
    nl.refresh_from_db()
    assert nl.sequence == 1


# The hub ------------------------------------------------------------------------------------


def _hub_events(html):
    start = html.index('id="hub-events"')
    return CARD_TITLE.findall(html[start : html.index("</section>", start)])


def test_the_hub_shows_the_next_three_events_that_are_still_on(client, agenda, site_tree):
    add_event(agenda, "Bijna voorbij", starts_at=amsterdam(2027, 3, 1, 8, 5))  # ends 10:05, within the cache's life
    add_event(agenda, "Bezig", starts_at=amsterdam(2027, 3, 1, 9))
    for day in (20, 5, 12):
        add_event(agenda, f"Maart {day}", starts_at=amsterdam(2027, 3, day, 14))
    with time_machine.travel(NOW, tick=False):
        dutch = get_page(client, site_tree.home_nl.url).html
        english = get_page(client, site_tree.home_en.url).html
    assert _hub_events(dutch) == ["Bezig", "Maart 5", "Maart 12"]
    assert _hub_events(english) == ["Bezig (EN)", "Maart 5 (EN)", "Maart 12 (EN)"]
    assert f'class="hub-section__more" href="{agenda["nl"].url}">Hele agenda</a>' in dutch
    assert "<h3" in dutch[dutch.index('id="hub-events"') :]


def test_without_coming_events_the_hub_has_no_agenda_section(client, agenda, site_tree):
    add_event(agenda, "Voorbij", starts_at=amsterdam(2026, 3, 10, 14))
    with time_machine.travel(NOW, tick=False):
        assert 'id="hub-events"' not in get_page(client, site_tree.home_nl.url).html


@pytest.mark.thorough
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_hub_has_a_flat_query_count_with_events(client, agenda, site_tree, language):
    home = site_tree.home_nl if language == "nl" else site_tree.home_en
    partner = site_tree.partners[0][0]
    with time_machine.travel(NOW, tick=False):
        add_event(agenda, "Eerste", organiser_partner=partner)
        one, _titles = _listing_queries(client, home.url)
        for number in range(3):
            add_event(
                agenda, f"Meer {number}", organiser_partner=partner, starts_at=amsterdam(2027, 3, 11 + number, 14)
            )
        three, _titles = _listing_queries(client, home.url)
    assert one == three
