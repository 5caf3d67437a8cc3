"""Run axe-core (shipped inside axe-playwright-python, no download) on a page, at one width or at both.

axe is injected once per page and asked for its violations only (``resultTypes``): its passes and
inapplicable rules, with every node they looked at, were most of the time and of the data sent back.
``assert_no_axe_violations_at_both_widths`` checks the page at the width it has, resizes the same page to
the other width and checks again: one navigation (and one form walk-through) for the two widths.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import VIEWPORTS

AXE_SOURCE = Axe().axe_script
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def axe_violations(page):
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    return page.evaluate("options => axe.run(document, options).then(results => results.violations)", OPTIONS)


def _summary(violations):
    return "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n{_summary(violations)}"


def assert_no_axe_violations_at_both_widths(page):
    """axe at 375 and at 1280 px on the page as it is (the current width first); the page keeps its width."""
    own = page.viewport_size
    found = []
    for size in sorted(VIEWPORTS.values(), key=lambda size: size != own):
        if page.viewport_size != size:
            page.set_viewport_size(size)
        violations = axe_violations(page)
        if violations:
            found.append(f"at {size['width']} px, {len(violations)} violation(s):\n{_summary(violations)}")
    if page.viewport_size != own:
        page.set_viewport_size(own)
    assert not found, f"axe on {page.url}\n" + "\n".join(found)


def assert_page_has_no_axe_violations(page, url):
    """Open ``url`` at phone width, as a visitor on a phone does, and check it at both widths."""
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(url)
    assert_no_axe_violations_at_both_widths(page)


# A form's walk-through, once per language: in Dutch on a phone, in English on a desktop; axe checks every
# state of it at both widths.
LANGUAGE_AT_WIDTH = pytest.mark.parametrize(
    ("language", "width"), [("nl", "phone"), ("en", "desktop")], ids=["nl-phone", "en-desktop"]
)
