"""Every UI string has a Dutch translation, and the committed .mo files match the .po files.

The .mo files are committed so that a fresh clone shows Dutch without gettext
installed; this test keeps them honest.
"""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(p for p in ROOT.glob("*/locale/nl/LC_MESSAGES/django.po") if ".venv" not in p.parts)

pytestmark = [
    pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed"),
    pytest.mark.subprocess,
]


def test_the_site_catalogue_exists():
    assert ROOT / "site/locale/nl/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(po_path, tmp_path):
    compiled = tmp_path / "django.mo"
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "--statistics", "-o", str(compiled), str(po_path)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr

    committed = po_path.with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run compilemessages and commit it"
    with open(compiled, "rb") as fresh, open(committed, "rb") as stored:
        expected = gettext.GNUTranslations(fresh)._catalog
        actual = gettext.GNUTranslations(stored)._catalog
    assert actual == expected, f"{committed} is out of date: run compilemessages and commit it"
