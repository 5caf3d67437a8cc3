"""An editor logs in, writes a new page with a text block and sees it in the preview panel."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
USERNAME, PASSWORD = "browser-redacteur", "een-lang-wachtwoord-voor-de-test"
CREATE_EDITOR = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page
from wagtail.users.models import UserProfile
user, _ = get_user_model().objects.get_or_create(username="{USERNAME}", defaults={{"email": "r@sif.example"}})
user.set_password("{PASSWORD}")
user.save()
user.groups.set([Group.objects.get(name="Editors")])
profile = UserProfile.get_for_user(user)
profile.preferred_language = "nl"
profile.save()
print(Page.objects.get(depth=2, locale__language_code="nl").pk)
"""


@pytest.fixture(scope="module")
def dutch_home_id(live_site, manage_live_site):
    """Make a Dutch-speaking editor (group Editors, not a superuser) in the live server's database.

    Returns the id of the Dutch home page, under which the editor writes.
    """
    return int(manage_live_site("shell", "-c", CREATE_EDITOR).strip().splitlines()[-1])


def test_editor_writes_a_page_and_previews_it(live_site, browser_page, dutch_home_id):
    page = browser_page
    page.goto(f"{live_site}/admin/login/")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_site}/admin/")

    page.goto(f"{live_site}/admin/pages/add/home/standardpage/{dutch_home_id}/")
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
