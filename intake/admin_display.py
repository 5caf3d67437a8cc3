"""How the intake's admin screens and its export show a submission: plain words, local time, one language.

The inspect screen showed UTC times, and themes and services as a Python list; the export had
"nl"/"en", times to the microsecond, a column of service keys, and theme names in the language
each visitor used. Here every screen and the export use the admin's language and time zone
(Europe/Amsterdam): themes and services by their names in that language (by their key, the same
in every language; the stored title where the theme or service is gone), times to the minute.
The cell escaping of the CSV stays in export.py.
"""

from datetime import datetime

from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView
from wagtail.models import Locale

from . import catalogue
from .export import SafeExportIndexView

LANGUAGE_NAMES = {"nl": _("Dutch"), "en": _("English")}
CSV_DATETIME = "%d-%m-%Y %H:%M"  # what a Dutch spreadsheet reads as a date and time


def language_name(code):
    return str(LANGUAGE_NAMES.get(code, code))


def local_minute(value):
    """An aware time in the admin's time zone, without seconds."""
    return timezone.localtime(value).replace(second=0, microsecond=0)


class Names:
    """Themes and services by key, named in the admin's language."""

    def __init__(self):
        locale = Locale.get_active()
        self.themes = dict(catalogue.theme_choices(locale))
        self.services = dict(catalogue.service_choices(locale))

    @staticmethod
    def _named(keys, titles, names):
        stored = list(titles or [])
        named = []
        for position, key in enumerate(keys or []):
            fallback = stored[position] if position < len(stored) else str(key)
            named.append(names.get(str(key)) or fallback)
        return named

    def themes_of(self, submission):
        return self._named(submission.themes, submission.theme_titles, self.themes)

    def services_of(self, submission):
        return self._named(submission.services, submission.service_titles, self.services)


def language_column():
    """The list's language column: "Dutch"/"English" in the admin's language, sorted by code."""
    return Column(
        "language",
        label=capfirst(_("language")),
        accessor=lambda submission: language_name(submission.language),
        sort_key="language",
    )


class SubmissionInspectView(InspectView):
    def get_context_data(self, **kwargs):
        self.names = Names()
        return super().get_context_data(**kwargs)

    def _when(self, value):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i") if value else "-"

    def get_created_at_display_value(self):
        return self._when(self.object.created_at)

    def get_consent_at_display_value(self):
        return self._when(self.object.consent_at)

    def get_language_display_value(self):
        return language_name(self.object.language)

    def get_theme_titles_display_value(self):
        return ", ".join(self.names.themes_of(self.object)) or "-"

    def get_service_titles_display_value(self):
        return ", ".join(self.names.services_of(self.object)) or "-"

    def get_carried_titles_display_value(self):
        return ", ".join(self.object.carried_titles or []) or "-"

    def get_phone_display_value(self):
        return self.object.phone or "-"

    def get_assignee_name_display_value(self):
        return self.object.assignee_name() or "-"

    def get_internal_notes_display_value(self):
        return self.object.internal_notes or "-"


class SubmissionExportView(SafeExportIndexView):
    """The list's export with names, the admin's language and times to the minute."""

    def to_row_dict(self, item):
        if not hasattr(self, "names"):
            self.names = Names()
        row = super().to_row_dict(item)
        if "language" in row:
            row["language"] = language_name(item.language)
        if "themes" in row:
            row["themes"] = ", ".join(self.names.themes_of(item))
        if "services" in row:
            row["services"] = ", ".join(self.names.services_of(item))
        if "carried_titles" in row:
            row["carried_titles"] = ", ".join(item.carried_titles or [])
        return row

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = local_minute(value)
            if export_format == self.FORMAT_CSV:
                value = value.strftime(CSV_DATETIME)
        return super().preprocess_field_value(field, value, export_format)
