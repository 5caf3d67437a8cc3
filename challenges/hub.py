"""The challenges' section on the hub: a link to the open calls (no status, so nothing on the hub goes stale)."""

from home.hub import HubSection
from home.localization import section_page

from .models import ChallengeIndexPage


def challenges_link(request, home_page):
    index = section_page(request, ChallengeIndexPage, home_page)
    if index is None:
        return None
    return HubSection("challenges/hub/challenges_link.html", {"index": index})
