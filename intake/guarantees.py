"""The intake's guarantees for the site's other public forms: a declared interface.

An app whose form takes personal data from the public (a challenge application, an
event registration) imports this module, and nothing else of ``intake``. It gets what
the intake form has, without repeating it:

- ``GuardedForm``: the honeypot and the single-use, signed form token (the time trap);
  ``over_rate_limit(request, name)``: a limit per visitor address per hour;
- ``queue_email`` in the transaction that stores the record, then ``send_after_commit``:
  the outbox, so the worker sends after the commit, retries with growing pauses, never
  twice and never in the visitor's request; ``once_key`` makes "each once" mails (a
  reminder, an offer) safe against a timer that runs twice; ``confirmation_limit_reached``
  caps confirmations per address per day over every form;
- ``RETENTION_HOOK``: each app registers ``purge(now) -> str`` for its own records (anonymise
  after ``retention_months()`` since the last change, ``forget_emails_about`` their e-mails,
  ``scrub_admin_log`` their admin log entries; caught spam after ``spam_retention_days()``);
  ``manage.py purge_intake``, the daily timer, runs them all;
- ``SafeExportIndexView`` and ``neutralise_formula``: admin CSV/XLSX exports that no
  spreadsheet runs as a formula;
- ``SingleLineField`` (a name stays one line, also in a mail's subject) and the
  ``public_email_domain`` validator (no address at localhost, an IP or a test domain).

How a form uses them is shown by ``intake/models.py`` (``IntakePage._receive``/``_store``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from . import mail, retention, tasks
from .export import SafeExportIndexView, neutralise_formula
from .form_guard import GuardedForm, over_rate_limit
from .forms import SingleLineField, public_email_domain
from .submissions import OutgoingEmail

__all__ = [
    "RETENTION_HOOK",
    "GuardedForm",
    "SafeExportIndexView",
    "SingleLineField",
    "confirmation_limit_reached",
    "forget_emails_about",
    "months_ago",
    "neutralise_formula",
    "over_rate_limit",
    "public_email_domain",
    "queue_email",
    "retention_months",
    "run_retention_hooks",
    "scrub_admin_log",
    "send_after_commit",
    "spam_retention_days",
]

RETENTION_HOOK = "sif_personal_data_retention"

confirmation_limit_reached = mail.confirmation_limit_reached
months_ago = retention.months_ago
retention_months = retention.retention_months
spam_retention_days = retention.spam_retention_days
# scrub_admin_log(model, label): the admin log entries of anonymised and deleted records lose their personal label.
scrub_admin_log = retention.scrub_admin_log
queue_email = mail.compose_about


def send_after_commit(emails):
    """After the current transaction commits, the worker sends these e-mails (None entries skipped).

    Should enqueueing fail, the rows are in the outbox and the sweep (``send_intake_mail``) sends them.
    """
    email_ids = [email.pk for email in emails if email is not None]
    if email_ids:
        transaction.on_commit(lambda: tasks.send_intake_mail.enqueue(email_ids), robust=True)


def forget_emails_about(model, pks):
    """Delete the outbox e-mails about these records of ``model`` (their retention ended). Returns how many."""
    about_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    deleted, _detail = OutgoingEmail.objects.filter(about_type=about_type, about_id__in=list(pks)).delete()
    return deleted


def run_retention_hooks(now=None):
    """Run every app's registered retention purge; their one-line reports, in hook order."""
    now = now or timezone.now()
    return [purge(now) for purge in hooks.get_hooks(RETENTION_HOOK)]
