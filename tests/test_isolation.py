"""Tests touch nothing outside their own test database and their own cache keys.

Run alone or all together, with ``DATABASE_URL`` or ``REDIS_URL`` pointing at
a database a developer uses, the tests leave it as it was.
"""

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import pytest
from django.core.cache import cache

from tests.helpers import clear_own_cache_keys

ROOT = Path(__file__).resolve().parents[1]


def _settings_cache(env):
    """CACHES['default'] as the test settings build it in a fresh process with ``env``."""
    code = (
        "import json, config.settings.test as s; c = s.CACHES['default'];"
        " print(json.dumps({'BACKEND': c['BACKEND'], 'KEY_PREFIX': c.get('KEY_PREFIX', '')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


@pytest.mark.subprocess
def test_with_redis_each_test_run_gets_a_key_prefix_of_its_own():
    env = {"REDIS_URL": "redis://127.0.0.1:6379/15"}  # only read, never connected to
    first, second = _settings_cache(env), _settings_cache(env)
    assert first["BACKEND"].endswith("RedisCache")
    assert first["KEY_PREFIX"].startswith("sif-test-")
    assert first["KEY_PREFIX"] != second["KEY_PREFIX"]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="Set REDIS_URL to check the tests against a shared Redis")
def test_clearing_the_cache_between_tests_keeps_other_users_keys():
    import redis

    shared = redis.Redis.from_url(os.environ["REDIS_URL"])
    foreign = f"someone-else:{uuid.uuid4().hex}"
    shared.set(foreign, "keep me", ex=120)
    try:
        cache.set("mine", "remove me")
        assert cache.get("mine") == "remove me"
        clear_own_cache_keys(cache)
        assert cache.get("mine") is None
        assert shared.get(foreign) == b"keep me"
    finally:
        shared.delete(foreign)


# The database a developer points DATABASE_URL at -------------------------------------------


def _table_counts(psycopg, conninfo):
    """Rows per table of the public schema, and the number of tables."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608


@pytest.mark.postgres
@pytest.mark.postgres_alone
def test_postgres_tests_run_alone_leave_the_configured_database_unchanged():
    """`pytest -m postgres` (the load tests) against a scratch database: not one row changes there.

    They used to write into it: pytest-django made no test database because no
    collected test declared one, and the demo and 200 submissions landed in the
    developer's own database. The scratch database is left empty, not migrated: a
    test that wrote there would fail on the missing tables or leave tables behind,
    and either is caught (a migration of its own here cost a minute of CI).
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("Needs PostgreSQL: run with DATABASE_URL=postgres://...")
    import psycopg

    config = dj_database_url.parse(url)
    scratch = f"{config['NAME']}_scratch"
    scratch_url = url.rsplit("/", 1)[0] + f"/{scratch}"
    server = f"host={config['HOST']} port={config['PORT'] or 5432} user={config['USER']} dbname=postgres"
    if config.get("PASSWORD"):
        server += f" password={config['PASSWORD']}"
    env = {**os.environ, "DATABASE_URL": scratch_url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE DATABASE "{scratch}"')
    try:
        before = _table_counts(psycopg, server.replace("dbname=postgres", f"dbname={scratch}"))
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-m",
                "postgres",
                "--ignore=tests/test_isolation.py",  # not itself again
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        summary = result.stdout.splitlines()[-1]
        ran = re.search(r"(\d+) passed", summary)
        assert ran and int(ran.group(1)) >= 2 and "failed" not in summary, result.stdout[-3000:]
        after = _table_counts(psycopg, server.replace("dbname=postgres", f"dbname={scratch}"))
        assert before == {}
        assert after == {}, "the tests created tables in the configured database"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
