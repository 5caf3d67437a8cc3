"""Impact challenges: an organisation's social question, an open call to social entrepreneurs, and its result.

The status (upcoming, open, closed, running, done) is never stored: it follows from
the dates at request time (``status.py``), and each response tells the page cache
until when it holds (``ops.page_cache.hold_until``).

An open call takes applications at ``?apply`` (a query, not a sub-path: a page that routes
its own sub-paths would turn off the hub's one-query routing, see ``HomePage.route``), so
the challenge itself stays cacheable and cookie-free. The form has the intake's guarantees
(``intake.guarantees``); what it stores is ``Application`` (applications.py), triaged in the
admin (triage.py) and anonymised by the retention (retention.py).
"""

import logging

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Locale

from home.calendar import raise_sequence
from home.filters import filter_links
from home.localization import site_pages
from home.models import BasePage, SiteSettings, guidance, text_fields
from intake.guarantees import confirmation_limit_reached, over_rate_limit, queue_email, send_after_commit
from ops.page_cache import hold_until

# The stored applications are defined in applications.py and registered through this module.
from .applications import Application, attachment_path, attachment_storage
from .applications import Status as ApplicationStatus
from .forms import ApplicationForm
from .status import LISTING_ORDER, Status, deadline_in_words, local_date_and_time, next_boundary, status_at

logger = logging.getLogger(__name__)

APPLY_PARAM = "apply"  # ?apply: the application form of an open call
SENT_PARAM = "sent"  # ?sent=<signed reference>: the thank-you page after it
THANKS_SALT = "challenges.thanks"
THANKS_MAX_AGE = 30 * 60  # seconds the thank-you page can be shown
RATE_LIMIT_NAME = "Challenge application rate limit"


class ChallengeIndexPage(BasePage):
    """The open calls first, then upcoming, closed, running and done challenges; filters by status and theme."""

    page_description = _("The overview of impact challenges and their open calls. One per language.")
    search_group = "challenge"

    content_panels = BasePage.content_panels + [FieldPanel("lead")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["challenges.ChallengePage"]
    max_count_per_parent = 1
    cache_query_params = ("status", "theme")

    class Meta:
        verbose_name = _("challenge overview")

    def challenges(self):
        return list(ChallengePage.objects.child_of(self).live().select_related("theme", "organisation"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        challenges = self.challenges()
        for challenge in challenges:
            challenge.status_now = status_at(challenge, now)
            challenge.deadline_words = deadline_in_words(challenge.deadline, now) if challenge.deadline else ""
        chosen_status = request.GET.get("status", "")
        chosen_theme = request.GET.get("theme", "")
        shown = [
            c
            for c in challenges
            if chosen_status in ("", c.status_now) and chosen_theme in ("", c.theme.slug if c.theme else "")
        ]
        shown.sort(key=lambda c: (LISTING_ORDER.index(c.status_now), c.deadline or now, c.title))
        themes = sorted(
            {c.theme.slug: c.theme for c in challenges if c.theme}.values(), key=lambda t: t.name.casefold()
        )
        chosen = {"status": chosen_status, "theme": chosen_theme}
        context.update(
            challenges=shown,
            any_challenges=bool(challenges),
            status_links=filter_links(chosen, "status", [(s.value, s.label) for s in LISTING_ORDER]),
            theme_links=filter_links(chosen, "theme", [(t.slug, t.name) for t in themes]),
            filtered=bool(chosen_status or chosen_theme),
            intake_page=site_pages(request)["intake"],
            boundary=next_boundary(challenges, now),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return hold_until(response, response.context_data.get("boundary"))


def _date_and_time(moment):
    day, time = local_date_and_time(moment)
    return {"date": day, "time": time}


class ChallengePage(BasePage):
    """One challenge: who asks, the question, who may apply, what is offered, how entries are judged, the dates."""

    page_description = _("One impact challenge: the question, the open call and its dates, and later its result.")
    search_group = "challenge"

    organisation = models.ForeignKey(
        "programmes.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("asking organisation (partner)"),
        help_text=_("The partner that brings the question. Leave empty and fill in a name below for another one."),
    )
    organisation_name = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("asking organisation (name)"),
        help_text=_("Only when the organisation is not a partner."),
    )
    theme = models.ForeignKey(
        "cases.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("theme"),
        help_text=_("Visitors filter the overview by theme."),
    )
    question = models.TextField(
        verbose_name=_("the question"),
        help_text=_("The social question the organisation brings, in a few sentences."),
    )
    eligibility = models.TextField(
        blank=True, verbose_name=_("who may apply"), help_text=_("Who can take part, and any conditions.")
    )
    offer = models.TextField(
        blank=True,
        verbose_name=_("what is offered"),
        help_text=_("Budget or prize, support and the network. Only what has been agreed; no estimates."),
    )
    judging = models.TextField(
        blank=True, verbose_name=_("how entries are judged"), help_text=_("The criteria, and who judges.")
    )
    opens_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("open call starts"),
        help_text=_("Date and time in Amsterdam time. Before it the challenge shows as upcoming."),
    )
    deadline = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("deadline"),
        help_text=_("Until this moment (Amsterdam time) the form takes applications; then it closes by itself."),
    )
    work_starts_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("working period starts"),
        help_text=_("Between the deadline and this date the challenge shows as closed (selection)."),
    )
    work_ends_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("result expected"),
        help_text=_("The end of the working period; after it the challenge shows as done."),
    )
    contact = models.TextField(
        blank=True,
        verbose_name=_("contact"),
        help_text=_("How to ask a question about this challenge. Without it, visitors are pointed to the intake."),
    )
    result = models.TextField(
        blank=True, verbose_name=_("the result"), help_text=_("When done: what came out of it, said honestly.")
    )
    result_case = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("case study"),
        help_text=_("Optional: the case study about this challenge."),
    )
    notification_email = models.EmailField(
        blank=True,
        verbose_name=_("e-mail for applications"),
        help_text=_(
            "The challenge team gets a message here for every application. "
            "Leave empty to use the general address from Settings → Site settings."
        ),
    )
    calendar_sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="The SEQUENCE of the deadline's calendar event: raised whenever the deadline or the title changes.",
    )
    is_demo = models.BooleanField(
        default=False,
        verbose_name=_("demo content"),
        help_text=_("Example made by the demo loader, with invented dates. Delete it or replace it with a real call."),
    )

    content_panels = BasePage.content_panels + [
        guidance(
            _("The status (upcoming, open, closed, running, done) follows from the dates; you never set it."),
            _("Write only what has been agreed with the asking organisation: no invented budgets or promises."),
        ),
        FieldPanel("is_demo"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("organisation_name"), FieldPanel("theme")],
            heading=_("Who asks"),
        ),
        FieldPanel("question"),
        FieldPanel("eligibility"),
        FieldPanel("offer"),
        FieldPanel("judging"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("deadline")]),
                FieldRowPanel([FieldPanel("work_starts_at"), FieldPanel("work_ends_at")]),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("contact"),
        FieldPanel("notification_email"),
        FieldPanel("result"),
        PageChooserPanel("result_case", "cases.CasePage"),
    ]
    search_fields = BasePage.search_fields + text_fields("question", "eligibility", "offer", "result")
    route_select_related = ("theme", "organisation")
    parent_page_types = ["challenges.ChallengeIndexPage"]
    subpage_types = []
    # Each its own cache key: the form and the thank-you page answer "no-store" and are never kept.
    cache_query_params = (APPLY_PARAM, SENT_PARAM)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def save(self, *args, **kwargs):
        """Raise ``calendar_sequence`` when the deadline or title changes, so calendars take the new event."""
        kwargs = raise_sequence(self, ("deadline", "title"), "calendar_sequence", kwargs)
        return super().save(*args, **kwargs)

    @property
    def has_result(self):
        return bool(self.result.strip())

    @property
    def asking_organisation(self):
        return self.organisation.name if self.organisation else self.organisation_name

    def phases(self):
        """(label, date words) for each date that is set, in order."""
        labels = [
            (self.opens_at, _("Open call starts")),
            (self.deadline, _("Deadline")),
            (self.work_starts_at, _("Working period starts")),
            (self.work_ends_at, _("Result expected")),
        ]
        return [(label, _("%(date)s at %(time)s") % _date_and_time(moment)) for moment, label in labels if moment]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context.update(
            status=status_at(self, now),
            deadline_words=deadline_in_words(self.deadline, now) if self.deadline else "",
            intake_page=site_pages(request)["intake"],
            boundary=next_boundary([self], now),
        )
        return context

    def serve(self, request, *args, **kwargs):
        """The challenge; with ``?apply`` its application form; after a post, the thank-you page.

        The challenge itself holds no form, so it stays in the page cache (until its next date)
        and sets no cookie; the form page carries the CSRF cookie and a single-use token.
        """
        if request.method == "POST":
            return self._receive(request)
        if SENT_PARAM in request.GET:
            application = self._application_for(request.GET[SENT_PARAM])
            if application is None:  # an old or made-up link: the challenge itself
                return HttpResponseRedirect(self.get_url(request))
            return self._thanks(request, application)
        if APPLY_PARAM in request.GET:
            return self._form_page(request, ApplicationForm() if self._takes_applications(request) else None)
        response = super().serve(request, *args, **kwargs)
        return hold_until(response, response.context_data.get("boundary"))

    def is_open(self):
        """Whether the call takes applications now (Amsterdam time, at this very request)."""
        return status_at(self, timezone.now()) == Status.OPEN

    def _takes_applications(self, request):
        """Open, and with a live privacy statement to consent to (as the intake form)."""
        return self.is_open() and _privacy_statement(request) is not None

    def _receive(self, request):
        # After the deadline (or without a privacy statement) nothing of the post is used: no row, no file, no mail.
        if not self._takes_applications(request):
            return self._form_page(request, None, status=410 if not self.is_open() else 200)
        form = ApplicationForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._form_page(request, form)
        if over_rate_limit(request, RATE_LIMIT_NAME):
            return self._form_page(request, form, rate_limited=True, status=429)
        try:
            application = self._store(request, form)
        except IntegrityError:  # the same form token in two requests at once: the other one was stored
            form.refuse_stale_token()
            return self._form_page(request, form)
        # The public reference, never the database number: that would say how many applications came in.
        token = signing.dumps(application.reference, salt=THANKS_SALT)
        return HttpResponseRedirect(f"{self.get_url(request)}?{SENT_PARAM}={token}", status=303)

    def _store(self, request, form):
        """Save the application and its e-mails in one transaction; the worker sends them after the commit.

        Caught spam is stored with status spam, without its attachment and without e-mail. The
        attachment is written first, and removed again when the row is not stored.
        """
        data, spam = form.cleaned_data, form.looks_like_spam()
        source = self.source_page()
        application = Application(
            challenge=source,
            challenge_title=source.title,
            language=self.locale.language_code,
            organisation_name=data["organisation_name"],
            contact_name=data["contact_name"],
            email=data["email"],
            activity=data["activity"],
            approach=data["approach"],
            consent_at=timezone.now(),
            status=ApplicationStatus.SPAM if spam else ApplicationStatus.RECEIVED,
            form_token=form.token_id(),
        )
        stored = None
        upload = data.get("attachment")
        if upload and not spam:
            stored = attachment_storage().save(attachment_path(application, upload.name), upload)
            application.attachment = stored
        try:
            with transaction.atomic():
                application.save()
                if not spam:
                    send_after_commit(self._queue_emails(request, application))
        except BaseException:
            if stored:
                attachment_storage().delete(stored)
            raise
        return application

    def _queue_emails(self, request, application):
        """The hub's notification (in Dutch) and the applicant's confirmation (in the page's language)."""
        hub = self.notification_email or SiteSettings.for_request(request).email
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "challenge_applications:edit", args=[application.pk]
        )
        context = {"challenge_title": self.title, "challenge_url": self.get_full_url(request), "admin_url": admin_url}
        emails = []
        if hub:
            emails.append(
                queue_email(
                    application,
                    "notification",
                    to=hub,
                    template="challenges/email/notification",
                    language=settings.LANGUAGE_CODE,
                    context=context,
                    reply_to=application.email,
                )
            )
        else:
            logger.warning(
                "Challenges: no address for applications (page or site settings); application %s", application.pk
            )
        if not confirmation_limit_reached(application.email):
            emails.append(
                queue_email(
                    application,
                    "confirmation",
                    to=application.email,
                    template="challenges/email/confirmation",
                    language=application.language,
                    context=context,
                    reply_to=hub,
                )
            )
        return emails

    def source_page(self):
        """The Dutch page of this challenge (the source of its translation), where every application points."""
        return self.get_translation_or_none(Locale.get_default()) or self

    @staticmethod
    def _application_for(token):
        """The application a thank-you token names, if the token is genuine and recent."""
        try:
            reference = signing.loads(token, salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
        except signing.BadSignature:
            return None
        if not isinstance(reference, str):
            return None
        return Application.objects.filter(reference=reference, anonymised_at__isnull=True).first()

    def _form_page(self, request, form, rate_limited=False, status=200):
        """The form (or, when the call is not open, the notice that it closed)."""
        context = self.get_context(request)
        privacy = _privacy_statement(request)
        context.update(
            form=form,
            no_privacy_statement=privacy is None,
            error_links=_error_links(form) if form is not None else [],
            rate_limited=rate_limited,
            privacy_url=privacy.get_url(request) if privacy else "",
        )
        response = TemplateResponse(request, "challenges/apply.html", context, status=status)
        # It sets the CSRF cookie and holds a single-use form token (and, after an error, what was
        # typed): no shared cache or back button may keep it.
        response["Cache-Control"] = "private, no-store"
        return response

    def _thanks(self, request, application):
        context = self.get_context(request)
        context.update(application=application)
        response = TemplateResponse(request, "challenges/apply_thanks.html", context)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex"
        return response


def _privacy_statement(request):
    """The live privacy statement the consent box links to; None when unset, unpublished or expired."""
    privacy = site_pages(request)["privacy"]
    if privacy is None or privacy.expired or (privacy.expire_at and privacy.expire_at <= timezone.now()):
        return None
    return privacy


def _error_links(form):
    """(anchor, message) for the error summary: each links to its field."""
    return [
        (form[name].auto_id, error) for name, errors in form.errors.items() if name in form.fields for error in errors
    ]
