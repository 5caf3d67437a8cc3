"""The intake page: the form, storing what was sent, and the thank-you page (post/redirect/get).

The page handles its own requests, like Wagtail's form pages. What it stores
(``Submission``, ``OutgoingEmail``) lives in ``submissions.py``, so that the
helpers the page uses (forms, mail, form_guard) never import the page back.
"""

from django.core import signing
from django.db import IntegrityError, models, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

from home.choices import OrganisationType
from home.localization import site_pages
from home.models import BasePage, guidance

from . import catalogue, form_guard, mail, tasks
from .forms import IntakeForm

# The stored models are defined in submissions.py and registered through this module.
from .submissions import HANDLERS_GROUP, OutgoingEmail, Status, Submission, _handlers  # noqa: F401

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
THANKS_SALT = "intake.thanks"
THANKS_MAX_AGE = 30 * 60  # seconds the thank-you page shows what was sent


class IntakePage(BasePage):
    """'Put your question to us': the form, and the thank-you page after it."""

    page_description = _("The intake form where organisations put their question to us. One per language.")

    intro = RichTextField(
        features=TEXT_FEATURES,
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("Shown above the form: who the form is for and what kind of question fits."),
    )
    what_happens_next = RichTextField(
        features=TEXT_FEATURES,
        blank=True,
        verbose_name=_("what happens next"),
        help_text=_("Shown next to the form and on the thank-you page: how and when the hub answers."),
    )
    privacy_note = RichTextField(
        features=TEXT_FEATURES,
        blank=True,
        verbose_name=_("privacy note"),
        help_text=_("Shown just above the consent box: what is kept, why and for how long, in two sentences."),
    )
    thank_you_text = RichTextField(
        features=TEXT_FEATURES,
        blank=True,
        verbose_name=_("thank-you text"),
        help_text=_("Shown after a question was sent, above a summary of what was sent."),
    )

    content_panels = BasePage.content_panels + [
        guidance(
            _(
                "The form only takes questions while the privacy statement chosen in Settings → "
                "Site settings is live. When it is not, visitors see a notice with the hub's "
                "e-mail address instead of the form."
            ),
            _("Questions arrive under Intake → Submissions; assigning one to a colleague e-mails them."),
        ),
        FieldPanel("lead"),
        # Its field name says "introduction", as the lead's Dutch does: the heading says where it shows.
        FieldPanel("intro", heading=_("Text above the form")),
        FieldPanel("what_happens_next"),
        FieldPanel("privacy_note"),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    # "Form" alone is also the menukaart's "form of a service" (Dutch "Vorm"): a context keeps them apart.
    preview_modes = [("", pgettext_lazy("intake preview", "Form")), ("thanks", _("Thank-you page"))]

    class Meta:
        verbose_name = _("intake page")

    def serve(self, request, *args, **kwargs):
        if self._privacy_statement(request) is None:
            # No consent without a statement to consent to: nothing is read from a POST, nothing stored.
            return self._closed_page(request)
        if request.method == "POST":
            return self._receive(request)
        submission = self._submission_for(request.GET.get("sent"))
        if submission is not None:
            return self._thanks(request, submission)
        initial = {"services": request.GET.getlist("service"), "topic": request.GET.get("topic")}
        form = IntakeForm(locale=self.locale, initial=initial)
        return self._form_page(request, form)

    def serve_preview(self, request, mode_name):
        """The form, or ("thanks") the thank-you page with an example of what a visitor sent."""
        if mode_name == "thanks":
            return self._thanks(request, self.example_submission())
        return super().serve_preview(request, mode_name)

    def example_submission(self):
        """An unsaved submission in the page's language, to preview the thank-you page with."""
        return Submission(
            language=self.locale.language_code,
            organisation_name=_("Example organisation"),
            organisation_type=OrganisationType.COMPANY,
            contact_name=_("Example contact person"),
            email="name@example.org",
            question=_("This is an example: the question a visitor sent appears here."),
            theme_titles=[],
            service_titles=[_("Example service from the menu")],
            reference="ABCD-2345",
        )

    def _receive(self, request):
        form = IntakeForm(request.POST, locale=self.locale)
        if not form.is_valid():
            return self._form_page(request, form)
        if form_guard.over_rate_limit(request):
            return self._form_page(request, form, rate_limited=True, status=429)
        notify = IntakeSettings.for_request(request).notification_email
        try:
            submission = self._store(form, Status.SPAM if form.looks_like_spam() else Status.NEW, notify)
        except IntegrityError:  # the same form token in two requests at once: the other one was stored
            form.refuse_stale_token()
            return self._form_page(request, form)
        # The public reference, never the database number: that would say how many questions came in.
        token = signing.dumps(submission.reference, salt=THANKS_SALT)
        return HttpResponseRedirect(f"{self.get_url(request)}?sent={token}", status=303)

    def _store(self, form, status, notification_address):
        """Save the submission and its e-mails in one transaction; the worker sends them after commit.

        Caught spam is stored with status spam and gets no e-mail.
        """
        data = form.cleaned_data
        themes, services = form.chosen("themes"), form.chosen("services")
        with transaction.atomic():
            submission = Submission.objects.create(
                language=self.locale.language_code,
                topic=data["topic"],
                organisation_name=data["organisation_name"],
                organisation_type=data["organisation_type"],
                contact_name=data["contact_name"],
                email=data["email"],
                phone=data["phone"],
                question=data["question"],
                themes=[key for key, _title in themes],
                theme_titles=[title for _key, title in themes],
                services=[key for key, _title in services],
                service_titles=[title for _key, title in services],
                consent_at=timezone.now(),
                status=status,
                form_token=form.token_id(),
            )
            if status != Status.SPAM:
                emails = mail.queue(submission, notification_address)
                # The request never talks to the mail server: the worker does, after the commit.
                # Should enqueueing fail, the rows are in the outbox and the sweep sends them.
                email_ids = [email.pk for email in emails]
                transaction.on_commit(lambda: tasks.send_intake_mail.enqueue(email_ids), robust=True)
        return submission

    @staticmethod
    def _submission_for(token):
        """The submission a thank-you token names, if the token is genuine and recent."""
        if not token:
            return None
        try:
            reference = signing.loads(token, salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
        except signing.BadSignature:
            return None
        if not isinstance(reference, str):
            return None
        return Submission.objects.filter(reference=reference, anonymised_at__isnull=True).first()

    @staticmethod
    def _privacy_statement(request):
        """The live privacy statement the consent box links to; None when unset, unpublished or expired.

        An expired page counts as gone even before ``publish_scheduled`` has unpublished it.
        """
        privacy = site_pages(request)["privacy"]
        if privacy is None or privacy.expired or (privacy.expire_at and privacy.expire_at <= timezone.now()):
            return None
        return privacy

    def _privacy_url(self, request):
        privacy = self._privacy_statement(request)
        return privacy.get_url(request) if privacy else ""

    def _closed_page(self, request):
        """The notice shown instead of the form while there is no live privacy statement.

        Status 200, not 503: this is an editorial state, not a server failure. nginx retries
        another app instance on a 503 (``proxy_next_upstream http_503``) and monitoring reads
        503 as an outage; the visitor needs the notice and the hub's address either way.
        """
        context = self.get_context(request)
        context.update(form=None, intake_closed=True)
        response = TemplateResponse(request, self.get_template(request), context)
        response["Cache-Control"] = "no-store"  # reopens the moment the statement is live again
        return response

    def _form_page(self, request, form, rate_limited=False, status=200):
        context = self.get_context(request)
        package, package_url = (None, None)
        if not form.is_room_request:
            package, package_url = catalogue.package(self.locale, form["services"].value(), request)
        context.update(
            package=package,
            package_url=package_url,
            is_room_request=form.is_room_request,
            form=form,
            error_links=_error_links(form),
            rate_limited=rate_limited,
            privacy_url=self._privacy_url(request),
        )
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        # It sets the CSRF cookie and holds a single-use form token (and, after an error, what was
        # typed): no shared cache or back button may keep it.
        response["Cache-Control"] = "private, no-store"
        return response

    def _thanks(self, request, submission):
        context = self.get_context(request)
        context.update(submission=submission)
        response = TemplateResponse(request, "intake/intake_page_thanks.html", context)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex"
        return response


def _error_links(form):
    """(anchor, message) for the error summary: each links to its field (the first option of a group)."""
    links = []
    for name, errors in form.errors.items():
        if name not in form.fields:
            continue
        field = form[name]
        anchor = f"{field.auto_id}_0" if field.field.widget.use_fieldset else field.auto_id
        links.extend((anchor, error) for error in errors)
    return links


@register_setting(icon="mail")
class IntakeSettings(BaseSiteSetting):
    """Settings of the intake: where the hub hears of new questions."""

    notification_email = models.EmailField(
        blank=True,
        verbose_name=_("e-mail for new questions"),
        help_text=_("The intake team gets a message here for every question sent through the site."),
    )

    panels = [FieldPanel("notification_email")]

    class Meta:
        verbose_name = _("intake settings")
