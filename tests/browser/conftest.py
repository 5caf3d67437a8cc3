"""A real Chromium against a real server with the demo content.

The server is `manage.py runserver` (dev settings) in a subprocess on a free
port, with its own SQLite database and media folder in a temporary SIF_VAR_DIR:
one per xdist worker that runs browser tests, since the tests write data. Its
database holds the demo as `make run` has it, plus the prices and programme
links of tests/helpers.py and (once kept) every image rendition the site's presets make.

Setting that up takes two steps, each skipped when a copy of its result is
kept (tests/db_snapshots.py):

1. the migrated database: a copy of ``migrated-<key>.sqlite3``, the in-process
   test database's migrations (the fixture sets that database up first, which
   migrates it or copies it back, so a fresh clone migrates once, not twice).
   Without a copy (a PostgreSQL ``DATABASE_URL``, browser tests alone in a
   checkout that never ran the tests) it is loaded from
   tests/migrated_database.sql; only where that is not current either, or with
   ``SIF_TEST_DB_CACHE=0``, does the set-up process of step 2 migrate first, and
   its result is kept as ``migrated`` for the in-process test database of the
   next run. See ``_migrated_database`` for why the test settings' migrations
   are the dev settings' ones.
2. one Django process (``manage.py shell -c SETUP_SCRIPT``): ``load_demo``,
   the prices and links and the admin users. The server starts meanwhile (its
   start-up needs no content) and the tests begin; a copy of the database as it
   is then gets every rendition the site's presets make in another process
   (``_Keeping``), so that the pages of later runs need not make them, and is
   kept with its media as ``live-<key>`` (the demo's inputs plus this file and
   tests/helpers.py). Other workers wait for that copy; a later run copies it
   into the worker's temporary folder and only sets the site's port. The worker
   that set up makes the renditions its pages ask for as they ask, as a site does.

The server is started once per worker and stopped at the end, without Django's
system checks (CI runs them: ``manage.py check``). The browser is
Debian's /usr/bin/chromium driven by Playwright; without a Chromium the browser
tests are skipped with a reason.
"""

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests import db_snapshots, migrated_database
from tests.helpers import DEMO_PRICES, DEMO_PROGRAMME_LINKS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
# The content of the test server, in one Django process: the demo, then prices on some services and
# programmes on some cases as an editor would set them (the demo has neither: FACTS.md gives neither, and the
# composer's totals and the case filters need some), then the admin users.
SETUP_SCRIPT = """
from django.core.management import call_command
if %(migrate)r:
    import contextlib, sqlite3
    from django.db import connection
    call_command("migrate", interactive=False, verbosity=0)
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(%(migrated_copy)r)) as copy:
        connection.connection.backup(copy)
call_command("load_demo")
from menukaart.models import ServicePage
for slug, (kind, amount, unit_nl, unit_en) in %(prices)r.items():
    dutch = ServicePage.objects.get(locale__language_code="nl", slug=slug)
    pages = ServicePage.objects.filter(translation_key=dutch.translation_key)
    pages.update(price_kind=kind, price_amount=amount)
    pages.filter(locale__language_code="nl").update(price_unit=unit_nl)
    pages.filter(locale__language_code="en").update(price_unit=unit_en)
from cases.models import CasePage, CaseProgramme
from programmes.models import ProgrammePage
for case_slug, programme_slugs in %(links)r.items():
    programmes = [ProgrammePage.objects.get(locale__language_code="nl", slug=slug) for slug in programme_slugs]
    for case in CasePage.objects.filter(slug=case_slug):
        for programme in programmes:
            CaseProgramme.objects.create(page=case, programme=programme)
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
password = make_password(%(password)r)  # hashed once: a fifth of a second each
for username, role in %(users)r.items():
    superuser = role == "superuser"
    user = get_user_model().objects.create(
        username=username, email=username + "@sif.example", password=password, is_superuser=superuser,
        is_staff=superuser,
    )
    if not superuser:
        user.groups.set([Group.objects.get(name=role)])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
"""
# Every rendition the pages ask for (tests/conftest.py makes the same for the in-process database), made in
# the copy that is kept, so that no first page of a later run has to make them.
RENDITIONS_SCRIPT = "from tests.helpers import make_renditions; make_renditions(share_images=True)"
# The admin users the browser tests log in as (their set-up made them in a manage.py start of seconds each),
# with the groups the data migrations make, all with Dutch as their admin language.
PASSWORD = "een-lang-wachtwoord-voor-de-browsertests"
USERS = {
    "browser-beheerder": "superuser",
    "browser-redacteur": "Editors",
    "browser-eindredacteur": "Moderators",
    "browser-vertaler": "Editors",
}


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # With xdist the browser tests share out over the workers like any others: each worker that gets one
    # starts its own test server (its own port, SQLite file and media; copied from the kept one when there
    # is one) against a browser walk-through twice as wide (they are a third of `make test`'s time).
    if chromium_path():
        return
    skip = pytest.mark.skip(reason="No Chromium found (install Debian's 'chromium' or set CHROMIUM_PATH)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_site_env(tmp_path_factory):
    """The environment of the test server: dev settings, its own SQLite database, its own port."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "SIF_VAR_DIR": str(tmp_path_factory.mktemp("browser-var")),
        "SIF_SITE_HOST": f"127.0.0.1:{port}",
        "PYTHONUNBUFFERED": "1",
        # Every form the browser tests send comes from 127.0.0.1: more than a visitor's hourly share. The limit
        # itself is pinned by the test client's tests (test_security_intake, the other forms' own).
        "INTAKE_RATE_LIMIT_PER_HOUR": "1000",
    }
    env.pop("DATABASE_URL", None)  # always the throw-away SQLite database
    return env


@pytest.fixture(scope="session")
def manage_live_site(live_site_env):
    """Run a manage.py command against the test server's database; returns its output."""

    def manage(*command):
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *command],
            env=live_site_env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            pytest.fail(f"manage.py {command[0]} failed for the browser tests:\n{result.stderr[-3000:]}")
        return result.stdout

    return manage


@pytest.fixture(scope="session")
def live_site(request, live_site_env, manage_live_site, tmp_path_factory):
    """Base URL of a development server with migrated demo content (see the module's docstring)."""
    var_dir = Path(live_site_env["SIF_VAR_DIR"])
    database, media = var_dir / "db.sqlite3", var_dir / "media"
    key = db_snapshots.live_key()  # before the set-up: a file changed meanwhile makes the next run set up again
    host = live_site_env["SIF_SITE_HOST"]
    log = open(tmp_path_factory.mktemp("browser-log") / "server.log", "w")  # noqa: SIM115
    server = keeping = None
    try:
        # Another worker setting up the same database: wait for its copy rather than set it up beside it. The
        # worker that sets it up holds the lock until the copy is kept (``_Keeping``), after its tests began.
        lock = contextlib.ExitStack()
        lock.enter_context(db_snapshots.building("live", key))
        try:
            if not db_snapshots.copy_to_file("live", key, database, media):
                server = _set_up(request, manage_live_site, var_dir, lambda: _start_server(live_site_env, host, log))
                keeping = _Keeping(live_site_env, var_dir, key, lock)
        finally:
            if keeping is None:  # a copy was there, or the set-up failed: no one else releases it
                lock.close()
        _set_site_host(database, host)
        server = server or _start_server(live_site_env, host, log)
        base_url = f"http://{host}"
        _wait_for(base_url + "/nl/")
        yield base_url
    finally:
        if server is not None:
            _stop(server)
        if keeping is not None:
            keeping.wait()
        log.close()


class _Keeping:
    """The kept copy of a server database just set up, with every rendition, made while the tests run.

    The renditions took a quarter of the set-up (5 s of 20 on a slow machine) and the first tests need few
    of them: this worker's server makes those when a page asks, as a site does, while a second process makes
    all of them in a copy of the database as it was before the server started, which is then kept as
    ``live-<key>`` for the other workers (they wait for the lock until then) and the next run.
    """

    def __init__(self, env, var_dir, key, lock):
        self.folder = var_dir / "kept"
        self.folder.mkdir()
        self.database, self.media = self.folder / "db.sqlite3", self.folder / "media"
        source, copy = sqlite3.connect(var_dir / "db.sqlite3"), sqlite3.connect(self.database)
        with contextlib.closing(source), contextlib.closing(copy):
            source.backup(copy)
        shutil.copytree(var_dir / "media", self.media)
        self.key, self.lock = key, lock
        self.output = open(self.folder / "renditions.log", "w+")  # noqa: SIM115 - closed in _keep
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", RENDITIONS_SCRIPT],
            env={**env, "SIF_VAR_DIR": str(self.folder)},
            cwd=ROOT,
            stdout=self.output,
            stderr=self.output,
        )
        self.thread = threading.Thread(target=self._keep, daemon=True)
        self.thread.start()

    def _keep(self):
        try:
            if self.process.wait() == 0:
                db_snapshots.save_file(self.database, "live", self.key, self.media)
        finally:
            self.output.close()
            self.lock.close()

    def wait(self):
        self.thread.join()
        if self.process.returncode != 0:
            pytest.fail(f"The renditions of the kept test server database failed: see {self.folder}/renditions.log")


def _start_server(env, host, log):
    return subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "runserver", host, "--noreload", "--skip-checks"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )


def _stop(server):
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def live_page_id(live_site, live_site_env):
    """The id of a page in the test server's database, by its language and slug (or depth 2: the home page)."""
    database = Path(live_site_env["SIF_VAR_DIR"]) / "db.sqlite3"

    def page_id(language, slug=None):
        query = "SELECT p.id FROM wagtailcore_page p JOIN wagtailcore_locale l ON p.locale_id = l.id"
        query += " WHERE l.language_code = ? AND " + ("p.slug = ?" if slug else "p.depth = ?") + " ORDER BY p.id"
        with contextlib.closing(sqlite3.connect(database)) as connection:
            rows = connection.execute(query, (language, slug or 2)).fetchall()
        assert rows, f"no page {slug or 'at depth 2'} in {language}"
        return rows[0][0]

    return page_id


def log_in(page, base, username):
    """Log in to the admin as one of ``USERS``, leaving whoever was logged in before."""
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def _set_up(request, manage_live_site, var_dir, start_server):
    """The server's database from the migrated copy (or migrated first, and then kept), with its content.

    The server (``start_server``) starts as soon as the database is migrated, while the content is made: its
    start-up (Django's, seconds) needs no content, and no request reaches it before the fixture has set up.
    Returns it.
    """
    database = var_dir / "db.sqlite3"
    migrate = not (_migrated_database(request, database) or _migrated_from_sql(database))
    migrated_copy = var_dir / "migrated.sqlite3"
    values = {"prices": DEMO_PRICES, "links": DEMO_PROGRAMME_LINKS, "users": USERS, "password": PASSWORD}
    values.update(migrate=migrate, migrated_copy=str(migrated_copy))
    server = None if migrate else start_server()
    try:
        manage_live_site("shell", "--no-imports", "-c", SETUP_SCRIPT % values)  # no models imported for the shell
    except BaseException:
        if server is not None:
            _stop(server)
        raise
    if migrate:  # kept as the in-process test database's too: the next run's database tests copy it
        db_snapshots.save_file(migrated_copy, "migrated", db_snapshots.migrated_key())
    return server or start_server()


def _migrated_database(request, database):
    """Copy the in-process test database's migrations to ``database``; False when there is no copy of them.

    pytest-django's ``django_db_setup`` is set up first: it migrates the in-memory SQLite test
    database (or copies it back), which keeps ``migrated-<key>.sqlite3``. That copy is what
    ``DJANGO_SETTINGS_MODULE=config.settings.dev manage.py migrate`` makes: what the migrations
    read of the settings is the same under both (INSTALLED_APPS, which is part of the key;
    LANGUAGE_CODE and LANGUAGES, from base.py: the data migrations' groups, workflows and
    tasks, the Dutch locale, Wagtail's default Site and first pages), and the ``run_syncdb``
    of a test database adds no table (every app with models has migrations). Compared on
    2026-12-07: the same 361 tables, indexes and triggers, the same 935 rows in 117 tables,
    and the same values but for the times in django_migrations and the ``translation_key``
    of Wagtail's two first pages (random: they differ between any two ``migrate`` runs).
    """
    from django.db import connection

    from tests.conftest import _uses_the_database

    if not db_snapshots.enabled() or connection.vendor != "sqlite":
        return False  # PostgreSQL's test database is not kept; nothing is with SIF_TEST_DB_CACHE=0
    # pytest-django makes a test database only when a collected test uses one (tests/browser alone does not):
    # without it, the subprocess migrates as before.
    if any(_uses_the_database(item) for item in request.session.items):
        request.getfixturevalue("django_db_setup")
    return db_snapshots.copy_to_file("migrated", db_snapshots.migrated_key(), database)


def _migrated_from_sql(database):
    """The migrations' result from tests/migrated_database.sql into ``database``; False when it is not current."""
    if not db_snapshots.enabled():
        return False  # SIF_TEST_DB_CACHE=0: the migrations run
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return migrated_database.load(connection)


def _set_site_host(database, host):
    """The demo site answers on this worker's port: canonical and hreflang URLs are built from it (load_demo)."""
    hostname, _, port = host.partition(":")
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        connection.execute(
            "UPDATE wagtailcore_site SET hostname = ?, port = ? WHERE is_default_site", (hostname, int(port))
        )


def _wait_for(url, timeout=120):
    # Generous: the server's start-up (and a first page that makes what was not made before) is slow on a
    # busy machine.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=20):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The test server did not answer at {url}")


@pytest.fixture(scope="session")
def browser(live_site):
    """One Chromium per worker, for all its browser tests.

    Playwright's sync API runs an event loop in this thread while the browser is open, and Django's
    database calls refuse to run beside one (SynchronousOnlyOperation): the browser tests therefore run
    after every other test of the worker (``pytest_collection_modifyitems`` in tests/conftest.py), and
    the browser starts after the test server, whose set-up may set up the in-process test database."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _Tab:
    """The worker's one tab, opened again should a test leave it unusable."""

    def __init__(self, browser):
        self.browser = browser
        self.open()

    def open(self):
        self.context = self.browser.new_context(viewport=VIEWPORTS["desktop"])
        self.page = self.context.new_page()

    def emptied(self, origin):
        """The tab as a new one would be: blank, at desktop width, no media emulation, and no cookie,
        storage or cached response left by the test before (a public page is cacheable for 60 s)."""
        try:
            self.page.goto("about:blank")
            self.context.clear_cookies()
            cdp = self.context.new_cdp_session(self.page)
            cdp.send("Network.clearBrowserCache")
            cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            cdp.detach()
            self.page.set_viewport_size(VIEWPORTS["desktop"])
            self.page.emulate_media(media="null", color_scheme="null", reduced_motion="null", forced_colors="null")
        except Exception:  # noqa: BLE001 - a test left a dialog or a crashed page: start again with a new tab
            with contextlib.suppress(Exception):
                self.context.close()
            self.open()
        return self.page


@pytest.fixture(scope="session")
def _tab(browser):
    tab = _Tab(browser)
    yield tab
    tab.context.close()


@pytest.fixture
def browser_page(_tab, live_site):
    """A blank page at desktop width; use `page.set_viewport_size(...)` for the phone.

    The same tab for every test of the worker, emptied before each (``_Tab.emptied``): a new page starts
    a renderer process and compiles axe-core again, a third of a second per test. A test that adds
    listeners (``page.on``) removes them; one that needs init scripts or other context options opens
    its own context with ``browser.new_context``."""
    return _tab.emptied(live_site)
