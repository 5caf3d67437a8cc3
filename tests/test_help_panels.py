"""Page types where editors need guidance open with a help panel, in the editor's admin language."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from cases.models import CasePage
from editorial.roles import EDITORS
from home.models import StandardPage
from intake.models import IntakePage

pytestmark = pytest.mark.django_db

HELP = {
    StandardPage: {
        "nl": ["Zo vul je deze pagina in", "Begin elke sectie met een blok Kop (h2)"],
        "en": ["How to fill in this page", "Start every section with a Heading block (h2)"],
    },
    CasePage: {
        "nl": ["Zo vertel je het verhaal", "Noem of citeer alleen iemand die daarmee instemde"],
        "en": ["How to tell the story", "Only name or quote a person who agreed to it"],
    },
    IntakePage: {
        "nl": ["Het formulier neemt alleen vragen aan zolang de privacyverklaring", "krijgt die een e-mail"],
        "en": ["The form only takes questions while the privacy statement", "assigning one to a colleague e-mails"],
    },
}


@pytest.fixture
def editor(client):
    def login(language):
        user = get_user_model().objects.create_user(f"redacteur-{language}", f"{language}@sif.example", "x")
        user.groups.add(Group.objects.get(name=EDITORS))
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
        client.force_login(user)
        return client

    return login


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("model", list(HELP), ids=lambda model: model.__name__)
def test_help_panel_speaks_the_editors_language(editor, model, language):
    client = editor(language)
    page = model.objects.filter(locale__language_code="nl").first()
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in HELP[model][language]:
        assert text in html, text
    other = "en" if language == "nl" else "nl"
    assert HELP[model][other][0] not in html
