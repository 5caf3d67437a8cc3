"""Limits per hour, counted in the shared cache (Redis in production, so every process counts together).

A limit fails open: when the cache cannot count (Redis down: django-redis
answers ``None``), the request is let through with a log line. Losing a
question or a reset mail is worse than letting a few extra through. The
counted identity (an address, an account) is never stored: the key holds a
keyed hash of it.
"""

import hashlib
import hmac
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def over_hourly_limit(name, identity, limit):
    """Count one for ``identity`` under the limit ``name`` this hour; True when past ``limit``."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{name}:{identity}".encode(), hashlib.sha256).hexdigest()
    key = f"hourly-limit:{int(time.time() // 3600)}:{digest[:32]}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    if count is None:
        logger.warning("%s unavailable (the cache cannot count); letting it through", name)
        return False
    return count > limit
