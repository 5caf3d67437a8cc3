"""The intake page: the form, storing what was sent, and the thank-you page (post/redirect/get)."""

from django.core import signing
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from home.localization import site_pages
from home.models import SiteSettings

from . import mail, spam, tasks
from .forms import IntakeForm
from .models import Status, Submission

THANKS_SALT = "intake.thanks"
THANKS_MAX_AGE = 30 * 60  # seconds the thank-you page shows what was sent


def serve_intake_page(page, request):
    if request.method == "POST":
        return _receive(page, request)
    submission = _submission_for(request.GET.get("sent"))
    if submission is not None:
        return _thanks(page, request, submission)
    form = IntakeForm(locale=page.locale, initial={"services": request.GET.getlist("service")})
    return _form_page(page, request, form)


def _receive(page, request):
    form = IntakeForm(request.POST, locale=page.locale)
    if not form.is_valid():
        return _form_page(page, request, form)
    if spam.over_rate_limit(request):
        return _form_page(page, request, form, rate_limited=True, status=429)
    notify = SiteSettings.for_request(request).intake_notification_email
    submission = _store(page, form, Status.SPAM if form.looks_like_spam() else Status.NEW, notify)
    token = signing.dumps(submission.pk, salt=THANKS_SALT)
    return HttpResponseRedirect(f"{page.get_url(request)}?sent={token}", status=303)


def _store(page, form, status, notification_address):
    """Save the submission and its e-mails in one transaction; the worker sends them after commit.

    Caught spam is stored with status spam and gets no e-mail.
    """
    data = form.cleaned_data
    themes, services = form.chosen("themes"), form.chosen("services")
    with transaction.atomic():
        submission = Submission.objects.create(
            language=page.locale.language_code,
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
        )
        if status != Status.SPAM:
            emails = mail.queue(submission, notification_address)
            # The request never talks to the mail server: the worker does, after the commit.
            # Should enqueueing fail, the rows are in the outbox and the sweep sends them.
            email_ids = [email.pk for email in emails]
            transaction.on_commit(lambda: tasks.send_intake_mail.enqueue(email_ids), robust=True)
    return submission


def _submission_for(token):
    """The submission a thank-you token names, if the token is genuine and recent."""
    if not token:
        return None
    try:
        pk = signing.loads(token, salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
    except signing.BadSignature:
        return None
    return Submission.objects.filter(pk=pk, anonymised_at__isnull=True).first()


def _privacy_url(request):
    privacy = site_pages(request)["privacy"]
    return privacy.get_url(request) if privacy else ""


def _form_page(page, request, form, rate_limited=False, status=200):
    context = page.get_context(request)
    context.update(
        form=form,
        error_links=_error_links(form),
        rate_limited=rate_limited,
        privacy_url=_privacy_url(request),
    )
    return TemplateResponse(request, page.get_template(request), context, status=status)


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


def _thanks(page, request, submission):
    context = page.get_context(request)
    context.update(submission=submission)
    response = TemplateResponse(request, "intake/intake_page_thanks.html", context)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
