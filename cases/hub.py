"""The featured cases on the hub."""

from home.hub import HubSection
from home.localization import section_page
from home.ordering import newest_first

from .models import CaseIndexPage, CasePage

FEATURED_COUNT = 3


def featured_cases(request, home_page):
    """Up to three cases editors chose; the newest fill the places left."""
    cases = (
        newest_first(CasePage.objects.live().descendant_of(home_page), "-feature_on_home")
        .select_related("image")
        .prefetch_related(CasePage.theme_links_prefetch())[:FEATURED_COUNT]
    )
    cards = CasePage.with_localized_themes(cases)
    if not cards:
        return None
    index = section_page(request, CaseIndexPage, home_page)
    return HubSection(
        "cases/hub/featured_cases.html",
        {"cases": cards, "index": index},
        images=[case.image for case in cards],
        image_presets=("card",),
    )
