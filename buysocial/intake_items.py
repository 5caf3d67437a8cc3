"""What a quote request carries into the intake form: Buy Social's side of the interface in intake/carried.py."""

import uuid

from django.utils.translation import gettext as _

from intake.carried import CarriedItems

from .models import SocialEnterprisePage
from .quotes import PARAM, TOPIC


def titles(locale, keys):
    """(key, name) of the live enterprises in ``locale`` among ``keys``, by name: what the form offers."""
    valid = []
    for key in keys:
        try:
            valid.append(uuid.UUID(key))
        except (ValueError, TypeError, AttributeError):
            continue
    pages = SocialEnterprisePage.objects.live().public().filter(locale=locale, translation_key__in=valid)
    return [(str(key), title) for key, title in pages.order_by("title").values_list("translation_key", "title")]


def carried_items():
    """What a quote request carries into the intake form (the intake's declared interface, intake/carried.py)."""
    return CarriedItems(
        topic=TOPIC,
        param=PARAM,
        label=_("Social enterprises you ask quotes from"),
        help_text=_("Untick one to leave it out."),
        heading=_("Ask for a quote"),
        lead=_(
            "Tell us what you want to buy. Your request goes to Social Impact Factory, not to the "
            "enterprises: we answer with a shortlist."
        ),
        question_label=_("What would you like to buy?"),
        question_help=_("What you need, how much or how often, and from when (at least 30 characters)."),
        titles=titles,
    )
