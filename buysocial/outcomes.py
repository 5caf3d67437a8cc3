"""Buyers' figures: totals per year of the outcomes staff record, as a table, an SVG chart, CSV and JSON.

Only recorded outcomes count (``QuoteOutcome``); nothing is estimated or filled in.
The page, the CSV and the JSON are all made from ``yearly_totals`` so they agree.
This module imports no page model; models.py uses it.
"""

import csv
import io
import json
from dataclasses import asdict, dataclass

from django.db.models import Count, Q, Sum

LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
FORMATS = ("csv", "json")
COLUMNS = ("year", "requests", "matched", "amount_eur", "jobs_created", "requests_with_jobs_known")

# The chart's drawing box, in SVG user units (it scales with the page).
CHART_WIDTH, CHART_HEIGHT, CHART_BASE, BAR_GAP = 640, 260, 220, 16


@dataclass(frozen=True)
class YearTotal:
    year: int
    requests: int
    matched: int
    amount_eur: int
    jobs_created: int | None
    requests_with_jobs_known: int


def yearly_totals(outcomes):
    """One ``YearTotal`` per year with records, oldest first, from the ``outcomes`` queryset in one query."""
    # Annotation names of their own: an annotation may not shadow a field of the model.
    rows = (
        outcomes.order_by()
        .values("year")
        .annotate(
            total_requests=Count("pk"),
            total_matched=Count("pk", filter=Q(matched=True)),
            total_amount=Sum("amount_eur", default=0),
            total_jobs=Sum("jobs_created"),  # None when no record knows its jobs: not a zero
            with_jobs_known=Count("pk", filter=Q(jobs_created__isnull=False)),
        )
        .order_by("year")
    )
    return [
        YearTotal(
            year=row["year"],
            requests=row["total_requests"],
            matched=row["total_matched"],
            amount_eur=row["total_amount"],
            jobs_created=row["total_jobs"],
            requests_with_jobs_known=row["with_jobs_known"],
        )
        for row in rows
    ]


def as_csv(totals):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for total in totals:
        writer.writerow([getattr(total, column) for column in COLUMNS])
    return buffer.getvalue()


def as_json(totals, source_url):
    data = {
        "title": "Buy Social: outcomes of quote requests per year",
        "source": source_url,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "columns": list(COLUMNS),
        "totals": [asdict(total) for total in totals],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def chart_bars(totals):
    """Bars for the amount per year: x, y, width, height in the chart's box, with the values they show."""
    if not totals:
        return []
    highest = max(total.amount_eur for total in totals) or 1
    slot = CHART_WIDTH / len(totals)
    width = max(slot - BAR_GAP, 4)
    bars = []
    for index, total in enumerate(totals):
        height = round(total.amount_eur / highest * (CHART_BASE - 30))
        bars.append(
            {
                "x": round(index * slot + BAR_GAP / 2, 1),
                "y": CHART_BASE - height,
                "width": round(width, 1),
                "height": height,
                "label_x": round(index * slot + slot / 2, 1),
                "total": total,
            }
        )
    return bars
