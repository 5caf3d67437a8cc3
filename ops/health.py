"""/healthz and /readyz for the proxy, the service manager and monitoring.

- ``/healthz``: the process answers. No database, no cache: a restart is the
  only cure for a failure here.
- ``/readyz``: the process can serve pages: the database answers ``SELECT 1``
  and the cache stores and returns a value, each within a short timeout
  (the connection timeouts are set in the production settings). 503 when
  either fails, so a load balancer takes the instance out of rotation.

Both are answered by a middleware at the top of the stack, before host
validation and the HTTPS redirect: the service manager asks
``http://127.0.0.1:<port>/healthz`` with no public host name. They show no
personal data and are never cached.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse

logger = logging.getLogger(__name__)

DB_STATEMENT_TIMEOUT_MS = 2000


def _check_database():
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET LOCAL statement_timeout = {DB_STATEMENT_TIMEOUT_MS}")
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    ok = cache.get(key) == "ok"
    cache.delete(key)
    return ok


CHECKS = {"database": _check_database, "cache": _check_cache}


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def healthz():
    return _no_store(JsonResponse({"status": "ok"}))


def readyz():
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            ok = bool(check())
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"
            ok = False
            logger.warning("readyz: %s failed: %s", name, type(error).__name__)
            if name == "database":
                connection.close()  # a broken connection must not be reused by the next request
        results[name] = {"ok": ok, "ms": round((time.monotonic() - started) * 1000)}
    ready = all(result["ok"] for result in results.values())
    body = {"status": "ok" if ready else "unavailable", "checks": results}
    return _no_store(JsonResponse(body, status=200 if ready else 503))


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before any other middleware (no host check, no redirect, no session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return healthz()
        if request.path == "/readyz":
            return readyz()
        return self.get_response(request)
