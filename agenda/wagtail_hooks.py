"""The agenda in the admin and on the hub: the next events on the home page; registrations per event
(for "Event organisers"), their retention and privacy entry, notices of cancelled events."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.signals import page_published

from home.hub import HUB_SECTIONS_HOOK
from home.privacy import PERSONAL_DATA_HOOK
from intake.guarantees import RETENTION_HOOK

from . import registration_due, registration_retention, seats
from .hub import next_events
from .models import EventPage
from .registration_admin import RegistrationViewSet
from .registration_privacy import registration_personal_data

hooks.register(HUB_SECTIONS_HOOK, next_events, order=31)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()


@hooks.register("register_page_header_buttons")
def registrations_button(page, user, view_name, next_url=None):
    """On an event with seats, for those who may see registrations: its list, both languages in one."""
    if isinstance(page.specific_deferred, EventPage) and user.has_perm("agenda.view_registration"):
        event = seats.registration_event(page.specific)
        if event.capacity is not None:
            url = f"{reverse('agenda_registrations:index')}?event={event.pk}"
            yield Button(_("Registrations"), url, icon_name="group", priority=80)


hooks.register(RETENTION_HOOK, registration_retention.purge)
# What registration keeps, for the privacy statement, after the intake's.
hooks.register(PERSONAL_DATA_HOOK, registration_personal_data, order=20)


def notify_if_cancelled(sender, instance, **kwargs):
    """An event published as cancelled: its people hear of it at once (else the timer's next run tells them)."""
    if instance.is_cancelled:
        event_ids = list(instance.get_translations(inclusive=True).values_list("pk", flat=True))
        transaction.on_commit(lambda: registration_due.queue_cancellation_notices(timezone.now(), event_ids))


page_published.connect(notify_if_cancelled, sender=EventPage, dispatch_uid="agenda-cancellation-notices")
