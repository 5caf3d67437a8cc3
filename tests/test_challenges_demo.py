"""The demo's challenges: an open example call on a fresh load, and the network match said honestly."""

import pytest

from challenges.models import ChallengePage
from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.mark.parametrize(
    ("url", "texts"),
    [
        ("/nl/challenges/", ["Voorbeeldoproep", "Nog 21 dagen", "Bandenspanning op het Jaarbeurs-parkeerterrein"]),
        ("/en/challenges/", ["Example call", "21 days left", "Tyre pressure on the Jaarbeurs car park"]),
        (
            "/nl/challenges/voorbeeldoproep/",
            ["<strong>open</strong>", "verzonnen voor de demo", "ongeveer zes maanden"],
        ),
        ("/en/challenges/example-call/", ["<strong>open</strong>", "made up for the demo", "about six months"]),
        ("/nl/challenges/bandenspanning-jaarbeurs/", ["<strong>afgerond</strong>", "match uit het netwerk"]),
        ("/en/challenges/tyre-pressure-jaarbeurs/", ["<strong>done</strong>", "match made in the SIF network"]),
        ("/nl/", ['href="/nl/challenges/"']),
        ("/en/", ['href="/en/challenges/"']),
    ],
)
def test_the_demo_challenges_render_in_both_languages(client, url, texts):
    html = get_page(client, url).html
    for text in texts:
        assert text in html, f"{url} lacks {text!r}"


def test_the_done_challenge_links_its_case_study(client):
    html = get_page(client, "/nl/challenges/bandenspanning-jaarbeurs/").html
    assert 'href="/nl/cases/jaarbeurs-band-op-spanning/"' in html


def test_only_the_example_call_is_marked_as_demo_content():
    marked = set(ChallengePage.objects.filter(is_demo=True).values_list("slug", flat=True))
    assert marked == {"voorbeeldoproep", "example-call"}


@pytest.mark.parametrize(
    ("url", "texts"),
    [
        ("/nl/challenges/voorbeeldoproep/?apply", ["Naam van je organisatie", "Verstuur mijn aanmelding"]),
        ("/en/challenges/example-call/?apply", ["Name of your organisation", "Send my application"]),
    ],
)
def test_the_example_call_has_its_application_form_and_no_applications(client, url, texts):
    from challenges.models import Application

    page = get_page(client, url)
    for text in texts:
        assert text in page.html, f"{url} lacks {text!r}"
    assert page.find_all("form", method="post")
    assert not Application.objects.exists()  # the demo makes no applications
