"""The admin works under its Content-Security-Policy: no violation on the pages editors use most."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, log_in

pytestmark = pytest.mark.browser
DIGITS = re.compile(r"^\d+$")

# Collects what the browser reports; a violation never reaches the console in every case, the event always fires.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(
        e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber
    );
});
"""


@pytest.fixture
def listening_page(browser):
    """A page of its own: the listener is an init script of its context, which no other test should get."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    context.add_init_script(LISTEN)
    yield context.new_page()
    context.close()


def violations(page):
    return page.evaluate("window.__cspViolations || []")


def test_admin_pages_run_without_csp_violations(live_site, listening_page, live_page_id):
    page = listening_page
    home_id = live_page_id("nl")
    log_in(page, live_site, "browser-beheerder")
    found = {"/admin/": violations(page)}
    for path in (
        f"/admin/pages/{home_id}/",
        f"/admin/pages/{home_id}/edit/",
        f"/admin/pages/add/home/standardpage/{home_id}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/intake/submissions/",
        "/admin/users/",
        "/admin/reports/site-history/",
    ):
        response = page.goto(f"{live_site}{path}")
        assert response.status == 200, path
        assert "script-src 'self' 'unsafe-inline'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        found[path] = violations(page)
    # A chooser modal loads HTML with scripts into the page.
    page.goto(f"{live_site}/admin/pages/{home_id}/edit/")
    page.wait_for_load_state("networkidle")
    found["edit (after load)"] = violations(page)
    assert {path: v for path, v in found.items() if v} == {}


def test_public_pages_seen_by_an_editor_keep_the_strict_policy_and_the_user_bar_works(live_site, listening_page):
    """Wagtail's user bar on public pages (menu, accessibility checker) runs under the public policy."""
    page = listening_page
    log_in(page, live_site, "browser-beheerder")
    found = {}
    for path in ("/nl/", "/en/", "/nl/vraagstuk/", "/en/cases/"):
        response = page.goto(f"{live_site}{path}")
        assert response.status == 200, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        trigger = page.locator("[data-wagtail-userbar] button").first
        trigger.click()
        # The open menu links to the page in the admin: the user bar's script ran.
        page.locator("[data-wagtail-userbar] a[href*='/admin/pages/']").first.wait_for(state="visible")
        # The accessibility checker ran: it writes its count of issues (also "0") into the menu.
        expect(page.locator("[data-wagtail-userbar] [data-content-checker-count]").first).to_have_text(DIGITS)
        found[path] = violations(page)
    assert {path: v for path, v in found.items() if v} == {}
