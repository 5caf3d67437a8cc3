"""The menukaart in a real browser: composing a package with the keyboard, live updates, and axe-core."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.axe import (
    LANGUAGE_AT_WIDTH,
    VIEWPORTS,
    assert_no_axe_violations_at_both_widths,
    assert_page_has_no_axe_violations,
)

pytestmark = pytest.mark.browser

NBSP = "\u00a0"


def focused(page):
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return {tag: e.tagName, type: e.type || '', name: e.name || '', value: e.value || '',"
        " text: (e.textContent || '').trim(), checked: !!e.checked}; })()"
    )


def tab_to(page, matches, limit=120):
    """Press Tab until the focused element matches; fail after ``limit`` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if matches(element):
            return element
    raise AssertionError("Tab never reached the element")


def choose(action, title):
    """The accessible name of an action on one service: the visible verb, then the (hidden) title."""
    return re.compile(rf"^{re.escape(action)}\s*:\s*{re.escape(title)}$")


def services_in(url):
    return parse_qs(urlsplit(url).query).get("service", [])


def test_composing_a_package_with_the_keyboard_only(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/nl/menukaart/")
    page.evaluate("window.__notReloaded = true")

    # Filter to one audience: focus the select, choose with the arrow keys, submit with Enter on the button.
    tab_to(page, lambda e: e["tag"] == "SELECT" and e["name"] == "audience")
    page.keyboard.press("ArrowDown")  # Gemeente
    page.keyboard.press("ArrowDown")  # Bedrijf
    assert page.locator("#filter-audience").input_value() == "company"
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Toon diensten")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"audience=company"))
    page.evaluate("window.__notReloaded = true")

    # Tick three services with the space bar.
    chosen = []
    while len(chosen) < 3:
        element = tab_to(page, lambda e: e["type"] == "checkbox" and e["value"] not in chosen)
        page.keyboard.press("Space")
        assert focused(page)["checked"]
        chosen.append(element["value"])

    status = page.locator("[data-package-status]")
    assert status.inner_text() == "3 diensten in je pakket"
    assert page.evaluate("window.__notReloaded") is True, "the summary must update without a reload"
    visible = page.locator(".package__service:not([hidden])")
    assert visible.count() == 3
    assert page.locator("[data-package-total]").inner_text().startswith(("€", "vanaf €"))
    assert sorted(services_in(page.url)) == sorted(chosen), "the address holds the package"

    # The language switch keeps the package.
    english = page.get_by_role("link", name="English")
    assert sorted(services_in(english.get_attribute("href"))) == sorted(chosen)

    # "Send with my question" carries the services to the intake target.
    tab_to(page, lambda e: e["tag"] == "A" and e["text"] == "Meesturen met mijn vraag")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/nl/menukaart/" not in page.url
    assert sorted(services_in(page.url)) == sorted(chosen)


def test_switching_language_keeps_the_package_with_english_titles(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/nl/menukaart/")
    boxes = page.locator('input[type="checkbox"][name="service"]')
    for index in (0, 1, 2):
        boxes.nth(index).check()
    chosen = sorted(boxes.nth(i).get_attribute("value") for i in (0, 1, 2))
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/service-menu/"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert sorted(services_in(page.url)) == chosen
    assert page.locator("[data-package-status]").inner_text() == "3 services in your package"
    titles = page.locator(".package__service:not([hidden]) .package__service-title").all_inner_texts()
    assert titles[0] == "Becoming a social enterprise"


def test_summary_total_updates_live_and_remove_works(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/en/service-menu/?form=workshop")
    page.evaluate("window.__notReloaded = true")
    page.get_by_role("checkbox", name=choose("Add to my package", "Social procurement workshop")).check()
    page.get_by_role("checkbox", name=choose("Add to my package", "Starter workshop")).check()
    # A price per group and one per participant are never added up.
    assert page.locator("[data-package-total]").inner_text() == "€1,250 per group + €75 per participant"
    assert page.locator("[data-package-on-request-row]").is_hidden()

    page.get_by_role("link", name=choose("Remove", "Starter workshop")).click()
    assert page.locator("[data-package-total]").inner_text() == "€1,250 per group"
    assert not page.get_by_role("checkbox", name=choose("Add to my package", "Starter workshop")).is_checked()
    assert page.locator("[data-package-status]").inner_text() == "1 service in your package"
    assert page.evaluate("window.__notReloaded") is True


def test_phone_keeps_the_package_in_view_while_ticking(browser_page, live_site):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 760})
    page.goto(live_site + "/en/service-menu/?form=workshop")
    bar = page.locator("[data-package-bar]")
    assert bar.is_hidden()
    page.get_by_role("checkbox", name=choose("Add to my package", "Social procurement workshop")).check()
    assert bar.is_visible()
    assert bar.inner_text().startswith("1 service in your package · €1,250 per group")
    box = bar.bounding_box()
    assert box["y"] + box["height"] <= 760, "the bar sits inside the screen"
    bar.locator(".package-bar__go").click()  # the bar takes the visitor to the package
    assert page.url.endswith("#package")
    package = page.locator("#package").bounding_box()
    assert -1 < package["y"] < 760, "the package is on screen (to the pixel: scroll positions are whole pixels)"


def test_desktop_shows_the_summary_instead_of_the_bar(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/en/service-menu/?form=workshop")
    page.get_by_role("checkbox", name=choose("Add to my package", "Social procurement workshop")).check()
    assert page.locator("[data-package-bar]").is_hidden()


def test_dutch_total_is_written_the_dutch_way(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/nl/menukaart/?form=programme")
    page.get_by_role(
        "checkbox", name=choose("Toevoegen aan mijn pakket", "Verandertraject sociaal ondernemen")
    ).check()
    page.get_by_role("checkbox", name=choose("Toevoegen aan mijn pakket", "Coachingstraject")).check()
    page.get_by_role(
        "checkbox", name=choose("Toevoegen aan mijn pakket", "Jongerentraject sociaal ondernemen")
    ).check()
    assert page.locator("[data-package-total]").inner_text().replace(NBSP, " ") == "vanaf € 8.250"
    on_request = page.locator("[data-package-on-request]").inner_text()
    assert on_request == "Jongerentraject sociaal ondernemen"


@pytest.mark.parametrize(
    "path",
    [
        "/nl/menukaart/",
        "/en/service-menu/",
        "/nl/menukaart/?audience=company&form=workshop",
        "/en/service-menu/?audience=initiative&form=impact-measurement",
        "/nl/menukaart/impact-challenge/",
        "/en/service-menu/impact-challenge/",
        "/nl/menukaart/workshop-sociaal-inkopen/",
        "/en/service-menu/social-procurement-workshop/",
    ],
)
def test_menukaart_pages_have_no_axe_violations(browser_page, live_site, path):
    assert_page_has_no_axe_violations(browser_page, live_site + path)


@LANGUAGE_AT_WIDTH
def test_menu_with_a_package_has_no_axe_violations(browser_page, live_site, language, width):
    page = browser_page
    page.set_viewport_size(VIEWPORTS[width])
    page.goto(live_site + {"nl": "/nl/menukaart/", "en": "/en/service-menu/"}[language])
    boxes = page.locator('input[type="checkbox"][name="service"]')
    for index in (0, 3, 9):
        boxes.nth(index).check()
    assert_no_axe_violations_at_both_widths(page)
