"""Count an Editor's clicks and key presses to translate a case to English and submit it for review.

Against a dev server with the demo (make run, or manage.py runserver on a loaded database):

    .venv/bin/python scripts/measure_translation_clicks.py http://127.0.0.1:8000 mouse|enter|flow

It makes an editor and an untranslated copy of the Gemeente Utrecht case (SET_UP, through
manage.py shell; a dev database only), then, starting on the Dutch page's edit view: Actions ->
Translate this page -> Submit, every string (typing 'EN ' + the Dutch text, not counted), and
'Submit translation for review'. Styles: mouse clicks Save after each string; enter presses
Enter to save; flow uses the keyboard where the focus already is. Prints the counts.
"""

import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

SET_UP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.crypto import get_random_string
from wagtail.users.models import UserProfile
from cases.models import CasePage
for username, group in (("meet-redacteur", "Editors"), ("meet-eindredacteur", "Moderators")):
    user, _ = get_user_model().objects.get_or_create(username=username, defaults={"email": username + "@sif.example"})
    user.set_password("een-lang-wachtwoord-voor-de-meting")
    user.save()
    user.groups.set([Group.objects.get(name=group)])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
source = CasePage.objects.get(slug="gemeente-utrecht", locale__language_code="nl")
copy = source.copy(
    update_attrs={"slug": "meting-" + get_random_string(6).lower(), "title": source.title + " (meting)"},
    keep_live=False,
    reset_translation_key=True,
)
copy.save_revision().publish()
print("CASE", copy.pk)
"""

TAB_HAS_OPEN_STRINGS = """(i) => {
    const tab = document.querySelectorAll('[role=tab]')[i];
    const panel = document.getElementById(tab.getAttribute('aria-controls'));
    return !!(panel && panel.querySelector('li.incomplete'));
}"""
FOCUS_ON_A_STRING = """(() => {
    const a = document.activeElement;
    return !!(a && a.tagName === 'BUTTON' && a.closest('li.incomplete'));
})()"""

BASE, STYLE = sys.argv[1], sys.argv[2]
ROOT = Path(__file__).resolve().parents[1]
shell = subprocess.run(  # noqa: S603
    [sys.executable, str(ROOT / "manage.py"), "shell", "-c", SET_UP], capture_output=True, text=True, check=True
)
PAGE_ID = [line.split()[1] for line in shell.stdout.splitlines() if line.startswith("CASE ")][0]
clicks = keys = 0


def click(locator):
    global clicks
    clicks += 1
    locator.click()


def press(locator, key):
    global keys
    keys += 1
    locator.press(key)


with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
    page = b.new_page(viewport={"width": 1280, "height": 900})
    page.goto(BASE + "/admin/login/")
    page.fill("input[name=username]", "meet-redacteur")
    page.fill("input[name=password]", "een-lang-wachtwoord-voor-de-meting")
    page.click("button[type=submit]")
    page.wait_for_url(BASE + "/admin/")
    page.goto(f"{BASE}/admin/pages/{PAGE_ID}/edit/")
    # Start counting on the Dutch page's edit view.
    click(page.locator("header button[aria-label='Acties']:visible").first)
    click(page.get_by_role("link", name="Vertaal deze pagina"))
    english = page.get_by_label("English")
    if not english.is_checked():
        click(english)
    click(page.get_by_role("button", name="Verzenden"))
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.wait_for_selector("li.incomplete")
    segments = page.locator("li.incomplete").count()
    tabs = page.locator("[role=tab]")
    for tab_index in range(tabs.count()):
        if tab_index:
            panel_open = page.evaluate(
                TAB_HAS_OPEN_STRINGS,
                tab_index,
            )
            if not panel_open:
                continue
            if (
                STYLE == "flow"
                and page.evaluate("document.activeElement && document.activeElement.getAttribute('role')") == "tab"
            ):
                press(page.locator(":focus"), "Enter")
            else:
                click(tabs.nth(tab_index))
        while page.locator("li.incomplete:visible").count():
            item = page.locator("li.incomplete:visible").first
            source = item.locator("p").first.inner_text()
            focused_button = page.evaluate(FOCUS_ON_A_STRING)
            if STYLE == "flow" and focused_button:
                press(page.locator(":focus"), "Enter")
            else:
                click(item.get_by_role("button", name="Vertaal"))
            box = page.locator("textarea:focus")
            box.fill("EN " + source)
            if STYLE == "mouse":
                click(page.get_by_role("button", name="Opslaan"))
            else:
                press(box, "Enter")
            page.wait_for_function("!document.querySelector('textarea')")
            page.wait_for_timeout(150)  # React settles the saved string (measurement script, not a test)
    if (
        STYLE == "flow"
        and page.evaluate("document.activeElement.textContent.trim()") == "Vertaling ter review aanbieden"
    ):
        press(page.locator(":focus"), "Enter")
    else:
        click(page.get_by_role("button", name="Vertaling ter review aanbieden").first)
    page.wait_for_load_state()
    ok = page.get_by_text("is ter review aangeboden").count() > 0
    print(f"style={STYLE} strings={segments} clicks={clicks} keys(Enter)={keys} submitted={ok}")
    b.close()
