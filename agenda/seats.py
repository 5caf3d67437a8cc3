"""Seats of an event: who gets one, the waiting list, offers of freed seats. Safe under concurrency.

How two people never take the last seat. Every change to an event's seats (a
registration, a cancellation, an offer that expires or is accepted) runs in one
transaction that first locks the event's row (``select_for_update``): on PostgreSQL
the second of two simultaneous registrations waits until the first has committed,
then counts again. Under the lock a registration takes the lowest free seat number
from 1 to the capacity, or goes on the waiting list.

The database holds the line should the code ever skip the lock: a seat number is
unique per event (``agenda_one_person_per_seat``), and a row has one exactly when its
status holds a seat (``agenda_seat_matches_status``). Numbers are only handed out up
to the capacity, so at most ``capacity`` rows can hold a seat. Rejected alternatives:
a table with one row per seat must follow every change of the capacity in the
editor (and the capacity lives on a page, with drafts and translations); a counter
column on the page can drift from the rows it counts and gives no constraint to lean on.

SQLite has no row locks, but it lets one writer at a time in, so the count under the
transaction holds there as well.

The waiting list is served first: when a seat is free and someone waits, the first
one in line gets an *offer* (the seat is held for them until ``offer_expires_at``,
``AGENDA_OFFER_HOURS`` after the offer, at the latest the start of the event). An
offer not accepted in time passes on to the next (``expire_offers``, run by the timer
``manage.py agenda_due_mail``).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant

from intake.guarantees import send_after_commit
from ops.page_cache import purge

from . import registration_mail
from .choices import EventStatus
from .registrations import HOLDS_SEAT, Registration, RegistrationStatus


class RegistrationClosed(Exception):
    """The event closed (started, was cancelled or lost its capacity) while the registration was on its way."""


def offer_hours():
    return getattr(settings, "AGENDA_OFFER_HOURS", 24)


def _in_default_language():
    """Pages in the site's default language: the translation of an event that holds its seats."""
    return Q(locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))


def registration_event(page):
    """The event page registrations attach to: the translation in the site's default language, else ``page``."""
    return type(page).objects.filter(_in_default_language(), translation_key=page.translation_key).first() or page


def registration_open(event, now=None):
    """True when the event takes registrations: it has a capacity, is not cancelled and has not started."""
    now = now or timezone.now()
    return event.capacity is not None and event.status != EventStatus.CANCELLED and event.starts_at > now


# Counting --------------------------------------------------------------------------------------------------


def _holding(translation_key):
    return Registration.objects.filter(event__translation_key=translation_key, status__in=HOLDS_SEAT)


def with_seats_taken(queryset):
    """The event pages of ``queryset`` annotated with ``seats_taken`` and what says which capacity counts
    for them (``is_seat_source``, ``has_seat_source``, ``seat_source_capacity``: see
    ``EventRegistration.seat_capacity``): a listing counts in its own query."""
    held = (
        _holding(OuterRef("translation_key"))
        .order_by()
        .values("event__translation_key")
        .annotate(held=Count("pk"))
        .values("held")
    )
    source = queryset.model.objects.filter(_in_default_language(), translation_key=OuterRef("translation_key"))
    return queryset.annotate(
        seats_taken=Coalesce(Subquery(held, output_field=IntegerField()), Value(0)),
        is_seat_source=ExpressionWrapper(_in_default_language(), output_field=BooleanField()),
        has_seat_source=Exists(source),
        seat_source_capacity=Subquery(source.values("capacity")[:1]),
    )


# Changing ----------------------------------------------------------------------------------------------------


def _lock(event):
    """The event, re-read with its row locked until the transaction ends: changes to its seats take turns."""
    return type(event).objects.select_for_update(of=("self",)).get(pk=event.pk)


def _free_seat(event):
    """The lowest free seat number up to the capacity, or None when every seat is held."""
    taken = set(Registration.objects.filter(event=event, seat__isnull=False).values_list("seat", flat=True))
    if event.capacity is None or len(taken) >= event.capacity:
        return None
    return next((number for number in range(1, event.capacity + 1) if number not in taken), None)


def _seats_changed(event):
    """Listings show the seats left: once the change is committed, no page rendered before it is served."""
    transaction.on_commit(lambda: purge([event], f"seats of event {event.pk} changed"))


def _offer_expiry(event, now):
    return min(now + timedelta(hours=offer_hours()), event.starts_at)


def _offer_freed_seats(event, now):
    """Offer each free seat to the next person waiting; returns the offered registrations. Call under the lock."""
    if not registration_open(event, now):
        return []
    offered = []
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by("created_at", "pk")
    for registration in waiting:
        seat = _free_seat(event)
        if seat is None:
            break
        registration.status, registration.seat = RegistrationStatus.OFFERED, seat
        registration.offer_expires_at = _offer_expiry(event, now)
        registration.save(update_fields=["status", "seat", "offer_expires_at", "updated_at"])
        offered.append(registration)
    return offered


def _queue_offers(offered):
    return [registration_mail.queue_offer(registration) for registration in offered]


def register(registration, now=None):
    """Save a new registration with a seat, or on the waiting list; queue its confirmation. Returns the e-mails.

    Call inside the transaction that stores it (the page's). Should someone be waiting
    while a seat is free (the capacity was raised), they are offered it first. Raises
    ``RegistrationClosed`` when the event, read under the lock, takes no registrations.
    """
    now = now or timezone.now()
    event = _lock(registration.event)
    if not registration_open(event, now):
        raise RegistrationClosed
    emails = _queue_offers(_offer_freed_seats(event, now))
    seat = _free_seat(event)
    registration.event = event
    registration.status = RegistrationStatus.REGISTERED if seat else RegistrationStatus.WAITING
    registration.seat = seat
    registration.save()
    _seats_changed(event)
    emails.append(registration_mail.queue_confirmation(registration))
    return emails


def cancel(registration, now=None):
    """Cancel a registration (by its holder or an organiser); a freed seat is offered on. Returns the e-mails.

    Returns None when it was not active (cancelled already, or its offer expired).
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(registration.event)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status not in (*HOLDS_SEAT, RegistrationStatus.WAITING):
            return None
        had_seat = current.holds_seat
        current.status, current.seat, current.offer_expires_at = RegistrationStatus.CANCELLED, None, None
        current.save(update_fields=["status", "seat", "offer_expires_at", "updated_at"])
        _seats_changed(event)
        emails = _queue_offers(_offer_freed_seats(event, now)) if had_seat else []
        send_after_commit(emails)
    return emails


def accept_offer(registration, now=None):
    """Turn a current offer into a registration, with a confirmation. False when the offer is gone or expired."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(registration.event)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != RegistrationStatus.OFFERED or current.offer_expires_at <= now:
            return False
        current.status, current.offer_expires_at = RegistrationStatus.REGISTERED, None
        current.save(update_fields=["status", "offer_expires_at", "updated_at"])
        _seats_changed(event)
        send_after_commit([registration_mail.queue_accepted(current)])
    return True


def expire_offers(now=None):
    """End the offers whose time is up and offer those seats to the next in line. Returns how many ended."""
    now = now or timezone.now()
    expired = Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
    ended = 0
    for event_id in set(expired.values_list("event_id", flat=True)):
        with transaction.atomic():
            event = _lock(Registration(event_id=event_id).event)
            ended += expired.filter(event=event).update(
                status=RegistrationStatus.OFFER_EXPIRED, seat=None, offer_expires_at=None, updated_at=now
            )
            send_after_commit(_queue_offers(_offer_freed_seats(event, now)))
            _seats_changed(event)
    return ended


def offer_free_seats(events, now=None):
    """Offer seats that are free while people wait (the capacity was raised). Returns how many were offered."""
    now = now or timezone.now()
    offered = 0
    for event in events:
        with transaction.atomic():
            event = _lock(event)
            made = _offer_freed_seats(event, now)
            send_after_commit(_queue_offers(made))
            if made:
                _seats_changed(event)
        offered += len(made)
    return offered
