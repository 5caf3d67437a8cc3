"""The case overview's filters, read from plain GET parameters: parsing and option lists.

The values are slugs. A theme's slug is the same in every language; a
programme is found by its page slug in any language. So a filtered address
stays readable and keeps working when it is shared across languages.
Anything that is not a slug matches nothing: the visitor sees the
"no results" message with a link that clears the filters, never an error.

This module knows no models: ``CaseIndexPage`` (cases/models.py) runs the
queries and uses these helpers for the request's part.
"""

import re
from dataclasses import dataclass

SLUG = re.compile(r"[-\w]{1,100}", re.ASCII)


def _slug(params, name):
    """The parameter's value; "" when absent, None when it cannot be a slug."""
    value = params.get(name, "").strip()
    return value if not value or SLUG.fullmatch(value) else None


@dataclass
class CaseFilters:
    """The filters a visitor asked for: "" for no filter, None for a value that cannot match anything."""

    theme: str | None
    programme: str | None

    @classmethod
    def from_params(cls, params):
        return cls(theme=_slug(params, "theme"), programme=_slug(params, "programme"))

    @property
    def is_active(self):
        return self.theme != "" or self.programme != ""

    @property
    def matches_nothing(self):
        return self.theme is None or self.programme is None


def options(objects, label, is_selected):
    """``objects`` as ``<option>`` data, by ``label`` (an attribute name) regardless of case."""
    return [
        {"value": obj.slug, "label": getattr(obj, label), "selected": is_selected(obj)}
        for obj in sorted(objects, key=lambda obj: getattr(obj, label).casefold())
    ]
