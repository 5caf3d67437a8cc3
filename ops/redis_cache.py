"""Redis as a cache that may fail: django-redis, and a pause after a failure.

django-redis answers "not cached" when Redis is down or hangs
(``IGNORE_EXCEPTIONS``; 1 s connect and read timeouts) and logs what it
ignored on this module's logger (``DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS``).

A page makes several cache calls, and against a Redis that hangs each would
wait for its own timeout. ``PausingRetry``, the redis-py retry policy of every
connection in the pool, therefore refuses every call at once for
``PAUSE_SECONDS`` after a connection error or timeout: a dead or blackholed
Redis costs at most one timeout per process per pause. Its warning says so
once; ``QuietWhilePaused`` keeps the refused calls out of the log.
"""

import logging
import threading
import time

from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

PAUSE_SECONDS = 30
TIMEOUT_SECONDS = 1


class RedisPaused(RedisConnectionError):
    """Raised instead of trying Redis while the pause after a failure lasts."""


class PausingRetry(Retry):
    """No retry; after a failure, no attempt either for ``pause`` seconds (thread-safe)."""

    def __init__(self, pause=PAUSE_SECONDS):
        super().__init__(NoBackoff(), 0)
        self.pause = pause
        self._until = 0.0
        self._lock = threading.Lock()

    def __deepcopy__(self, memo):
        # redis-py copies the policy into each connection; the pause must be one for the whole pool.
        return self

    def call_with_retry(self, do, fail, *args, **kwargs):
        if time.monotonic() < self._until:
            raise RedisPaused(f"Redis failed less than {self.pause} s ago")
        try:
            return super().call_with_retry(do, fail, *args, **kwargs)
        except RedisPaused:
            raise
        except (RedisConnectionError, RedisTimeoutError) as error:
            self._failed(error)
            raise

    def _failed(self, error):
        with self._lock:
            already_paused = time.monotonic() < self._until
            self._until = time.monotonic() + self.pause
        if not already_paused:
            logger.warning(
                "Cache unavailable (%s: %s); serving uncached for %d s", type(error).__name__, error, self.pause
            )


class QuietWhilePaused(logging.Filter):
    """Drops django-redis's record of a call that the pause refused (the pause's warning said why)."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(getattr(error, "__cause__", None), RedisPaused)


def redis_cache(url, **extra):
    """A ``CACHES`` entry for the Redis at ``url``: forgiving, 1 s timeouts, the pause above."""
    options = {
        "SOCKET_CONNECT_TIMEOUT": TIMEOUT_SECONDS,
        "SOCKET_TIMEOUT": TIMEOUT_SECONDS,
        "IGNORE_EXCEPTIONS": True,
        "CONNECTION_POOL_KWARGS": {"retry": PausingRetry()},
    }
    return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "OPTIONS": options, **extra}
