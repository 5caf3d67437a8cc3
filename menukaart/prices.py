"""Prices on the menukaart: whole euros excluding VAT, written the way each language writes them.

The format comes from the Unicode CLDR (through Babel), the same data the
browser's ``Intl.NumberFormat`` uses, so the server and ``menukaart.js``
write a price identically: ``€ 1.250`` in Dutch (with a no-break space),
``€1,250`` in English. It does not depend on the machine's locale.
"""

from babel import Locale
from babel.numbers import parse_pattern
from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

NBSP = "\u00a0"
CURRENCY = "EUR"


class PriceKind(models.TextChoices):
    FIXED = "fixed", _("Fixed price")
    FROM = "from", _("From (starting price)")
    ON_REQUEST = "on_request", _("On request")


def price_language(language=None):
    """The site language whose way of writing prices applies to ``language`` (default: the active one).

    Languages the site does not offer are written the English way.
    """
    code = (language or get_language() or "").split("-")[0]
    return code if code in dict(settings.LANGUAGES) else "en"


def format_euro(amount, language=None):
    """``1250`` as ``€ 1.250`` (Dutch) or ``€1,250`` (English): the locale's currency format, no cents.

    Equal to ``Intl.NumberFormat(language, {style: "currency", currency: "EUR",
    maximumFractionDigits: 0})`` in the browser; ``language`` defaults to the active language.
    """
    locale = Locale.parse(price_language(language))
    pattern = parse_pattern(locale.currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern.apply(int(amount), locale, currency=CURRENCY, currency_digits=False)


def format_price(kind, amount):
    """The price in the active language: ``€ 1.250``, ``vanaf € 1.250`` or ``op aanvraag``."""
    if kind == PriceKind.ON_REQUEST or amount is None:
        return pgettext("price", "on request")
    if kind == PriceKind.FROM:
        return pgettext("price", "from %(amount)s") % {"amount": format_euro(amount)}
    return format_euro(amount)
