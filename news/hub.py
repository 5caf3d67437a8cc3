"""The latest news on the hub: the newest items of the visitor's language, with their dates."""

from home.hub import HubSection
from home.localization import section_page

from .models import NEWS_ORDER, NewsIndexPage, NewsPage

LATEST_COUNT = 3


def latest_news(request, home_page):
    """The three newest live items under ``home_page`` (one query), and the way to the overview."""
    items = list(NewsPage.objects.live().descendant_of(home_page).order_by(*NEWS_ORDER)[:LATEST_COUNT])
    if not items:
        return None
    return HubSection(
        "news/hub/latest_news.html", {"items": items, "index": section_page(request, NewsIndexPage, home_page)}
    )
