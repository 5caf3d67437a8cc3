"""Count the clicks and key presses of a bilingual case, end to end, in the Dutch admin.

Against a dev server with the demo (make run, or manage.py runserver on a loaded database):

    .venv/bin/python scripts/measure_translation_clicks.py http://127.0.0.1:8000 mouse|enter|flow

It makes an editor and a moderator (SET_UP, through manage.py shell; a dev database only), then
counts four steps, each from where the person starts:

1. create: the Editor, on the Dutch "Cases" page in the admin, adds a case (title, lead, client,
   region, period, one-line result, an image, the challenge, two phases, two key figures, the
   result and a theme) and submits it to the review. Every field is clicked into; typing is not
   counted.
2. approve: the Moderator, on the dashboard, approves it.
3. translate: the Editor, on the Dutch case's edit view: Actions -> Translate this page ->
   Submit, every string (typing 'EN ' + the Dutch text, not counted), and 'Submit translation for
   review'. Styles: mouse clicks Save after each string; enter presses Enter to save; flow uses the
   keyboard where the focus already is (Enter opens the next string, Enter saves).
4. approve: the Moderator approves the English case.

Prints the clicks and key presses of each step and the total (docs/editors.md, "Klikken").
"""

import re
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "een-lang-wachtwoord-voor-de-meting"  # noqa: S105 - a throw-away account on a dev database
SET_UP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
from cases.models import CaseIndexPage
for username, group in (("meet-redacteur", "Editors"), ("meet-eindredacteur", "Moderators")):
    email = username + "@sif.example"
    user, _ = get_user_model().objects.get_or_create(username=username, defaults={{"email": email}})
    user.set_password("{PASSWORD}")
    user.save()
    user.groups.set([Group.objects.get(name=group)])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
print("CASES", CaseIndexPage.objects.get(locale__language_code="nl").pk)
"""
FIND_CASE = """
from cases.models import CasePage
key = CasePage.objects.get(title="{title}").translation_key
page = CasePage.objects.get(translation_key=key, locale__language_code="{language}")
print("CASE", page.pk, page.live)
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


def shell(code):
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout


CASES_ID = [line.split()[1] for line in shell(SET_UP).splitlines() if line.startswith("CASES ")][0]
TITLE = f"Meting {time.time_ns() % 1_000_000:06d}"


class Counter:
    def __init__(self):
        self.clicks = self.keys = 0

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def press(self, locator, key):
        self.keys += 1
        locator.press(key)


def log_in(page, username):
    page.context.clear_cookies()
    page.goto(BASE + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(BASE + "/admin/")


def fill(count, page, selector, text):
    """Click into a field and type (the click counts, the typing does not)."""
    field = page.locator(selector).first
    count.click(field)
    field.fill(text) if field.get_attribute("contenteditable") is None else page.keyboard.type(text)


def choose_first(count, page, button_name):
    count.click(page.get_by_role("button", name=button_name).last)
    page.wait_for_selector(".modal [data-chooser-modal-choice], .modal a.image-choice, .modal td a")
    count.click(page.locator(".modal [data-chooser-modal-choice], .modal a.image-choice, .modal td a").first)
    page.wait_for_selector(".modal", state="detached")


def lay_out(count, page, stream, items, first_field):
    """The stream's block with two items: already there in a new case, else inserted and extended."""
    if not page.locator(f'[name="{stream}-0-value-{items}-0-value-{first_field}"]').count():
        count.click(page.locator(f'[data-contentpath="{stream}"] button[title="Blok invoegen"]').first)
    if not page.locator(f'[name="{stream}-0-value-{items}-1-value-{first_field}"]').count():
        count.click(page.locator(f'[data-contentpath="{stream}"] button[title="Toevoegen"]').last)
    page.locator(f'[name="{stream}-0-value-{items}-1-value-{first_field}"]').wait_for()


def create(page):
    count = Counter()
    page.goto(f"{BASE}/admin/pages/{CASES_ID}/")
    count.click(page.get_by_label("Voeg onderliggende pagina toe"))
    page.wait_for_selector("#id_title")
    for name, text in [
        ("title", TITLE),
        ("lead", "Een werkplaats waar buurtbewoners samen repareren."),
        ("client", "Gemeente Utrecht"),
        ("region", "Overvecht"),
        ("period", "2025"),
        ("result_summary", "Twee deelnemers vonden werk."),
    ]:
        fill(count, page, f"#id_{name}", text)
    choose_first(count, page, "Kies een afbeelding")
    count.click(page.get_by_role("tab", name="Verhaal"))
    fill(count, page, '[data-contentpath="challenge"] [contenteditable=true]', "Veel bewoners stonden langs de kant.")
    lay_out(count, page, "phases", "steps", "name")
    for index, (name, activities) in enumerate([("Verkenning", "Gesprekken."), ("Pilot", "Twaalf weken.")]):
        fill(count, page, f'[name="phases-0-value-steps-{index}-value-name"]', name)
        fill(count, page, f'[name="phases-0-value-steps-{index}-value-activities"]', activities)
    lay_out(count, page, "key_figures", "figures", "value")
    for index, (value, label) in enumerate([("5", "deelnemers"), ("2", "banen")]):
        fill(count, page, f'[name="key_figures-0-value-figures-{index}-value-value"]', value)
        fill(count, page, f'[name="key_figures-0-value-figures-{index}-value-label"]', label)
    fill(count, page, '[data-contentpath="result"] [contenteditable=true]', "Een werkplaats die blijft.")
    count.click(page.get_by_role("tab", name="Thema's en koppelingen"))
    count.click(page.get_by_role("button", name="Voeg Thema toe"))
    choose_first(count, page, "Kies thema")
    count.click(page.locator("footer").get_by_role("button", name="Meer acties"))
    count.click(page.get_by_role("button", name=re.compile("Stuur door naar")))
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    return count


def approve(page, language):
    count = Counter()
    page.goto(BASE + "/admin/")
    row = page.locator("#awaiting-review-content tr", has_text=f"{TITLE} ({language.upper()})").first
    count.click(row.get_by_role("button", name="Acties"))
    count.click(row.get_by_role("button", name="Goedkeuren", exact=True))
    page.wait_for_timeout(800)
    dialog = page.locator(".modal:visible form")
    if dialog.count():  # the optional comment
        count.click(dialog.first.get_by_role("button", name=re.compile("Goedkeuren")).last)
    page.wait_for_load_state()
    page.wait_for_timeout(800)
    return count


def translate(page, case_id):
    count = Counter()
    page.goto(f"{BASE}/admin/pages/{case_id}/edit/")
    count.click(page.locator("header button[aria-label='Acties']:visible").first)
    count.click(page.get_by_role("link", name="Vertaal deze pagina"))
    english = page.get_by_label("English")
    if not english.is_checked():
        count.click(english)
    count.click(page.get_by_role("button", name="Verzenden"))
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.wait_for_selector("li.incomplete")
    tabs = page.locator("[role=tab]")
    for tab_index in range(tabs.count()):
        if tab_index:
            if not page.evaluate(TAB_HAS_OPEN_STRINGS, tab_index):
                continue
            if (
                STYLE == "flow"
                and page.evaluate("document.activeElement && document.activeElement.getAttribute('role')") == "tab"
            ):
                count.press(page.locator(":focus"), "Enter")
            else:
                count.click(tabs.nth(tab_index))
        while page.locator("li.incomplete:visible").count():
            item = page.locator("li.incomplete:visible").first
            source = item.locator("p").first.inner_text()
            if STYLE == "flow" and page.evaluate(FOCUS_ON_A_STRING):
                count.press(page.locator(":focus"), "Enter")
            else:
                count.click(item.get_by_role("button", name="Vertaal"))
            box = page.locator("textarea:focus")
            box.fill("EN " + source)
            if STYLE == "mouse":
                count.click(page.get_by_role("button", name="Opslaan"))
            else:
                count.press(box, "Enter")
            page.wait_for_function("!document.querySelector('textarea')")
            page.wait_for_timeout(150)  # React settles the saved string (measurement script, not a test)
    if (
        STYLE == "flow"
        and page.evaluate("document.activeElement.textContent.trim()") == "Vertaling ter review aanbieden"
    ):
        count.press(page.locator(":focus"), "Enter")
    else:
        count.click(page.get_by_role("button", name="Vertaling ter review aanbieden").first)
    page.wait_for_load_state()
    assert page.get_by_text("is ter review aangeboden").count() > 0, "the translation was not submitted"
    return count


def case(language):
    """The case's id in that language, and whether it is live."""
    out = shell(FIND_CASE.format(title=TITLE, language=language))
    _, pk, live = [line.split() for line in out.splitlines() if line.startswith("CASE ")][0]
    return pk, live == "True"


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    steps = []
    log_in(page, "meet-redacteur")
    steps.append(("create", create(page)))
    log_in(page, "meet-eindredacteur")
    steps.append(("approve", approve(page, "nl")))
    dutch, live = case("nl")
    assert live, "the Dutch case is not live after the approval"
    log_in(page, "meet-redacteur")
    steps.append(("translate", translate(page, dutch)))
    log_in(page, "meet-eindredacteur")
    steps.append(("approve", approve(page, "en")))
    assert case("en")[1], "the English case is not live after the approval"
    browser.close()
for name, count in steps:
    print(f"{name}: clicks={count.clicks} keys={count.keys}")
print(
    f"style={STYLE} total clicks={sum(c.clicks for _, c in steps)} keys={sum(c.keys for _, c in steps)} "
    f"(clicks+keys={sum(c.clicks + c.keys for _, c in steps)})"
)
