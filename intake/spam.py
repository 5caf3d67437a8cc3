"""Spam and abuse checks that need no cookie and no third party.

- a honeypot field that people do not see and bots fill in;
- a signed timestamp in the form: a form sent back within seconds was not
  filled in by a person;
- a limit per IP address per hour, counted in the cache (Redis when
  ``REDIS_URL`` is set, so all processes share it). The address itself is
  never stored: the cache key holds a keyed hash of it.
"""

import hashlib
import hmac
import logging
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

TIMESTAMP_SALT = "intake.form-started"
HONEYPOT_FIELD = "website"

logger = logging.getLogger(__name__)


def min_fill_seconds():
    return getattr(settings, "INTAKE_MIN_FILL_SECONDS", 3)


def rate_limit_per_hour():
    return getattr(settings, "INTAKE_RATE_LIMIT_PER_HOUR", 10)


def form_timestamp():
    return signing.dumps(time.time(), salt=TIMESTAMP_SALT)


def filled_in_too_fast(token):
    """True when the form came back sooner than a person could fill it in, or without a valid timestamp."""
    try:
        started = float(signing.loads(token or "", salt=TIMESTAMP_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return True
    return time.time() - started < min_fill_seconds()


def client_address(request):
    """The visitor's IP address; behind ``INTAKE_TRUSTED_PROXIES`` proxies, taken from X-Forwarded-For."""
    proxies = getattr(settings, "INTAKE_TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(request):
    digest = hmac.new(settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256).hexdigest()
    return f"intake:rate:{int(time.time() // 3600)}:{digest[:32]}"


def over_rate_limit(request):
    """Count one submission for the visitor's address; True when this hour's limit is passed.

    Fails open: when the cache cannot count (Redis down), the submission is let through
    with a log line; losing a question is worse than letting a few extra through.
    """
    key = _rate_key(request)
    try:
        cache.add(key, 0, timeout=3600)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=3600)
            count = 1
    except Exception as error:  # noqa: BLE001 - any cache failure: fail open
        logger.warning("Intake rate limit unavailable (%s); letting the submission through", type(error).__name__)
        return False
    return count > rate_limit_per_hour()
