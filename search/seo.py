"""What search engines and link previews read: absolute URLs, alternates, robots.txt, OG and JSON-LD.

Every absolute URL the site hands out comes from ``public_base_url``: the
configured public address in production (never the host the demo content was
loaded for), the host actually served in development.

A page type declares its own Open Graph type and structured data on its class
(``og_type``, ``structured_data()``, ``shows_organisation``; defaults on
``home.models.BasePage``), so this module knows no page type by name.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from home import localization

SHARE_IMAGE_SPEC = "fill-1200x630"
SHARE_IMAGE_SIZE = (1200, 630)
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
SITE_NAME = "Social Impact Factory"


# -- Absolute URLs ---------------------------------------------------------------------------------


def public_base_url(request=None):
    """``https://host`` without a trailing slash: where visitors reach the site.

    In DEBUG with a request: the host actually served (``runserver`` on any port).
    Otherwise the configured public base URL (``WAGTAILADMIN_BASE_URL``; production sets it from ``SIF_PUBLIC_URL``).
    """
    if settings.DEBUG and request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url, request=None):
    """``url`` (a path, or already absolute as media on a CDN) as an absolute URL."""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return "https:" + url
    return public_base_url(request) + url


def page_path(page, request=None):
    """The path of ``page`` (with its language prefix), whatever site root it lives under."""
    parts = page.get_url_parts(request)
    return parts[2] if parts else None


def page_url(page, request=None):
    path = page_path(page, request)
    return absolute_url(path, request) if path is not None else None


# -- Alternates ------------------------------------------------------------------------------------


def page_alternates(request, page):
    """[(hreflang, absolute URL)] for the live twins of ``page``, then ``x-default`` (the Dutch twin)."""
    twins = localization.live_twins(request, page) if getattr(page, "translation_key", None) else {}
    alternates = []
    for code, _name in settings.LANGUAGES:
        if code in twins:
            url = page_url(twins[code], request)
            if url:
                alternates.append((code, url))
    if alternates:
        default = dict(alternates).get(settings.LANGUAGE_CODE, alternates[0][1])
        alternates.append(("x-default", default))
    return alternates


def view_alternates(request):
    """Alternates for a view without a page (search): the same path in every language, itself included."""
    path = request.path
    alternates = [(code, absolute_url(translate_url(path, code), request)) for code, _name in settings.LANGUAGES]
    alternates.append(("x-default", dict(alternates)[settings.LANGUAGE_CODE]))
    return alternates


# -- Share image, OG and JSON-LD -------------------------------------------------------------------


def share_image(request, page):
    """(absolute URL, width, height) of the image link previews show."""
    image = getattr(page, "image", None) if page is not None else None
    if image is not None:
        try:
            rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        except Exception:  # noqa: BLE001 - a broken file must not break the page; the site image stands in
            rendition = None
        if rendition is not None:
            return absolute_url(rendition.url, request), rendition.width, rendition.height
    return absolute_url(static("img/share.png"), request), *SHARE_IMAGE_SIZE


def _postal_address(street, postal_code, city):
    address = {"@type": "PostalAddress", "addressCountry": "NL"}
    for key, value in (("streetAddress", street), ("postalCode", postal_code), ("addressLocality", city)):
        if value:
            address[key] = value
    return address


def _place(location):
    place = {"@type": "Place", "name": location.name}
    if location.has_address:
        place["address"] = _postal_address(location.street_address, location.postal_code, location.city)
    if location.map_url:
        place["hasMap"] = location.map_url
    return place


def organisation(request):
    """The Organization node: name, home, logo and the contact details editors filled in (only those)."""
    from home import contact

    details = contact.organisation(request)
    site_settings = details.settings
    home = localization.current_home(request)
    node = {
        "@type": "Organization",
        "@id": organisation_ref(request)["@id"],
        "name": SITE_NAME,
        "url": page_url(home, request) if home else public_base_url(request) + "/",
        "logo": absolute_url(static("img/logo.png"), request),
    }
    if site_settings.legal_name:
        node["legalName"] = site_settings.legal_name
    if site_settings.kvk_number:
        node["identifier"] = {"@type": "PropertyValue", "propertyID": "KvK", "value": site_settings.kvk_number}
    if site_settings.email:
        node["email"] = site_settings.email
    if site_settings.phone:
        node["telephone"] = site_settings.phone
    main = details.main_location
    if main is not None:
        node["address"] = _postal_address(main.street_address, main.postal_code, main.city)
    places = [_place(location) for location in details.locations if location.has_address or location.map_url]
    if places:
        node["location"] = places
    contact_page = details.contact_page
    if contact_page is not None and (site_settings.email or site_settings.phone):
        point = {"@type": "ContactPoint", "contactType": "customer support", "url": page_url(contact_page, request)}
        if site_settings.email:
            point["email"] = site_settings.email
        if site_settings.phone:
            point["telephone"] = site_settings.phone
        node["contactPoint"] = point
    same_as = [url for url in (site_settings.linkedin_url, site_settings.instagram_url) if url]
    if same_as:
        node["sameAs"] = same_as
    return node


def organisation_ref(request):
    """A reference to the Organization node (for an author or provider): the node itself is on the page once."""
    return {"@id": public_base_url(request) + "/#organisation"}


def breadcrumb_list(request, page=None, title=None):
    """BreadcrumbList from the home page down to ``page`` (or to a view titled ``title``)."""
    trail = []
    home = localization.current_home(request)
    if page is not None:
        ancestors = [*localization.ancestors(request, page), page]
        trail = [(p.title if p.depth > 2 else gettext("Home"), page_url(p, request)) for p in ancestors]
    else:
        if home is not None:
            trail.append((gettext("Home"), page_url(home, request)))
        trail.append((title or "", absolute_url(request.path, request)))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def json_ld(data):
    """``data`` as the text of a ``<script type="application/ld+json">``, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))  # noqa: S308


def head(request, page=None, title=None):
    """Everything ``components/seo_head.html`` writes into ``<head>``."""
    language = translation.get_language()
    if page is not None and getattr(page, "url_path", None):
        canonical = page_url(page, request)
        alternates = page_alternates(request, page)
        title = page.seo_title or page.title
        description = getattr(page, "meta_description", "") or page.search_description
    else:
        canonical = absolute_url(request.path, request)
        alternates = view_alternates(request)
        description = ""
    image, width, height = share_image(request, page)
    graph = [breadcrumb_list(request, page, title)]
    home = localization.current_home(request)
    is_home = page is not None and home is not None and page.pk == home.pk
    if is_home or getattr(page, "shows_organisation", False):
        graph.insert(0, organisation(request))
    node = page.structured_data(request, canonical, image) if hasattr(page, "structured_data") else None
    if node is not None:
        graph.append(node)
    return {
        "canonical": canonical,
        "alternates": alternates,
        "title": title or SITE_NAME,
        "description": description,
        "og_type": getattr(page, "og_type", "website"),
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [OG_LOCALES[c] for c, _u in alternates if c in OG_LOCALES and c != language],
        "image": image,
        "image_width": width,
        "image_height": height,
        "json_ld": json_ld({"@context": "https://schema.org", "@graph": graph}),
    }


# -- robots.txt ------------------------------------------------------------------------------------


def search_paths():
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("search"))
    return paths


def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", *(f"Disallow: {path}" for path in search_paths())]
    lines += ["", f"Sitemap: {public_base_url(request)}{reverse('sitemap-index')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
