"""The agenda's addresses outside the page tree: the archive and the .ics files.

They are views, not sub-paths of the agenda page: a page that routes its own sub-paths would
turn off the hub's one-query routing (``HomePage.route``).
"""

from django.core.paginator import Paginator
from django.db.models import Min
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from home.calendar import ics_response
from home.localization import current_locale, section_page
from ops.page_cache import hold_until

from .calendar import calendar, vevent
from .models import EventIndexPage, EventPage
from .when import next_boundary

ARCHIVE_PER_PAGE = 20


def archive(request):
    """The past events of the visitor's language, the latest first; kept until the next event ends."""
    index = section_page(request, EventIndexPage)
    if index is None:
        raise Http404
    index = index.specific
    now = timezone.now()
    past = index.events().filter(ends_at__lte=now).order_by("-starts_at", "title")
    page_of_events = Paginator(past, ARCHIVE_PER_PAGE).get_page(request.GET.get("page"))
    next_end = EventPage.objects.child_of(index).live().filter(ends_at__gt=now).aggregate(Min("ends_at"))
    response = render(
        request,
        "agenda/event_archive.html",
        {
            "index": index,
            "events": list(page_of_events),
            "page_of_events": page_of_events,
            "page_range": list(page_of_events.paginator.get_elided_page_range(page_of_events.number, on_ends=1)),
            "view_title": gettext("Past events"),
        },
    )
    return hold_until(response, next_end["ends_at__min"])


# What the page cache keys the archive on (ops/page_cache.py).
archive.cache_query_params = ("page",)


def event_ics(request, page_id):
    """One event, in the language of its page; cancelled events too (STATUS:CANCELLED)."""
    event = get_object_or_404(EventPage.objects.live().select_related("locale"), pk=page_id)
    return ics_response(
        calendar([vevent(event, event.get_full_url(request))], event.title), f"{slugify(event.title)}.ics"
    )


def feed_ics(request):
    """The events that have not ended yet, in the visitor's language; kept until the next one starts or ends."""
    now = timezone.now()
    events = list(
        EventPage.objects.live()
        .filter(locale=current_locale(), ends_at__gt=now)
        .select_related("locale")
        .order_by("starts_at")
    )
    feed = calendar(
        [vevent(event, event.get_full_url(request)) for event in events],
        gettext("Agenda of Social Impact Factory"),
    )
    return hold_until(ics_response(feed, gettext("agenda") + ".ics"), next_boundary(events, now))
