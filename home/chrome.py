"""What every public page needs besides its own content, kept across requests until it changes.

Two kinds of entries live in the shared cache (Redis in production), both keyed on the
page cache's *generation* (``home/page_cache.py``), so they are purged exactly when the
pages are, by the same events, on every instance:

- the *chrome* of a site in one language: the site, its home pages, the main menu,
  the live children of the home page (the section indexes the hub links to), the pages
  ``SiteSettings`` links on every page, the settings themselves, the locations (the
  footer's visiting address), and whether any page has a view restriction.
  ``ChromeMiddleware`` puts it on the request, where
  ``home.localization``, Wagtail's settings and ``Site.find_for_request`` find it.
- the *route* of a path: which page Wagtail's router finds for it, with the page's
  ancestors and live translations (breadcrumbs, language switcher, hreflang). The
  middleware's ``process_view`` hands it to Wagtail's own ``serve`` view as the route
  Wagtail caches on the request, so the view, its hooks and the page's ``serve`` run
  as before; the page is fetched with one query instead of two per tree level.

A route is reused only when no page type overrides ``Page.route`` (none does); a path
that routes nowhere is not kept (a 404 costs the routing). With no generation (Redis
down) nothing is kept and every request computes what it needs, as before.

Values are kept for ``PAGE_CACHE_TIMEOUT`` seconds at most; a purge makes them
unreachable at once.
"""

import functools

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site

from . import localization, page_cache
from .resilience import DATABASE_ERRORS, database_unavailable

EXCLUDED_PREFIXES = page_cache.EXCLUDED_PREFIXES


def _timeout():
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 600)


def _remember(key, compute):
    """``compute()``, kept in the shared cache under ``key`` (None is kept too)."""
    entry = cache.get(key)
    if entry is None:
        entry = (compute(),)
        cache.set(key, entry, _timeout())
    return entry[0]


# -- chrome ------------------------------------------------------------------------------------


def _compute_chrome(request, site):
    from . import contact
    from .models import SiteSettings

    request._wagtail_site = site
    localization.menu_pages(request)  # the home pages and the sections under the visitor's home come with it
    localization.site_pages(request)
    contact.locations(request)  # the footer's visiting address
    return {
        "site": site,
        # What home.localization keeps on the request for these (see its _cached).
        "memo": dict(request._sif_cache),
        "site_settings": SiteSettings.for_request(request),
        "any_view_restriction": PageViewRestriction.objects.exists(),
    }


def _find_site(request):
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


def load_chrome(request):
    """Put the chrome of this site and language on ``request``; None when nothing can be kept."""
    token = page_cache.request_generation(request)
    if token is None:
        return None
    host, port = request._get_raw_host(), request.get_port()
    site_key = f"sif:chrome:{token}:site:{host}:{port}"
    site = _remember(site_key, lambda: _find_site(request))
    if site is None:
        return None
    key = f"sif:chrome:{token}:{site.pk}:{get_language()}"
    chrome = _remember(key, lambda: _compute_chrome(request, site))
    _seed(request, chrome)
    return chrome


def _seed(request, chrome):
    request._wagtail_site = chrome["site"]
    request.__dict__.setdefault("_sif_cache", {}).update(chrome["memo"])
    site_settings = chrome["site_settings"]
    site_settings._request = request
    setattr(request, site_settings.get_cache_attr_name(), site_settings)
    request._sif_any_view_restriction = chrome["any_view_restriction"]


def any_view_restriction(request):
    """Whether any page has a view restriction (True when not known: then check as Wagtail does)."""
    return getattr(request, "_sif_any_view_restriction", True)


def public(queryset, request):
    """``queryset.public()``, or the queryset itself when no page has a view restriction (no query)."""
    return queryset.public() if any_view_restriction(request) else queryset


# -- routes ------------------------------------------------------------------------------------


@functools.cache
def routes_are_plain():
    """True when no page type routes its own sub-paths (then a path always leads to one page)."""
    from wagtail.models import get_page_models

    return all(model.route is Page.route for model in get_page_models())


def _route_key(request, token, path):
    return f"sif:route:{token}:{request._wagtail_site.pk}:{get_language()}:{path}"


def _compute_route(request, path):
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    page, args, kwargs = result
    if args or kwargs:
        return None
    return {
        "model": page._meta.label_lower,
        "pk": page.pk,
        "ancestors": localization.ancestors(request, page),
        "twins": localization.live_twins(request, page),
    }


def _page(route):
    from django.apps import apps

    model = apps.get_model(route["model"])
    related = ["locale", *getattr(model, "route_select_related", ())]
    return model._default_manager.select_related(*related).get(pk=route["pk"])


def _mark_unrestricted(request, page):
    if not any_view_restriction(request):
        page._sif_no_view_restriction = True  # BasePage.get_view_restrictions and public_only read it


def load_route(request, path):
    """Set Wagtail's route for ``path`` on ``request`` from the cache, or route it and keep the result."""
    token = page_cache.request_generation(request)
    if token is None or not hasattr(request, "_wagtail_site") or not routes_are_plain():
        return
    key = _route_key(request, token, path)
    route = cache.get(key)
    if route is None:
        route = _compute_route(request, path)
        if route is not None:
            cache.set(key, route, _timeout())
            _mark_unrestricted(request, request._wagtail_route_for_request[0])
        return
    try:
        page = _page(route)
    except Page.DoesNotExist:  # gone without a purge (a purge lost while Redis was away)
        return
    ancestors = route["ancestors"]
    if ancestors and ancestors[-1].depth == page.depth - 1:
        page._cached_parent_obj = ancestors[-1]
    _mark_unrestricted(request, page)
    memo = request.__dict__.setdefault("_sif_cache", {})
    memo[f"ancestors:{page.pk}"] = ancestors
    memo[f"twins:{page.translation_key}"] = route["twins"]
    request._wagtail_route_for_request = (page, [], {})


class ChromeMiddleware:
    """Placed after the locale middleware: the chrome for public paths, the route for Wagtail's page view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(EXCLUDED_PREFIXES):
            try:
                load_chrome(request)
            except DATABASE_ERRORS as error:  # the database is down: the 503 page at once, as a view would
                return database_unavailable(request, error)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        if view_func is serve and request.method in ("GET", "HEAD") and not request.path.startswith(EXCLUDED_PREFIXES):
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            try:
                load_route(request, path)
            except DATABASE_ERRORS as error:
                return database_unavailable(request, error)
        return None
