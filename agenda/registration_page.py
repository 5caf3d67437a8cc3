"""Registration on the event page: the form, the thank-you page, and the links in the e-mails.

``EventRegistration`` is mixed into ``EventPage`` (before ``BasePage``), so the page
handles its own requests as the intake page does: validate, rate limit, one
transaction that stores the registration and its e-mails (``seats.register``), then
a 303 to the thank-you page with a signed reference. The links in the e-mails come
back to the event page with ``?registration=<signed token>``: a GET shows a button,
a POST cancels (or accepts an offered seat). No account, no cookie but the CSRF one.
"""

from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from home.localization import site_pages
from intake.guarantees import over_rate_limit, send_after_commit

from . import seats
from .registration_forms import RegistrationForm
from .registration_mail import LINK_PARAMETER
from .registrations import HOLDS_SEAT, Registration, RegistrationStatus

THANKS_SALT = "agenda.registered"
THANKS_PARAMETER = "registered"
THANKS_MAX_AGE = 30 * 60
RATE_LIMIT_NAME = "agenda-registration"
# What ``seats.with_seats_taken`` annotates; a page read alone gets them in one query (``_count_seats``).
SEAT_COUNTS = ("seats_taken", "is_seat_source", "has_seat_source", "seat_source_capacity")


class EventRegistration:
    """What an event page does for registration. ``seats_left`` is ``None`` when the event takes none."""

    needs_privacy_statement = True
    # Read by the page: the page cache keys on them, so a link's answer is never the plain page's entry.
    cache_query_params = (LINK_PARAMETER, THANKS_PARAMETER)

    def seats_left(self):
        """Free seats (both languages share them), counted by a listing for all its events at once, else one query."""
        capacity = self.seat_capacity()
        return None if capacity is None else max(0, capacity - self.seats_taken)

    def seat_capacity(self):
        """How many seats there are. Both languages share the seats of the page in the default language
        (``seats.registration_event``), so a translation counts with that page's live capacity: an English
        page not yet synced after the Dutch capacity changed shows the seats people can take."""
        self._count_seats()
        if self.is_seat_source or not self.has_seat_source:
            return self.capacity  # this page's own, also in the editor's preview of a draft
        return self.seat_source_capacity

    def _count_seats(self):
        """``seats_taken`` and the default language's capacity in one query, unless a listing annotated them."""
        if hasattr(self, "has_seat_source"):
            return
        counted = seats.with_seats_taken(type(self).objects.filter(pk=self.pk)).values(*SEAT_COUNTS).first()
        # A page not saved yet (the editor's preview of a new event) holds no seats and is its own source.
        self.__dict__.update(counted or {"seats_taken": 0, "is_seat_source": True, "has_seat_source": False})

    def registration_open(self, now=None):
        """Open when this event has not started or been cancelled and the seats' translation has a capacity."""
        return seats.registration_open(self, now) and self.seat_capacity() is not None

    def serve(self, request, *args, **kwargs):
        token = request.POST.get(LINK_PARAMETER) if request.method == "POST" else request.GET.get(LINK_PARAMETER)
        if token is not None:
            return self._registration_link(request, token)
        if request.method == "POST":
            return self._receive(request)
        registration = _registration_for_thanks(request.GET.get(THANKS_PARAMETER))
        if registration is not None and registration.event.translation_key == self.translation_key:
            return self._thanks(request, registration)
        return self._event_page(request)

    def _privacy_url(self, request):
        privacy = site_pages(request)["privacy"]
        return privacy.get_url(request) if privacy is not None and privacy.live else ""

    def get_context(self, request, *args, **kwargs):
        """The registration part of the page (also in the editor's preview): a fresh form while it is open."""
        context = super().get_context(request, *args, **kwargs)
        privacy_url = self._privacy_url(request)
        context.update(
            registration_form=RegistrationForm() if self.registration_open() and privacy_url else None,
            registration_error_links=[],
            registration_rate_limited=False,
            registration_refused=False,
            privacy_url=privacy_url,
        )
        return context

    def _event_page(self, request, status=200, **registration):
        """The event page; ``registration`` replaces parts of the registration context (form=, refused=, ...)."""
        context = self.get_context(request)
        context.update({f"registration_{name}": value for name, value in registration.items()})
        form = context["registration_form"]
        if form is not None and form.is_bound:
            context["registration_error_links"] = _error_links(form)
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        if form is not None:
            # A CSRF cookie and a single-use form token (and, after an error, what was typed): never shared.
            response["Cache-Control"] = "private, no-store"
        return response

    def _receive(self, request):
        event = seats.registration_event(self)
        if not (seats.registration_open(event) and self._privacy_url(request)):
            # Past, cancelled, without seats or without a privacy statement: nothing is read, nothing stored.
            return self._event_page(request, status=409, form=None, refused=True)
        form = RegistrationForm(request.POST)
        if not form.is_valid():
            return self._event_page(request, form=form)
        if over_rate_limit(request, RATE_LIMIT_NAME):
            return self._event_page(request, status=429, form=form, rate_limited=True)
        data = form.cleaned_data
        registration = Registration(
            event=event,
            language=self.locale.language_code,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            needs=data["needs"],
            consent_at=timezone.now(),
            form_token=form.token_id(),
        )
        try:
            with transaction.atomic():
                if form.looks_like_spam():  # stored (its token is used up), no seat, no e-mail
                    registration.status = RegistrationStatus.SPAM
                    registration.save()
                else:
                    send_after_commit(seats.register(registration))
        except IntegrityError:  # the same form token in two requests at once: the other one was stored
            form.refuse_stale_token()
            return self._event_page(request, form=form)
        except seats.RegistrationClosed:  # closed by an editor between the check above and the lock
            return self._event_page(request, status=409, form=None, refused=True)
        token = signing.dumps(registration.link_key, salt=THANKS_SALT)
        return HttpResponseRedirect(f"{self.get_url(request)}?{THANKS_PARAMETER}={token}", status=303)

    def _thanks(self, request, registration):
        context = self.get_context(request)
        context.update(registration=registration, on_waiting_list=registration.status == RegistrationStatus.WAITING)
        return _private(TemplateResponse(request, "agenda/registration/thanks.html", context))

    def _registration_link(self, request, token):
        registration = Registration.for_link_token(token)
        if registration is None or registration.event.translation_key != self.translation_key:
            raise Http404
        if request.method == "POST":
            action = request.POST.get("action")
            if action == "cancel":
                seats.cancel(registration)
            elif action == "accept":
                seats.accept_offer(registration)
            url = f"{self.get_url(request)}?{LINK_PARAMETER}={token}"
            return HttpResponseRedirect(url, status=303)
        registration.refresh_from_db()
        now = timezone.now()
        context = self.get_context(request)
        context.update(
            registration=registration,
            link_token=token,
            link_parameter=LINK_PARAMETER,
            can_cancel=registration.status in (*HOLDS_SEAT, RegistrationStatus.WAITING) and self.starts_at > now,
            can_accept=registration.status == RegistrationStatus.OFFERED and registration.offer_expires_at > now,
        )
        return _private(TemplateResponse(request, "agenda/registration/manage.html", context))


def _private(response):
    """Kept by no cache, and the address (which holds a token) never sent to another site.

    "same-origin", not "no-referrer": the page's own buttons post with an Origin header, which
    "no-referrer" would make ``null``, and Django's CSRF check refuses that.
    """
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _registration_for_thanks(token):
    if not token:
        return None
    try:
        key = signing.loads(token, salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(key, str):
        return None
    return Registration.objects.select_related("event").filter(link_key=key, anonymised_at__isnull=True).first()


def _error_links(form):
    """(anchor, message) for the error summary, each linking to its field."""
    return [
        (form[name].auto_id, error) for name, errors in form.errors.items() if name in form.fields for error in errors
    ]
