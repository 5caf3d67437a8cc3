"""Which page a visitor sees in which language, and the pages the layout links to.

Used by the layout (language switcher, hreflang, navigation, breadcrumbs, footer) and by
any app that links to a page chosen in one language from a page in another.

Each function keeps its answer for the rest of the request (``remember``), so the header, the
footer, the structured data and the page's own context share one lookup. ``prefetch``,
called from ``BasePage.get_context``, fetches all of them for the page being served in one
query. Nothing is kept across requests: what a visitor sees is read from the database as
it is now, so a publish shows on the next request without any purge.

Inline links between pages and snippets (a programme's partners, a case's
themes) are synchronised by wagtail-localize: the English page keeps pointing
at the Dutch objects. ``localized_many`` swaps each for its translation in the
active language with one query per model, whatever the number of objects.
"""

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site


def remember(request, key, compute):
    """``compute()``, once per request: the answers of this module, and others' (such as the locations)."""
    cache = _request_memo(request)
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _request_memo(request):
    """This module's answers for one request (an attribute of ours on the request, as middleware sets ``user``)."""
    return request.__dict__.setdefault("_sif_cache", {})


def _site(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


def home_pages(request):
    """The live home page of each language, keyed by language code."""

    def compute():
        pages = Page.objects.filter(translation_key=_site(request).root_page.translation_key).live()
        return {page.locale.language_code: page for page in pages.select_related("locale")}

    return remember(request, "home_pages", compute)


def current_home(request):
    homes = home_pages(request)
    return homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE)


def sections(request, home=None):
    """The live pages right under ``home`` (default: the visitor's home page), in tree order."""
    home = home or current_home(request)
    if home is None:
        return []
    return remember(
        request, f"sections:{home.pk}", lambda: list(home.get_children().live().select_related("content_type"))
    )


def section_page(request, model, home=None):
    """The first live page of type ``model`` right under ``home`` (an overview, such as the case index), or None."""
    return next((page for page in sections(request, home) if issubclass(page.specific_class or Page, model)), None)


def menu_pages(request):
    """Live pages under the visitor's home page that editors marked 'show in menus'."""
    return remember(request, "menu_pages", lambda: [page for page in sections(request) if page.show_in_menus])


_locales = {}  # language code -> Locale, per process; emptied whenever a Locale is saved or deleted


def _forget_locales(**kwargs):
    _locales.clear()


post_save.connect(_forget_locales, sender=Locale, dispatch_uid="sif-forget-locales")
post_delete.connect(_forget_locales, sender=Locale, dispatch_uid="sif-forget-locales")


def current_locale():
    """The Locale of the active language. Locales hardly ever change, so each process looks
    each one up once instead of once per use (several per page); a saved or deleted Locale
    empties the memo."""
    language = get_language()
    locale = _locales.get(language)
    if locale is None:
        locale = _locales[language] = Locale.get_active()
    return locale


SITE_PAGES = ("intake", "contact", "privacy", "accessibility")


def site_pages(request):
    """The pages SiteSettings links on every page, in the visitor's language, in one query.

    Keys: ``intake``, ``contact``, ``privacy``, ``accessibility``; ``None`` where no live page is chosen.
    """

    def compute():
        chosen = _chosen_site_pages(request)
        pks = [pk for pk in chosen.values() if pk]
        variants = Page.objects.filter(translation_key__in=Page.objects.filter(pk__in=pks).values("translation_key"))
        return _pick_site_pages(chosen, list(variants.live()))

    return remember(request, "site_pages", compute)


def _chosen_site_pages(request):
    """The page ids SiteSettings holds for ``SITE_PAGES`` (the settings come from Wagtail's per-request copy)."""
    site_settings = apps.get_model("home", "SiteSettings").for_request(request)
    return {name: getattr(site_settings, f"{name}_page_id") for name in SITE_PAGES}


def _pick_site_pages(chosen, variants):
    """Each chosen page in the active language from ``variants`` (live pages), else as chosen; None if not live."""
    by_pk = {page.pk: page for page in variants}
    by_translation = {(page.translation_key, page.locale_id): page for page in variants}
    locale_id = current_locale().pk
    pages = {}
    for name, pk in chosen.items():
        original = by_pk.get(pk)
        pages[name] = original and by_translation.get((original.translation_key, locale_id), original)
    return pages


def localized(page):
    """The live translation of ``page`` in the active language, else ``page`` itself."""
    if page is None:
        return None
    translated = page.get_translation_or_none(current_locale())
    if translated is not None and translated.live:
        return translated
    return page


def is_same_site_path(url):
    """True for a path on this site: '/en/x/', not '//evil.example/', '/\\evil.example', 'https://...'."""
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


def language_alternates(request, page=None):
    """One entry per language: where the switcher leads, and whether it is a real translation.

    ``is_translation`` is true only for a live page that is a translation
    (not a wagtail-localize alias); only those become hreflang alternates.
    A page class with ``preserve_query_on_language_switch = True`` (filters or a
    package whose URL parameters mean the same in both languages) keeps the
    query string in the switcher link; hreflang and canonical never carry it.
    """
    homes = home_pages(request)
    translations = {}
    page = page or None
    query = request.GET.urlencode()
    if page is not None and getattr(page, "translation_key", None):
        translations = live_twins(request, page)
    alternates = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        full_url = None
        if target is not None:
            url = target.get_url(request)
            full_url = target.get_full_url(request)
            if query and getattr(page, "preserve_query_on_language_switch", False):
                url = f"{url}?{query}"
        elif page is None:
            url = translate_url(request.get_full_path(), code)
            if not is_same_site_path(url):  # e.g. a 404 for //evil.example/: never link off-site
                home = homes.get(code)
                url = home.get_url(request) if home else f"/{code}/"
        else:
            home = homes.get(code)
            url = home.get_url(request) if home else f"/{code}/"
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "full_url": full_url or request.build_absolute_uri(url),
                "is_current": code == get_language(),
                "is_translation": target is not None or (page is None and url != request.get_full_path()),
            }
        )
    return alternates


def live_twins(request, page):
    """The live, non-alias versions of ``page`` (itself included) keyed by language code; one query per request."""

    def compute():
        pages = (
            Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
            .live()
            .select_related("locale")
        )
        return {p.locale.language_code: p for p in pages}

    return remember(request, f"twins:{page.translation_key}", compute)


def ancestors(request, page):
    """The ancestors of ``page`` from its home page down (the tree root left out); one query per request."""
    return remember(request, f"ancestors:{page.pk}", lambda: list(page.get_ancestors().filter(depth__gte=2)))


def prefetch(request, page):
    """Everything the layout shows around ``page``, in one query instead of one per function above.

    The home pages, the live pages under the page's home page (menu, hub overviews), the
    page's ancestors (breadcrumbs), its live translations (language switcher, hreflang) and
    the pages SiteSettings links: each is kept for the request under the key of its function,
    exactly as that function would have computed it (tests/test_routing_and_layout.py compares them).
    Answers the functions already gave for this request stay as they are.
    """
    if not page.pk or page.depth < 2 or not page.translation_key:
        return
    root_key = _site(request).root_page.translation_key
    home_path = page.path[: 2 * Page.steplen]
    ancestor_paths = {page.path[:end] for end in range(2 * Page.steplen, len(page.path), Page.steplen)}
    chosen = _chosen_site_pages(request)
    chosen_keys = Page.objects.filter(pk__in=[pk for pk in chosen.values() if pk]).values("translation_key")
    pages = list(
        Page.objects.filter(
            Q(live=True, translation_key=root_key)
            | Q(live=True, depth=3, path__startswith=home_path)
            | Q(path__in=ancestor_paths)
            | Q(live=True, translation_key=page.translation_key, alias_of__isnull=True)
            | Q(live=True, translation_key__in=chosen_keys)
        )
        .select_related("locale")
        .order_by("path")
    )
    live = [p for p in pages if p.live]
    homes = {p.locale.language_code: p for p in live if p.translation_key == root_key}
    memo = _request_memo(request)
    memo.setdefault("home_pages", homes)
    home = next((p for p in homes.values() if p.path == home_path), None)
    if home is not None:
        memo.setdefault(f"sections:{home.pk}", [p for p in live if p.depth == 3 and p.path.startswith(home_path)])
    memo.setdefault(f"ancestors:{page.pk}", [p for p in pages if p.path in ancestor_paths])
    twins = [p for p in live if p.translation_key == page.translation_key and not p.alias_of_id]
    memo.setdefault(f"twins:{page.translation_key}", {p.locale.language_code: p for p in twins})
    memo.setdefault("site_pages", _pick_site_pages(chosen, live))


def localized_many(objects):
    """``objects`` (one model) in the active language where translated, else as they are."""
    objects = list(objects)
    if not objects:
        return objects
    locale = current_locale()
    if all(obj.locale_id == locale.pk for obj in objects):
        return objects
    model = type(objects[0])
    translations = model.objects.filter(locale=locale, translation_key__in={obj.translation_key for obj in objects})
    if issubclass(model, Page):
        translations = translations.live()
    by_key = {obj.translation_key: obj for obj in translations}
    return [obj if obj.locale_id == locale.pk else by_key.get(obj.translation_key, obj) for obj in objects]


def one_per_translation(objects):
    """One object per translation key from ``objects`` (any languages): the active language's where present.

    For lists fetched in all languages at once, e.g. every partner for the hub.
    """
    locale_id = current_locale().pk
    chosen = {}
    for obj in objects:
        if obj.translation_key not in chosen or obj.locale_id == locale_id:
            chosen[obj.translation_key] = obj
    return list(chosen.values())
