"""How long registrations are kept (AVG/GDPR): anonymised ``retention_months()`` after their last change.

Name, e-mail, organisation and needs are emptied and the e-mails about the registration
deleted; event, language, status and dates stay for the hub's counts. Caught spam is
deleted after ``INTAKE_SPAM_RETENTION_DAYS``. A registration's title in Wagtail's admin
log is "Registration #<id>" (no personal data), so the log needs no scrubbing.
"""

from datetime import timedelta

from django.db import transaction

from intake.guarantees import forget_emails_about, months_ago, retention_months, spam_retention_days

from .registrations import Registration, RegistrationStatus

ANONYMOUS = {"name": "", "email": "", "organisation": "", "needs": ""}


def purge(now):
    """Anonymise expired registrations and delete old spam; one line for ``manage.py purge_intake``."""
    expired = Registration.objects.filter(
        anonymised_at__isnull=True, updated_at__lt=months_ago(now, retention_months())
    ).exclude(status=RegistrationStatus.SPAM)
    spam_cutoff = now - timedelta(days=spam_retention_days())
    with transaction.atomic():
        pks = list(expired.values_list("pk", flat=True))
        forget_emails_about(Registration, pks)
        # update() leaves updated_at alone, so the last change by a person stays visible.
        anonymised = Registration.objects.filter(pk__in=pks).update(anonymised_at=now, **ANONYMOUS)
        spam = Registration.objects.filter(status=RegistrationStatus.SPAM, created_at__lt=spam_cutoff)
        forget_emails_about(Registration, list(spam.values_list("pk", flat=True)))
        deleted, _ = spam.delete()
    return f"Event registrations: {anonymised} anonymised, {deleted} spam deleted"
