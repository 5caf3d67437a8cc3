"""Factories for the agenda's pages: an agenda per language on the small site, and events in it.

Shared by the agenda's tests and the registration's (same app); the texts are the tests' own.
"""

import datetime
from zoneinfo import ZoneInfo

import factory
import wagtail_factories
from django.utils.text import slugify

from agenda.models import EventIndexPage, EventPage
from tests.factories import bilingual, dutch

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def amsterdam(*args):
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"
    locale = factory.LazyFunction(dutch)

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Workshop {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    locale = factory.LazyFunction(dutch)
    summary = "Een middag over sociaal ondernemen."
    starts_at = amsterdam(2027, 3, 10, 14)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))

    class Meta:
        model = EventPage


def make_agenda(site_tree):
    """The agenda in both languages under the small site's home pages: {"nl": page, "en": page}."""
    nl, en = bilingual(
        EventIndexPageFactory,
        parent=site_tree.home_nl,
        english_fields={"title": "Events", "slug": "events"},
        show_in_menus=True,
    )
    return {"nl": nl, "en": en}


def add_event(agenda, title, **fields):
    """An event in the Dutch agenda and its English translation (title "<title> (EN)"): ``(nl, en)``."""
    return bilingual(
        EventPageFactory,
        parent=agenda["nl"],
        english_fields={"title": f"{title} (EN)", "slug": f"{slugify(title)}-en"},
        title=title,
        **fields,
    )
