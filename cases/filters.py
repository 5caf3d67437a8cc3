"""The case overview's filters: by theme and by programme, from plain GET parameters.

The values are slugs. A theme's slug is the same in every language; a
programme is found by its page slug in any language. So a filtered address
stays readable and keeps working when it is shared across languages.
Anything that is not a slug matches nothing: the visitor sees the
"no results" message with a link that clears the filters, never an error.
"""

import re

from home.localization import one_per_translation
from programmes.models import ProgrammePage

from .models import CaseProgramme, CaseTheme, Theme

SLUG = re.compile(r"[-\w]{1,100}", re.ASCII)


def _slug(params, name):
    """The parameter's value; "" when absent, None when it cannot be a slug."""
    value = params.get(name, "").strip()
    return value if not value or SLUG.fullmatch(value) else None


def _by_name(objects, name):
    return sorted(objects, key=lambda obj: getattr(obj, name).casefold())


class CaseFilters:
    def __init__(self, params, cases):
        self.theme = _slug(params, "theme")
        self.programme = _slug(params, "programme")
        self.cases = cases
        self.programme_keys = (
            set(ProgrammePage.objects.filter(slug=self.programme).values_list("translation_key", flat=True))
            if self.programme
            else set()
        )

    @property
    def is_active(self):
        return self.theme != "" or self.programme != ""

    def apply(self, cases):
        if self.theme is None or self.programme is None:
            return cases.none()
        if self.theme:
            cases = cases.filter(pk__in=CaseTheme.objects.filter(theme__slug=self.theme).values("page_id"))
        if self.programme:
            links = CaseProgramme.objects.filter(programme__translation_key__in=self.programme_keys)
            cases = cases.filter(pk__in=links.values("page_id"))
        return cases

    def theme_options(self):
        """The themes of the cases on this overview, in the visitor's language, by name."""
        used = CaseTheme.objects.filter(page__in=self.cases).values("theme__translation_key")
        themes = one_per_translation(Theme.objects.filter(translation_key__in=used))
        return [{"value": t.slug, "label": t.name, "selected": t.slug == self.theme} for t in _by_name(themes, "name")]

    def programme_options(self):
        """The programmes these cases name, as pages in the visitor's language, by title."""
        used = CaseProgramme.objects.filter(page__in=self.cases).values("programme__translation_key")
        programmes = one_per_translation(ProgrammePage.objects.live().filter(translation_key__in=used))
        return [
            {"value": p.slug, "label": p.title, "selected": p.translation_key in self.programme_keys}
            for p in _by_name(programmes, "title")
        ]
