"""What social entrepreneurs send through a challenge's application form.

Kept apart from the pages (models.py) so that the helpers the page uses to handle a
request (forms, attachments, retention) can import the model without importing the
page back. Applications from /nl/ and /en/ point at the same challenge, the Dutch
page (the source of the translation), so that one list per challenge holds both.
"""

import uuid

from django.conf import settings
from django.contrib import admin
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.references import readable_reference

HANDLERS_GROUP = "Challenge handlers"
ATTACHMENT_STORAGE = "challenge_attachments"


def new_reference():
    """A random, readable reference such as ``C-K7MX-3QPA`` (home/references.py)."""
    return readable_reference("C-")


def attachment_storage():
    """The private storage of attachments (``STORAGES["challenge_attachments"]``): never under public media."""
    return storages[ATTACHMENT_STORAGE]


def attachment_path(application, filename):
    """A random name: the stored file's name says nothing about who sent it."""
    return f"applications/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


def _handlers():
    return Q(is_superuser=True) | Q(groups__name=HANDLERS_GROUP)


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")
    SPAM = "spam", _("Caught as spam")


class Application(models.Model):
    """An application for a challenge's open call, from either language."""

    reference = models.CharField(
        max_length=16,
        unique=True,
        default=new_reference,
        editable=False,
        verbose_name=_("reference"),
        help_text=_("Shown to the applicant on the thank-you page and in the e-mails; not the database number."),
    )
    challenge = models.ForeignKey(
        "challenges.ChallengePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        verbose_name=_("challenge"),
        help_text=_("The challenge applied for (its Dutch page, for applications from both languages)."),
    )
    challenge_title = models.CharField(
        max_length=255,
        verbose_name=_("challenge title"),
        help_text=_("The challenge's title as the applicant saw it; kept if the page is deleted."),
    )
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        verbose_name=_("language"),
        help_text=_("The language of the page the application was sent from; the confirmation uses it too."),
    )
    organisation_name = models.CharField(max_length=200, verbose_name=_("organisation"))
    contact_name = models.CharField(max_length=120, verbose_name=_("contact person"))
    email = models.EmailField(verbose_name=_("e-mail address"))
    activity = models.TextField(verbose_name=_("what the enterprise does"))
    approach = models.TextField(verbose_name=_("proposed approach"))
    attachment = models.FileField(
        storage=attachment_storage,
        upload_to=attachment_path,
        blank=True,
        max_length=200,
        verbose_name=_("attachment"),
        help_text=_("An optional PDF, kept outside the public files and shown only to challenge handlers."),
    )
    consent_at = models.DateTimeField(
        null=True,
        verbose_name=_("consent given at"),
        help_text=_("When the applicant agreed to the processing of these data."),
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
        verbose_name=_("status"),
        help_text=_("Where the application stands. 'Caught as spam' means the form's checks caught it; no e-mail."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=_handlers,
        verbose_name=_("assignee"),
        help_text=_("Who at the hub handles this application."),
    )
    internal_notes = models.TextField(
        blank=True,
        verbose_name=_("internal notes"),
        help_text=_("Only for the challenge team; never sent to the applicant."),
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("received"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))
    # The id of the form token it came with: each shown form can be sent once (intake.guarantees).
    form_token = models.CharField(max_length=32, null=True, blank=True, unique=True, editable=False)
    anonymised_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("anonymised at"),
        help_text=_("Set when the retention period ended and the personal data and attachment were removed."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        if self.anonymised_at:
            return _("Anonymised application #%(pk)s") % {"pk": self.pk}
        return f"{self.organisation_name} ({timezone.localtime(self.created_at):%Y-%m-%d})"

    @admin.display(description=_("assignee"), ordering="assignee__first_name")
    def assignee_name(self):
        """The assignee as colleagues know them (full name), in the admin's list and export."""
        if self.assignee is None:
            return ""
        return self.assignee.get_full_name() or self.assignee.get_username()

    @admin.display(description=_("attachment"), boolean=True)
    def has_attachment(self):
        return bool(self.attachment)


@receiver(post_delete, sender=Application)
def delete_attachment(sender, instance, **kwargs):
    """A deleted application (on the applicant's request, AVG) takes its file along, once the delete is committed."""
    name = instance.attachment.name
    if name:
        transaction.on_commit(lambda: attachment_storage().delete(name))
