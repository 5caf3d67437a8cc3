"""The .ics files of the challenges (outside the page tree: a page that routes its own sub-paths
would turn off the hub's one-query routing, see ``HomePage.route``)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from home.calendar import ics_response
from home.localization import current_locale
from ops.page_cache import hold_until

from .calendar import calendar, deadline_event
from .models import ChallengePage
from .status import Status, next_boundary, status_at


def deadline_ics(request, page_id):
    """One challenge's deadline, in the language of the challenge page."""
    challenge = get_object_or_404(ChallengePage.objects.live().select_related("locale"), pk=page_id)
    if challenge.deadline is None:
        raise Http404
    event = deadline_event(challenge, challenge.get_full_url(request))
    return ics_response(calendar([event], challenge.title), f"{slugify(challenge.title)}.ics")


def open_calls_ics(request):
    """Every open call in the visitor's language; kept by the page cache until the next deadline or opening."""
    now = timezone.now()
    challenges = list(
        ChallengePage.objects.live().filter(locale=current_locale(), deadline__isnull=False).select_related("locale")
    )
    open_calls = [c for c in challenges if status_at(c, now) == Status.OPEN]
    events = [deadline_event(c, c.get_full_url(request)) for c in open_calls]
    response = ics_response(calendar(events, gettext("Open calls of Social Impact Factory")), "open-calls.ics")
    return hold_until(response, next_boundary(challenges, now, counts_days=False))
