"""Background work of the intake, run by the task worker (``python manage.py db_worker``)."""

import logging

from django_tasks import task

from . import mail

logger = logging.getLogger(__name__)


@task(priority=10)  # before Wagtail's housekeeping: a person waits for this mail
def send_intake_mail(email_ids):
    """Send these outbox e-mails; while some are not sent, come back when the next one is due.

    Enqueued after the submission's transaction commits. The pause between attempts
    grows (intake/mail.py); the task re-enqueues itself for the earliest retry. When it
    cannot (the worker died, enqueueing failed), the sweep ``manage.py send_intake_mail``
    sends what is overdue.
    """
    sent, failed = mail.send_due(pks=email_ids)
    # After a failure the rest waits as long as the failed one, rather than trying a dead server again now.
    retry_at = mail.next_attempt(email_ids, latest=bool(failed))
    if retry_at is not None:
        if send_intake_mail.get_backend().supports_defer:
            send_intake_mail.using(run_after=retry_at).enqueue(email_ids)
        else:
            logger.warning("Intake e-mail %s not sent; the sweep retries it", email_ids)
    return {"sent": sent, "failed": failed, "retry_at": retry_at.isoformat() if retry_at else None}
