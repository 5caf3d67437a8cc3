"""The menu page's state, read from the URL: filters and the package being composed.

Everything lives in the query string, so a package can be shared, bookmarked
and carried across the language switch; nothing is stored and no cookie is
set. A service in the package is named by its page's ``translation_key``,
which is the same for the Dutch page and its English translation::

    ?audience=company&form=workshop&service=<uuid>&service=<uuid>

Unknown values, malformed ids and ids of pages that are not services on this
menu are ignored.
"""

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext, ngettext, pgettext

from home.localization import site_pages

from .models import Audience, ServiceForm, ServicePage
from .prices import euro_format, format_euro

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
    return value if value in choices.values else ""


def query(**params):
    """A query string from ``params``; lists become repeated parameters, empty values are left out."""
    pairs = []
    for name, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            if item:
                pairs.append((name, item))
    return f"?{urlencode(pairs)}" if pairs else ""


def services_on(menu_page):
    """Every live service on the menu, in menu order, in one query."""
    return list(
        ServicePage.objects.child_of(menu_page)
        .live()
        .public()
        .select_related("category")
        .order_by("category__sort_order", "category__pk", "path")
    )


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


def menu_context(menu_page, request):
    audience = choice(request.GET.get("audience", ""), Audience)
    form = choice(request.GET.get("form", ""), ServiceForm)
    services = services_on(menu_page)
    asked = set(service_keys(request.GET.getlist("service")))
    # In menu order, as the summary lists them; ids of anything else are dropped.
    package = Package([service for service in services if service.package_key in asked])
    keys = package.keys

    shown = [
        service
        for service in services
        if (not audience or audience in service.audiences) and (not form or service.service_form == form)
    ]
    shown_keys = {service.package_key for service in shown}
    for service in services:
        service.is_chosen = service.package_key in keys
        # Without JavaScript, "remove" is a link to this page without the service.
        others = [key for key in keys if key != service.package_key]
        service.remove_query = query(audience=audience, form=form, service=others)
    prefix, separator = euro_format()
    intake = intake_base_url(request)
    return {
        "filters": {"audience": audience, "form": form},
        "audience_choices": Audience.choices,
        "form_choices": ServiceForm.choices,
        "is_filtered": bool(audience or form),
        "groups": group_by_category(shown),
        "all_services": services,
        "shown_count": len(shown),
        "package": package,
        "package_status": package_status(len(package.services)),
        "chosen_out_of_view": [service for service in package.services if service.package_key not in shown_keys],
        "clear_filters_query": query(service=keys),
        # "Send with my question": the intake target with the package in the URL.
        "intake_url": intake + query(service=keys) if intake else None,
        "intake_base_url": intake,
        # What menukaart.js needs to write the summary the way the server does.
        "script_texts": {
            "euro-prefix": prefix,
            "euro-separator": separator,
            "from-pattern": pgettext("price", "from %(amount)s") % {"amount": "{amount}"},
            "status-empty": package_status(0),
            "status-one": package_status(1, "{count}"),
            "status-other": package_status(2, "{count}"),
        },
    }


def package_status(count, shown_count=None):
    """The sentence that tells how many services are in the package."""
    if count == 0:
        return gettext("No services chosen yet. Tick the services you want in your package.")
    return ngettext("%(count)s service in your package", "%(count)s services in your package", count) % {
        "count": count if shown_count is None else shown_count
    }
