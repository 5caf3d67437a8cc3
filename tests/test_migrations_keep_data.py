"""Moving models between apps keeps existing data: a database from before the moves, migrated to the end, keeps it all.

The moves: CaseService from menukaart to cases, the intake address from the site settings to
IntakeSettings, and the audience values to their current spelling.

The migrations run in a process of their own on a scratch SQLite database
(tests/migration_data.py), so the test database is never migrated back. What they
make is also what the other tests load from tests/migrated_database.sql.
"""

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests import migrated_database
from tests.migration_data import SCHEMA_QUERY

ROOT = Path(__file__).resolve().parents[1]
# Both tests read what one run of the migrations printed (the module's fixture): on one xdist worker, so that
# the migrations run once (about 28 s on two cores), not once on each of two workers.
pytestmark = pytest.mark.xdist_group("migrations")


@pytest.fixture(scope="module")
def migrated_old_data(tmp_path_factory):
    """What tests/migration_data.py prints: the old data after the migrations, and the schema they made."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('migrations') / 'before.sqlite3'}",
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
    return json.loads(result.stdout)


@pytest.mark.slow
@pytest.mark.db_differs
def test_case_services_intake_address_and_audiences_survive_the_migrations(migrated_old_data):
    data = migrated_old_data
    ids = data["ids"]
    assert data["case_services"] == [[ids["case"], ids["service"]]], "the case still names the service it used"
    assert data["table"] == data["tables"][0] == "cases_caseservice" and len(data["tables"]) == 1
    assert data["content_types"] == ["cases"]
    assert data["audiences"] == ["company", "social_enterprise"]
    assert data["notification_email"] == "intake@sif.example"


@pytest.mark.slow
def test_the_migrations_make_the_schema_the_tests_load(migrated_old_data):
    """tests/migrated_database.sql, which the tests load instead of migrating, holds what the migrations make:
    every table, column, index, trigger and the search's full-text table, as SQLite stores them."""
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        assert migrated_database.load(connection), "tests/migrated_database.sql is not current: make test-schema"
        loaded = sorted(list(row) for row in connection.execute(SCHEMA_QUERY))
    migrated = migrated_old_data["schema"]
    assert {row[1] for row in loaded} == {row[1] for row in migrated}
    assert loaded == migrated
