"""Phones, forced colours, print and the package panel, as a browser shows them."""

import time

import pytest

from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 320, "height": 568}
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=SMALL_PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["/nl/", "/en/", "/nl/menukaart/", "/en/search/?q=procurement"])
def test_header_takes_at_most_a_quarter_of_a_small_phone_screen(phone, live_site, path):
    phone.goto(live_site + path)
    height = phone.locator(".site-header").bounding_box()["height"]
    assert height <= 0.25 * SMALL_PHONE["height"], f"header is {height}px of {SMALL_PHONE['height']}px"
    assert phone.get_by_role("button", name="Menu").is_visible()
    links = phone.locator("[data-site-nav] .site-nav__list a")
    assert links.count() >= 4 and not links.first.is_visible()  # folded away behind the button


def tab_to(page, predicate_js, limit=30):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"no tab stop matched {predicate_js}")


@pytest.mark.parametrize(("path", "link"), [("/nl/", "Over ons"), ("/en/", "About us")])
def test_menu_button_works_by_keyboard(browser, live_site, path, link):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_site + path)
    toggle = page.locator("[data-site-nav-toggle]")
    assert toggle.get_attribute("aria-expanded") == "false"
    tab_to(page, "document.activeElement.matches('[data-site-nav-toggle]')")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    nav = page.locator("[data-site-nav]")
    assert nav.get_by_role("link", name=link).is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == link
    assert_no_axe_violations(page)
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.matches('[data-site-nav-toggle]')")
    assert not nav.get_by_role("link", name=link).is_visible()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true"
    nav.get_by_role("link", name=link).click()
    assert page.get_by_role("heading", level=1).inner_text() == link
    context.close()


def test_without_javascript_the_navigation_stays_open(browser, live_site):
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + "/en/")
    assert not page.locator("[data-site-nav-toggle]").is_visible()
    nav = page.get_by_role("navigation", name="Main navigation")
    assert nav.get_by_role("link", name="About us").is_visible()
    assert page.get_by_role("link", name="Put your question to us").first.is_visible()
    context.close()


def test_menu_button_is_absent_on_wide_screens(browser_page, live_site):
    browser_page.goto(live_site + "/en/")
    assert not browser_page.locator("[data-site-nav-toggle]").is_visible()
    assert (
        browser_page.get_by_role("navigation", name="Main navigation")
        .get_by_role("link", name="About us")
        .is_visible()
    )


@pytest.mark.parametrize("path", ["/en/", "/nl/menukaart/"])
def test_focus_is_visible_in_forced_colours_on_every_tab_stop(browser_page, live_site, path):
    page = browser_page
    page.emulate_media(forced_colors="active")
    page.goto(live_site + path)
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    seen = []
    for _ in range(20):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => { const el = document.activeElement; const s = getComputedStyle(el);
                return {tag: el.tagName, text: (el.textContent || el.value || '').trim().slice(0, 30),
                        style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
        )
        if style["tag"] == "BODY":
            break
        seen.append(style)
        assert style["style"] != "none" and style["width"] >= 2, f"no visible focus on {style}"
    assert len(seen) >= 8  # logo, language, navigation, call to action, content


def choose_every_service(page):
    boxes = page.locator('input[type="checkbox"][name="service"]')
    for index in range(boxes.count()):
        boxes.nth(index).check()
    return boxes.count()


SCROLL_OVER_TWO_FRAMES = """() => new Promise(done => {
    const start = scrollY;
    requestAnimationFrame(() => requestAnimationFrame(() => done([start, scrollY])));
})"""


def scroll_by_wheel(page, pixels, timeout=10.0):
    """Turn the mouse wheel and wait until the page has stopped scrolling.

    Playwright's wheel returns before the page has scrolled; on a busy machine
    the scroll lands later (CI once read the button's place before the scroll and
    looked for it there after). Waits for scrollY to move and then hold still
    over two animation frames."""
    before = page.evaluate("scrollY")
    page.mouse.wheel(0, pixels)
    deadline = time.monotonic() + timeout
    while True:
        start, end = page.evaluate(SCROLL_OVER_TWO_FRAMES)
        if start == end != before:
            return end - before
        if time.monotonic() > deadline:
            raise AssertionError(f"the page did not settle after the wheel (scrollY {before} -> {end})")


def test_package_button_stays_in_view_at_1280x800(browser, live_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_site + "/en/service-menu/")
    assert choose_every_service(page) >= 8
    page.locator("#package").scroll_into_view_if_needed()
    assert scroll_by_wheel(page, 400) > 0
    # Where the button is and what a click there would hit, read in one go.
    box, hit = page.evaluate(
        """() => { const send = document.querySelector('[data-package-send]');
            const r = send.getBoundingClientRect();
            const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return [{y: r.y, height: r.height}, at && at.closest('[data-package-send]') === send]; }"""
    )
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    assert hit, "the send button is covered"
    context.close()


def test_printing_a_package_gives_the_package_with_date_and_not_the_menu(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/nl/menukaart/")
    page.locator('input[type="checkbox"][name="service"]').first.check()
    page.emulate_media(media="print")
    assert page.locator("#package").is_visible()
    assert not page.locator(".menukaart__menu").is_visible()
    assert not page.locator(".menukaart__filters").is_visible()
    meta = page.locator(".package__print-meta")
    assert meta.is_visible() and "pakket samengesteld op" in meta.inner_text()
    page.emulate_media(media="screen")
    assert not meta.is_visible()
    assert page.locator(".menukaart__menu").is_visible()


@pytest.mark.parametrize(
    ("path", "send"), [("/nl/vraagstuk/", "Verstuur mijn vraag"), ("/en/your-question/", "Send my question")]
)
def test_failed_intake_moves_focus_to_the_error_summary_and_marks_the_radio_group(browser_page, live_site, path, send):
    page = browser_page
    page.goto(live_site + path)
    page.get_by_role("button", name=send).click()
    page.wait_for_selector("[data-error-summary]")
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    radio_group = page.locator("fieldset.field--error").first
    assert radio_group.evaluate("el => getComputedStyle(el).borderLeftWidth") == "5px"
    text_field = page.locator("div.field--error").first
    assert radio_group.evaluate("el => getComputedStyle(el).borderLeftColor") == text_field.evaluate(
        "el => getComputedStyle(el).borderLeftColor"
    )
    assert page.locator("fieldset fieldset").count() == 0
