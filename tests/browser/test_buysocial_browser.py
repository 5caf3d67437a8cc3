"""Buy Social in a browser: axe-core on the finder, an enterprise and the quote request form with its errors."""

import re
import time

import pytest

from tests.browser.axe import LANGUAGE_AT_WIDTH, VIEWPORTS, assert_no_axe_violations_at_both_widths

pytestmark = pytest.mark.browser

SITE = {
    "nl": {
        "directory": "/nl/buy-social/",
        "filter": "Werk voor mensen met een afstand tot de arbeidsmarkt",
        "quote": "Vraag een offerte aan bij Band op Spanning",
        "send": "Verstuur mijn aanvraag",
        "thanks": "Bedankt voor je vraag",
    },
    "en": {
        "directory": "/en/buy-social/",
        "filter": "Jobs for people far from the labour market",
        "quote": "Ask for a quote from Band op Spanning",
        "send": "Send my request",
        "thanks": "Thank you for your question",
    },
}
MIN_FILL_SECONDS = 3.2  # the intake refuses answers sent faster than a person types (3 s)


@LANGUAGE_AT_WIDTH
def test_finder_enterprise_and_quote_request_have_no_axe_violations(browser_page, live_site, language, width):
    texts = SITE[language]
    page = browser_page
    page.set_viewport_size(VIEWPORTS[width])
    page.goto(live_site + texts["directory"])
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations_at_both_widths(page)

    # A filter is a plain link; the chosen one is marked and the list follows.
    page.get_by_role("link", name=re.compile(re.escape(texts["filter"]))).click()
    page.wait_for_url(re.compile(r"impact=work"))
    assert page.locator(".enterprise-card").count() == 1
    assert_no_axe_violations_at_both_widths(page)

    page.get_by_role("link", name="Band op Spanning", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Band op Spanning"
    assert_no_axe_violations_at_both_widths(page)

    page.get_by_role("link", name=texts["quote"]).click()
    page.wait_for_url(re.compile(r"topic=buy-social"))
    assert page.locator("input[name=carried]:checked").count() == 1
    assert_no_axe_violations_at_both_widths(page)

    page.get_by_role("button", name=texts["send"]).click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("input[name=carried]:checked").count() == 1, "the chosen enterprise stays chosen"
    assert_no_axe_violations_at_both_widths(page)

    page.fill("#id_organisation_name", f"Buyer {language} {width}")
    page.check("#id_organisation_type_2")
    page.fill("#id_contact_name", "Sam de Vries")
    page.fill("#id_email", "sam@example.org")
    page.fill("#id_question", "We would like coffee and catering for our meetings, every month from spring.")
    page.check("#id_consent")
    time.sleep(MIN_FILL_SECONDS)
    page.get_by_role("button", name=texts["send"]).click()
    page.wait_for_url(re.compile(r"\?sent="))
    assert "Band op Spanning" in page.content()
    assert_no_axe_violations_at_both_widths(page)
