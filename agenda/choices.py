"""The choices of an event. Values are stored and appear in addresses (``?type=workshop``), so they are
the same in every language; the labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    """What visitors see of an event's state; raising SEQUENCE in calendars when it changes."""

    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    MOVED = "moved", _("Moved")


class EventLocation(models.TextChoices):
    """The hub's own places (shared/content/FACTS.md), or online. No street address: editors have none."""

    HUB = "hub", _("Social Impact Factory, Utrecht")
    AAN_DE_GRACHT = "aan-de-gracht", _("Aan de Gracht")
    ONLINE = "online", _("Online")


class EventLanguage(models.TextChoices):
    """The language spoken at the event (not the language of the page)."""

    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")
    BOTH = "both", _("Dutch and English")


class EventType(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    MEETUP = "meetup", _("Meet-up")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


# The heading of the events' group in the site search (search.query.GROUPS); its Dutch is in this app's catalogue.
SEARCH_GROUP_LABEL = _("Events")
