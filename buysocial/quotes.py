"""Quote requests: links to the intake form with the chosen enterprises.

A buyer asks for quotes through the hub's intake form (topic "Buy Social"),
never straight at an enterprise: SIF answers with a shortlist. The enterprises
travel in the URL as the menukaart's package does (``?topic=buy-social&enterprise=<key>``,
repeatable), named by their page's ``translation_key``, the same in both languages.
This module imports no model of its own, so models.py can import it; ``intake_items.py`` tells the intake
what a quote request carries.
"""

from home.filters import query_string
from home.localization import site_pages
from intake.submissions import Topic

TOPIC = Topic.BUY_SOCIAL.value
PARAM = "enterprise"
# A quote request for more than this many is a question for the hub, not a shortlist request.
MAX_ENTERPRISES = 10


def request_url(request, enterprises):
    """The intake form's URL with ``enterprises`` chosen, or None (no intake page, none or too many chosen)."""
    intake = site_pages(request)["intake"]
    if intake is None or not enterprises or len(enterprises) > MAX_ENTERPRISES:
        return None
    return intake.get_url(request) + query_string(
        {"topic": TOPIC, PARAM: [enterprise.key for enterprise in enterprises]}
    )
