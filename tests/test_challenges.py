"""Impact challenges: status from the dates at request time, the listing, the pages in both languages.

Times are frozen with time-machine, which the cache's expiry sees too: a cached page
must not outlive the moment its status changes.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import factory
import icalendar
import pytest
import time_machine
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.text import slugify

from challenges.models import ChallengeIndexPage, ChallengePage
from challenges.status import Status, deadline_in_words, next_boundary, status_at
from tests.factories import bilingual, dutch
from tests.helpers import get_page

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CARD_TITLE = re.compile(r'class="card__title"><a href="[^"]*">([^<]*)</a>')


def amsterdam(*args):
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


class ChallengeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Challenges"
    slug = "challenges"
    locale = factory.LazyFunction(dutch)

    class Meta:
        model = ChallengeIndexPage


class ChallengePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Challenge {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    locale = factory.LazyFunction(dutch)
    question = "Hoe krijgen meer mensen werk?"

    class Meta:
        model = ChallengePage


def shared_content(site_tree):
    """The challenges' overview in both languages, shared by the module's tests: {"nl": page, "en": page}."""
    nl, en = bilingual(
        ChallengeIndexPageFactory,
        parent=site_tree.home_nl,
        english_fields={"title": "Challenges", "slug": "challenges"},
    )
    return {"nl": nl, "en": en}


@pytest.fixture
def index(shared):
    return shared


def add_challenge(index, title, **fields):
    return bilingual(
        ChallengePageFactory,
        parent=index["nl"],
        english_fields={"title": f"{title} (EN)", "slug": f"{slugify(title)}-en"},
        title=title,
        **fields,
    )


def open_call(deadline, **fields):
    return {"opens_at": deadline - datetime.timedelta(days=30), "deadline": deadline, **fields}


# Status and words ---------------------------------------------------------------------------


def test_status_follows_the_dates():
    challenge = ChallengePage(
        opens_at=amsterdam(2027, 2, 1, 9),
        deadline=amsterdam(2027, 3, 1, 17),
        work_starts_at=amsterdam(2027, 4, 1, 9),
        work_ends_at=amsterdam(2027, 10, 1, 17),
        result="",
    )
    assert status_at(challenge, amsterdam(2027, 1, 31)) == Status.UPCOMING
    assert status_at(challenge, amsterdam(2027, 3, 1, 16, 59)) == Status.OPEN
    assert status_at(challenge, amsterdam(2027, 3, 1, 17)) == Status.CLOSED
    assert status_at(challenge, amsterdam(2027, 5, 1)) == Status.RUNNING
    assert status_at(challenge, amsterdam(2027, 10, 2)) == Status.DONE


def test_a_network_match_without_dates_is_done_once_it_has_a_result():
    assert status_at(ChallengePage(result="Een match."), amsterdam(2027, 1, 1)) == Status.DONE
    assert status_at(ChallengePage(result=""), amsterdam(2027, 1, 1)) == Status.CLOSED


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", "nog 12 dagen, sluit op 1 maart 2027 om 17:00"),
        ("en", "12 days left, closes on 1 March 2027 at 17:00"),
    ],
)
def test_deadline_in_words(language, words):
    with translation.override(language):
        assert deadline_in_words(amsterdam(2027, 3, 1, 17), amsterdam(2027, 2, 17, 10)) == words
        assert "1" in deadline_in_words(amsterdam(2027, 3, 1, 17), amsterdam(2027, 2, 28, 23, 59))
        assert deadline_in_words(amsterdam(2027, 3, 1, 17), amsterdam(2027, 3, 1, 17)) == ""


def test_the_answer_holds_until_the_next_date_or_midnight():
    challenge = ChallengePage(
        opens_at=None, deadline=amsterdam(2027, 3, 1, 17), work_starts_at=None, work_ends_at=None
    )
    assert next_boundary([challenge], amsterdam(2027, 2, 17, 10)) == amsterdam(2027, 2, 18)
    assert next_boundary([challenge], amsterdam(2027, 3, 1, 10)) == amsterdam(2027, 3, 1, 17)
    assert next_boundary([challenge], amsterdam(2027, 3, 1, 18)) is None


# Pages --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "status_word", "words"),
    [("nl", "open", "Nog 12 dagen, sluit op 1 maart 2027 om 17:00"), ("en", "open", "12 days left")],
)
def test_an_open_call_shows_its_status_and_deadline_in_both_languages(client, index, language, status_word, words):
    nl, en = add_challenge(index, "Werk", **open_call(amsterdam(2027, 3, 1, 17)))
    page = nl if language == "nl" else en
    with time_machine.travel(amsterdam(2027, 2, 17, 10), tick=False):
        shown = get_page(client, page.url)
    assert shown.lang == language
    assert status_word in shown.html
    assert words in shown.html
    assert "Hoe krijgen meer mensen werk?" in shown.html


def test_a_passed_deadline_shows_gesloten_with_the_page_cache_on(client, index, settings):
    settings.PAGE_CACHE_ENABLED = True
    nl, _en = add_challenge(index, "Werk", **open_call(amsterdam(2027, 3, 1, 17)))
    with time_machine.travel(amsterdam(2027, 3, 1, 16, 50), tick=False) as clock:
        first = client.get(nl.url)
        assert first["X-Page-Cache"] == "miss"
        assert "<strong>open</strong>" in first.content.decode()
        assert int(first["Cache-Control"].rpartition("=")[2]) <= 600
        assert client.get(nl.url)["X-Page-Cache"] == "hit"
        clock.move_to(amsterdam(2027, 3, 1, 17, 0, 1))
        after = client.get(nl.url)
        listing = client.get(index["nl"].url)
    assert after["X-Page-Cache"] == "miss"
    assert "<strong>gesloten</strong>" in after.content.decode()
    assert "<strong>gesloten</strong>" in listing.content.decode()


# The listing --------------------------------------------------------------------------------


def test_open_calls_come_first_with_their_deadline(client, index):
    add_challenge(index, "Afgerond", result="Het netwerk maakte een match.")
    add_challenge(index, "Later", opens_at=amsterdam(2027, 4, 1, 9), deadline=amsterdam(2027, 5, 1, 17))
    add_challenge(index, "Nu open", **open_call(amsterdam(2027, 3, 1, 17)))
    with time_machine.travel(amsterdam(2027, 2, 17, 10), tick=False):
        html = get_page(client, index["nl"].url).html
    assert CARD_TITLE.findall(html) == ["Nu open", "Later", "Afgerond"]
    assert "Nog 12 dagen, sluit op 1 maart 2027 om 17:00" in html


def test_filters_are_plain_links_that_keep_each_other(client, index, site_tree):
    theme_nl, _theme_en = site_tree.themes[0]
    add_challenge(index, "Open met thema", theme=theme_nl, **open_call(amsterdam(2027, 3, 1, 17)))
    add_challenge(index, "Open zonder thema", **open_call(amsterdam(2027, 3, 1, 17)))
    add_challenge(index, "Afgerond met thema", theme=theme_nl, result="Klaar.")
    with time_machine.travel(amsterdam(2027, 2, 17, 10), tick=False):
        only_open = get_page(client, f"{index['nl'].url}?status=open").html
        open_theme = get_page(client, f"{index['nl'].url}?status=open&theme={theme_nl.slug}").html
        done = get_page(client, f"{index['nl'].url}?status=done").html
    assert sorted(CARD_TITLE.findall(only_open)) == ["Open met thema", "Open zonder thema"]
    assert CARD_TITLE.findall(open_theme) == ["Open met thema"]
    assert CARD_TITLE.findall(done) == ["Afgerond met thema"]
    assert f'href="{index["nl"].url}?status=open&amp;theme={theme_nl.slug}" aria-current="true"' in open_theme
    # "All" of one filter clears only that one.
    assert f'<a class="challenge-filters__link" href="{index["nl"].url}?theme={theme_nl.slug}">Alle</a>' in open_theme


def test_the_empty_state_points_to_the_intake_and_past_challenges(client, index, site_tree):
    add_challenge(index, "Afgerond", result="Klaar.")
    for language, intake in (("nl", site_tree.intake_nl), ("en", site_tree.intake_en)):
        html = get_page(client, f"{index[language].url}?status=open").html
        assert f'href="{intake.url}"' in html
        assert f'href="{index[language].url}?status=done"' in html


def _listing_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context), CARD_TITLE.findall(response.content.decode())


@pytest.mark.thorough
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_listing_has_a_flat_query_count(client, index, site_tree, language):
    theme_nl, _theme_en = site_tree.themes[0]
    partner_nl, _partner_en = site_tree.partners[0]
    for number in range(3):
        add_challenge(
            index, f"Eerste {number}", theme=theme_nl, organisation=partner_nl, **open_call(amsterdam(2027, 3, 1, 17))
        )
    with time_machine.travel(amsterdam(2027, 2, 17, 10), tick=False):
        three, titles_three = _listing_queries(client, index[language].url)
        for number in range(3):
            add_challenge(index, f"Tweede {number}", theme=theme_nl, result="Klaar.")
        six, titles_six = _listing_queries(client, index[language].url)
    assert len(titles_three) == 3
    assert len(titles_six) == 6
    assert three == six
    assert six <= 18


def test_the_hub_links_to_the_challenges(client, index, site_tree):
    for language, home in (("nl", site_tree.home_nl), ("en", site_tree.home_en)):
        assert f'href="{index[language].url}"' in get_page(client, home.url).html


# Calendar -----------------------------------------------------------------------------------


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    parsed = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    return parsed.walk("VEVENT")


@pytest.mark.parametrize(
    ("deadline", "utc"),
    [
        # Late March: the clocks went forward (CEST, UTC+2) on 28 March 2027 at 02:00.
        (amsterdam(2027, 3, 29, 17), datetime.datetime(2027, 3, 29, 15, tzinfo=datetime.UTC)),
        # Late October: back to CET (UTC+1) on 31 October 2027 at 03:00.
        (amsterdam(2027, 11, 1, 17), datetime.datetime(2027, 11, 1, 16, tzinfo=datetime.UTC)),
        (amsterdam(2027, 10, 29, 17), datetime.datetime(2027, 10, 29, 15, tzinfo=datetime.UTC)),
    ],
)
def test_the_deadline_ics_round_trips_with_its_time_zone(client, index, deadline, utc):
    nl, _en = add_challenge(index, "Werk", **open_call(deadline))
    (event,) = _events(client.get(f"/nl/challenges/{nl.pk}.ics"))
    start = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert start.astimezone(datetime.UTC) == utc
    assert str(event["SUMMARY"]) == "Deadline: Werk"


def test_the_uid_is_stable_and_the_sequence_rises_when_the_deadline_moves(client, index):
    nl, _en = add_challenge(index, "Werk", **open_call(amsterdam(2027, 3, 1, 17)))
    (before,) = _events(client.get(f"/nl/challenges/{nl.pk}.ics"))
    nl.lead = "Alleen de inleiding verandert."
    nl.save()
    (same,) = _events(client.get(f"/nl/challenges/{nl.pk}.ics"))
    nl.deadline = amsterdam(2027, 3, 8, 17)
    nl.save()
    (moved,) = _events(client.get(f"/nl/challenges/{nl.pk}.ics"))
    assert str(before["UID"]) == str(same["UID"]) == str(moved["UID"])
    assert (before["SEQUENCE"], same["SEQUENCE"], moved["SEQUENCE"]) == (0, 0, 1)


def test_publishing_a_moved_deadline_through_a_revision_raises_the_sequence_once(index):
    nl, _en = add_challenge(index, "Werk", **open_call(amsterdam(2027, 3, 1, 17)))
    nl.deadline = amsterdam(2027, 3, 8, 17)
    nl.save_revision().publish()  # the draft's save writes no deadline; the publish does, and counts it
    nl.refresh_from_db()
    assert nl.calendar_sequence == 1


def test_the_feed_has_the_open_calls_of_its_language(client, index):
    add_challenge(index, "Open", **open_call(amsterdam(2027, 3, 1, 17)))
    add_challenge(index, "Later", opens_at=amsterdam(2027, 4, 1, 9), deadline=amsterdam(2027, 5, 1, 17))
    with time_machine.travel(amsterdam(2027, 2, 17, 10), tick=False):
        dutch_feed = _events(client.get("/nl/challenges/open-calls.ics"))
        english_feed = _events(client.get("/en/challenges/open-calls.ics"))
    assert [str(e["SUMMARY"]) for e in dutch_feed] == ["Deadline: Open"]
    assert [str(e["SUMMARY"]) for e in english_feed] == ["Deadline: Open (EN)"]


def test_an_unknown_or_dateless_challenge_has_no_ics(client, index):
    nl, _en = add_challenge(index, "Afgerond", result="Klaar.")
    assert client.get(f"/nl/challenges/{nl.pk}.ics").status_code == 404
    assert client.get("/nl/challenges/999999.ics").status_code == 404
