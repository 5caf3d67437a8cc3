"""Challenge pages in a real browser: axe-core in both languages at phone and desktop width."""

import re
import time

import pytest

from tests.browser.axe import (
    LANGUAGE_AT_WIDTH,
    VIEWPORTS,
    assert_no_axe_violations_at_both_widths,
    assert_page_has_no_axe_violations,
)

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
        "/nl/challenges/voorbeeldoproep/?apply",
        "/en/challenges/example-call/?apply",
        "/nl/challenges/bandenspanning-jaarbeurs/",
        "/en/challenges/tyre-pressure-jaarbeurs/",
    ],
)
def test_challenge_pages_have_no_axe_violations(browser_page, live_site, path):
    assert_page_has_no_axe_violations(browser_page, live_site + path)


def test_a_filter_link_leads_to_the_open_calls(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/nl/challenges/")
    page.get_by_role("link", name="Open", exact=True).click()
    page.wait_for_url("**/nl/challenges/?status=open")
    assert page.get_by_role("link", name="Voorbeeldoproep: werk voor mensen zonder betaald werk").is_visible()
    assert page.get_by_text("Nog 21 dagen", exact=False).is_visible()


APPLY = {
    "nl": ("/nl/challenges/voorbeeldoproep/", "Aanmelden voor deze challenge", "Verstuur mijn aanmelding", "Bedankt"),
    "en": ("/en/challenges/example-call/", "Apply for this challenge", "Send my application", "Thank you"),
}
MIN_FILL_SECONDS = 3.2  # the form refuses answers sent faster than a person types (3 s)


@LANGUAGE_AT_WIDTH
def test_the_application_form_its_errors_and_thanks_have_no_axe_violations(
    browser_page, live_site, language, width, tmp_path
):
    path, apply, send, thanks = APPLY[language]
    page = browser_page
    page.set_viewport_size(VIEWPORTS[width])
    page.goto(live_site + path)
    page.get_by_role("link", name=apply).click()
    page.wait_for_url(re.compile(r"\?apply$"))
    assert_no_axe_violations_at_both_widths(page)

    # The error state: nothing filled in, and a web page named .pdf as the attachment.
    fake = tmp_path / "plan.pdf"
    fake.write_text("<!DOCTYPE html><html><body>not a pdf</body></html>")
    page.set_input_files("#id_attachment", str(fake))
    page.get_by_role("button", name=send).click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.title().startswith(("Fout:", "Error:"))
    assert page.locator("#id_attachment_error").is_visible()
    assert_no_axe_violations_at_both_widths(page)
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_organisation_name"

    page.fill("#id_organisation_name", f"Axe {language} {width}")
    page.fill("#id_contact_name", "Noor Jansen")
    page.fill("#id_email", "noor@example.org")
    page.fill("#id_activity", "We repair bicycles with people who were without paid work for a long time.")
    page.fill("#id_approach", "We start a workshop on the site and train six people there in the first year.")
    page.check("#id_consent")
    time.sleep(MIN_FILL_SECONDS)
    page.get_by_role("button", name=send).click()
    page.wait_for_url(re.compile(r"\?sent="))
    assert page.get_by_role("heading", level=1).inner_text().startswith(thanks)
    assert f"Axe {language}" not in page.content()
    assert_no_axe_violations_at_both_widths(page)
