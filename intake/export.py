"""Spreadsheet export of submissions that no spreadsheet program runs as a formula.

Wagtail's XLSX export already stores a value that looks like a formula as
text. Its CSV export writes values as they are, so a question starting with
``=`` would run as a formula when the file is opened in Excel or LibreOffice.
Which character separates the cells is the program's choice, not the file's:
Excel in Dutch splits on ``;``, others on ``,`` or a tab, and a quote around a
cell may be read as part of it. So every place where a cell could begin,
whatever the separator (the start of a value, and after any ``,`` ``;`` tab or
line break, with spaces or quotes in between), that holds ``= + - @``, a tab or
a carriage return gets an apostrophe before it (the OWASP advice for CSV
injection). The one exception is a whole phone number such as
``+31 30 123 4567``: the form only lets digits, spaces, brackets and hyphens
through, and without letters no formula can call anything. The CSV starts with
a UTF-8 byte-order mark, so that Excel reads accented letters correctly.
"""

import re
from datetime import datetime

from django.utils import timezone
from wagtail.admin.views.generic import IndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Where a spreadsheet may start a cell (the value's start, or after a separator or a line break),
# then any spaces and quotes, then a character that starts a formula.
CELL_START_FORMULA = re.compile(r'(^|[,;\t\r\n])([ "]*)(?=[=+\-@\t\r])')
PHONE_NUMBER = re.compile(r"\+[0-9][0-9 ()-]*")
BYTE_ORDER_MARK = "\ufeff"


def neutralise_formula(value, field=None):
    """The value with an apostrophe before every formula a spreadsheet could find in it, whatever its separator."""
    if not isinstance(value, str):
        return value
    if field == "phone" and PHONE_NUMBER.fullmatch(value):
        return value
    return CELL_START_FORMULA.sub(r"\1\2'", value)


def _joined(value):
    return ", ".join(str(item) for item in value)


class SafeExportIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        names = {field.name for field in queryset.model._meta.get_fields()}
        return queryset.select_related("assignee") if "assignee" in names else queryset

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
