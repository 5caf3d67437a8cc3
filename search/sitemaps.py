"""The sitemaps: one per language on Wagtail's sitemap, each URL with its live translations and x-default.

Wagtail's ``Sitemap`` gives the pages and their dates; its entries lack the
alternates search engines use to tell the Dutch and English twins apart, so
``_urls`` is overridden here, as Wagtail's own class overrides Django's. Every
URL comes from the public base URL (``seo.page_url``), never from the host a
request came in on.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Page

from . import seo


class LanguageSitemap(Sitemap):
    """The live public pages in one language, each with its live twins (hreflang) and x-default (the Dutch twin)."""

    def __init__(self, request, language):
        super().__init__(request)
        self.language = language

    def items(self):
        site = self.get_wagtail_site()
        pages = Page.objects.none()
        for home in Page.objects.filter(
            translation_key=site.root_page.translation_key, locale__language_code=self.language
        ):
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().filter(alias_of__isnull=True).order_by("path")

    def _twins(self, pages):
        """{translation key: {language: live page}} for ``pages``, in one query."""
        twins = {}
        keys = [page.translation_key for page in pages]
        found = Page.objects.live().public().filter(alias_of__isnull=True, translation_key__in=keys)
        for twin in found.select_related("locale"):
            twins.setdefault(twin.translation_key, {})[twin.locale.language_code] = twin
        return twins

    def alternates(self, page, twins):
        """[{lang_code, location}] for the live twins of ``page`` (itself included), then x-default."""
        alternates = [
            {"lang_code": code, "location": seo.page_url(twins[code], self.request)}
            for code, _name in settings.LANGUAGES
            if code in twins
        ]
        default = dict((a["lang_code"], a["location"]) for a in alternates).get(settings.LANGUAGE_CODE)
        alternates.append({"lang_code": "x-default", "location": default or alternates[0]["location"]})
        return alternates

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        twins = self._twins(pages)
        urls = [
            {
                "item": item,
                "location": seo.page_url(item, self.request),
                "lastmod": self.lastmod(item),
                "alternates": self.alternates(item, twins.get(item.translation_key, {})),
            }
            for item in pages
        ]
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemap_index(request):
    sitemaps = [
        seo.absolute_url(reverse("sitemap-language", args=[code]), request) for code, _name in settings.LANGUAGES
    ]
    return render(
        request, "search/sitemap_index.xml", {"sitemaps": sitemaps}, content_type="application/xml; charset=utf-8"
    )


def sitemap(request, language):
    """The sitemap of one language (search/sitemaps.py), served by Wagtail's sitemap view."""
    if language not in dict(settings.LANGUAGES):
        raise Http404("No sitemap for this language")
    return sitemap_views.sitemap(
        request,
        {language: LanguageSitemap(request, language)},
        template_name="search/sitemap.xml",
        content_type="application/xml; charset=utf-8",
    )
