"""The admin speaks the editor's language: their Wagtail preference first, else the browser's."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from editorial.roles import EDITORS
from tests.helpers import Page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]

DUTCH = {"lang": "nl", "words": ["Pagina's", "Afbeeldingen", "Documenten", "Uitloggen"]}
ENGLISH = {"lang": "en", "words": ["Pages", "Images", "Documents", "Log out"]}


def _editor(client, preferred_language=""):
    user = get_user_model().objects.create_user("redacteur", "redacteur@sif.example", "wachtwoord")
    user.groups.add(Group.objects.get(name=EDITORS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = preferred_language
    profile.save()
    client.force_login(user)
    return client


def _assert_speaks(response, language):
    assert response.status_code == 200
    page = Page(response)
    assert page.lang == language["lang"]
    for word in language["words"]:
        assert word in page.html, f"'{word}' missing from the {language['lang']} admin"


@pytest.mark.parametrize(("preference", "browser", "expected"), [("nl", "en", DUTCH), ("en", "nl", ENGLISH)])
def test_the_admin_follows_the_editors_preference_over_the_browser(client, preference, browser, expected):
    _editor(client, preference)
    _assert_speaks(client.get("/admin/", HTTP_ACCEPT_LANGUAGE=browser), expected)


@pytest.mark.parametrize(("browser", "expected"), [("nl-NL,nl;q=0.9", DUTCH), ("en-GB,en;q=0.9", ENGLISH)])
def test_without_a_preference_the_admin_follows_the_browser(client, browser, expected):
    _editor(client)
    _assert_speaks(client.get("/admin/", HTTP_ACCEPT_LANGUAGE=browser), expected)


def test_the_page_editor_speaks_dutch_to_a_dutch_editor(client):
    from cases.models import CaseIndexPage

    _editor(client, "nl")
    parent = CaseIndexPage.objects.get(locale__language_code="nl")
    html = client.get(f"/admin/pages/add/cases/casepage/{parent.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Bewaar concept" in html and "Stuur door naar" in html  # save draft, submit to the review workflow
    assert "Save draft" not in html


@pytest.mark.parametrize(("browser", "sign_in"), [("nl", "Inloggen"), ("en", "Sign in")])
def test_the_login_page_follows_the_browser(client, browser, sign_in):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=browser)
    assert response.status_code == 200
    assert Page(response).lang == browser and sign_in in response.content.decode()
