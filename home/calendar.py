"""iCalendar files the apps hand out (a challenge's deadline, an event): one calendar shape for all.

Times carry ``TZID=Europe/Amsterdam`` (the site's ``TIME_ZONE``) with its ``VTIMEZONE``, so
Outlook does not shift them; each app builds its own VEVENTs (stable UID, SEQUENCE) and
wraps them with ``calendar()``. ``ics_response()`` sends the file as a download.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar


def local(moment):
    """``moment`` in the site's time zone, so the VEVENT carries TZID=Europe/Amsterdam."""
    return timezone.localtime(moment, timezone.get_default_timezone())


def calendar(events, name, product):
    """A VCALENDAR named ``name`` (PRODID ``product``) with ``events`` and the VTIMEZONE of the site's time zone."""
    ical = Calendar()
    ical.add("prodid", product)
    ical.add("version", "2.0")
    ical.add("x-wr-calname", name)
    ical.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        ical.add_component(event)
    ical.add_missing_timezones()
    return ical.to_ical()


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
