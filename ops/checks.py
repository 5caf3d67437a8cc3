"""System checks for a deployment: the public address must be set and sane, and the page cache shared.

Admin links in e-mails, password-reset mails and (through ``sync_site_url``)
the canonical links are built from ``WAGTAILADMIN_BASE_URL``, which production
takes from ``SIF_PUBLIC_URL``. A wrong value sends people to the wrong place,
so a missing or malformed one is an error, not a warning.

The page cache is purged in the cache a change is made through; in production
every process must share it. Without a shared cache the pages are served
uncached (``ops.page_cache.enabled``), so the site stays right; the warning says
why it is slower, and stops the release steps (``--fail-level WARNING``) until
``REDIS_URL`` is set or ``SIF_PAGE_CACHE=off`` says so on purpose.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from . import page_cache


def public_url_problem(url):
    """Why ``url`` is not a usable public base URL, or ``""``."""
    if not url:
        return "is not set"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"is not an absolute http(s) URL: {url!r}"
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return f"must be the site's root, without a path: {url!r}"
    return ""


@register()
def check_public_url(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    url = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    problem = public_url_problem(url)
    if problem:
        return [
            Error(
                f"The public base URL (WAGTAILADMIN_BASE_URL) {problem}.",
                hint="Set SIF_PUBLIC_URL to the address visitors use, e.g. https://www.socialimpactfactory.nl",
                id="ops.E001",
            )
        ]
    host = urlsplit(url).hostname
    allowed = settings.ALLOWED_HOSTS
    if "*" not in allowed and not any(host == a or (a.startswith(".") and host.endswith(a)) for a in allowed):
        return [
            Error(
                f"The public base URL's host {host!r} is not in ALLOWED_HOSTS.",
                hint="Add it to DJANGO_ALLOWED_HOSTS.",
                id="ops.E002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_public_url_https(app_configs, **kwargs):
    url = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if url and urlsplit(url).scheme != "https":
        return [
            Warning(
                f"The public base URL {url!r} is not https: links in e-mails would be sent in the clear.",
                id="ops.W001",
            )
        ]
    return []


@register(Tags.caches)
def check_page_cache_is_shared(app_configs, **kwargs):
    if getattr(settings, "PAGE_CACHE_ENABLED", True) and page_cache.shared_cache_missing():
        return [
            Warning(
                "The page cache is off: the cache lives in each process, so a purge in one would leave "
                "old pages in the others.",
                hint="Set REDIS_URL (a cache every instance shares), or SIF_PAGE_CACHE=off to serve pages uncached.",
                id="ops.W002",
            )
        ]
    return []
