from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: request plumbing (page cache, security headers, outage handling, login throttling),
    health endpoints, request ids, JSON logs, deployment checks."""

    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import checks, signals  # noqa: F401 - registers the checks and signal receivers
        from .page_cache import connect_signals

        connect_signals()
