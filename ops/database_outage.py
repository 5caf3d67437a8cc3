"""A database outage gives the bilingual 503 page, at once while the database stays unreachable.

- ``database_unavailable`` (the 500 handler and a middleware): a database that
  is unreachable or times out gives the bilingual 503 page, rendered without
  the database and without the request's context processors.
- ``DatabaseCircuit``: once a connection to the database could not be made
  (``DATABASE_CONNECT_TIMEOUT``, 2 s), this process answers every request with
  the 503 page at once, without trying the database, instead of letting each
  request (and each thread) wait for its own timeout. Every
  ``DATABASE_PROBE_SECONDS`` (5 s) one request tries to connect first: when it
  gets through, the circuit closes and that request is served as usual.
"""

import logging
import sys
import threading
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

from .security_headers import PUBLIC_POLICY

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def service_unavailable_response():
    """The bilingual 503 page: a template without database access, rendered without a request.

    It carries its own security headers: it may be answered before (or instead of) the
    middleware that adds them to other pages.
    """
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = PUBLIC_POLICY
    response["X-Frame-Options"] = "DENY"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _unreachable(error):
    """True when the database error is a failed connection (no connection was made), not a failed query."""
    return isinstance(error, DATABASE_ERRORS) and connections[DEFAULT_DB_ALIAS].connection is None


class DatabaseCircuit:
    """Per process: after a failed connection, answer 503 at once until a probe connects (thread-safe)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._next_probe = None  # None: closed (use the database); else time.monotonic() of the next probe
        self._probing = False

    @staticmethod
    def probe_seconds():
        return getattr(settings, "DATABASE_PROBE_SECONDS", 5)

    @property
    def is_open(self):
        return self._next_probe is not None

    def trip(self, error):
        with self._lock:
            was_open = self.is_open
            self._next_probe = time.monotonic() + self.probe_seconds()
            self._probing = False
        if not was_open:
            logger.error(
                "Database unreachable (%s): answering 503 at once, trying again every %d s",
                type(error).__name__,
                self.probe_seconds(),
            )

    def reset(self):
        with self._lock:
            self._next_probe = None
            self._probing = False

    def _take_probe(self):
        """None: closed, go ahead. True: this request is the probe. False: answer 503 now."""
        with self._lock:
            if self._next_probe is None:
                return None
            if self._probing or time.monotonic() < self._next_probe:
                return False
            self._probing = True
            return True

    def admit(self):
        """True when the request may use the database; with the circuit open, one request in a while probes it."""
        probe = self._take_probe()
        if probe is None:
            return True
        if not probe:
            return False
        try:
            connections[DEFAULT_DB_ALIAS].ensure_connection()
        except DATABASE_ERRORS as error:
            self.trip(error)
            return False
        self.reset()
        logger.warning("Database reachable again: serving requests")
        return True


database_circuit = DatabaseCircuit()


def server_error(request, *args, **kwargs):
    """handler500: the 503 page when the error is the database being unreachable, else the 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        return database_unavailable(request, error)
    return HttpResponseServerError(render_to_string("500.html"))


class DatabaseUnavailableMiddleware:
    """The 503 page for a database error in a view (errors in middleware reach ``server_error``).

    While the database circuit is open, requests get the 503 page at once, without the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not database_circuit.admit():
            return service_unavailable_response()
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return database_unavailable(request, exception)
        return None


def database_unavailable(request, error):
    """Log the database error (no traceback: it is expected) and answer with the 503 page."""
    logger.error("Database unavailable (%s): answered 503 for %s", type(error).__name__, request.path)
    if _unreachable(error):
        database_circuit.trip(error)
    return service_unavailable_response()
