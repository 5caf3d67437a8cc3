"""Registration for an event in a browser: axe-core on the form, its error state and the thank-you page,
in both languages at phone and desktop width; the error summary's links move to their fields."""

import re
import time

import pytest

from tests.browser.axe import LANGUAGE_AT_WIDTH, VIEWPORTS, assert_no_axe_violations_at_both_widths

pytestmark = pytest.mark.browser

EVENTS = {
    "nl": ("/nl/agenda/voorbeeldworkshop/", "Aanmelden", "Bedankt voor je aanmelding"),
    "en": ("/en/events/example-workshop/", "Register", "Thank you for registering"),
}
MIN_FILL_SECONDS = 3.2  # the form refuses answers sent faster than a person types (3 s)


@LANGUAGE_AT_WIDTH
def test_registration_form_errors_and_thank_you_have_no_axe_violations(browser_page, live_site, language, width):
    path, send, thanks = EVENTS[language]
    page = browser_page
    page.set_viewport_size(VIEWPORTS[width])
    page.goto(live_site + path)
    assert page.locator("html").get_attribute("lang") == language
    form = page.locator("#registration")
    assert form.get_by_role("button", name=send).is_visible()
    assert_no_axe_violations_at_both_widths(page)

    form.get_by_role("button", name=send).click()
    page.wait_for_load_state()
    summary = page.locator("#registration .error-summary")
    assert summary.is_visible()
    assert_no_axe_violations_at_both_widths(page)
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_name"

    name = f"Axe {language} {width}"
    page.fill("#id_name", name)
    page.fill("#id_email", f"axe-{language}-{width}@example.org")
    page.check("#id_consent")
    time.sleep(MIN_FILL_SECONDS)
    page.locator("#registration").get_by_role(
        "button", name=re.compile(f"^({send}|.*wachtlijst|.*waiting list)$")
    ).click()
    page.wait_for_url(re.compile(r"\?registered="))
    assert page.get_by_role("heading", level=1).inner_text() in (
        thanks,
        "Je staat op de wachtlijst",
        "You are on the waiting list",
    )
    assert name not in page.content()  # no personal data on the thank-you page
    assert_no_axe_violations_at_both_widths(page)


LINK_SCRIPT = """
from django.db import transaction
from agenda import seats
from agenda.models import EventPage
from agenda.registrations import Registration
page = EventPage.objects.get(url_path__endswith="/%(slug)s/", locale__language_code="%(language)s")
registration = Registration(
    event=seats.registration_event(page), language="%(language)s", name="Link", email="%(email)s"
)
with transaction.atomic():
    seats.register(registration)
print(page.url + "?registration=" + registration.link_token())
"""


@pytest.mark.parametrize(
    ("language", "slug", "cancel", "cancelled"),
    [
        ("nl", "voorbeeldworkshop", "Afmelden", "Je bent afgemeld."),
        ("en", "example-workshop", "Cancel my registration", "Your registration is cancelled."),
    ],
)
def test_the_cancel_link_has_no_axe_violations_and_cancels(
    browser_page, live_site, manage_live_site, language, slug, cancel, cancelled
):
    email = f"link-{language}@example.org"
    output = manage_live_site("shell", "-c", LINK_SCRIPT % {"slug": slug, "language": language, "email": email})
    page = browser_page
    page.goto(live_site + output.strip().splitlines()[-1])
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations_at_both_widths(page)
    page.get_by_role("button", name=cancel).click()
    page.wait_for_load_state()
    assert page.get_by_role("status").inner_text() == cancelled
    assert_no_axe_violations_at_both_widths(page)
