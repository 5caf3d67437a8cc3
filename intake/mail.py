"""E-mail about submissions, through an outbox so that a failed send is retried and never doubled.

``queue`` writes the e-mails as ``OutgoingEmail`` rows in the submission's
transaction. ``send_due`` sends whatever is due: right after the commit, and
from ``manage.py send_intake_mail`` (cron). Each e-mail is claimed in a
transaction of its own before it is sent (``SELECT ... FOR UPDATE SKIP
LOCKED`` on PostgreSQL), so two runs at once never send the same e-mail.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .submissions import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)


def confirmations_per_address_per_day():
    return getattr(settings, "INTAKE_CONFIRMATIONS_PER_ADDRESS_PER_DAY", 3)


def confirmation_limit_reached(address, now=None):
    """True when this address got its day's share of confirmations: the form cannot be used to flood a mailbox.

    Counted in the outbox (the database every app process shares), case-insensitively.
    """
    since = (now or timezone.now()) - timedelta(days=1)
    recent = OutgoingEmail.objects.filter(
        kind=OutgoingEmail.Kind.CONFIRMATION, to__iexact=address, created_at__gte=since
    ).count()
    return recent >= confirmations_per_address_per_day()


def queue(submission, notification_address):
    """Create the hub's notification and the sender's confirmation. Call inside the submission's transaction.

    The confirmation repeats nothing the visitor typed (no name, no question): the form
    could otherwise carry anyone's text to any address from the hub's address. It is
    skipped when the address had ``INTAKE_CONFIRMATIONS_PER_ADDRESS_PER_DAY`` already.
    """
    emails = []
    if notification_address:
        emails.append(
            _compose(
                submission,
                OutgoingEmail.Kind.NOTIFICATION,
                to=notification_address,
                reply_to=submission.email,
                language=settings.LANGUAGE_CODE,
            )
        )
    else:
        logger.warning("Intake: no notification address in the site settings; submission %s", submission.pk)
    if confirmation_limit_reached(submission.email):
        logger.warning("Intake: confirmation limit reached for the address of submission %s", submission.pk)
        return emails
    emails.append(
        _compose(
            submission,
            OutgoingEmail.Kind.CONFIRMATION,
            to=submission.email,
            reply_to=notification_address,
            language=submission.language,
        )
    )
    return emails


def _compose(submission, kind, to, reply_to, language):
    context = {"submission": submission, "admin_url": _admin_url(submission)}
    with translation.override(language):
        subject = render_to_string(f"intake/email/{kind}_subject.txt", context)
        body_text = render_to_string(f"intake/email/{kind}.txt", context)
        body_html = render_to_string(f"intake/email/{kind}.html", context)
    return OutgoingEmail.objects.create(
        submission=submission,
        kind=kind,
        to=to,
        reply_to=reply_to or "",
        subject=" ".join(subject.split())[:255],
        body_text=body_text,
        body_html=body_html,
    )


def _admin_url(submission):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("intake_submissions:edit", args=[submission.pk])


def send_due(pks=None):
    """Send every e-mail that is due (only those in ``pks`` if given). Returns (sent, failed)."""
    sent = failed = 0
    while True:
        with transaction.atomic():
            email = _claim_next(pks)
            if email is None:
                return sent, failed
            if _deliver(email):
                sent += 1
            else:
                failed += 1


def _claim_next(pks):
    due = OutgoingEmail.objects.due().order_by("next_attempt_at", "pk")
    if pks is not None:
        due = due.filter(pk__in=pks)
    while True:
        # PostgreSQL: the row stays locked until the transaction ends; other runs skip it.
        email = due.select_for_update(skip_locked=True).first()
        if email is None:
            return None
        # SQLite has no row locks: this write takes its database write lock before anything is
        # sent, and matches nothing when another run sent the e-mail in the meantime.
        if OutgoingEmail.objects.filter(pk=email.pk, sent_at__isnull=True).update(attempts=F("attempts") + 1):
            email.attempts += 1
            return email


def _deliver(email):
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
    )
    message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - any failure is recorded and retried later
        email.last_error = type(error).__name__
        email.next_attempt_at = timezone.now() + min(timedelta(minutes=2 ** (email.attempts - 1)), MAX_BACKOFF)
        email.save(update_fields=["last_error", "next_attempt_at"])
        # Only ids and the error type: the message may hold addresses.
        logger.warning("Intake e-mail %s (%s) failed: %s; retry later", email.pk, email.kind, email.last_error)
        return False
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["sent_at", "last_error"])
    return True
