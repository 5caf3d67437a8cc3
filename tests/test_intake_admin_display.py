"""The intake's admin screens and export in local time and plain words.

A question that came in at 23:12 UTC on 30 June arrived at 01:12 on 1 July in Utrecht: the
inspect screen, the list and both exports say 01:12. Themes and services are named, in the
admin's language, whatever language the visitor used; there is no column of keys.
"""

import csv
import io
from datetime import UTC, datetime
from html import unescape

import pytest
from django.urls import reverse

from intake.models import Submission

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 6, 30, 23, 12, 41, 123456, tzinfo=UTC)


@pytest.fixture
def english_question(site_tree):
    theme_nl, theme_en = site_tree.themes[0]
    service_nl, service_en = site_tree.services[0]
    submission = Submission.objects.create(
        language="en",
        organisation_name="Proef Foundation",
        organisation_type="company",
        contact_name="Sam de Vries",
        email="sam@proef.example",
        question="How do we hire people who are far from work?",
        consent_at=RECEIVED,
        themes=[str(theme_nl.translation_key)],
        theme_titles=[theme_en.name],
        services=[str(service_nl.translation_key)],
        service_titles=[service_en.title],
    )
    Submission.objects.filter(pk=submission.pk).update(created_at=RECEIVED)
    return Submission.objects.get(pk=submission.pk)


def _main_text(response):
    html = response.content.decode()
    return " ".join(unescape(html[html.index("<main") :]).split())


def test_the_inspect_screen_shows_local_times_and_named_themes_and_services(intake_handler, english_question):
    text = _main_text(intake_handler.get(reverse("intake_submissions:inspect", args=[english_question.pk])))

    assert "1 juli 2026, 01:12" in text and "00:12" not in text and "23:12" not in text
    assert "Werk" in text and "Dienst 0" in text  # Dutch names for a question sent in English
    assert "['" not in text and "Engels" in text
    assert "Proef Foundation (2026-07-01)" in text  # the title's date is the local date too


def test_the_list_names_the_language(intake_handler, english_question):
    text = _main_text(intake_handler.get(reverse("intake_submissions:index")))

    assert "Engels" in text and "Proef Foundation" in text and " Taal " in text


def _csv_rows(handler):
    response = handler.get(reverse("intake_submissions:index") + "?export=csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


def test_the_csv_export_reads_without_questions_in_a_dutch_office(intake_handler, english_question):
    rows = _csv_rows(intake_handler)

    row = rows[0]
    assert row["Ontvangen"] == "01-07-2026 01:12"
    assert row["Taal"] == "Engels" and row["Soort aanvraag"] == "Vraagstuk"
    assert row["Thema's"] == "Werk" and row["Diensten die interesseren"] == "Dienst 0"
    assert not any("sleutel" in heading.lower() for heading in row)
    assert str(english_question.services[0]) not in ",".join(row.values())


def test_the_xlsx_export_has_local_times_to_the_minute(intake_handler, english_question):
    from openpyxl import load_workbook

    response = intake_handler.get(reverse("intake_submissions:index") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    values = dict(zip(headings, [cell.value for cell in sheet[2]], strict=True))

    assert values["Ontvangen"] == datetime(2026, 7, 1, 1, 12)
    assert values["Taal"] == "Engels" and values["Thema's"] == "Werk"
