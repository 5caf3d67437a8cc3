"""Anonymous full-page cache in the shared Django cache (Redis in production).

What is cached: the 200 answer to an anonymous GET of a public page, keyed by
host, path, language, gzip or not, and the query parameters the page reads, for
``PAGE_CACHE_TIMEOUT`` seconds. A hit is served before the session, the database or a
template is touched.

Query strings: a page type (or a view) lists the parameters it reads in
``cache_query_params`` (the case overview its filters and ``page``, the menukaart its
package and filters, search ``q`` and ``page``). The key holds only parameters that some
page or view declares; anything else (``?utm_source=...``, ``?cb=<random>``) is left out of
it, so such a request is served from the entry of the page without it. A response is
stored only when the page that answered reads every parameter of the request: a request
with a parameter its page does not read is rendered and not kept, so nobody can fill the
cache with made-up query strings.

What never is:
- anything for a visitor with a session cookie or an ``Authorization`` header
  (logged-in editors: they neither read nor fill the cache) and the admin,
  documents and previews (previews are served under /admin/; a response whose
  request is a preview is refused too);
- a response that sets a cookie, says ``Cache-Control: private/no-store/no-cache``,
  varies on something other than the cookie, the language or the encoding, or
  is not a 200;
- the intake form. It carries a CSRF token tied to the visitor's cookie and a
  signed, single-use form token with a time stamp (intake/forms.py), so one
  visitor's copy cannot be served to another: the page sets the CSRF cookie
  and is refused by the rule above (``CSRF_COOKIE_NEEDS_UPDATE`` is checked as
  well, for a visitor who already has the cookie). Caching it without the
  tokens and adding them per request would save one page render on a page
  that is visited far less than it is posted to; not worth the risk.

Purging is exact: every key contains a *generation*, a random token kept in
the cache under one key. Publishing, unpublishing, moving or deleting a page,
saving a live page, and changing a snippet, a site setting, a site, a page's
privacy (a view restriction) or an image (things pages show) replaces the token,
so no page rendered before the change is ever served again, by any instance
(they share the cache). ``manage.py purge_page_cache`` replaces it on every
release (docs/deploy.md), so pages rendered by the previous code go too. The token is
replaced at once and again when the transaction commits, so a request that
rendered the old content during the transaction cannot leave it behind. When
the cache loses the token (eviction, a restarted Redis) a new one is drawn:
old entries become unreachable rather than current.

When ``WAGTAILFRONTENDCACHE`` is configured, the same events purge the pages
from the front-end cache or CDN through ``wagtail.contrib.frontend_cache``:
the page and its translations, and every live page (they all show menus,
settings and lists that may include it).

This holds only when every process reads and purges the same cache. Production
settings set ``PAGE_CACHE_NEEDS_SHARED_CACHE``: with a cache that lives in one process
(no ``REDIS_URL``: Django's local-memory cache) the page cache stays off, and the system
check ``ops.W002`` says so (``check --deploy --fail-level WARNING`` in the release steps
then stops the release until ``REDIS_URL`` is set or ``SIF_PAGE_CACHE=off`` says that
the site is meant to run uncached).

When Redis is down, django-redis answers "not cached"
(``ops/redis_cache.py``): no generation can be read, and pages are served uncached. A purge
while Redis is unreachable is lost; entries expire after ``PAGE_CACHE_TIMEOUT``.

Public responses carry ``Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE``
and an ETag; a matching ``If-None-Match`` gets a 304.

Compression: ``GZipMiddleware`` below sits just inside this one, so a page is
compressed once when it is rendered and its hits are sent compressed as stored
(the key holds whether the visitor accepts gzip: a client that does not gets
its own, uncompressed copy). The ETag is the digest of the uncompressed page,
strong on the uncompressed copy and weak (``W/``) on the compressed one, as
Django and nginx do: both copies revalidate with a 304, and a page rendered
again after a purge keeps its ETag when nothing in it changed.

Settings: ``PAGE_CACHE_ENABLED`` (env ``SIF_PAGE_CACHE=off`` turns it off),
``PAGE_CACHE_NEEDS_SHARED_CACHE``, ``PAGE_CACHE_TIMEOUT``, ``PAGE_CACHE_MAX_AGE``.
"""

import functools
import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.urls import get_resolver
from django.utils.cache import cc_delim_re
from django.utils.http import parse_etags, urlencode
from django.utils.regex_helper import _lazy_re_compile
from django.utils.translation import get_language_from_request

logger = logging.getLogger(__name__)

GENERATION_KEY = "sif:page-cache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/django-admin/", "/_util/")
# Vary headers that the key or the anonymous rule already cover.
KEYED_VARY = {"cookie", "accept-language", "accept-encoding"}
REFUSED_CACHE_CONTROL = {"private", "no-store", "no-cache"}
# As django.middleware.gzip decides whether to compress.
ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
# What is worth compressing (as nginx's gzip_types): pages, feeds, sitemaps, JSON. Not the
# documents and images the app serves (already compressed; compressing would also drop the
# Content-Length of a file response).
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/javascript", "image/svg+xml")
# Page fields that Wagtail saves for drafts, locks and workflows: saving only these
# does not change what visitors see.
ADMIN_ONLY_PAGE_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "wagtail_admin_comments",
}


# Django's caches that live in one process (or on one machine's disk): a purge made by one
# process would not reach the pages another one keeps.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


def enabled():
    """Whether pages are cached: on unless turned off, and never without the shared cache production needs."""
    return getattr(settings, "PAGE_CACHE_ENABLED", True) and not shared_cache_missing()


def shared_cache_missing():
    """True when the settings need a cache every process shares (production) and the default cache is not one."""
    needed = getattr(settings, "PAGE_CACHE_NEEDS_SHARED_CACHE", False)
    return needed and settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES


def generation(create=True):
    """The current token, or None when the cache cannot give one (then nothing is cached)."""
    token = cache.get(GENERATION_KEY)
    if token is None and create:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


def request_generation(request):
    """The generation for this request: read once, then kept on the request (one cache round trip)."""
    if not hasattr(request, "_sif_generation"):
        request._sif_generation = generation()
    return request._sif_generation


def _new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate():
    """Make every cached page unreachable now and once more when the transaction commits."""
    _new_generation()
    transaction.on_commit(_new_generation)


@functools.cache
def declared_query_params():
    """Every query parameter a page type or a view says it reads (``cache_query_params``); read once."""
    from wagtail.models import get_page_models

    names = {name for model in get_page_models() for name in getattr(model, "cache_query_params", ())}
    patterns = list(get_resolver().url_patterns)
    while patterns:
        pattern = patterns.pop()
        if hasattr(pattern, "url_patterns"):
            patterns.extend(pattern.url_patterns)
        else:
            names.update(getattr(pattern.callback, "cache_query_params", ()))
    return frozenset(names)


def _kept_query(request):
    """The request's declared query parameters, by name, each with its values in the order given."""
    declared = declared_query_params()
    return urlencode(sorted((item for item in request.GET.lists() if item[0] in declared), key=lambda i: i[0]), True)


def params_read_by_response(request):
    """The parameters the page type or view that answered ``request`` reads (none when not known)."""
    from wagtail.models import Page
    from wagtail.views import serve

    match = request.resolver_match
    if match is None:
        return ()
    if match.func is serve:
        # Wagtail routed this request already and keeps the result for it: no query here.
        page = Page.find_for_request(request, match.kwargs.get("path", match.args[0] if match.args else ""))
        return getattr(page, "cache_query_params", ())
    return getattr(match.func, "cache_query_params", ())


def cache_key(request, token):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    language = get_language_from_request(request, check_path=True)
    encoding = "gzip" if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "identity"
    parts = "\n".join([host, request.path, _kept_query(request), language, encoding])
    return f"sif:page:{token}:{hashlib.sha256(parts.encode()).hexdigest()}"


def _lookup(request):
    """This request's key (None: not cacheable now), the page kept under it on the request: one round trip.

    The entry's key holds the token, so it cannot be known before the token is read; both
    are asked for in one ``get_many`` by reading the key of the *last known* token this
    process saw. When the generation has moved on, that key is simply a miss and a second
    read with the new token follows (once per purge per process).
    """
    known = _last_token.get("value")
    if known is not None:
        key = cache_key(request, known)
        if key is None:
            return None
        values = cache.get_many([GENERATION_KEY, key])
        token = values.get(GENERATION_KEY)
        if token == known:
            request._sif_generation = token
            request._sif_page_entry = values.get(key)
            return key
    token = request_generation(request)
    if token is None:
        return None
    _last_token["value"] = token
    key = cache_key(request, token)
    if key is not None:
        request._sif_page_entry = cache.get(key)
    return key


_last_token = {}  # the generation this process read last; only a guess for _lookup's one round trip


def _anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META


def _eligible_request(request):
    return request.method in ("GET", "HEAD") and not request.path.startswith(EXCLUDED_PREFIXES) and _anonymous(request)


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False) or "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        return False
    if "Set-Cookie" in response.headers:
        return False
    directives = {d.split("=")[0].strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", "")) if d}
    if directives & REFUSED_CACHE_CONTROL:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= KEYED_VARY


def _etag(content):
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def _public_headers(response, etag):
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={getattr(settings, 'PAGE_CACHE_MAX_AGE', 60)}"


def _not_modified(request, etag):
    """``If-None-Match`` uses the weak comparison (RFC 9110 13.1.2): ``W/"x"`` matches ``"x"``."""
    wanted = request.META.get("HTTP_IF_NONE_MATCH")
    if not wanted:
        return False
    tags = parse_etags(wanted)
    return "*" in tags or etag.removeprefix("W/") in {t.removeprefix("W/") for t in tags}


def _from_entry(request, entry):
    if _not_modified(request, entry["etag"]):
        response = HttpResponseNotModified()
        for name in ("ETag", "Cache-Control", "Vary", "Content-Language"):
            if name in entry["headers"]:
                response[name] = entry["headers"][name]
        return response
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """Serve and fill the anonymous page cache (placed before the session middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not _eligible_request(request):
            return self.get_response(request)
        key = _lookup(request)
        if key is not None:
            entry = getattr(request, "_sif_page_entry", None)
            if entry is not None:
                return _from_entry(request, entry)
        response = self.get_response(request)
        if not _cacheable_response(request, response):
            return response
        # GZipMiddleware has set it from the uncompressed page (weak if it compressed it).
        etag = response.get("ETag") or _etag(response.content)
        _public_headers(response, etag)
        if key is not None and request.method == "GET" and set(request.GET) <= set(params_read_by_response(request)):
            headers = {name: value for name, value in response.items() if name.lower() != "x-page-cache"}
            entry = {"status": response.status_code, "headers": headers, "content": response.content, "etag": etag}
            cache.set(key, entry, getattr(settings, "PAGE_CACHE_TIMEOUT", 600))
            response["X-Page-Cache"] = "miss"
        if _not_modified(request, etag):
            return _from_entry(request, {"etag": etag, "headers": dict(response.items())})
        return response


def _will_be_cached(request, response):
    return enabled() and _eligible_request(request) and _cacheable_response(request, response)


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's gzip (with its BREACH mitigation), placed just inside ``PageCacheMiddleware``.

    A page that the cache will keep gets its ETag from the uncompressed page first, so
    that the compressed and the uncompressed copy share it (Django's middleware makes it
    weak when it compresses). Only text is compressed (``COMPRESSIBLE_TYPES``). In production
    nginx compresses only what comes uncompressed (its gzip skips a response that has a
    ``Content-Encoding``), so nothing is compressed twice.
    """

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        if (
            not response.streaming
            and not response.has_header("ETag")
            and not response.has_header("Content-Encoding")
            and _will_be_cached(request, response)
        ):
            response["ETag"] = _etag(response.content)
        return super().process_response(request, response)


# --- purging ---------------------------------------------------------------------------------


def _frontend_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _purge_frontend(pages=()):
    """The given pages (and their translations) and every live page, from the front-end cache."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    batch = PurgeBatch()
    for page in pages:
        batch.add_pages(page.get_translations(inclusive=True))
    batch.add_pages(Page.objects.live())
    batch.purge()


def purge(pages=(), reason=""):
    invalidate()
    logger.info("Page cache purged: %s", reason)
    if _frontend_cache_configured():
        pages = list(pages)
        transaction.on_commit(lambda: _purge_frontend(pages))


def _on_page_event(sender, instance, **kwargs):
    purge([instance], f"{sender.__name__} {instance.pk}")


def _on_page_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= ADMIN_ONLY_PAGE_FIELDS:
        return
    if instance.live:
        purge([instance], f"{sender.__name__} {instance.pk} saved")


def _on_any_change(sender, instance, **kwargs):
    if sender in content_models():
        purge((), f"{sender._meta.label} {instance.pk} changed")


@functools.cache
def content_models():
    """Models, besides pages, whose changes show on public pages.

    Read on the first save, not at start-up: snippets register after this app is ready.
    """
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    settings_models = [m for m in apps.get_models() if issubclass(m, BaseSiteSetting)]
    return frozenset({*get_snippet_models(), *settings_models, Site, Locale, PageViewRestriction, get_image_model()})


def connect_signals():
    """Called from HomeConfig.ready(): every event that changes what a visitor sees."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, get_page_models
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for model in get_page_models():
        page_published.connect(_on_page_event, sender=model, dispatch_uid=f"page-cache-published-{model._meta.label}")
        page_unpublished.connect(_on_page_event, sender=model, dispatch_uid=f"page-cache-unpub-{model._meta.label}")
        post_save.connect(_on_page_saved, sender=model, dispatch_uid=f"page-cache-saved-{model._meta.label}")
        post_delete.connect(_on_page_event, sender=model, dispatch_uid=f"page-cache-deleted-{model._meta.label}")
    post_save.connect(_on_page_saved, sender=Page, dispatch_uid="page-cache-saved-page")
    post_page_move.connect(_on_page_event, dispatch_uid="page-cache-moved")
    post_save.connect(_on_any_change, dispatch_uid="page-cache-content-saved")
    post_delete.connect(_on_any_change, dispatch_uid="page-cache-content-deleted")
