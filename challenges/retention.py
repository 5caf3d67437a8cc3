"""How long applications are kept (AVG/GDPR), and what happens after.

An application is anonymised ``retention_months()`` (``INTAKE_RETENTION_MONTHS``, as every
form of the site) after its last change: the personal fields, the notes and the assignee are
emptied, the attachment is deleted from the private storage and its e-mails from the outbox;
challenge, language, status and dates stay for the hub's statistics. Caught spam is deleted
outright after ``INTAKE_SPAM_RETENTION_DAYS``. The admin log entries about anonymised and
deleted applications lose their label (organisation and date) and extra data.

Registered in wagtail_hooks.py under ``intake.guarantees.RETENTION_HOOK``; the daily
``manage.py purge_intake`` runs it.
"""

from datetime import timedelta

from django.db import transaction

from intake.guarantees import forget_emails_about, months_ago, retention_months, scrub_admin_log, spam_retention_days

from .applications import Application, Status, attachment_storage

ANONYMOUS = {
    "organisation_name": "",
    "contact_name": "",
    "email": "",
    "activity": "",
    "approach": "",
    "internal_notes": "",
    "attachment": "",
}


def purge(now):
    """Anonymise expired applications, delete their attachments and expired spam. One line for the output."""
    expired = Application.objects.filter(
        anonymised_at__isnull=True, updated_at__lt=months_ago(now, retention_months())
    ).exclude(status=Status.SPAM)
    spam = Application.objects.filter(status=Status.SPAM, created_at__lt=now - timedelta(days=spam_retention_days()))
    with transaction.atomic():
        rows = list(expired.values_list("pk", "attachment"))
        pks = [pk for pk, _name in rows]
        spam_pks = list(spam.values_list("pk", flat=True))
        forget_emails_about(Application, pks + spam_pks)
        # update() leaves updated_at alone, so the last change by a person stays visible.
        anonymised = Application.objects.filter(pk__in=pks).update(anonymised_at=now, assignee=None, **ANONYMOUS)
        deleted, _detail = Application.objects.filter(pk__in=spam_pks).delete()
        scrub_admin_log(Application, "Application #")
    storage = attachment_storage()
    for _pk, name in rows:
        if name:
            storage.delete(name)
    return f"Challenge applications: {anonymised} anonymised, {deleted} caught as spam deleted"
