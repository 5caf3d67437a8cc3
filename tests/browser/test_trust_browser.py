"""Issue 23 in a real browser: contact and statements pass axe, and the WCAG and print findings stay fixed.

- WCAG 2.4.11: on the menukaart, no focused element sits under the sticky package bar (320, 375, 1280 px).
- Error summary links bring the field with its label and error message into view.
- Forced colours: the current page in the navigation differs from the others by more than colour.
- WCAG 1.4.12: with the text spacing override, nothing overflows a 320 px screen.
- Print without backgrounds: every text is at least 4.5:1 on white, and no card can break over two pages.
- A package from a shared address shows its bar at once.
"""

import pytest

from tests.browser.axe import assert_page_has_no_axe_violations

pytestmark = pytest.mark.browser

SMALL_SCREENS = {"320": {"width": 320, "height": 568}, "375": {"width": 375, "height": 812}}
WIDTHS = {**SMALL_SCREENS, "1280": {"width": 1280, "height": 900}}

NEW_PAGES = [
    "/nl/contact/",
    "/en/contact/",
    "/nl/locatie/",
    "/en/location/",
    "/nl/privacy/",
    "/en/privacy/",
    "/nl/toegankelijkheid/",
    "/en/accessibility/",
]
# The changed pages not checked with their own kind (the hub: test_foundation_browser; the menukaart, the
# case overview and Missie 030, Plan Einstein: their own files).
CHANGED_PAGES = [
    "/en/service-menu/coaching/",
    "/nl/cases/jaarbeurs-band-op-spanning/",
]


@pytest.mark.parametrize("path", NEW_PAGES + CHANGED_PAGES)
def test_new_and_changed_pages_have_no_axe_violations(browser_page, live_site, path):
    assert_page_has_no_axe_violations(browser_page, live_site + path)


# -- Focus and the package bar (WCAG 2.4.11) ---------------------------------------------------

FOCUS_BOX = """() => {
    const element = document.activeElement;
    const box = element.getBoundingClientRect();
    const bar = document.querySelector("[data-package-bar]");
    const barBox = bar && !bar.hidden && getComputedStyle(bar).display !== "none" ? bar.getBoundingClientRect() : null;
    return {
        text: (element.textContent || element.value || "").trim().slice(0, 60),
        inBar: !!(bar && bar.contains(element)),
        inMenu: !!element.closest(".menukaart__menu"),
        top: box.top, bottom: box.bottom, height: box.height,
        barTop: barBox ? barBox.top : null, barBottom: barBox ? barBox.bottom : null,
        viewport: window.innerHeight,
    };
}"""


@pytest.mark.parametrize("width", list(WIDTHS))
def test_focus_never_sits_under_the_package_bar(browser_page, live_site, width):
    page = browser_page
    page.set_viewport_size(WIDTHS[width])
    page.goto(live_site + "/nl/menukaart/")
    first = page.locator('input[type="checkbox"][name="service"]').first
    first.focus()
    page.keyboard.press("Space")
    if width != "1280":
        assert page.locator("[data-package-bar]").is_visible(), "the bar shows once a service is ticked"
    checked = 0
    for _ in range(90):
        page.keyboard.press("Tab")
        page.wait_for_timeout(30)  # let a scroll triggered by the focus settle
        box = page.evaluate(FOCUS_BOX)
        if not box["inMenu"] or box["inBar"] or box["height"] == 0:
            continue
        checked += 1
        assert box["top"] >= -1 and box["bottom"] <= box["viewport"] + 1, f"{box['text']!r} is off screen: {box}"
        if box["barTop"] is not None:
            assert box["bottom"] <= box["barTop"] + 1 or box["top"] >= box["barBottom"] - 1, (
                f"{box['text']!r} is under the package bar at {width} px: {box}"
            )
    assert checked > 20, "Tab went through the menu"


def test_a_shared_package_shows_its_bar_at_once(browser_page, live_site):
    page = browser_page
    page.set_viewport_size(SMALL_SCREENS["375"])
    page.goto(live_site + "/nl/menukaart/")
    keys = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll(".service-card")).map(
        card => [card.querySelector(".service-card__title").textContent.trim(),
                 card.querySelector("input").value]))""")
    # Two services without a price (the browser tests' demo prices some others, as an editor would).
    chosen = [keys["Impact challenge"], keys["Jongerentraject sociaal ondernemen"]]
    page.goto(live_site + f"/nl/menukaart/?service={chosen[0]}&service={chosen[1]}")
    bar = page.locator("[data-package-bar]")
    assert bar.is_visible(), "the bar of a package from a shared address shows before any change"
    assert bar.inner_text().startswith("2 diensten in je pakket · prijs op aanvraag")
    assert page.locator("[data-package-on-request-row]").inner_text().startswith("Prijs op aanvraag:")
    assert not page.locator("[data-package-total-row]").is_visible(), "no total without prices"


# -- Error summary links ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", ["375", "1280"])
def test_error_summary_links_keep_the_label_and_message_in_view(browser_page, live_site, width):
    page = browser_page
    page.set_viewport_size(WIDTHS[width])
    page.goto(live_site + "/nl/vraagstuk/")
    page.get_by_role("button", name="Verstuur mijn vraag").click()
    page.wait_for_load_state()
    links = page.locator(".error-summary a")
    assert links.count() >= 4
    for index in range(links.count()):
        page.evaluate("window.scrollTo(0, 0)")
        link = links.nth(index)
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(50)
        seen = page.evaluate("""() => {
            const field = document.activeElement;
            const group = field.closest("fieldset, .field");
            const label = group.querySelector("legend, label");
            const error = group.querySelector(".field__error");
            const box = (element) => element.getBoundingClientRect();
            return {id: field.id, label: box(label).top, error: box(error).top, field: box(field).bottom,
                    viewport: window.innerHeight};
        }""")
        assert seen["id"] == link.get_attribute("href")[1:]
        for part in ("label", "error"):
            assert 0 <= seen[part] < seen["viewport"], f"the {part} of {seen['id']} is out of view: {seen}"
        assert seen["field"] <= seen["viewport"], seen


# -- Forced colours ----------------------------------------------------------------------------------


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


RGB = "(value) => value.match(/[\\d.]+/g).map(Number)"


@pytest.mark.parametrize("path", ["/nl/menukaart/", "/en/about-us/"])
def test_the_current_page_stands_out_in_forced_colours(browser_page, live_site, path):
    page = browser_page
    page.emulate_media(forced_colors="active")
    page.goto(live_site + path)
    links = page.evaluate(f"""() => Array.from(document.querySelectorAll(".site-nav__list a")).map(a => {{
        const style = getComputedStyle(a);
        const rgb = {RGB};
        return {{current: a.hasAttribute("aria-current"), border: parseFloat(style.borderBottomWidth),
                 borderStyle: style.borderBottomStyle, borderColor: rgb(style.borderBottomColor),
                 background: rgb(getComputedStyle(document.body).backgroundColor),
                 underline: style.textDecorationLine}};
    }})""")
    current = [link for link in links if link["current"]]
    others = [link for link in links if not link["current"]]
    assert len(current) == 1 and others
    mark = current[0]
    assert mark["border"] >= 3 and mark["borderStyle"] == "solid" and "underline" in mark["underline"]
    assert contrast(mark["borderColor"], mark["background"]) >= 3, mark
    for link in others:  # a shape the others lack, whatever the colours of the theme
        assert link["border"] == 0 or link["borderStyle"] == "none", link
        assert "underline" not in link["underline"], link


# -- Text spacing (WCAG 1.4.12) ---------------------------------------------------------------------

TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const element of document.querySelectorAll("main *, header *, footer *")) {
        if (element.closest(".visually-hidden, .table-wrap, [hidden]")) continue;
        const style = getComputedStyle(element);
        if (style.display === "none" || style.visibility === "hidden") continue;
        const box = element.getBoundingClientRect();
        if (box.width && (box.right > width + 1 || box.left < -1)) {
            out.push(element.tagName + "." + element.className + " " + (element.textContent || "").trim().slice(0, 40)
                     + " right=" + Math.round(box.right));
        }
        if (element.scrollWidth > element.clientWidth + 1 && style.overflowX === "visible"
            && element.children.length === 0 && element.clientWidth) {
            out.push(element.tagName + " overflows its box: " + (element.textContent || "").trim().slice(0, 40));
        }
    }
    return {page: document.documentElement.scrollWidth - width, out: out.slice(0, 8)};
}"""


@pytest.mark.parametrize(
    "path", ["/en/", "/nl/", "/en/contact/", "/nl/toegankelijkheid/", "/en/privacy/", "/en/service-menu/",
             "/en/cases/gemeente-utrecht/", "/en/location/"],
)  # fmt: skip
def test_nothing_overflows_with_the_text_spacing_override_at_320_px(browser, live_site, path):
    # The override is a user style sheet (as a bookmarklet adds it): past the site's Content Security Policy.
    context = browser.new_context(viewport=SMALL_SCREENS["320"], bypass_csp=True)
    page = context.new_page()
    page.goto(live_site + path)
    page.add_style_tag(content=TEXT_SPACING)
    result = page.evaluate(OVERFLOW)
    context.close()
    assert result["page"] <= 0 and not result["out"], result


# -- Print ------------------------------------------------------------------------------------------

PRINT_TEXTS = f"""() => {{
    const rgb = {RGB};
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {{
        const node = walker.currentNode;
        if (!node.textContent.trim()) continue;
        const element = node.parentElement;
        if (!element.checkVisibility || !element.checkVisibility()) continue;
        if (element.closest(".visually-hidden")) continue;
        found.push({{text: node.textContent.trim().slice(0, 40), color: rgb(getComputedStyle(element).color)}});
    }}
    for (const element of document.querySelectorAll("*")) {{
        const before = getComputedStyle(element, "::before");
        if (before.content && before.content !== "none" && before.content !== "normal" && element.checkVisibility()) {{
            found.push({{text: "::before " + before.content, color: rgb(before.color)}});
        }}
    }}
    return found;
}}"""


@pytest.mark.parametrize("path", ["/nl/", "/en/cases/gemeente-utrecht/", "/nl/programmas/challenges/", "/en/contact/"])
def test_print_without_backgrounds_keeps_text_at_4_5_to_1(browser_page, live_site, path):
    page = browser_page
    page.goto(live_site + path)
    page.emulate_media(media="print")
    texts = page.evaluate(PRINT_TEXTS)
    assert texts
    pale = [item for item in texts if contrast(item["color"], (255, 255, 255)) < 4.5]
    assert not pale, f"text paler than 4.5:1 on white paper: {pale[:5]}"


@pytest.mark.parametrize("path", ["/nl/", "/nl/cases/", "/en/service-menu/", "/nl/privacy/"])
def test_print_never_splits_a_card(browser_page, live_site, path):
    page = browser_page
    page.goto(live_site + path)
    page.emulate_media(media="print")
    splittable = page.evaluate("""() => Array.from(document.querySelectorAll(
        ".card, .service-card, .key-figures, .steps__item, .cta-box, .personal-data, .location"))
        .filter(element => element.checkVisibility())
        .filter(element => !["avoid", "avoid-page"].includes(getComputedStyle(element).breakInside))
        .map(element => element.className)""")
    assert page.locator(".card, .service-card, .key-figures, .personal-data").count() > 0
    assert not splittable, f"these can break over two pages: {splittable[:5]}"
