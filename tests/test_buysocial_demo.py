"""Buy Social in the demo: the founding partners that are social enterprises, with only what FACTS.md gives."""

from html import unescape

import pytest

from buysocial.models import SocialEnterprisePage
from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

DIRECTORY = {"nl": "/nl/buy-social/", "en": "/en/buy-social/"}
ENTERPRISES = ["Band op Spanning", "De Koekfabriek", "Specialisterren", "Wijk&Co"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_buyer_reaches_the_directory_from_the_home_page_and_sees_the_four(client, language):
    home = get_page(client, f"/{language}/")
    assert DIRECTORY[language] in {a.get("href") for a in home.find_all("a")}
    page = get_page(client, DIRECTORY[language])
    for name in ENTERPRISES:
        assert name in page.text
    # Only Band op Spanning's work is known: its impact and what it supplies are the filters there are.
    assert "?impact=work" in page.html and "?category=mobility" in page.html
    assert "?region=" not in page.html and "?sroi=" not in page.html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_demo_enterprise_renders_without_invented_claims(client, language):
    for enterprise in SocialEnterprisePage.objects.filter(locale__language_code=language):
        page = get_page(client, enterprise.url)
        assert page.response.status_code == 200
        assert enterprise.title in unescape(page.h1())
        assert not enterprise.counts_for_social_return and not enterprise.region and not enterprise.sdgs


def test_band_op_spanning_links_its_case_in_both_languages(client):
    for language, case in [
        ("nl", "/nl/cases/jaarbeurs-band-op-spanning/"),
        ("en", "/en/cases/jaarbeurs-band-op-spanning/"),
    ]:
        page = get_page(client, f"/{language}/buy-social/band-op-spanning/")
        assert case in {a.get("href") for a in page.find_all("a")}
