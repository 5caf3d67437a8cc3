"""When an event is, in words and in months, read in ``settings.TIME_ZONE`` (Europe/Amsterdam).

Whether an event is upcoming or past follows from its end at request time (never from a cron
job); pages say until when their answer holds (``next_boundary``, for ``ops.page_cache.hold_until``).
"""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def _local(moment):
    return timezone.localtime(moment, timezone.get_default_timezone())


def is_past(event, now):
    return event.ends_at <= now


def when_in_words(starts_at, ends_at):
    """ "Saturday 14 March 2027, from 14:00 to 16:00" in the active language (both dates when it spans days)."""
    start, end = _local(starts_at), _local(ends_at)
    words = {
        "date": formats.date_format(start, "l j F Y"),
        "start": formats.time_format(start, "H:i"),
        "end_date": formats.date_format(end, "l j F Y"),
        "end": formats.time_format(end, "H:i"),
    }
    if start.date() == end.date():
        return _("%(date)s, from %(start)s to %(end)s") % words
    return _("%(date)s at %(start)s until %(end_date)s at %(end)s") % words


def short_date(moment):
    """ "14 March 2027" in the active language."""
    return formats.date_format(_local(moment), "j F Y")


def month_key(moment):
    """ "2027-03": the month of ``moment`` as the agenda's month links spell it."""
    return _local(moment).strftime("%Y-%m")


def month_label(key):
    """ "March 2027" (in the active language) for ``2027-03``; '' for anything else."""
    try:
        first = datetime.date.fromisoformat(f"{key}-01")
    except ValueError:
        return ""
    return formats.date_format(first, "F Y")


def next_boundary(events, now):
    """The first start or end after ``now`` of ``events``: there an event becomes running or past; or None."""
    moments = [moment for event in events for moment in (event.starts_at, event.ends_at) if moment > now]
    return min(moments, default=None)
