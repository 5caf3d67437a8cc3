"""What a visitor can tick on the form: menukaart services and themes.

Choices are keyed by a language-independent value, so a question sent from
``/en/`` and one from ``/nl/`` name the same service the same way. The keys of
services are ``ServicePage.translation_key`` values: the menukaart's package
composer links to the form with ``?service=<translation_key>`` (repeatable).
"""

from django.utils.translation import gettext_lazy as _


def service_choices(locale):
    """(translation_key, title) of the live services in ``locale``, in menu order.

    The one place where intake depends on the menukaart app.
    """
    try:
        from menukaart.models import ServicePage
    except ImportError:  # until the menukaart app defines its services
        return []

    pages = ServicePage.objects.live().filter(locale=locale).order_by("path")
    return [(str(key), title) for key, title in pages.values_list("translation_key", "title")]


THEMES = [
    ("work", _("Work and income")),
    ("care", _("Care and well-being")),
    ("procurement", _("Social procurement")),
    ("integration", _("Integration and newcomers")),
    ("youth", _("Young people")),
    ("sustainability", _("Sustainability")),
    ("transformation", _("Changing an organisation")),
]


def theme_choices(locale):
    """(key, title) of the themes a question can touch."""
    return [(key, str(label)) for key, label in THEMES]
