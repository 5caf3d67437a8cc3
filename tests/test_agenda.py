"""The agenda: events in both languages, the listing (upcoming first, months, filters), the archive,
the calendars (.ics per event and a feed per language, right across DST) and schema.org Event.

Times are frozen with time-machine, which the page cache's expiry sees too.
"""

import re

import pytest
import time_machine

from agenda.choices import EventLocation
from tests.agenda_factories import add_event, amsterdam, make_agenda
from tests.helpers import get_page

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'class="card__title"><a href="[^"]*">([^<]*)</a>')
NOW = amsterdam(2027, 3, 1, 10)


@pytest.fixture
def agenda(site_tree):
    return make_agenda(site_tree)


def titles(client, url):
    with time_machine.travel(NOW, tick=False):
        return CARD_TITLE.findall(get_page(client, url).html)


# The event page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", "Woensdag 10 maart 2027, van 14:00 tot 16:00"),
        ("en", "Wednesday 10 March 2027, from 14:00 to 16:00"),
    ],
)
def test_an_event_shows_when_where_and_who_in_both_languages(client, agenda, site_tree, language, words):
    partner = site_tree.partners[0][0]
    nl, en = add_event(
        agenda,
        "Werken aan impact",
        location=EventLocation.AAN_DE_GRACHT,
        organiser_partner=partner,
        accessibility="Drempelvrije ingang.",
        online_url="https://meet.example/geheim",
    )
    page = {"nl": nl, "en": en}[language]
    with time_machine.travel(NOW, tick=False):
        shown = get_page(client, page.url)
    assert shown.lang == language
    assert words in shown.text
    assert "Aan de Gracht" in shown.text
    assert "Gemeente Proefstad" in shown.text
    assert "Drempelvrije ingang." in shown.text
    assert "meet.example" not in shown.html
    assert f'href="/{language}/' in shown.html and ".ics" in shown.html


def test_without_an_organiser_sif_organises(client, agenda):
    nl, _en = add_event(agenda, "Eigen workshop")
    with time_machine.travel(NOW, tick=False):
        assert "Social Impact Factory" in get_page(client, nl.url).text
