"""Events as iCalendar: one file per event, and a feed of the upcoming events per language.

Each VEVENT has a stable UID (the event's translation key and language), the page's
``sequence`` as SEQUENCE (raised whenever time, place, status or title changes), and
STATUS:CANCELLED once the event is cancelled, so calendars that imported it update it.
The online link is never in these files: only registered people get it.
"""

from django.utils import timezone
from icalendar import Event

from home import calendar as ical

from .choices import EventStatus

PRODUCT_ID = "-//Social Impact Factory//Agenda//NL"


def uid(event):
    return f"event-{event.translation_key}-{event.locale.language_code}@socialimpactfactory"


def vevent(event, url):
    """The VEVENT of ``event`` (an EventPage), linking to the page at ``url``."""
    vevent = Event()
    vevent.add("uid", uid(event))
    vevent.add("dtstamp", timezone.now())
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", ical.local(event.starts_at))
    vevent.add("dtend", ical.local(event.ends_at))
    vevent.add("summary", event.title)
    vevent.add("description", f"{event.summary}\n\n{url}" if event.summary else url)
    vevent.add("location", str(event.get_location_display()))
    vevent.add("url", url)
    vevent.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at)
    return vevent


def calendar(events, name):
    return ical.calendar(events, name, PRODUCT_ID)
