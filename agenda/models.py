"""The agenda: events at the hub (workshops, meet-ups, trainings) under one overview per language.

Registration for an event (the seats, the waiting list, the mails) is built on these pages in
this app by ``registration``; this module holds the pages, their calendar SEQUENCE and the
hooks it needs (``EventPage.seats_left``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField

from home.blocks import BodyBlock
from home.calendar import raise_sequence
from home.filters import filter_links
from home.models import BasePage, guidance, text_fields
from ops.page_cache import hold_until
from search import seo

from . import seats
from .choices import EventLanguage, EventLocation, EventStatus, EventType
from .registration_page import EventRegistration
from .when import is_past, month_key, month_label, next_boundary, short_date, when_in_words

# The fields whose change makes calendars take the event anew (iCalendar SEQUENCE).
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "location", "status")

# The agenda's query parameters in each language (``/nl/agenda/?maand=2027-03``, ``/en/events/?month=2027-03``).
FILTER_PARAMS = {
    "nl": {"month": "maand", "type": "soort", "language": "taal"},
    "en": {"month": "month", "type": "type", "language": "language"},
}


def archive_slugs():
    """The last part of the archive's address in every language (``archief``, ``archive``)."""
    slugs = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            slugs.add(reverse("agenda-archive").rstrip("/").rpartition("/")[2])
    return slugs


def filter_params():
    return FILTER_PARAMS.get(translation.get_language(), FILTER_PARAMS["en"])


def _links(chosen, name, options):
    """The links of filter ``name`` (``home.filters.filter_links``) with the parameter names of the active language."""
    return filter_links(chosen, name, options, parameter=filter_params().get)


class EventIndexPage(BasePage):
    """The agenda: upcoming events first, by month, with filters by type and language; past ones in the archive."""

    page_description = _("The agenda: the overview of events. One per language.")
    search_group = "event"

    content_panels = BasePage.content_panels + [FieldPanel("lead")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["agenda.EventPage"]
    max_count_per_parent = 1
    cache_query_params = tuple(sorted({name for params in FILTER_PARAMS.values() for name in params.values()}))

    class Meta:
        verbose_name = _("agenda")

    def events(self):
        # Seats left counted in the same query (``seats_left`` asks no query per event).
        return seats.with_seats_taken(EventPage.objects.child_of(self).live().select_related("organiser_partner"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        upcoming = sorted(self.events().filter(ends_at__gt=now), key=lambda e: (e.starts_at, e.title))
        params = filter_params()
        chosen = {key: request.GET.get(param, "") for key, param in params.items()}
        months = sorted({month_key(event.starts_at) for event in upcoming})
        kinds = [(value, label) for value, label in EventType.choices if any(e.event_type == value for e in upcoming)]
        languages = [
            (value, label)
            for value, label in EventLanguage.choices
            if any(e.event_language == value for e in upcoming)
        ]
        shown = [
            event
            for event in upcoming
            if chosen["month"] in ("", month_key(event.starts_at))
            and chosen["type"] in ("", event.event_type)
            and chosen["language"] in ("", event.event_language)
        ]
        context.update(
            events=shown,
            any_events=bool(upcoming),
            filtered=any(chosen.values()),
            chosen_month=month_label(chosen["month"]) if chosen["month"] in months else "",
            month_links=_links(chosen, "month", [(key, month_label(key)) for key in months]),
            type_links=_links(chosen, "type", kinds),
            language_links=_links(chosen, "language", languages),
            archive_url=reverse("agenda-archive"),
            feed_url=reverse("agenda-feed"),
            boundary=next_boundary(upcoming, now),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return hold_until(response, response.context_data.get("boundary"))


class EventPage(EventRegistration, BasePage):
    """One event: when, where, in which language, by whom, how accessible, and whether it goes ahead."""

    page_description = _("One event in the agenda: a workshop, meet-up or training, with its date and place.")
    search_group = "event"
    og_type = "website"

    summary = models.TextField(
        verbose_name=_("summary"),
        help_text=_("What the event is about and who it is for, in two or three sentences. Shown in the agenda."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The programme and anything else to know, built from blocks. Start sections with a heading."),
    )
    starts_at = models.DateTimeField(verbose_name=_("starts"), help_text=_("Date and time in Amsterdam time."))
    ends_at = models.DateTimeField(
        verbose_name=_("ends"), help_text=_("Date and time in Amsterdam time; after the start.")
    )
    location = models.CharField(
        max_length=20,
        choices=EventLocation.choices,
        default=EventLocation.HUB,
        verbose_name=_("place"),
        help_text=_("One of the hub's locations, or online."),
    )
    online_url = models.URLField(
        blank=True,
        verbose_name=_("online link"),
        help_text=_(
            "For an online event: the meeting link. Only registered people get it; it is never shown on the page."
        ),
    )
    event_language = models.CharField(
        max_length=4,
        choices=EventLanguage.choices,
        default=EventLanguage.DUTCH,
        verbose_name=_("language of the event"),
        help_text=_("The language spoken at the event. Visitors filter the agenda by it."),
    )
    event_type = models.CharField(
        max_length=20,
        choices=EventType.choices,
        default=EventType.WORKSHOP,
        verbose_name=_("kind of event"),
        help_text=_("Visitors filter the agenda by it."),
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("seats"),
        help_text=_("How many people can come. Leave empty for an event without registration."),
    )
    organiser_partner = models.ForeignKey(
        "programmes.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organiser (partner)"),
        help_text=_("A partner that organises the event. Leave empty when Social Impact Factory organises it."),
    )
    organiser_name = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("organiser (name)"),
        help_text=_("Only for an organiser that is not a partner. Empty (and no partner): Social Impact Factory."),
    )
    accessibility = models.TextField(
        blank=True,
        verbose_name=_("accessibility"),
        help_text=_(
            "How accessible the venue is: step-free entrance, lift, toilet, hearing loop. Only what is known."
        ),
    )
    status = models.CharField(
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        verbose_name=_("status"),
        help_text=_("Cancelled or moved events stay on the page with a notice, and calendars are updated."),
    )
    status_note = models.TextField(
        blank=True,
        verbose_name=_("note on the status"),
        help_text=_("For a cancelled or moved event: why, and where to go now. Shown in the notice."),
    )
    sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="The iCalendar SEQUENCE: raised whenever the time, place, status or title changes.",
    )
    is_example = models.BooleanField(
        default=False,
        verbose_name=_("example content"),
        help_text=_(
            "Example made by the demo loader, with an invented date. Delete it or replace it with a real event."
        ),
    )

    content_panels = BasePage.content_panels + [
        guidance(
            _("Enter times in Amsterdam time. A change of time, place or status reaches calendars by itself."),
            _("Write only what is agreed: no invented speakers, prices or promises."),
        ),
        FieldPanel("is_example"),
        FieldPanel("lead"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("location"),
                FieldPanel("online_url"),
            ],
            heading=_("When and where"),
        ),
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("event_language")], heading=_("Kind and language")),
        MultiFieldPanel([FieldPanel("organiser_partner"), FieldPanel("organiser_name")], heading=_("Organiser")),
        FieldPanel("capacity"),
        FieldPanel("accessibility"),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("status_note")], heading=_("Status")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + text_fields("summary", "body")
    route_select_related = ("organiser_partner",)
    parent_page_types = ["agenda.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})
        if self.slug in archive_slugs():
            # The archive's address (agenda/urls.py) would hide an event page of that name.
            raise ValidationError({"slug": _("This address is the archive's. Choose another slug.")})

    def save(self, *args, **kwargs):
        """Raise ``sequence`` when the time, place, status or title changes, so calendars take the new event."""
        kwargs = raise_sequence(self, CALENDAR_FIELDS, "sequence", kwargs)
        return super().save(*args, **kwargs)

    @property
    def organiser(self):
        """The organiser's name; empty means Social Impact Factory."""
        return self.organiser_partner.name if self.organiser_partner else self.organiser_name

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def is_online(self):
        return self.location == EventLocation.ONLINE

    @property
    def when_words(self):
        return when_in_words(self.starts_at, self.ends_at)

    @property
    def date_words(self):
        return short_date(self.starts_at)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context.update(
            is_past=is_past(self, now),
            ics_url=reverse("agenda-event-ics", args=[self.pk]),
            boundary=next_boundary([self], now),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)  # EventRegistration: the form, its redirects, links
        return hold_until(response, getattr(response, "context_data", None) and response.context_data.get("boundary"))

    def structured_data(self, request, url, image):
        """A schema.org Event: status, attendance mode, place, organiser and (with registration) availability."""
        node = {
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "url": url,
            "image": image,
            "startDate": timezone.localtime(self.starts_at).isoformat(),
            "endDate": timezone.localtime(self.ends_at).isoformat(),
            "eventStatus": f"https://schema.org/{self._schema_status()}",
            "eventAttendanceMode": "https://schema.org/"
            + ("OnlineEventAttendanceMode" if self.is_online else "OfflineEventAttendanceMode"),
            "location": self._schema_location(url),
            "organizer": (
                {"@type": "Organization", "name": self.organiser} if self.organiser else seo.organisation_ref(request)
            ),
            "inLanguage": ["nl", "en"] if self.event_language == EventLanguage.BOTH else self.event_language,
        }
        seats = self.seats_left()
        if seats is not None:
            node["offers"] = {
                "@type": "Offer",
                "url": url,
                "availability": "https://schema.org/" + ("InStock" if seats > 0 else "SoldOut"),
            }
        return node

    def _schema_status(self):
        if self.status == EventStatus.CANCELLED:
            return "EventCancelled"
        if self.status == EventStatus.MOVED:
            return "EventMovedOnline" if self.is_online else "EventRescheduled"
        return "EventScheduled"

    def _schema_location(self, url):
        if self.is_online:
            # The page, never the meeting link: that one is for registered people only.
            return {"@type": "VirtualLocation", "url": url}
        place = {"@type": "Place", "name": str(self.get_location_display())}
        if self.location == EventLocation.HUB:
            place["address"] = {"@type": "PostalAddress", "addressLocality": "Utrecht", "addressCountry": "NL"}
        return place
