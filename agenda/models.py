"""The agenda: events at the hub (workshops, meet-ups, trainings) under one overview per language.

Registration for an event (the seats, the waiting list, the mails) is built on these pages in
this app by ``registration``; this module holds the pages, their calendar SEQUENCE and the
hooks it needs (``EventPage.seats_left``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField

from home.blocks import BodyBlock
from home.models import BasePage, guidance, text_fields

from .choices import EventLanguage, EventLocation, EventStatus, EventType

# The fields whose change makes calendars take the event anew (iCalendar SEQUENCE).
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "location", "status")


class EventIndexPage(BasePage):
    """The agenda: upcoming events first, by month, with filters by type and language; past ones in the archive."""

    page_description = _("The agenda: the overview of events. One per language.")
    search_group = "event"

    content_panels = BasePage.content_panels + [FieldPanel("lead")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["agenda.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda")


class EventPage(BasePage):
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

    def save(self, *args, **kwargs):
        """Raise ``sequence`` when the time, place, status or title changes, so calendars take the new event.

        Counted from the stored row (a revision being published carries the number of its own time).
        """
        stored = type(self).objects.filter(pk=self.pk).values_list(*CALENDAR_FIELDS, "sequence").first()
        if stored is not None:
            *values, sequence = stored
            changed = tuple(values) != tuple(getattr(self, name) for name in CALENDAR_FIELDS)
            self.sequence = max(self.sequence, sequence) + (1 if changed else 0)
            update_fields = kwargs.get("update_fields")
            if changed and update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sequence"}
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

    def seats_left(self):
        """Seats still free, or None when the event takes no registrations (filled in by registration)."""
        return None
