"""The translation editor's own script speaks Dutch too.

wagtail-localize's script writes "Nederlands to English translation" and "More actions" as
plain English, and its Dutch "Publiceer in" lost the space before the language. The rest of
the Dutch admin is checked without a browser in tests/test_admin_dutch.py.
"""

import re

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

ENGLISH = ["to English translation", "More actions", "inEnglish", "Publish in", "December"]


@pytest.mark.parametrize("username", ["browser-eindredacteur", "browser-redacteur"])
def test_the_translation_editor_says_it_in_dutch(live_site, browser_page, live_page_id, username):
    """A moderator and an editor, both with Dutch as their admin language, open an English case."""
    page = browser_page
    log_in(page, live_site, username)

    page.goto(f"{live_site}/admin/pages/{live_page_id('en', 'gemeente-utrecht')}/edit/")
    page.wait_for_selector("text=Vertaling van het Nederlands naar het Engels")

    text = page.inner_text("main")
    for english in ENGLISH:
        assert english not in text, english
    assert re.search(r"(Handmatig vertaald|Vertaald met \S+) op \d{1,2} [a-z]+ \d{4}", text)
    if username == "browser-eindredacteur":
        assert "Publiceer in English" in text and "Meer acties" in text
