"""An editor logs in, writes a new page with a text block and sees it in the preview panel."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_editor_writes_a_page_and_previews_it(live_site, browser_page, live_page_id):
    """A Dutch-speaking editor (group Editors, not a superuser) writes under the Dutch home page."""
    page = browser_page
    log_in(page, live_site, "browser-redacteur")

    page.goto(f"{live_site}/admin/pages/add/home/standardpage/{live_page_id('nl')}/")
    page.fill("input[name=title]", "Werken bij de buurtwerkplaats")
    page.locator("button.c-sf-add-button").first.click()  # the StreamField's "+" (Blok invoegen)
    page.get_by_role("option", name=re.compile(r"^Tekst")).click()
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("Elke dinsdag repareren buurtbewoners samen fietsen.")

    page.fill("textarea[name=lead]", "Een werkplaats voor de buurt.")  # leave the text block, as an editor does
    # Draftail hands its text to the form when the editor leaves it; the preview is made from the form.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("Elke dinsdag repareren"))
    page.get_by_role("button", name="Toon/verberg voorvertoning").click()
    preview = page.frame_locator("iframe[title]").first.locator("main")
    expect(preview).to_contain_text("Elke dinsdag repareren buurtbewoners samen fietsen.", timeout=15_000)
    expect(preview.locator("h1")).to_have_text("Werken bij de buurtwerkplaats")
    assert page.locator("html").get_attribute("lang") == "nl"  # a Dutch editor gets a Dutch admin
