"""The featured cases on the hub."""

from home.hub import HubSection

from .models import NEWEST_FIRST, CaseIndexPage, CasePage

FEATURED_COUNT = 3


def featured_cases(request, home_page):
    """Up to three cases editors chose; the newest fill the places left."""
    cases = (
        CasePage.objects.live()
        .descendant_of(home_page)
        .order_by("-feature_on_home", NEWEST_FIRST, "-pk")
        .select_related("image")
        .prefetch_related("theme_links__theme", "image__renditions")[:FEATURED_COUNT]
    )
    cards = CasePage.with_localized_themes(cases)
    if not cards:
        return None
    index = CaseIndexPage.objects.live().child_of(home_page).first()
    return HubSection("cases/hub/featured_cases.html", {"cases": cards, "index": index})
