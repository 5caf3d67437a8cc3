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

from django.conf import settings
from django.core import signing

from ops.client_address import client_address
from ops.hourly_limits import over_hourly_limit

# The salt is part of every token handed out: changing it turns open forms stale.
SIGNING_SALT = "intake.form-started"
HONEYPOT_FIELD = "website"


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


def over_rate_limit(request):
    """Count one submission for the visitor's address; True when this hour's limit is passed."""
    return over_hourly_limit("Intake rate limit", client_address(request), rate_limit_per_hour())
