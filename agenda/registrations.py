"""Who registered for an event, who waits, who was offered a freed seat: the ``Registration`` rows.

Registrations from /nl/ and /en/ of one event share its seats: each row points at the
event page in the site's default language (``seats.registration_event``), whichever
translation the visitor used, and keeps the visitor's language for the mails.

Seats are numbered. A row that holds a seat (registered, offered, attended) has a
number from 1 to the event's capacity; every other row has none. Two database
constraints keep this honest whatever the code does: a seat number is unique per
event (two people can never hold seat 3), and a row holds a number exactly when
its status says it holds a seat. ``seats.py`` hands out the numbers under a lock on
the event row, and only numbers up to the capacity, so the event can never be
over-booked (see ``seats.py`` for why a seat table or a counter was not chosen).
"""

import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ORGANISERS_GROUP = "Event organisers"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Offered a freed seat")
    ATTENDED = "attended", _("Attended")
    # Not an event's "Cancelled" (Dutch "Geannuleerd"): the person called it off ("Afgemeld").
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
    OFFER_EXPIRED = "offer_expired", _("Offer expired")
    SPAM = "spam", _("Spam")


# The statuses that hold a seat: only these have a seat number.
HOLDS_SEAT = (RegistrationStatus.REGISTERED, RegistrationStatus.OFFERED, RegistrationStatus.ATTENDED)
# The people the event still concerns: they hear of a cancelled event.
ACTIVE = (*HOLDS_SEAT, RegistrationStatus.WAITING)


LINK_SALT = "agenda.registration-link"


def new_link_key():
    """The random key the signed links in the mails name (never the database number)."""
    return secrets.token_urlsafe(16)


class Registration(models.Model):
    event = models.ForeignKey(
        "agenda.EventPage",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
        help_text=_("The event in the site's main language; registrations from every language count here."),
    )
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        verbose_name=_("language"),
        help_text=_("The language of the page the registration came from; its e-mails use it too."),
    )
    name = models.CharField(max_length=120, verbose_name=_("name"))
    email = models.EmailField(verbose_name=_("e-mail address"))
    organisation = models.CharField(max_length=200, blank=True, verbose_name=_("organisation"))
    needs = models.TextField(
        blank=True,
        verbose_name=_("needs"),
        help_text=_("Accessibility or dietary needs, as the person wrote them."),
    )
    status = models.CharField(
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
        db_index=True,
        verbose_name=_("status"),
        help_text=_(
            "Registered people hold a seat; an offered person holds a freed seat until the offer expires; "
            "cancelling frees the seat for the first person on the waiting list."
        ),
    )
    seat = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("seat number"),
        help_text=_("Handed out by the site; unique per event, empty for everyone without a seat."),
    )
    offer_expires_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("offer expires at"),
        help_text=_("Until when an offered seat is held; after it the seat goes to the next person waiting."),
    )
    link_key = models.CharField(max_length=32, unique=True, default=new_link_key, editable=False)
    consent_at = models.DateTimeField(null=True, verbose_name=_("consent given at"))
    # The id of the form token it came with: each shown form can be sent once (intake.guarantees).
    form_token = models.CharField(max_length=32, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("registered at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))
    anonymised_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("anonymised at"),
        help_text=_("Set when the retention period ended and the personal data were removed."),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # Two people never hold the same seat of one event.
            models.UniqueConstraint(
                fields=["event", "seat"], condition=Q(seat__isnull=False), name="agenda_one_person_per_seat"
            ),
            models.CheckConstraint(condition=Q(seat__isnull=True) | Q(seat__gte=1), name="agenda_seat_from_one"),
            # A seat number exactly when the status holds a seat.
            models.CheckConstraint(
                condition=(Q(status__in=HOLDS_SEAT) & Q(seat__isnull=False))
                | (~Q(status__in=HOLDS_SEAT) & Q(seat__isnull=True)),
                name="agenda_seat_matches_status",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="agenda_offer_has_expiry",
            ),
        ]

    def __str__(self):
        # No personal data: Wagtail's admin log copies this into its entries and keeps them.
        return _("Registration #%(pk)s") % {"pk": self.pk}

    @property
    def holds_seat(self):
        return self.status in HOLDS_SEAT

    def link_token(self):
        """The signed token of the links in this person's e-mails: cancel, or accept an offered seat. No account."""
        return signing.dumps(self.link_key, salt=LINK_SALT)

    @classmethod
    def for_link_token(cls, token):
        """The registration a genuine link token names (not anonymised), else None."""
        try:
            key = signing.loads(token or "", salt=LINK_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(key, str):
            return None
        return cls.objects.select_related("event").filter(link_key=key, anonymised_at__isnull=True).first()
