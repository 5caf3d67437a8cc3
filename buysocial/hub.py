"""Buy Social on the hub: a short section that leads buyers to the directory (no query of its own)."""

from home.hub import HubSection
from home.localization import section_page

from .models import BuySocialPage


def buy_social_section(request, home_page):
    """The directory's title and link, from the hub's sections (fetched once for the menu), or None."""
    directory = section_page(request, BuySocialPage, home_page)
    if directory is None:
        return None
    return HubSection("buysocial/hub/buy_social.html", {"directory": directory})
