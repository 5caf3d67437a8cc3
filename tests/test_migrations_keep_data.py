"""Moving models between apps keeps existing data: a database from before the moves, migrated to the end, keeps it all.

The moves: CaseService from menukaart to cases, the intake address from the site settings to
IntakeSettings, and the audience values to their current spelling.

The migrations run in a process of their own on a scratch SQLite database
(tests/migration_data.py), so the test database is never migrated back.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.db_differs
def test_case_services_intake_address_and_audiences_survive_the_migrations(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'before.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "tests" / "migration_data.py")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    ids = data["ids"]
    assert data["case_services"] == [[ids["case"], ids["service"]]], "the case still names the service it used"
    assert data["table"] == data["tables"][0] == "cases_caseservice" and len(data["tables"]) == 1
    assert data["content_types"] == ["cases"]
    assert data["audiences"] == ["company", "social_enterprise"]
    assert data["notification_email"] == "intake@sif.example"
