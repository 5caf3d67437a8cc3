"""What only a browser shows: the redirect, the switcher, the navigation, and axe-core."""

import pytest

from tests.browser.axe import assert_page_has_no_axe_violations

pytestmark = pytest.mark.browser


def test_visitor_lands_in_dutch_switches_to_english_and_follows_the_menu(browser, live_site):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.goto(live_site + "/")
    assert page.url == live_site + "/nl/"
    assert page.locator("html").get_attribute("lang") == "nl"

    page.get_by_role("link", name="English").click()
    assert page.url == live_site + "/en/"
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="About us").click()
    assert page.url == live_site + "/en/about-us/"
    assert page.get_by_role("heading", level=1).inner_text() == "About us"

    page.get_by_role("link", name="Nederlands").click()
    assert page.url == live_site + "/nl/over-ons/"
    context.close()


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    "path",
    [
        "/nl/",  # the hub, with its next events and latest news
        "/en/",
        "/nl/over-ons/",
        "/en/about-us/",
        "/nl/zoeken/?q=utrecht",
        "/en/search/?q=procurement",
        "/en/does-not-exist/",
    ],
)
def test_pages_have_no_axe_violations(browser_page, live_site, path):
    assert_page_has_no_axe_violations(browser_page, live_site + path)


PAGE_TYPES = [
    "/nl/",
    "/en/about-us/",
    "/nl/programmas/",
    "/en/programmes/plan-einstein/",
    "/nl/cases/",
    "/en/cases/gemeente-utrecht/",
    "/nl/menukaart/",
    "/en/service-menu/becoming-a-social-enterprise/",
    "/nl/vraagstuk/",
    "/en/your-question/",
]


def test_no_page_breaks_its_security_policy_or_throws_errors(browser_page, live_site):
    """The Content-Security-Policy allows only this site: no page may need anything else."""
    problems = []

    def console(message):
        if message.type == "error":
            problems.append(message.text)

    def page_error(error):
        problems.append(str(error))

    browser_page.on("console", console)
    browser_page.on("pageerror", page_error)
    try:
        for path in PAGE_TYPES:
            response = browser_page.goto(live_site + path)
            assert response.status == 200, path
            assert "default-src 'self'" in response.headers["content-security-policy"]
    finally:
        browser_page.remove_listener("console", console)
        browser_page.remove_listener("pageerror", page_error)
    assert problems == []
