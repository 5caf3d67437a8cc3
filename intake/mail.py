"""E-mail about submissions, through an outbox so that a failed send is retried and never doubled.

``queue`` writes the e-mails as ``OutgoingEmail`` rows in the submission's
transaction. ``send_due`` sends whatever is due: from the ``send_intake_mail``
task (intake/tasks.py, run by the worker after the commit) and from the sweep
``manage.py send_intake_mail`` (a timer). Each e-mail is claimed with a
compare-and-set before it is sent (``_claim_next``), so runs that overlap never
send the same e-mail, and no database lock is held while the mail server is
talked to.

Just before the message itself goes to the server, the e-mail is marked
``handed_over_at`` (committed). If the server's "accepted" then never comes
(``MessageMaybeSent``, ops/mail_backend.py) or the sender dies before it has
marked the e-mail sent, the server may have it: such an e-mail is "maybe sent"
and is not sent again on its own. It is logged as an error, and an operator
decides with ``manage.py send_intake_mail --maybe-sent`` (list),
``--resend ID`` (again, with the same Message-ID) or ``--mark-sent ID``.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from ops.mail_backend import MessageMaybeSent

from .submissions import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
# The server answered but refused this one message: the next e-mail may still go.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def claim_lease():
    """How long a claimed e-mail belongs to the run that claimed it; a run that died gives it back after this.

    Longer than any send can take: EMAIL_TIMEOUT per server reply, EMAIL_DATA_TIMEOUT for the last one.
    """
    return timedelta(seconds=getattr(settings, "INTAKE_MAIL_CLAIM_LEASE_SECONDS", 600))


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


def queue_assignment(submission, assigned_by):
    """Tell the new assignee a question is theirs. Call inside the transaction that saved the assignment.

    Nobody is told of what they did themselves, nor without an address. The mail names
    the organisation and links to the admin; the sender's personal data stay there.
    It is in the assignee's admin language.
    """
    assignee = submission.assignee
    if assignee is None or assignee == assigned_by or not assignee.email:
        return None
    return _compose(
        submission,
        OutgoingEmail.Kind.ASSIGNMENT,
        to=assignee.email,
        reply_to="",
        language=_admin_language(assignee),
        extra={"assignee": assignee, "assigned_by": assigned_by},
    )


def _admin_language(user):
    """The language the user chose for the admin, else the site's (Dutch)."""
    chosen = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


def _compose(submission, kind, to, reply_to, language, extra=None):
    context = {"submission": submission, "admin_url": _admin_url(submission), **(extra or {})}
    subject, body_text, body_html = _render(f"intake/email/{kind}", context, language)
    return OutgoingEmail.objects.create(
        submission=submission,
        kind=kind,
        to=to,
        reply_to=reply_to or "",
        subject=subject,
        body_text=body_text,
        body_html=body_html,
    )


def compose_about(about, kind, *, to, template, language, context=None, reply_to="", once_key=None):
    """An outbox e-mail about another form's record (see guarantees.py). Call inside that record's transaction.

    With a ``once_key`` already in the outbox nothing is created and None comes back: the
    key is unique in the database, so two runs at once cannot both create it either.
    """
    if once_key and OutgoingEmail.objects.filter(once_key=once_key).exists():
        return None
    subject, body_text, body_html = _render(template, {"about": about, **(context or {})}, language)
    fields = {
        "about_type": ContentType.objects.get_for_model(about, for_concrete_model=False),
        "about_id": about.pk,
        "kind": kind,
        "to": to,
        "reply_to": reply_to or "",
        "subject": subject,
        "body_text": body_text,
        "body_html": body_html,
        "once_key": once_key or None,
    }
    if not once_key:
        return OutgoingEmail.objects.create(**fields)
    try:
        with transaction.atomic():  # a savepoint: a lost race leaves the caller's transaction usable
            return OutgoingEmail.objects.create(**fields)
    except IntegrityError:
        return None


def _render(template, context, language):
    """(subject, text, html) of ``template``'s three files in ``language``; the subject on one line."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body_text = render_to_string(f"{template}.txt", context)
        body_html = render_to_string(f"{template}.html", context)
    return " ".join(subject.split())[:255], body_text, body_html


def _admin_url(submission):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("intake_submissions:edit", args=[submission.pk])


def send_due(pks=None):
    """Send every e-mail that is due (only those in ``pks`` if given). Returns (sent, failed).

    Stops at the first failure to reach the mail server: the rest stays due and is tried
    by the next run, instead of each e-mail waiting for the same dead server's timeout.
    """
    sent = failed = 0
    while True:
        email = _claim_next(pks)
        if email is None:
            return sent, failed
        delivered, server_down = _deliver(email)
        if delivered:
            sent += 1
            continue
        failed += 1
        if server_down:
            return sent, failed


def next_attempt(pks, latest=False):
    """When the earliest (or ``latest``) of these e-mails that is not sent yet is due; None when all are sent."""
    return (
        OutgoingEmail.objects.filter(pk__in=pks)
        .unsent()
        .order_by("-next_attempt_at" if latest else "next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


def _claim_next(pks):
    """Claim the next due e-mail: one short transaction, nothing held while the mail server is talked to.

    The claim is a compare-and-set: it moves ``next_attempt_at`` a lease into the future only
    if the e-mail is still unsent and due, so of two runs (threads, processes, a worker and
    the sweep) exactly one wins; the other sees no row changed and moves on. On PostgreSQL
    the second UPDATE waits for the first to commit and then re-checks the condition; on
    SQLite writers take turns. When a run dies after its claim, the e-mail is due again once
    the lease has passed, and the next run (task or sweep) sends it.
    """
    due = OutgoingEmail.objects.due().order_by("next_attempt_at", "pk")
    if pks is not None:
        due = due.filter(pk__in=pks)
    while True:
        now = timezone.now()
        candidate = due.filter(next_attempt_at__lte=now).values_list("pk", "attempts").first()
        if candidate is None:
            return None
        pk, attempts = candidate
        claimed = (
            OutgoingEmail.objects.unsent()
            .filter(pk=pk, attempts=attempts, next_attempt_at__lte=now)
            .update(attempts=F("attempts") + 1, next_attempt_at=now + claim_lease())
        )
        if claimed:
            return OutgoingEmail.objects.get(pk=pk)


def _retry_pause(attempts):
    first = timedelta(seconds=getattr(settings, "INTAKE_MAIL_RETRY_SECONDS", 60))
    return min(first * 2 ** (attempts - 1), MAX_BACKOFF)


def _deliver(email):
    """Send one claimed e-mail and record the outcome. Returns (delivered, stop this run)."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={"Message-ID": email.message_id},
        connection=get_connection(before_handover=lambda: _handing_over(email)),
    )
    message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except MessageMaybeSent as error:
        # handed_over_at stays set: this e-mail leaves the outbox's retries (see the module's docstring).
        OutgoingEmail.objects.filter(pk=email.pk).update(last_error=type(error).__name__)
        logger.error(
            "Intake e-mail %s (%s) may have been sent: the mail server had the whole message but its answer "
            "did not come (%s). Not sent again on its own; see manage.py send_intake_mail --maybe-sent",
            email.pk,
            email.kind,
            error,
        )
        return False, True
    except Exception as error:  # noqa: BLE001 - any failure is recorded and retried later
        OutgoingEmail.objects.filter(pk=email.pk, sent_at__isnull=True).update(
            handed_over_at=None,
            last_error=type(error).__name__[:200],
            next_attempt_at=timezone.now() + _retry_pause(email.attempts),
        )
        # Only ids and the error type: the message may hold addresses.
        logger.warning("Intake e-mail %s (%s) failed: %s; retry later", email.pk, email.kind, type(error).__name__)
        return False, not isinstance(error, MESSAGE_ERRORS)
    # The crash window: the server has the message, this UPDATE has not committed yet. A crash
    # here leaves the e-mail handed over and not sent: "maybe sent", for an operator to decide.
    OutgoingEmail.objects.filter(pk=email.pk).update(sent_at=timezone.now(), last_error="")
    return True, False


def _handing_over(email):
    """Called by the mail backend just before the message goes: from here on a crash means "maybe sent"."""
    OutgoingEmail.objects.filter(pk=email.pk).update(handed_over_at=timezone.now())


def resend(pks):
    """An operator's decision: send these "maybe sent" e-mails again (with their own Message-ID). Returns how many."""
    return (
        OutgoingEmail.objects.maybe_sent()
        .filter(pk__in=pks)
        .update(handed_over_at=None, last_error="", next_attempt_at=timezone.now())
    )


def mark_sent(pks):
    """An operator's decision: these "maybe sent" e-mails did arrive. Returns how many."""
    return OutgoingEmail.objects.maybe_sent().filter(pk__in=pks).update(sent_at=F("handed_over_at"), last_error="")
