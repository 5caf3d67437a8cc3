"""The admin works under its Content-Security-Policy: no violation on the pages editors use most."""

import pytest

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "browser-beheerder", "een-lang-wachtwoord-voor-de-csp-test"
CREATE_SUPERUSER = f"""
from django.contrib.auth import get_user_model
from wagtail.models import Page
user, _ = get_user_model().objects.get_or_create(username="{USERNAME}", defaults={{"email": "b@sif.example"}})
user.set_password("{PASSWORD}")
user.is_superuser = user.is_staff = True
user.save()
print(Page.objects.get(depth=2, locale__language_code="nl").pk)
"""

# Collects what the browser reports; a violation never reaches the console in every case, the event always fires.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(
        e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber
    );
});
"""


@pytest.fixture(scope="module")
def home_id(live_site, manage_live_site):
    return int(manage_live_site("shell", "-c", CREATE_SUPERUSER).strip().splitlines()[-1])


def violations(page):
    return page.evaluate("window.__cspViolations || []")


def test_admin_pages_run_without_csp_violations(live_site, browser_page, home_id):
    page = browser_page
    page.context.add_init_script(LISTEN)
    page.goto(f"{live_site}/admin/login/")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_site}/admin/")
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


def test_public_pages_seen_by_an_editor_keep_the_strict_policy_and_the_user_bar_works(
    live_site, browser_page, home_id
):
    """Wagtail's user bar on public pages (menu, accessibility checker) runs under the public policy."""
    page = browser_page
    page.context.add_init_script(LISTEN)
    page.goto(f"{live_site}/admin/login/")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_site}/admin/")
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
        page.wait_for_timeout(1500)  # the accessibility checker runs when the menu opens
        found[path] = violations(page)
    assert {path: v for path, v in found.items() if v} == {}
