"""How long submissions are kept (AVG/GDPR), and what happens after.

A submission is anonymised ``INTAKE_RETENTION_MONTHS`` (default 24) after its
last change: the personal fields and notes are emptied and its e-mails
deleted, while type, language, themes, services, status and dates stay for
the hub's statistics. Caught spam has no use, so it is deleted outright after
``INTAKE_SPAM_RETENTION_DAYS`` (default 30).

Wagtail's admin log (site history) copies a submission's title (organisation
and date) into every entry about it, and keeps entries after the submission
is gone. Each run therefore also rewrites the log entries of anonymised and
deleted submissions to "Submission #<id>", with their extra data emptied; the
action, user and time stay, so the history still says who did what and when.
Submissions are not pages, so they have no page log entries.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone
from wagtail.models import ModelLogEntry

from .submissions import OutgoingEmail, Status, Submission

ANONYMOUS = {
    "organisation_name": "",
    "contact_name": "",
    "email": "",
    "phone": "",
    "question": "",
    "internal_notes": "",
}


def retention_months():
    return getattr(settings, "INTAKE_RETENTION_MONTHS", 24)


def spam_retention_days():
    return getattr(settings, "INTAKE_SPAM_RETENTION_DAYS", 30)


def months_ago(now, months):
    """The same day and time ``months`` calendar months before ``now`` (clamped to the month's end)."""
    month_index = now.year * 12 + now.month - 1 - months
    year, month = divmod(month_index, 12)
    for day in (now.day, 30, 29, 28):
        try:
            return now.replace(year=year, month=month + 1, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def purge(now=None):
    """Anonymise expired submissions and delete expired spam. Returns (anonymised, spam_deleted)."""
    now = now or timezone.now()
    expired = Submission.objects.filter(
        anonymised_at__isnull=True, updated_at__lt=months_ago(now, retention_months())
    ).exclude(status=Status.SPAM)
    with transaction.atomic():
        pks = list(expired.values_list("pk", flat=True))
        OutgoingEmail.objects.filter(submission_id__in=pks).delete()
        # update() leaves updated_at alone, so the last change by a person stays visible.
        anonymised = Submission.objects.filter(pk__in=pks).update(anonymised_at=now, assignee=None, **ANONYMOUS)
        spam_cutoff = now - timedelta(days=spam_retention_days())
        _total, deleted = Submission.objects.filter(status=Status.SPAM, created_at__lt=spam_cutoff).delete()
        scrub_admin_log()
    return anonymised, deleted.get(Submission._meta.label, 0)


def scrub_admin_log(model=Submission, label="Submission #"):
    """Take personal data out of the admin log entries of ``model``'s anonymised and deleted records.

    Their label becomes ``label`` + id and their extra data is emptied; the action, user and time stay.
    """
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    entries = ModelLogEntry.objects.filter(content_type=content_type)
    kept = {str(pk) for pk in model._default_manager.filter(anonymised_at__isnull=True).values_list("pk", flat=True)}
    stale = [pk for pk in entries.values_list("object_id", flat=True).distinct() if pk not in kept]
    return entries.filter(object_id__in=stale).update(label=Concat(Value(label), F("object_id")), data={})
