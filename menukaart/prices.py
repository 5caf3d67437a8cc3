"""Prices on the menukaart: whole euros excluding VAT, written the way each language writes them.

The format is fixed here rather than taken from the machine's locale, so
Dutch pages always show ``€ 1.250`` and English pages ``€1,250``.
"""

from django.db import models
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

NBSP = "\u00a0"

# language code: (what goes before the amount, thousands separator)
EURO_FORMATS = {"nl": ("€" + NBSP, "."), "en": ("€", ",")}


class PriceKind(models.TextChoices):
    FIXED = "fixed", _("Fixed price")
    FROM = "from", _("From (starting price)")
    ON_REQUEST = "on_request", _("On request")


def euro_format(language=None):
    """The (prefix, thousands separator) pair for ``language`` (default: the active one).

    Languages without a format of their own are written the English way.
    """
    return EURO_FORMATS.get((language or get_language() or "").split("-")[0], EURO_FORMATS["en"])


def format_euro(amount, language=None):
    """``1250`` as ``€ 1.250`` (Dutch, with a no-break space) or ``€1,250`` (English).

    ``language`` defaults to the active language.
    """
    prefix, separator = euro_format(language)
    return prefix + f"{int(amount):,}".replace(",", separator)


def format_price(kind, amount):
    """The price in the active language: ``€ 1.250``, ``vanaf € 1.250`` or ``op aanvraag``."""
    if kind == PriceKind.ON_REQUEST or amount is None:
        return pgettext("price", "on request")
    if kind == PriceKind.FROM:
        return pgettext("price", "from %(amount)s") % {"amount": format_euro(amount)}
    return format_euro(amount)
