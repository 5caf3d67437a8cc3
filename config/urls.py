from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search import seo, sitemaps
from search import views as home_views

urlpatterns = [
    path("robots.txt", seo.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap-index"),
    path("sitemap-<str:language>.xml", sitemaps.sitemap, name="sitemap-language"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("search/"), home_views.search, name="search"),
    # Only two .ics addresses; every other path under challenges/ falls through to the pages.
    path("", include("challenges.urls")),
    # The agenda's archive and .ics files; every other path under agenda/ (events/) falls through to the pages.
    path("", include("agenda.urls")),
    # The news feed of each language (actueel/atom.xml, news/atom.xml); the pages are Wagtail's.
    path("", include("news.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A database that is down answers with the bilingual 503 page, not a 500.
handler500 = "ops.database_outage.server_error"
