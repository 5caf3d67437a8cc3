"""The organisation's contact details as editors filled them in: Site settings, locations and the team.

Everything here leaves out what is empty: the footer, the contact, location and statement
pages and the structured data show only what is known. The locations are read once per
request (``localization.remember``): the footer and the page share one query.
"""

from dataclasses import dataclass, field

from . import localization


@dataclass
class Organisation:
    settings: object
    locations: list = field(default_factory=list)
    pages: dict = field(default_factory=dict)

    @property
    def name(self):
        return self.settings.legal_name or "Social Impact Factory"

    @property
    def main_location(self):
        """The first location with an address: the visiting address."""
        return next((location for location in self.locations if location.has_address), None)

    @property
    def contact_page(self):
        return self.pages.get("contact")

    @property
    def intake_page(self):
        return self.pages.get("intake")

    @property
    def reply_working_days(self):
        return self.settings.reply_working_days

    @property
    def has_direct_contact(self):
        """An e-mail address or a phone number a visitor can use at once."""
        return bool(self.settings.email or self.settings.phone)


def locations(request):
    """The locations, in the visitor's language where translated, in order; kept per request."""
    from .models import Location

    return localization.remember(
        request, "locations", lambda: localization.one_per_translation(Location.objects.all())
    )


def organisation(request):
    from .models import SiteSettings

    return Organisation(
        settings=SiteSettings.for_request(request),
        locations=locations(request),
        pages=localization.site_pages(request),
    )


def people():
    """The team, in the visitor's language where translated, with their photos."""
    from .models import Person

    team = localization.one_per_translation(Person.objects.select_related("photo"))
    return sorted(team, key=lambda person: (person.sort_order, person.name.casefold()))
