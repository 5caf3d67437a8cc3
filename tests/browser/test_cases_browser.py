"""Case pages in a real browser: axe-core in both languages and widths, and the filters by keyboard only."""

import pytest

from tests.browser.axe import assert_page_has_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/nl/cases/",
        "/en/cases/",
        "/nl/cases/?theme=werk&programme=buy-social",
        "/en/cases/?theme=jongeren&programme=buy-social",
        "/nl/cases/gemeente-utrecht/",
        "/en/cases/gemeente-utrecht/",
        "/en/cases/missie-030/",
    ],
)
def test_case_pages_have_no_axe_violations(browser_page, live_site, path):
    assert_page_has_no_axe_violations(browser_page, live_site + path)


def tab_to(page, element_id, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def card_titles(page):
    return page.locator(".case-card .card__title").all_inner_texts()


def test_filters_work_with_the_keyboard_alone(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/en/cases/")
    assert len(card_titles(page)) == 3

    tab_to(page, "filter-theme")
    page.keyboard.type("Young")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-programme"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Show case studies"
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/cases/?theme=jongeren&programme=")
    assert card_titles(page) == ["Missie 030: young people discover social enterprise"]
    assert page.locator("#filter-theme").input_value() == "jongeren"

    tab_to(page, "filter-programme")
    page.keyboard.type("Buy")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**programme=buy-social")
    assert card_titles(page) == []
    assert page.get_by_role("heading", name="No case studies match these filters").is_visible()

    clear = page.get_by_role("link", name="Clear filters", exact=True)
    clear.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(live_site + "/en/cases/")
    assert len(card_titles(page)) == 3


def test_keyboard_focus_on_a_card_is_visible(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/nl/cases/")
    link = page.locator(".case-card .card__title a").first
    link.focus()
    outline = link.evaluate("el => getComputedStyle(el.closest('.card')).outlineStyle")
    assert outline != "none"
