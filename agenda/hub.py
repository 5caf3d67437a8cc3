"""The next events on the hub: the first few of the visitor's language that have not ended, and the way to the agenda.

The hub has no ``hold_until`` of its own (home knows no app), so it lists only events that are still
on when its cached copy expires (``PAGE_CACHE_TIMEOUT`` from now): no copy of the hub shows an event
that has ended.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from home.hub import HubSection
from home.localization import section_page

from .models import EventIndexPage, EventPage

NEXT_COUNT = 3


def next_events(request, home_page):
    """The three next live events under ``home_page`` (one query), or nothing when none is planned."""
    still_on = timezone.now() + datetime.timedelta(seconds=getattr(settings, "PAGE_CACHE_TIMEOUT", 0))
    events = list(
        EventPage.objects.live()
        .descendant_of(home_page)
        .filter(ends_at__gt=still_on)
        .select_related("organiser_partner")
        .order_by("starts_at", "title")[:NEXT_COUNT]
    )
    if not events:
        return None
    return HubSection(
        "agenda/hub/next_events.html", {"events": events, "index": section_page(request, EventIndexPage, home_page)}
    )
