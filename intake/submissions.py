"""What organisations send through the intake form, and the e-mails about it.

Kept apart from the intake page (models.py) so that the modules the page
uses to handle a request (forms, mail) can import these models without
importing the page back.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.choices import OrganisationType
from home.references import readable_reference

HANDLERS_GROUP = "Intake handlers"

# The types of organisation the form offers, in the form's order.
ORGANISATION_TYPES = OrganisationType.subset(
    OrganisationType.MUNICIPALITY,
    OrganisationType.GOVERNMENT,
    OrganisationType.COMPANY,
    OrganisationType.SOCIAL_ENTERPRISE,
    OrganisationType.INITIATIVE,
    OrganisationType.EDUCATION,
    OrganisationType.OTHER,
)


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    PROPOSAL_SENT = "proposal_sent", _("Proposal sent")
    CLOSED = "closed", _("Closed")
    SPAM = "spam", _("Spam")


class Topic(models.TextChoices):
    """What the visitor asks for: a social question (the intake proper), or a room or desk at the hub."""

    QUESTION = "question", _("Question")
    ROOM = "room", _("Room or desk request")
    BUY_SOCIAL = "buy-social", _("Buy Social quote request")


def new_reference():
    """A random, readable reference such as ``K7MX-3QPA`` (home/references.py)."""
    return readable_reference()


def _handlers():
    return Q(is_superuser=True) | Q(groups__name=HANDLERS_GROUP)


class Submission(models.Model):
    """A question sent through the intake form, in either language.

    Services and themes are stored by their ``translation_key`` (the same in
    every language) with a snapshot of their titles as the visitor saw them.
    """

    reference = models.CharField(
        max_length=12,
        unique=True,
        default=new_reference,
        editable=False,
        verbose_name=_("reference"),
        help_text=_("Shown to the sender on the thank-you page and in the e-mails; not the database number."),
    )
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        verbose_name=_("language"),
        help_text=_("The language of the page the question was sent from; the confirmation uses it too."),
    )
    topic = models.CharField(
        max_length=20,
        choices=Topic.choices,
        default=Topic.QUESTION,
        db_index=True,
        verbose_name=_("kind of request"),
        help_text=_(
            "A social question, a request to book a room or a desk (from the location page), "
            "or a quote request from the Buy Social directory."
        ),
    )
    organisation_name = models.CharField(max_length=200, verbose_name=_("organisation"))
    organisation_type = models.CharField(
        max_length=30, choices=ORGANISATION_TYPES, verbose_name=_("type of organisation")
    )
    contact_name = models.CharField(max_length=120, verbose_name=_("contact person"))
    email = models.EmailField(verbose_name=_("e-mail address"))
    phone = models.CharField(max_length=30, blank=True, verbose_name=_("phone number"))
    question = models.TextField(verbose_name=_("question"))
    themes = models.JSONField(default=list, blank=True, verbose_name=_("theme keys"))
    theme_titles = models.JSONField(default=list, blank=True, verbose_name=_("themes"))
    services = models.JSONField(default=list, blank=True, verbose_name=_("service keys"))
    service_titles = models.JSONField(default=list, blank=True, verbose_name=_("services of interest"))
    # Items brought from another part of the site (intake/carried.py): keys, and titles as the visitor saw them.
    carried = models.JSONField(default=list, blank=True, verbose_name=_("keys of what came with the request"))
    carried_titles = models.JSONField(default=list, blank=True, verbose_name=_("came with the request"))
    consent_at = models.DateTimeField(
        null=True,
        verbose_name=_("consent given at"),
        help_text=_("When the sender agreed to the processing of these data."),
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
        verbose_name=_("status"),
        help_text=_("Where the question stands. 'Spam' means the form's spam checks caught it; no e-mail was sent."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=_handlers,
        verbose_name=_("assignee"),
        help_text=_("Who at the hub handles this question."),
    )
    internal_notes = models.TextField(
        blank=True,
        verbose_name=_("internal notes"),
        help_text=_("Only for the intake team; never sent to the organisation."),
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("received"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))
    # The id of the form token it came with: each shown form can be sent once (see intake/form_guard.py).
    form_token = models.CharField(max_length=32, null=True, blank=True, unique=True, editable=False)
    anonymised_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("anonymised at"),
        help_text=_("Set when the retention period ended and the personal data were removed."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self):
        if self.anonymised_at:
            return _("Anonymised question #%(pk)s") % {"pk": self.pk}
        return f"{self.organisation_name} ({timezone.localtime(self.created_at):%Y-%m-%d})"

    @property
    def carried_label(self):
        """The heading of what came with the request, as the app that sent it names it."""
        from .carried import for_topic

        items = for_topic(self.topic)
        return items.label if items else _("came with the request")

    @admin.display(description=_("assignee"), ordering="assignee__first_name")
    def assignee_name(self):
        """The assignee as colleagues know them (full name), in the admin's list, details and export."""
        if self.assignee is None:
            return ""
        return self.assignee.get_full_name() or self.assignee.get_username()


class OutgoingEmailQuerySet(models.QuerySet):
    def unsent(self):
        """Not sent, and not possibly sent either: what the outbox may still send on its own."""
        return self.filter(sent_at__isnull=True, handed_over_at__isnull=True)

    def due(self, now=None):
        return self.unsent().filter(next_attempt_at__lte=now or timezone.now())

    def maybe_sent(self):
        """Handed to the mail server, but its "accepted" never came back (or the sender died waiting).

        These are never sent again on their own: an operator decides (``send_intake_mail --maybe-sent``).
        """
        return self.filter(sent_at__isnull=True, handed_over_at__isnull=False)


class OutgoingEmail(models.Model):
    """An e-mail waiting to be sent, or sent: the outbox that makes sending safe to retry.

    Rows are created in the same transaction as what they are about (an intake
    submission, or through ``intake/guarantees.py`` another form's record: an
    application, a registration), so an e-mail exists exactly when that record
    does; they are sent after commit.
    """

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("Notification to the hub")
        CONFIRMATION = "confirmation", _("Confirmation to the sender")
        ASSIGNMENT = "assignment", _("Assignment to a handler")
        REMINDER = "reminder", _("Reminder")
        OFFER = "offer", _("Offer of a place")
        CANCELLATION = "cancellation", _("Cancellation")
        NOTICE = "notice", _("Notice")

    # An intake e-mail names its submission; another form's e-mail names its record by type and id.
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="emails")
    about_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    # For e-mails that must go once whatever runs twice (a reminder, an offer): unique over the outbox.
    once_key = models.CharField(max_length=160, null=True, blank=True, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    to = models.EmailField()
    reply_to = models.EmailField(blank=True)
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set (and committed) just before the message itself goes to the mail server. Without a
    # sent_at after it, the server may or may not have the message: it is not sent again blindly.
    handed_over_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        constraints = [
            # One notification and one confirmation per submission; a question can be assigned more than once.
            models.UniqueConstraint(
                fields=["submission", "kind"], condition=~Q(kind="assignment"), name="intake_one_email_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(submission__isnull=False) | Q(about_type__isnull=False, about_id__isnull=False),
                name="intake_email_is_about_something",
            ),
        ]
        indexes = [models.Index(fields=["about_type", "about_id"], name="intake_email_about")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.submission_id or self.about_id}"

    @property
    def about_label(self):
        """What the e-mail is about, for an operator's list: "submission 12", "challenges.application 3"."""
        if self.submission_id:
            return f"submission {self.submission_id}"
        if self.about_type_id:
            about_type = ContentType.objects.get_for_id(self.about_type_id)
            return f"{about_type.app_label}.{about_type.model} {self.about_id}"
        return ""

    @property
    def message_id(self):
        """The same Message-ID on every attempt: a mail client can tell a resent copy from a new message."""
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "localhost"
        return f"<intake-{self.pk}.{int(self.created_at.timestamp())}@{domain}>"
