"""Shared fixtures: a test database that is really a test database, a cache of the test's own, the demo on request.

The session starts from an empty, migrated test database. Tests build the
few pages they need with the factories in ``tests/factories.py``; a test that
needs the whole demo site asks for the ``demo`` fixture. The demo is then
loaded once, committed to the test database, and every test that uses it
runs after all tests that do not (see ``pytest_collection_modifyitems``), so
a factory-built site never meets the demo one.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.helpers import clear_own_cache_keys


def _is_test_database(name):
    name = str(name or "")
    return Path(name).name.startswith("test_") or "mode=memory" in name or name == ":memory:"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Stop before any write when the default database is not a test database.

    pytest-django only creates a test database for the aliases its collected
    tests declare (``django_db`` marker, ``db`` fixture, ...); a fixture that
    unblocks the database without that would otherwise write into whatever
    ``DATABASE_URL`` names.
    """
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if not _is_test_database(name):
        pytest.exit(
            f"The tests would use the database {name!r}, which is not a test database: "
            "mark the tests that use the database with @pytest.mark.django_db.",
            returncode=3,
        )


@pytest.fixture(scope="session")
def _demo_content(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def demo(_demo_content, db):
    """The whole demo site (both languages), as a newcomer's `make run` has it.

    Loaded once per session and committed to the test database; each test's
    own changes are rolled back as usual.
    """


def pytest_collection_modifyitems(config, items):
    """Tests that use the demo run last: before them the test database has no demo content."""
    items.sort(key=lambda item: "demo" in getattr(item, "fixturenames", ()))


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths; each test starts from the database.

    Only this test run's own keys are removed: with ``REDIS_URL`` set the
    cache may be a Redis that others use too (see config/settings/test.py).
    """
    from django.core.cache import cache

    clear_own_cache_keys(cache)
    yield
    clear_own_cache_keys(cache)
