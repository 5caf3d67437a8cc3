"""Challenge deadlines as iCalendar: one file per challenge, and a feed of the open calls per language.

Times carry ``TZID=Europe/Amsterdam`` with its ``VTIMEZONE`` (so Outlook does not shift
them); each event's UID is stable (the challenge's translation key and language), and
its ``SEQUENCE`` is the page's ``calendar_sequence``, raised whenever the deadline or title changes.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

PRODUCT_ID = "-//Social Impact Factory//Challenges//NL"


def deadline_event(challenge, url):
    event = Event()
    event.add("uid", f"challenge-{challenge.translation_key}-{challenge.locale.language_code}@socialimpactfactory")
    event.add("dtstamp", timezone.now())
    event.add("sequence", challenge.calendar_sequence)
    event.add("dtstart", timezone.localtime(challenge.deadline, timezone.get_default_timezone()))
    event.add("summary", gettext("Deadline: %(title)s") % {"title": challenge.title})
    event.add("url", url)
    event.add("description", url)
    if challenge.last_published_at:
        event.add("last-modified", challenge.last_published_at)
    return event


def calendar(events, name):
    """A VCALENDAR with ``events`` and the VTIMEZONE of the site's time zone."""
    ical = Calendar()
    ical.add("prodid", PRODUCT_ID)
    ical.add("version", "2.0")
    ical.add("x-wr-calname", name)
    ical.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        ical.add_component(event)
    ical.add_missing_timezones()
    return ical.to_ical()
