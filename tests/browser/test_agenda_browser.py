"""Agenda pages in a real browser, axe in nl and en at phone and desktop width (the hub: test_foundation_browser)."""

import pytest

from tests.browser.axe import assert_page_has_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/nl/agenda/",
        "/en/events/",
        "/nl/agenda/?soort=workshop",
        "/en/events/?language=en",
        "/nl/agenda/archief/",
        "/en/events/archive/",
        "/nl/agenda/voorbeeldworkshop/",
        "/en/events/example-workshop/",
        "/nl/agenda/sdg-workshop/",
        "/en/events/sdg-workshop-en/",
    ],
)
def test_agenda_pages_have_no_axe_violations(browser_page, live_site, path):
    assert_page_has_no_axe_violations(browser_page, live_site + path)


def test_the_archive_link_leads_to_the_past_workshop(browser_page, live_site):
    page = browser_page
    page.goto(live_site + "/nl/agenda/")
    page.get_by_role("link", name="Afgelopen evenementen").click()
    page.wait_for_url("**/nl/agenda/archief/")
    assert page.get_by_role("link", name="SDG-workshop met Utrecht4GlobalGoals").is_visible()
