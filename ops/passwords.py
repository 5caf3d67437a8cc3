"""A password validator against the guesses an attacker tries first on this site.

Django's validators refuse short, common and all-digit passwords. This one
refuses passwords made only of the site's own names and its city, with any
digits, punctuation or look-alike characters around them:
``socialimpactfactory``, ``Utrecht2026``, ``S0cial-Impact!``.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SITE_WORDS = (
    "social",
    "impact",
    "factory",
    "socialimpactfactory",
    "sif",
    "utrecht",
    "wagtail",
    "admin",
    "beheer",
    "welkom",
    "welcome",
    "password",
    "wachtwoord",
)
LOOK_ALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "5": "s", "$": "s", "7": "t"})


def _made_of(letters, words):
    """True when ``letters`` is one or more of ``words`` written one after the other."""
    if not letters:
        return False
    reachable = [True] + [False] * len(letters)
    for end in range(1, len(letters) + 1):
        reachable[end] = any(
            reachable[end - len(word)] and letters.endswith(word, 0, end) for word in words if len(word) <= end
        )
    return reachable[-1]


def only_site_words(password, words=SITE_WORDS):
    lowered = password.lower()
    candidates = {
        re.sub(r"[^a-z]", "", lowered),  # Utrecht2026 -> utrecht
        re.sub(r"[^a-z]", "", lowered.translate(LOOK_ALIKES)),  # S0cial-Impact! -> socialimpact
        re.sub(r"[^a-z]", "", re.sub(r"[0-9]{2,}", "", lowered).translate(LOOK_ALIKES)),  # S0cial-2026 -> social
    }
    return any(_made_of(letters, words) for letters in candidates)


class SiteNameValidator:
    """Refuse a password built only from the site's names, its city and digits or symbols."""

    def __init__(self, words=SITE_WORDS):
        self.words = tuple(word.lower() for word in words)

    def validate(self, password, user=None):
        if only_site_words(password, self.words):
            raise ValidationError(
                _("This password is made of this site's name or city: add words of your own."),
                code="password_site_name",
            )

    def get_help_text(self):
        return _("Your password can't be made of the site's name or city, with or without digits.")
