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


def raise_sequence(instance, fields, sequence_field, save_kwargs):
    """Before ``instance`` is saved: its SEQUENCE one up when a calendar field this save writes changed.

    Counted from the stored row (a revision being published carries the number of its own time),
    and only for the fields the save writes: saving a draft revision writes the page's revision
    fields only, and the new value reaches the row (and raises the number) when it is published.
    Returns the keyword arguments for ``save()`` (with the sequence among ``update_fields`` if given).
    """
    update_fields = save_kwargs.get("update_fields")
    written = [name for name in fields if update_fields is None or name in update_fields]
    stored = type(instance)._default_manager.filter(pk=instance.pk).values_list(sequence_field, *written).first()
    if stored is None:
        return save_kwargs
    sequence, *values = stored
    changed = tuple(values) != tuple(getattr(instance, name) for name in written)
    setattr(instance, sequence_field, max(getattr(instance, sequence_field), sequence) + (1 if changed else 0))
    if update_fields is not None:
        save_kwargs = {**save_kwargs, "update_fields": {*update_fields, sequence_field}}
    return save_kwargs
