"""Shared fixtures: a test database that is really a test database, a cache of the test's own, the demo on request.

The session starts from an empty, migrated test database (on SQLite a copy
of the last run's, see ``tests/db_snapshots.py``). A test that uses the
database gets the small bilingual site of ``tests/factories.py`` (the
``site_tree`` fixture) unless it asks for the whole demo site with the
``demo`` fixture (``pytest.mark.usefixtures("demo")``): the demo is for the
smoke tests only. It is loaded once per session and only when a selected test
asks for it (on SQLite copied from the last run when nothing it depends on
changed), committed to the test database with the renditions of its images,
and every test that uses it runs after all tests that do not (see
``pytest_collection_modifyitems``), so a factory-built site never meets the
demo one.

Tiers (README "Tests"): every test gets the marker ``fast`` unless it uses the
demo or is marked ``browser``, ``faults``, ``subprocess``, ``slow``,
``thorough`` (a measurement: query counts as a listing grows, Hypothesis
searches), ``postgres`` or ``stack``; ``make test-fast`` runs ``-m fast``. A new
test is fast by default and leaves the tier by what it uses.

With pytest-xdist (``make test``: ``-n 3 --dist loadgroup``) each worker
has a test database of its own (pytest-django: SQLite in memory per process,
PostgreSQL ``test_<name>_gw0``, ``_gw1``, ...) and its own cache key prefix.
The scheduler hands each worker its tests in the collection order sorted
here, so on every worker too the small site's tests run before the demo's, and
the browser tests last (their Chromium stays open to the end of the session);
``_site_tree_content`` stops the run should a scheduler ever break that.

Media files a run writes go to a folder of its own under the system's
temporary folder, removed when the run ends (``pytest_configure``).
"""

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings

from tests import db_snapshots
from tests.helpers import clear_own_cache_keys, client_for, fresh, make_renditions, tasks_after, user_in

# Hypothesis: "dev" draws new examples each run; "ci" (CI=true) the same bounded, derandomised ones every run;
# "fast" (make test-fast) only a few. HYPOTHESIS_PROFILE picks one by name.
hypothesis_settings.register_profile("dev", max_examples=20, deadline=None)
hypothesis_settings.register_profile("fast", max_examples=5, deadline=None)  # make test-fast: a glance, not a search
hypothesis_settings.register_profile(
    "ci", max_examples=20, derandomize=True, deadline=None, database=None, print_blob=True
)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)

MEDIA_ENV = "SIF_TEST_MEDIA_ROOT"
NOT_FAST = ("demo", "browser", "faults", "subprocess", "slow", "thorough", "postgres", "stack")


def pytest_configure(config):
    """Media files of this run in a temporary folder of its own; xdist workers inherit it from the controller."""
    from django.conf import settings

    if not hasattr(config, "workerinput") and MEDIA_ENV not in os.environ:
        os.environ[MEDIA_ENV] = tempfile.mkdtemp(prefix="sif-test-media-")
        _OWN_MEDIA.append(os.environ[MEDIA_ENV])
    if MEDIA_ENV in os.environ:
        settings.MEDIA_ROOT = os.environ[MEDIA_ENV]


def pytest_unconfigure(config):
    while _OWN_MEDIA:
        shutil.rmtree(_OWN_MEDIA.pop(), ignore_errors=True)
        os.environ.pop(MEDIA_ENV, None)


_OWN_MEDIA = []


def _is_test_database(name):
    name = str(name or "")
    return Path(name).name.startswith("test_") or db_snapshots.is_memory_name(name)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Just before pytest-django sets up the test database: its migration may come from the last run's copy."""
    _state["migrations_from_cache"] = db_snapshots.migrations_from_cache()
    _state["migrations_from_cache"].__enter__()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Stop before any write when the default database is not a test database.

    pytest-django only creates a test database for the aliases its collected
    tests declare (``django_db`` marker, ``db`` fixture, ...); a fixture that
    unblocks the database without that would otherwise write into whatever
    ``DATABASE_URL`` names.
    """
    from django.db import connection

    if "migrations_from_cache" in _state:
        _state.pop("migrations_from_cache").__exit__(None, None, None)
    name = connection.settings_dict["NAME"]
    if not _is_test_database(name):
        pytest.exit(
            f"The tests would use the database {name!r}, which is not a test database: "
            "mark the tests that use the database with @pytest.mark.django_db.",
            returncode=3,
        )


_state = {}


@pytest.fixture(scope="session")
def _site_tree_content(django_db_setup, django_db_blocker):
    from django.db import connection

    from tests.factories import build_site

    if _state.get("demo"):
        pytest.fail(
            "The demo is already loaded in this test database: the tests of the small site must run first. "
            "Run with --dist load or --dist loadgroup (the default in pyproject.toml) or with -n0.",
            pytrace=False,
        )
    with django_db_blocker.unblock():
        _state["migrated"] = connection.creation.serialize_db_to_string()
        try:
            tree = build_site()
            make_renditions()
        except BaseException:
            _back_to_migrated()
            raise
    yield tree
    with django_db_blocker.unblock():
        _back_to_migrated()


def _back_to_migrated():
    """Remove the small site: the database as it was right after the migrations."""
    from django.db import connection

    if "migrated" in _state:
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType

        # Deserialising Wagtail's tasks asks for their content type before the content types are back: from the
        # cache, as after migrate; a cold cache (a copied database, or a test that cleared it) would insert a
        # wrong one and cache its id.
        ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(_state.pop("migrated"))
        ContentType.objects.clear_cache()
        # flush restarted the id sequences (PostgreSQL): move them past the restored rows
        from django.core.management.color import no_style

        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


class _FreshTree:
    """The small site's namespace for one test: each of its objects re-read from the database when the test
    first asks for it (``fresh``), so one test's changes to an instance never reach the next.

    Re-reading all of them (about fifty queries) at every test's start was a sixth of ``make test-fast``'s
    time, most of it for objects the test never used; many tests use none (they get the small site so that
    they never meet an empty one).
    """

    def __init__(self, tree):
        self._tree = tree

    def __getattr__(self, name):
        if name.startswith("_"):  # not the site's: copy, pickle and pytest's own look-ups
            raise AttributeError(name)
        value = fresh(getattr(self._tree, name))
        setattr(self, name, value)  # the same instance for the rest of the test
        return value


@pytest.fixture
def site_tree(_site_tree_content, db):
    """A small bilingual site built by ``tests/factories.py`` (see ``build_site``).

    Built once per session and committed; each test's own changes are rolled
    back. Returns a namespace of its Dutch and English pages and snippets, each
    read from the database when the test first uses it.
    """
    return _FreshTree(_site_tree_content)


@pytest.fixture(scope="module")
def module_content(request, _site_tree_content, django_db_blocker):
    """Content that the tests of one module share, as Django's ``setUpTestData``: built once per module.

    The module defines ``shared_content(site_tree)``; it runs once, in a transaction of the module's
    own on top of the small site, rolled back when the module's last test has run. Each test runs inside
    it as always (its own savepoint, rolled back), so the tests still never see each other's changes, and
    gets its own instances of the content from the ``shared`` fixture.

    Building the Buy Social directory, the agenda with its workshop or the challenges' overview before
    every test: the eight modules that share them took 65-77 s, 43-52 s since (one process). Not for
    modules whose tests commit (threads with their own connections, transactional tests): they would
    wait on this transaction's locks.

    Within its module, the tests that use it run after those that do not (``pytest_collection_modifyitems``),
    so a test that does not ask for the content never meets it.
    """
    from django.db import transaction

    build = getattr(request.module, "shared_content", None)
    if build is None:
        pytest.fail(f"{request.module.__name__} uses shared content but defines no shared_content(site_tree)")
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
    _state["module_content"] = True
    try:
        with django_db_blocker.unblock():
            content = build(_FreshTree(_site_tree_content))
        yield content
    finally:
        _state.pop("module_content", None)
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


@pytest.fixture
def shared(module_content, site_tree):
    """This test's own instances of its module's ``shared_content`` (``module_content``), read afresh."""
    return fresh(module_content)


@pytest.fixture(scope="session")
def _demo_content(django_db_setup, django_db_blocker):
    from django.db import connection

    key = db_snapshots.demo_key()  # before loading: a file changed meanwhile makes the next run load again
    # Another worker loading the same demo: wait for its copy rather than load it beside it (on PostgreSQL each
    # worker loads its own, side by side: nothing is copied there).
    copied = db_snapshots.is_memory_database(connection)
    with django_db_blocker.unblock(), db_snapshots.building("demo", key) if copied else contextlib.nullcontext():
        _state["demo"] = True
        if db_snapshots.restore(connection, "demo", key):
            _state.pop("migrated", None)  # the copy replaced the small site too
            if db_snapshots.media_files_present():
                return
            # Someone removed media files the copy points at: load the demo again into the migrated database.
            if not db_snapshots.restore(connection, "migrated", db_snapshots.migrated_key()):
                pytest.fail(f"Remove {db_snapshots.CACHE_DIR} and run again: a copy there is incomplete.")
        else:
            _back_to_migrated()  # when the small site was built
        with tasks_after():  # Wagtail's index tasks once per object, not after every save: 3-6 s of 15
            call_command("load_demo", stdout=io.StringIO())
        # The demo leaves the intake team's address empty (the facts give none); the tests' intake team has one.
        from wagtail.models import Site

        from intake.models import IntakeSettings

        intake_settings = IntakeSettings.for_site(Site.objects.get(is_default_site=True))
        intake_settings.notification_email = "intake@sif.example"
        intake_settings.save()
        make_renditions()
        db_snapshots.save(connection, "demo", key, media=True)


@pytest.fixture
def demo(_demo_content, db):
    """The whole demo site (both languages), as a newcomer's `make run` has it.

    Loaded once per session and committed to the test database; each test's
    own changes are rolled back as usual.
    """


DATABASE_FIXTURES = {"db", "transactional_db", "client", "admin_client", "admin_user", "django_user_model"}


def _uses_the_database(item):
    names = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(names & DATABASE_FIXTURES)


def pytest_collection_modifyitems(config, items):
    """The small site by default, the demo on request and last; the tier markers.

    A test that uses the database and asks for neither the small site
    (``site_tree``) nor the demo gets the small site, so a test never meets
    an empty site by accident and never pays for the demo it did not ask for.
    The demo and the small site never share the database: the demo is loaded
    into the migrated, empty database once all tests of the small site have run.
    """
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None:
            continue
        if "demo" in names:
            # The session-wide load goes first, as it would in the closure pytest sorts by scope:
            # set up after the test's transaction began, it would be rolled back with the test.
            if "_demo_content" in names:
                names.remove("_demo_content")
            names.insert(0, "_demo_content")
            item.add_marker(pytest.mark.demo)
        elif "site_tree" not in names and _uses_the_database(item):
            names.insert(0, "_site_tree_content")
            names.append("site_tree")
        if item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.db_differs)
        if not any(item.get_closest_marker(name) for name in NOT_FAST):
            item.add_marker(pytest.mark.fast)
    # The browser tests last (their Chromium stays open to the end of the session: tests/browser/conftest.py),
    # before them the demo's. Among each kind, the long tests first: with xdist, a 25-second test picked up
    # last kept one worker busy alone.
    # Within a module, the tests that share its content (``module_content``) after those that do not.
    modules = {}
    for item in items:
        modules.setdefault(item.path, len(modules))
    items.sort(
        key=lambda item: (
            item.get_closest_marker("browser") is not None,
            "demo" in getattr(item, "fixturenames", ()),
            item.get_closest_marker("slow") is None and item.get_closest_marker("faults") is None,
            modules[item.path],
            "module_content" in getattr(item, "fixturenames", ()),
        )
    )


def pytest_itemcollected(item):
    """The timed fault tests run one after another on one xdist worker, not beside each other.

    Marked as each test is collected, before any plugin's collection hook reads the groups
    (pytest-xdist's ``--dist loadgroup``; pytest stays below 9.2 for it, see requirements-dev.txt).
    A group is sent to its worker at once: a demo test in it would run before that worker's
    small-site tests, so demo tests stay out of it.
    """
    if item.get_closest_marker("faults") and "demo" not in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.xdist_group("faults"))


@pytest.fixture(autouse=True)
def _not_both_sites(request):
    names = request.fixturenames
    assert not ("demo" in names and "site_tree" in names), "a test uses either the demo or the small site"
    assert "module_content" in names or not _state.get("module_content"), (
        "a test that does not use its module's shared content ran while it was there: "
        "the tests that use it must run last in their module (pytest_collection_modifyitems)"
    )


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


# Users as the data migrations' groups make them, each with a logged-in client in Dutch ---------------------------


@pytest.fixture
def editor(db):
    """A logged-in client of an editor ("Editors": writes, cannot publish)."""
    from editorial.roles import EDITORS

    return client_for(user_in("redacteur", EDITORS))


@pytest.fixture
def moderator(db):
    """A logged-in client of a moderator ("Moderators": reviews and publishes)."""
    from editorial.roles import MODERATORS

    return client_for(user_in("eindredacteur", MODERATORS))


@pytest.fixture
def intake_handler(db):
    """A logged-in client of an intake handler ("Intake handlers": triages submissions)."""
    from intake.models import HANDLERS_GROUP

    return client_for(user_in("intaker", HANDLERS_GROUP))


@pytest.fixture
def admin(db):
    """A logged-in client of a superuser."""
    from django.contrib.auth import get_user_model

    return client_for(get_user_model().objects.create_superuser("beheer", "beheer@sif.example", "wachtwoord"))


@pytest.fixture
def demo_programme_links(demo):
    """Demo cases linked to programmes, as an editor may link them; the demo links none (FACTS.md gives none)."""
    from cases.models import CasePage, CaseProgramme
    from programmes.models import ProgrammePage
    from tests.helpers import DEMO_PROGRAMME_LINKS

    for case_slug, programme_slugs in DEMO_PROGRAMME_LINKS.items():
        programmes = [ProgrammePage.objects.get(locale__language_code="nl", slug=slug) for slug in programme_slugs]
        for case in CasePage.objects.filter(slug=case_slug):  # both languages point at the Dutch pages (synchronised)
            for programme in programmes:
                CaseProgramme.objects.create(page=case, programme=programme)


@pytest.fixture
def demo_prices(demo):
    """The demo's services with the prices above, in both languages, as if an editor had published them."""
    from menukaart.models import ServicePage
    from tests.helpers import DEMO_PRICES

    for slug, (kind, amount, unit_nl, unit_en) in DEMO_PRICES.items():
        dutch = ServicePage.objects.get(locale__language_code="nl", slug=slug)
        pages = ServicePage.objects.filter(translation_key=dutch.translation_key)
        pages.update(price_kind=kind, price_amount=amount)
        pages.filter(locale__language_code="nl").update(price_unit=unit_nl)
        pages.filter(locale__language_code="en").update(price_unit=unit_en)
