"""Helpers for the menu page's state, read from the URL: filters and the package being composed.

Everything lives in the query string, so a package can be shared, bookmarked
and carried across the language switch; nothing is stored and no cookie is
set. A service in the package is named by its page's ``translation_key``,
which is the same for the Dutch page and its English translation::

    ?audience=company&form=workshop&service=<uuid>&service=<uuid>

Unknown values, malformed ids and ids of pages that are not services on this
menu are ignored. ``MenukaartPage`` (models.py) reads the request with these
helpers; this module imports no models, so the page can import it.
"""

import uuid
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext, pgettext

from home.localization import site_pages

from .prices import format_euro

# A package never needs more; it also bounds the work a crafted URL can cause.
MAX_SERVICES = 100


@dataclass
class Package:
    services: list = field(default_factory=list)

    @property
    def keys(self):
        return [service.package_key for service in self.services]

    @property
    def priced(self):
        return [service for service in self.services if service.is_priced]

    @property
    def on_request(self):
        return [service for service in self.services if not service.is_priced]

    @property
    def totals(self):
        """One total per price unit, in menu order, the one-off prices (no unit) first.

        Prices per group, per participant and per year cannot be added up; each
        unit gets its own total: ``[{"amount": 2000, "unit": "per groep", "is_from": False}, ...]``.
        """
        by_unit = {}
        for service in sorted(self.priced, key=lambda service: bool(unit_of(service))):
            unit = unit_of(service)
            total = by_unit.setdefault(unit.lower(), {"amount": 0, "unit": unit, "is_from": False})
            total["amount"] += service.price_amount
            total["is_from"] = total["is_from"] or service.price_kind == "from"
        return list(by_unit.values())

    @property
    def total_text(self):
        """``€ 2.000 + € 450 per deelnemer + vanaf € 1.500 per jaar``: one amount per price unit."""
        return TOTAL_SEPARATOR.join(total_part(**total) for total in self.totals)


TOTAL_SEPARATOR = " + "


def unit_of(service):
    return " ".join((service.price_unit or "").split())


def total_part(amount, unit, is_from):
    """``€ 450 per deelnemer``, or ``vanaf € 1.500 per jaar`` when a starting price is part of it."""
    text = format_euro(amount) + (f" {unit}" if unit else "")
    return pgettext("price", "from %(amount)s") % {"amount": text} if is_from else text


def service_keys(values):
    """The well-formed, distinct service ids in ``values``, in order."""
    keys = []
    for value in values[:MAX_SERVICES]:
        try:
            key = str(uuid.UUID(value))
        except (ValueError, TypeError, AttributeError):
            continue
        if key not in keys:
            keys.append(key)
    return keys


def choice(value, choices):
    """``value`` if it is one of the ``(value, label)`` ``choices``, else ""."""
    return value if value in dict(choices) else ""


def group_by_category(services):
    groups = []
    for service in services:
        if not groups or groups[-1]["category"].pk != service.category_id:
            groups.append({"category": service.category, "services": []})
        groups[-1]["services"].append(service)
    return groups


def intake_base_url(request):
    """The URL of the page the call to action names, in the visitor's language, or None."""
    page = site_pages(request)["intake"]
    return page.get_url(request) if page is not None else None


def package_status(count, shown_count=None):
    """The sentence that tells how many services are in the package."""
    if count == 0:
        return gettext("No services chosen yet. Tick the services you want in your package.")
    return ngettext("%(count)s service in your package", "%(count)s services in your package", count) % {
        "count": count if shown_count is None else shown_count
    }
