"""The intake form's guards against bots and abuse, without a cookie or a third party.

- a honeypot field that people do not see and bots fill in;
- a signed token in the form with the time it was shown and a random id: a
  form sent back within seconds was not filled in by a person; a token older
  than ``INTAKE_FORM_MAX_AGE`` (2 hours) or already used for a stored
  submission is refused with a friendly message and a fresh token (the id is
  stored on the submission under a unique constraint, so the database, shared
  by every app process, decides, and it works without the cache);
- a limit per IP address per hour, counted in the cache (Redis when
  ``REDIS_URL`` is set, so all processes share it). The address itself is
  never stored: the cache key holds a keyed hash of it.
"""

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ops.client_address import client_address
from ops.hourly_limits import over_hourly_limit

# The salt is part of every token handed out: changing it turns open forms stale.
SIGNING_SALT = "intake.form-started"
HONEYPOT_FIELD = "website"
STALE_FORM_MESSAGE = _(
    "This form was open for a long time or has been sent already, so we did not take it in. "
    "Your text is still below: check it and send it again."
)


def min_fill_seconds():
    return getattr(settings, "INTAKE_MIN_FILL_SECONDS", 3)


def rate_limit_per_hour():
    return getattr(settings, "INTAKE_RATE_LIMIT_PER_HOUR", 10)


def form_max_age():
    return getattr(settings, "INTAKE_FORM_MAX_AGE", 2 * 3600)


def new_form_token(shown_at=None):
    """A signed token for a freshly shown form: when it was shown, and a random id for single use."""
    payload = {"t": time.time() if shown_at is None else shown_at, "id": secrets.token_hex(16)}
    return signing.dumps(payload, salt=SIGNING_SALT)


def read_token(token):
    """(shown at, id) from a genuine token, else None."""
    try:
        payload = signing.loads(token or "", salt=SIGNING_SALT)
        return float(payload["t"]), str(payload["id"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def filled_in_too_fast(token):
    """True when the form came back sooner than a person could fill it in, or without a valid timestamp."""
    read = read_token(token)
    if read is None:
        return True
    return time.time() - read[0] < min_fill_seconds()


def token_expired(token):
    """True for a genuine token that is too old to use."""
    read = read_token(token)
    return read is not None and time.time() - read[0] > form_max_age()


def token_id(token):
    """The single-use id of a genuine token ('' when there is none)."""
    read = read_token(token)
    return read[1] if read else ""


def over_rate_limit(request, name="Intake rate limit"):
    """Count one post of the visitor's address to the form ``name``; True when this hour's limit is passed."""
    return over_hourly_limit(name, client_address(request), rate_limit_per_hour())


class GuardedForm(forms.Form):
    """A public form with the guards above: the honeypot and the single-use form token, after its own fields.

    ``token_model`` is the model that stores what the form sends, with a unique ``form_token``
    field: the database, shared by every app process, decides whether a token was used.
    """

    token_model = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(label=_("Leave this field empty"), required=False)
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["form_token"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if not self.is_bound:
            self.initial["form_token"] = new_form_token()

    def clean(self):
        cleaned_data = super().clean()
        if self.token_is_stale():
            self.refuse_stale_token()
        return cleaned_data

    def token_id(self):
        """The token's single-use id, to store with what the form sent (None without a genuine token)."""
        return token_id(self.data.get("form_token")) or None

    def token_is_stale(self):
        """An expired token, or one whose form was already sent (a replay)."""
        token = self.data.get("form_token")
        used = token_id(token)
        if token_expired(token):
            return True
        return bool(used and self.token_model._default_manager.filter(form_token=used).exists())

    def refuse_stale_token(self):
        """Keep what was typed, give the form a fresh token, and say why it was not taken in."""
        self.data = self.data.copy()
        self.data["form_token"] = new_form_token()
        self.add_error(None, ValidationError(STALE_FORM_MESSAGE, code="stale_form"))

    def looks_like_spam(self):
        """The honeypot filled in, or the form sent back sooner than a person can (or without a genuine token)."""
        return bool(self.data.get(HONEYPOT_FIELD)) or filled_in_too_fast(self.data.get("form_token"))
