"""Spreadsheet export of submissions that no spreadsheet program runs as a formula.

Wagtail's XLSX export already stores a value that looks like a formula as
text. Its CSV export writes values as they are, so a question starting with
``=`` would run as a formula when the file is opened in Excel or LibreOffice.
Here every CSV value starting with ``= + - @``, a tab or a carriage return
gets a leading apostrophe (the OWASP advice for CSV injection), except a phone
number such as ``+31 30 123 4567``: the form only lets digits, spaces,
brackets and hyphens through, and without letters no formula can call
anything. The CSV starts with a UTF-8 byte-order mark, so that Excel reads
accented letters correctly.
"""

import re
from datetime import datetime

from django.utils import timezone
from wagtail.admin.views.generic import IndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PHONE_NUMBER = re.compile(r"\+[0-9][0-9 ()-]*")
BYTE_ORDER_MARK = "\ufeff"


def neutralise_formula(value, field=None):
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if field == "phone" and PHONE_NUMBER.fullmatch(value):
        return value
    return "'" + value


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
            return neutralise_formula(value, field)
        return value

    def stream_csv(self, queryset):
        yield BYTE_ORDER_MARK
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
