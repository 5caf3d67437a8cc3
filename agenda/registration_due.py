"""What the timer does for registrations (``manage.py agenda_due_mail``): each step is safe to run again.

Expired offers pass on to the next person waiting; seats that came free while people
wait (a raised capacity) are offered; registered people get a reminder the day before;
everyone an event concerned hears once that it was cancelled. Every mail has a key of
its own in the outbox (``registration_mail``), so a second run sends nothing twice.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from intake.guarantees import send_after_commit

from . import registration_mail, seats
from .choices import EventStatus
from .registrations import ACTIVE, Registration, RegistrationStatus

CANCELLED = EventStatus.CANCELLED
REMINDER_BEFORE = timedelta(days=1)


def _queue_each(registrations, queue):
    queued = 0
    for registration in registrations:
        with transaction.atomic():
            email = queue(registration)
            send_after_commit([email])
        queued += email is not None
    return queued


def queue_reminders(now):
    """A reminder to each registered person of an event that starts within a day (not to late registrations)."""
    due = Registration.objects.filter(
        status=RegistrationStatus.REGISTERED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMINDER_BEFORE,
        created_at__lt=F("event__starts_at") - REMINDER_BEFORE,
    ).exclude(event__status=CANCELLED)
    return _queue_each(due.select_related("event"), registration_mail.queue_reminder)


def queue_cancellation_notices(now, event_ids=None):
    """A notice to each registered, offered or waiting person of a cancelled event that has not begun."""
    concerned = Registration.objects.filter(status__in=ACTIVE, event__status=CANCELLED, event__starts_at__gt=now)
    if event_ids is not None:
        concerned = concerned.filter(event_id__in=event_ids)
    return _queue_each(concerned.select_related("event"), registration_mail.queue_cancellation)


def events_with_free_seats_and_waiting(now):
    waiting = Registration.objects.filter(status=RegistrationStatus.WAITING, event__starts_at__gt=now)
    events = {registration.event for registration in waiting.select_related("event")}
    return [event for event in events if seats.registration_open(event, now) and event.seats_left()]


def run(now=None):
    """Everything due now; returns what was done, for the command's one line of output."""
    now = now or timezone.now()
    return {
        "offers expired": seats.expire_offers(now),
        "seats offered": seats.offer_free_seats(events_with_free_seats_and_waiting(now), now),
        "reminders": queue_reminders(now),
        "cancellation notices": queue_cancellation_notices(now),
    }
