"""News pages in a real browser: axe-core in both languages at phone and desktop width."""

import pytest

from tests.browser.axe import assert_page_has_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/nl/actueel/",
        "/en/news/",
        "/nl/actueel/?page=2",
        "/nl/actueel/officiele-start/",
        "/en/news/official-launch/",
        "/nl/actueel/eerste-hotspot/",
        "/en/news/first-hotspot/",
    ],
)
def test_news_pages_have_no_axe_violations(browser_page, live_site, path):
    assert_page_has_no_axe_violations(browser_page, live_site + path)


def test_from_the_hub_to_an_item_and_its_case(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/en/")
    page.get_by_role("link", name="Social Impact Factory officially launched").click()
    page.wait_for_url("**/en/news/official-launch/")
    assert page.get_by_text("21 May 2015", exact=True).is_visible()
    assert page.get_by_text("Last updated on", exact=False).is_visible()
    page.get_by_role("link", name="Gemeente Utrecht: a hotspot for social enterprise").click()
    page.wait_for_url("**/en/cases/gemeente-utrecht/")
