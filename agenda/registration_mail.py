"""The e-mails about registrations, through the intake's outbox (``intake.guarantees``): each once, by key.

Every mail is in the registrant's language and names the event as they saw it
(its page in that language). None repeats what the visitor typed: the form could
carry anyone's text to any address. The online link goes only to people who hold
a registered seat (the confirmation of a seat, an accepted offer, the reminder).
"""

from urllib.parse import urlencode

from django.conf import settings
from wagtail.models import Locale

from intake.guarantees import confirmation_limit_reached, queue_email

from .registrations import RegistrationStatus

LINK_PARAMETER = "registration"


def event_in_language(event, language):
    """The event's live page in ``language``, else the event itself."""
    if event.locale.language_code == language:
        return event
    locale = Locale.objects.filter(language_code=language).first()
    translation = event.get_translation_or_none(locale) if locale else None
    return translation if translation is not None and translation.live else event


def link_url(page, registration):
    """The page's address with the registration's signed token: where the person cancels or accepts."""
    return f"{page.get_full_url()}?{urlencode({LINK_PARAMETER: registration.link_token()})}"


def _context(registration):
    page = event_in_language(registration.event, registration.language)
    seated = registration.status in (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)
    return {
        "event": page,
        "event_url": page.get_full_url(),
        "link_url": link_url(page, registration),
        "online_url": (registration.event.online_url or "") if seated else "",
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Social Impact Factory"),
    }


def _queue(registration, kind, template, once_key):
    return queue_email(
        registration,
        kind,
        to=registration.email,
        template=f"agenda/email/{template}",
        language=registration.language,
        context=_context(registration),
        once_key=once_key,
    )


def queue_confirmation(registration):
    """A seat, or a place on the waiting list. Skipped when the address had its day's share of confirmations."""
    if confirmation_limit_reached(registration.email):
        return None
    return _queue(registration, "confirmation", "confirmation", f"agenda-confirmation-{registration.pk}")


def queue_offer(registration):
    return _queue(registration, "offer", "offer", f"agenda-offer-{registration.pk}")


def queue_accepted(registration):
    """The confirmation of an accepted offer: the person asked for it by following the offer's link."""
    return _queue(registration, "confirmation", "accepted", f"agenda-accepted-{registration.pk}")


def queue_reminder(registration):
    return _queue(registration, "reminder", "reminder", f"agenda-reminder-{registration.pk}")


def queue_cancellation(registration):
    """The event was cancelled: one notice to each person it concerned."""
    return _queue(registration, "cancellation", "cancellation", f"agenda-event-cancelled-{registration.pk}")
