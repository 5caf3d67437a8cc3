"""A challenge's status and deadline words, computed from its dates at request time (never by a cron job).

Dates are stored as aware datetimes and read in ``settings.TIME_ZONE`` (Europe/Amsterdam).
The answer holds until the next *boundary*: the next date of the challenge, or (for the
"12 days left" words) the next local midnight. The page cache keeps a page no longer than
that (``ops.page_cache.hold_until``), so a cached page never shows a stale status.
"""

import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Status(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
    RUNNING = "running", _("running")
    DONE = "done", _("done")


# The order of the listing: open calls first, then what is coming, then the rest.
LISTING_ORDER = [Status.OPEN, Status.UPCOMING, Status.CLOSED, Status.RUNNING, Status.DONE]


def status_at(challenge, now):
    """The status of ``challenge`` (its ``opens_at``, ``deadline``, ``work_starts_at``, ``work_ends_at``) at ``now``.

    Every date is optional: a challenge without an open call (a match the network made)
    is done once it has a result.
    """
    if challenge.opens_at and now < challenge.opens_at:
        return Status.UPCOMING
    if challenge.deadline and now < challenge.deadline:
        return Status.OPEN
    if challenge.work_starts_at and now < challenge.work_starts_at:
        return Status.CLOSED
    if challenge.work_ends_at and now < challenge.work_ends_at:
        return Status.RUNNING
    if challenge.work_ends_at or challenge.has_result:
        return Status.DONE
    return Status.CLOSED


def next_midnight(now):
    """The next local midnight after ``now`` (an aware datetime), across a DST change too."""
    local = timezone.localtime(now)
    tomorrow = local.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))


def next_boundary(challenges, now, *, counts_days=True):
    """The first moment after ``now`` at which a status (or, with ``counts_days``, a day count) changes; or None."""
    moments = [
        moment
        for challenge in challenges
        for moment in (challenge.opens_at, challenge.deadline, challenge.work_starts_at, challenge.work_ends_at)
        if moment and moment > now
    ]
    if counts_days and any(status_at(challenge, now) == Status.OPEN for challenge in challenges):
        moments.append(next_midnight(now))
    return min(moments, default=None)


def local_date_and_time(moment):
    """('1 maart 2027', '17:00') in the active language, in the site's time zone."""
    local = timezone.localtime(moment)
    return formats.date_format(local, "j F Y"), formats.time_format(local, "H:i")


def deadline_in_words(deadline, now):
    """ "12 days left, closes on 1 March 2027 at 17:00" (in the active language); '' once closed."""
    if deadline <= now:
        return ""
    days = (timezone.localtime(deadline).date() - timezone.localtime(now).date()).days
    day, time = local_date_and_time(deadline)
    if days == 0:
        return _("closes today at %(time)s") % {"time": time}
    left = ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}
    return _("%(left)s, closes on %(date)s at %(time)s") % {"left": left, "date": day, "time": time}
