"""Cold-path queries per public page type, both languages: at most 18.

Measured as a visitor meets a page with the page cache off (the test settings): the
second request of a warm process, so every query of the render counts. Every page
pays Wagtail's own serving: the site, the active locale, the home page (and its
translation), the route (``HomePage.route``: two queries at any depth) and the view
restriction check (two), then the site settings and the layout's pages
(``home.localization.prefetch``, one) and the locations the footer shows
(``home.contact.locations``, one): 10 in Dutch, 11 in English. A page's own
content may add at most 7 (the English case overview and case use them all).
Nothing is kept across requests (docs/performance.md, "Queries per page", says what
that costs and why). tests/test_hub_queries.py checks that counts do not grow with
the content (3 versus 30 items); with the page cache on, a repeated anonymous GET
costs none (tests/test_page_cache.py).
"""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from menukaart.models import ServicePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

CEILING = 18

PAGES = [
    # (url, status, text the page shows)
    ("/nl/", 200, 'id="hub-partners"'),
    ("/en/", 200, 'id="hub-partners"'),
    ("/nl/cases/", 200, 'class="card__title"'),
    ("/en/cases/", 200, 'class="card__title"'),
    ("/nl/cases/?theme=werk", 200, 'class="card__title"'),
    ("/en/cases/?theme=werk", 200, 'class="card__title"'),
    ("/nl/cases/gemeente-utrecht/", 200, "Gemeente Utrecht"),
    ("/en/cases/gemeente-utrecht/", 200, "Utrecht"),
    ("/nl/programmas/", 200, 'class="card__title"'),
    ("/en/programmes/", 200, 'class="card__title"'),
    ("/nl/programmas/plan-einstein/", 200, "Plan Einstein"),
    ("/en/programmes/plan-einstein/", 200, "Plan Einstein"),
    ("/nl/programmas/buy-social/", 200, "Buy Social"),
    ("/en/programmes/buy-social/", 200, "Buy Social"),
    ("/nl/programmas/challenges/", 200, "Challenges"),
    ("/en/programmes/challenges/", 200, "Challenges"),
    ("/nl/menukaart/", 200, "service-card"),
    ("/en/service-menu/", 200, "service-card"),
    ("/nl/menukaart/inkoopscan/", 200, "Inkoopscan"),
    ("/en/service-menu/procurement-scan/", 200, "rocurement"),
    ("/nl/vraagstuk/", 200, "<form"),
    ("/en/your-question/", 200, "<form"),
    ("/nl/privacy/", 200, "<h1"),
    ("/en/privacy/", 200, "<h1"),
    ("/nl/toegankelijkheid/", 200, "<h1"),
    ("/en/accessibility/", 200, "<h1"),
    ("/nl/over-ons/", 200, "<h1"),
    ("/en/about-us/", 200, "<h1"),
    ("/nl/locatie/", 200, "Aan de Gracht"),
    ("/en/location/", 200, "Aan de Gracht"),
    ("/nl/contact/", 200, "cta-box"),
    ("/en/contact/", 200, "cta-box"),
    ("/nl/zoeken/?q=werk", 200, "search-results"),
    ("/en/search/?q=work", 200, "search-results"),
    ("/nl/bestaat-niet/", 404, "<h1"),
    ("/en/does-not-exist/", 404, "<h1"),
]


def cold_render(client, url, status):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == status, url
    html = response.content.decode()
    assert "<main" in html and 'class="site-nav__list"' in html and "site-footer" in html
    return context, html


def assert_within_ceiling(url, context):
    count = len(context)
    print(f"{url}: {count} queries")
    assert count <= CEILING, "\n".join(query["sql"][:300] for query in context.captured_queries)


@pytest.mark.parametrize(("url", "status", "shows"), PAGES, ids=[url for url, _, _ in PAGES])
def test_cold_render_stays_within_the_ceiling(client, url, status, shows):
    context, html = cold_render(client, url, status)
    assert shows in html
    assert_within_ceiling(url, context)


@pytest.mark.parametrize(("language", "path"), [("nl", "/nl/menukaart/"), ("en", "/en/service-menu/")])
def test_menukaart_with_a_package_stays_within_the_ceiling(client, language, path):
    services = list(ServicePage.objects.live().filter(locale__language_code=language).order_by("path")[:3])
    url = f"{path}?{urlencode([('service', service.package_key) for service in services])}"
    context, html = cold_render(client, url, 200)
    assert len(services) == 3
    for service in services:
        assert f'value="{service.package_key}" checked' in html, service.title
    assert_within_ceiling(url, context)
