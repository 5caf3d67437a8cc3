"""Challenge pages in a real browser: axe-core in both languages at phone and desktop width."""

import pytest

from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/nl/challenges/",
        "/en/challenges/",
        "/nl/challenges/?status=open",
        "/en/challenges/?status=running",
        "/nl/challenges/voorbeeldoproep/",
        "/en/challenges/example-call/",
        "/nl/challenges/bandenspanning-jaarbeurs/",
        "/en/challenges/tyre-pressure-jaarbeurs/",
    ],
)
def test_challenge_pages_have_no_axe_violations(browser_page, live_site, viewport, path):
    browser_page.set_viewport_size(viewport)
    browser_page.goto(live_site + path)
    assert_no_axe_violations(browser_page)


def test_a_filter_link_leads_to_the_open_calls(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/nl/challenges/")
    page.get_by_role("link", name="Open", exact=True).click()
    page.wait_for_url("**/nl/challenges/?status=open")
    assert page.get_by_role("link", name="Voorbeeldoproep: werk voor mensen zonder betaald werk").is_visible()
    assert page.get_by_text("Nog 21 dagen", exact=False).is_visible()
