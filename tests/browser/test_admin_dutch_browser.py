"""The translation editor's own script speaks Dutch too.

wagtail-localize's script writes "Nederlands to English translation" and "More actions" as
plain English, and its Dutch "Publiceer in" lost the space before the language. The rest of
the Dutch admin is checked without a browser in tests/test_admin_dutch.py.
"""

import re

import pytest

pytestmark = pytest.mark.browser

MODERATOR, EDITOR, PASSWORD = "browser-nl-eindredacteur", "browser-nl-redacteur", "een-lang-wachtwoord-voor-de-test"
SET_UP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
from cases.models import CasePage

for username, group in (("{MODERATOR}", "Moderators"), ("{EDITOR}", "Editors")):
    email = username + "@sif.example"
    user, _ = get_user_model().objects.get_or_create(username=username, defaults={{"email": email}})
    user.set_password("{PASSWORD}")
    user.save()
    user.groups.set([Group.objects.get(name=group)])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
print(CasePage.objects.filter(locale__language_code="en", live=True).order_by("pk").first().pk)
"""
ENGLISH = ["to English translation", "More actions", "inEnglish", "Publish in", "December"]


def _log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


@pytest.fixture(scope="module")
def english_case(live_site, manage_live_site):
    """The users, set up once for both (a manage.py start each is seconds)."""
    return int(manage_live_site("shell", "-c", SET_UP).strip().splitlines()[-1])


@pytest.mark.parametrize("username", [MODERATOR, EDITOR])
def test_the_translation_editor_says_it_in_dutch(live_site, browser_page, english_case, username):
    page = browser_page
    _log_in(page, live_site, username)

    page.goto(f"{live_site}/admin/pages/{english_case}/edit/")
    page.wait_for_selector("text=Vertaling van het Nederlands naar het Engels")

    text = page.inner_text("main")
    for english in ENGLISH:
        assert english not in text, english
    assert re.search(r"(Handmatig vertaald|Vertaald met \S+) op \d{1,2} [a-z]+ \d{4}", text)
    if username == MODERATOR:
        assert "Publiceer in English" in text and "Meer acties" in text
