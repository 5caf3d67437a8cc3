"""Challenge deadlines as iCalendar: one file per challenge, and a feed of the open calls per language.

Times carry ``TZID=Europe/Amsterdam`` with its ``VTIMEZONE`` (so Outlook does not shift
them); each event's UID is stable (the challenge's translation key and language), and
its ``SEQUENCE`` is the page's ``calendar_sequence``, raised whenever the deadline or title changes.
"""

from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Event

from home import calendar as ical

PRODUCT_ID = "-//Social Impact Factory//Challenges//NL"


def deadline_event(challenge, url):
    event = Event()
    event.add("uid", f"challenge-{challenge.translation_key}-{challenge.locale.language_code}@socialimpactfactory")
    event.add("dtstamp", timezone.now())
    event.add("sequence", challenge.calendar_sequence)
    event.add("dtstart", ical.local(challenge.deadline))
    event.add("summary", gettext("Deadline: %(title)s") % {"title": challenge.title})
    event.add("url", url)
    event.add("description", url)
    if challenge.last_published_at:
        event.add("last-modified", challenge.last_published_at)
    return event


def calendar(events, name):
    """A VCALENDAR with ``events`` and the VTIMEZONE of the site's time zone."""
    return ical.calendar(events, name, PRODUCT_ID)
