"""The intake form in a browser: axe-core on every state, and the path from the menukaart to the thank-you page."""

import re
import time

import pytest

from tests.browser.axe import LANGUAGE_AT_WIDTH, VIEWPORTS, assert_no_axe_violations_at_both_widths

pytestmark = pytest.mark.browser

FORMS = {
    "nl": ("/nl/vraagstuk/", "Verstuur mijn vraag", "Bedankt voor je vraag"),
    "en": ("/en/your-question/", "Send my question", "Thank you for your question"),
}
MIN_FILL_SECONDS = 3.2  # the form refuses answers sent faster than a person types (3 s)


def fill_in(page, organisation):
    page.fill("#id_organisation_name", organisation)
    page.check("#id_organisation_type_2")
    page.fill("#id_contact_name", "Sam de Vries")
    page.fill("#id_email", "sam@example.org")
    page.fill("#id_question", "How can our company buy more from social enterprises in Utrecht?")
    page.check("#id_consent")


@LANGUAGE_AT_WIDTH
def test_empty_form_errors_and_thank_you_have_no_axe_violations(browser_page, live_site, language, width):
    path, send, thanks = FORMS[language]
    page = browser_page
    page.set_viewport_size(VIEWPORTS[width])
    page.goto(live_site + path)
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations_at_both_widths(page)

    page.get_by_role("button", name=send).click()
    page.wait_for_load_state()  # the click returns once the answer starts to load; axe needs all of it
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.title().startswith(("Fout:", "Error:"))
    assert_no_axe_violations_at_both_widths(page)
    # A link in the summary moves to its field.
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_organisation_name"

    fill_in(page, f"Axe {language} {width}")
    time.sleep(MIN_FILL_SECONDS)
    page.get_by_role("button", name=send).click()
    page.wait_for_url(re.compile(r"\?sent="))
    assert page.get_by_role("heading", level=1).inner_text() == thanks
    assert f"Axe {language} {width}" not in page.content()  # no personal data on the thank-you page
    assert_no_axe_violations_at_both_widths(page)


def test_package_from_the_menukaart_is_sent_with_the_question_from_english(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/en/service-menu/")
    boxes = page.locator('input[type="checkbox"][name="service"]')
    boxes.nth(0).check()
    boxes.nth(1).check()
    chosen = sorted(boxes.nth(i).get_attribute("value") for i in (0, 1))
    page.get_by_role("link", name="Send with my question").click()
    page.wait_for_url(re.compile(r"/en/your-question/\?"))

    ticked = page.locator('input[name="services"]:checked')
    assert sorted(ticked.nth(i).get_attribute("value") for i in range(ticked.count())) == chosen
    titles = [page.locator(f'label[for="{ticked.nth(i).get_attribute("id")}"]').inner_text() for i in (0, 1)]

    fill_in(page, "Package from the menu")
    time.sleep(MIN_FILL_SECONDS)
    page.get_by_role("button", name="Send my question").click()
    page.wait_for_url(re.compile(r"\?sent="))
    summary = page.locator("section[aria-labelledby=services-title]").inner_text()
    assert all(title in summary for title in titles)
    assert "sam@example.org" not in page.url and "Package" not in page.url


def test_form_sets_no_cookie_but_csrf_and_the_thank_you_page_none(browser, live_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_site + "/en/")
    assert context.cookies() == []
    page.goto(live_site + "/en/your-question/")
    assert [cookie["name"] for cookie in context.cookies()] == ["csrftoken"]
    context.close()


@LANGUAGE_AT_WIDTH
def test_room_request_from_the_location_page_and_the_package_summary_have_no_axe_violations(
    browser_page, live_site, language, width
):
    """The location page's booking box leads to the short room request; the package summary sits above the form."""
    location, button, room_h1, send, thanks = {
        "nl": (
            "/nl/locatie/",
            "Vraag een zaal of werkplek aan",
            "Een zaal of werkplek boeken",
            "Verstuur mijn aanvraag",
            "Bedankt voor je aanvraag",
        ),
        "en": (
            "/en/location/",
            "Request a room or a desk",
            "Book a room or a desk",
            "Send my request",
            "Thank you for your request",
        ),
    }[language]
    page = browser_page
    page.set_viewport_size(VIEWPORTS[width])
    page.goto(live_site + location)
    assert_no_axe_violations_at_both_widths(page)
    page.get_by_role("link", name=button).click()
    page.wait_for_url(re.compile(r"\?topic=room$"))
    assert page.get_by_role("heading", level=1).inner_text() == room_h1
    assert_no_axe_violations_at_both_widths(page)
    page.fill("#id_organisation_name", f"Room {language} {width}")
    page.check("#id_organisation_type_4")
    page.fill("#id_contact_name", "Sam de Vries")
    page.fill("#id_email", "sam@example.org")
    page.fill("#id_question", "Zaal, 12 juni, 10 man")
    page.check("#id_consent")
    time.sleep(MIN_FILL_SECONDS)
    page.get_by_role("button", name=send).click()
    page.wait_for_url(re.compile(r"\?sent="))
    assert page.get_by_role("heading", level=1).inner_text() == thanks

    menukaart = {"nl": "/nl/menukaart/", "en": "/en/service-menu/"}[language]
    page.goto(live_site + menukaart)
    boxes = page.locator('input[type="checkbox"][name="service"]')
    boxes.nth(0).check()
    boxes.nth(1).check()
    total = page.locator("[data-package-total]").inner_text()
    page.locator("[data-package-send]").click()
    page.wait_for_url(re.compile(r"\?service="))
    package = page.locator(".intake-package")
    assert package.is_visible()
    assert package.locator("[data-intake-package-total]").inner_text() == total, "the menukaart's per-unit totals"
    assert_no_axe_violations_at_both_widths(page)
