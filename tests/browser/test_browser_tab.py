"""The worker's one browser tab (``browser_page``) starts every test as a new tab would."""

import pytest

from tests.browser.conftest import VIEWPORTS, log_in

pytestmark = pytest.mark.browser


def test_an_emptied_tab_keeps_nothing_of_the_test_before(_tab, live_site):
    page = _tab.page
    log_in(page, live_site, "browser-redacteur")
    page.goto(f"{live_site}/nl/")
    page.evaluate("localStorage.setItem('left-behind', '1')")
    page.set_viewport_size(VIEWPORTS["phone"])
    page.emulate_media(media="print", forced_colors="active")

    page = _tab.emptied(live_site)

    assert page.url == "about:blank"
    assert page.context.cookies() == []
    assert page.viewport_size == VIEWPORTS["desktop"]
    page.goto(f"{live_site}/nl/")
    assert page.evaluate("localStorage.getItem('left-behind')") is None
    assert page.evaluate("matchMedia('screen').matches && !matchMedia('(forced-colors: active)').matches")
    # Logged out: the admin sends the visitor to its login page.
    page.goto(f"{live_site}/admin/")
    assert "/admin/login/" in page.url


def test_a_tab_a_test_broke_is_replaced_by_a_new_one(_tab, live_site):
    _tab.page.close()

    page = _tab.emptied(live_site)

    assert not page.is_closed()
    assert page.goto(f"{live_site}/en/").status == 200
    assert page.viewport_size == VIEWPORTS["desktop"]
