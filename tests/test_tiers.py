"""The tiers of the suite (tests/conftest.py, README "Tests"): what a test gets and where it runs.

A database test gets the small site unless it asks for the demo; only tests without the
demo, a browser, fault servers, subprocesses, PostgreSQL or a measurement (``thorough``)
are in ``make test-fast``; a run's media files live in a temporary folder of its own;
Hypothesis has a fixed profile for CI.
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings


@pytest.mark.django_db
def test_a_database_test_that_asks_for_nothing_gets_the_small_site_and_is_fast(request):
    assert "site_tree" in request.fixturenames and "demo" not in request.fixturenames
    assert request.node.get_closest_marker("fast")


@pytest.mark.usefixtures("demo")
def test_a_test_of_the_demo_leaves_the_fast_tier(request):
    assert request.node.get_closest_marker("demo") and not request.node.get_closest_marker("fast")
    assert "site_tree" not in request.fixturenames


@pytest.mark.subprocess
def test_a_test_that_starts_a_program_leaves_the_fast_tier(request):
    assert not request.node.get_closest_marker("fast")


@pytest.mark.thorough
def test_a_measurement_leaves_the_fast_tier(request):
    assert not request.node.get_closest_marker("fast")


@pytest.mark.postgres
def test_postgres_tests_are_run_on_postgresql_in_ci(request):
    assert request.node.get_closest_marker("db_differs") and not request.node.get_closest_marker("fast")


def test_a_run_writes_its_media_files_in_a_temporary_folder_of_its_own():
    media = Path(settings.MEDIA_ROOT)
    assert media == Path(os.environ["SIF_TEST_MEDIA_ROOT"])
    assert media.parent == Path(tempfile.gettempdir()) and media.name.startswith("sif-test-media-")


def test_hypothesis_runs_a_fixed_bounded_set_of_examples_in_ci():
    ci = hypothesis_settings.get_profile("ci")
    assert ci.derandomize and ci.max_examples <= 20 and ci.database is None
    expected = "ci" if os.environ.get("CI") == "true" and not os.environ.get("HYPOTHESIS_PROFILE") else None
    if expected:
        assert hypothesis_settings.default.derandomize


def test_a_test_with_a_search_depth_of_its_own_gets_only_the_fast_profiles_few_in_make_test_fast(monkeypatch):
    from tests.helpers import examples

    monkeypatch.setenv("HYPOTHESIS_PROFILE", "fast")
    assert examples(150) == hypothesis_settings.get_profile("fast").max_examples < 150
    monkeypatch.setenv("HYPOTHESIS_PROFILE", "dev")
    assert examples(150) == 150
    monkeypatch.delenv("HYPOTHESIS_PROFILE")
    assert examples(40) == 40
