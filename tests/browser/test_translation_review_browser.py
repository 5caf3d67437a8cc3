"""An editor translates a live case to English and submits it; it goes live only when a moderator approves it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

SLUG = "repair-cafe-overvecht"
SET_UP = f"""
from cases.models import CaseIndexPage, CasePage

index = CaseIndexPage.objects.get(locale__language_code="nl")
page = CasePage.objects.filter(slug="{SLUG}", locale=index.locale).first()
if page is None:
    page = index.add_child(instance=CasePage(
        title="Repaircafé Overvecht", slug="{SLUG}", lead="Buurtbewoners repareren samen.",
        client="Buurtcentrum", region="Overvecht", period="2025", result_summary="Dertig reparaties per maand.",
        challenge="<p>Spullen werden weggegooid.</p>",
    ))
    page.save_revision().publish()
print(page.pk)
"""


def test_translation_goes_live_only_after_review(live_site, browser_page, manage_live_site):
    page = browser_page
    case_id = int(manage_live_site("shell", "-c", SET_UP).strip().splitlines()[-1])
    english_url = f"{live_site}/en/cases/{SLUG}/"

    # The editor asks for an English translation of the live Dutch case.
    log_in(page, live_site, "browser-vertaler")
    page.goto(f"{live_site}/admin/localize/submit/page/{case_id}/")
    expect(page.get_by_label("English")).to_be_checked()  # the one other language, ticked already
    page.get_by_role("button", name=re.compile("Verzenden|Submit")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    assert page.request.get(english_url).status == 404  # a draft, not live with Dutch text

    # They translate the title in the translation editor; each string in a block says where it sits.
    title_segment = page.locator("li.incomplete", has_text="Repaircafé Overvecht").first
    title_segment.get_by_role("button", name=re.compile("Vertaal|Translate")).first.click()
    page.locator("textarea").first.fill("Repair café Overvecht")
    page.locator("textarea").first.press("Enter")  # saves, as the Save button does
    expect(page.get_by_text("Repair café Overvecht").first).to_be_visible()
    # The next string to translate has the focus: the editor goes on from the keyboard.
    next_string = page.locator("li.incomplete", has_text="Buurtbewoners repareren samen.").first
    expect(next_string.get_by_role("button", name=re.compile("Vertaal|Translate"))).to_be_focused()

    # ... and submit it for review: still not live.
    # The footer's main button (for editors: not "Delete").
    page.locator("[data-sif-translation-footer]").get_by_role("button", name="Vertaling ter review aanbieden").click()
    expect(page.get_by_text("is ter review aangeboden")).to_be_visible()
    expect(page.locator("[data-sif-review-bar]")).to_contain_text("wacht op review")
    assert page.request.get(english_url).status == 404

    # The moderator approves it from the dashboard; now the English page is live, in English.
    log_in(page, live_site, "browser-eindredacteur")
    row = page.locator("tr", has_text="Repair café Overvecht").first
    row.get_by_role("button", name=re.compile("Acties|Actions")).click()
    row.get_by_role("button", name="Goedkeuren", exact=True).click()
    page.wait_for_load_state("networkidle")
    response = page.request.get(english_url)
    for _ in range(20):  # the approval is posted by the dashboard's script
        if response.status == 200:
            break
        page.wait_for_timeout(500)
        response = page.request.get(english_url)
    assert response.status == 200
    assert "Repair café Overvecht" in response.text()
