"""Spreadsheet export of submissions that no spreadsheet program runs as a formula.

Wagtail's XLSX export already stores a value that looks like a formula as
text. Its CSV export writes values as they are, so a question starting with
``=`` would run as a formula when the file is opened in Excel or LibreOffice.
Here every CSV value starting with ``= + - @``, a tab or a carriage return
gets a leading apostrophe (the OWASP advice for CSV injection).
"""

from datetime import datetime

from django.utils import timezone
from wagtail.admin.views.generic import IndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _joined(value):
    return ", ".join(str(item) for item in value)


class SafeExportIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assignee")

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, list):
            value = _joined(value)
        if isinstance(value, datetime) and timezone.is_aware(value):
            # Times as the admin list shows them (Europe/Amsterdam), not UTC, in both formats.
            value = timezone.make_naive(value, timezone.get_current_timezone())
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value
