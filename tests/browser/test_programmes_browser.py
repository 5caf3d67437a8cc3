"""Programme pages in a real browser: axe-core in both languages at phone and desktop width."""

import pytest

from tests.browser.axe import assert_page_has_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/nl/programmas/",
        "/en/programmes/",
        "/nl/programmas/plan-einstein/",
        "/en/programmes/plan-einstein/",
        "/nl/programmas/challenges/",
        "/en/programmes/buy-social/",
    ],
)
def test_programme_pages_have_no_axe_violations(browser_page, live_site, path):
    assert_page_has_no_axe_violations(browser_page, live_site + path)


def test_programme_overview_links_lead_to_the_programme(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/en/programmes/")
    page.get_by_role("link", name="Plan Einstein").click()
    page.wait_for_url("**/en/programmes/plan-einstein/")
    assert page.get_by_role("heading", level=1).inner_text() == "Plan Einstein"
    assert page.get_by_text("Finished", exact=True).is_visible()
