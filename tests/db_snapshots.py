"""Copies of SQLite test databases kept between runs: the migrated one, the one with the demo, the test server's.

pytest-django migrates an empty in-memory database at the start of every run
(and in every xdist worker): 15 to 25 seconds here, or a fifth of a second where
the migrations' result is loaded from ``tests/migrated_database.sql`` (the first
run of a checkout; see that module). The demo then takes another 10. Both results
depend only on what goes into them, so the first run keeps a copy of each and later
runs copy it back with SQLite's backup API, in milliseconds. A copy's name holds a
hash of its inputs:

- ``migrated``: the migration files, the installed apps and packages, Python
  and SQLite;
- ``demo``: all that, plus every file of the site's packages (the apps, the
  settings, the demo content) and of ``site/``, but for templates and static
  files (pages are drawn from them; nothing in the database comes from them, so
  a template or stylesheet edit keeps the copy), and ``tests/conftest.py`` and
  ``tests/helpers.py`` (which load it); the media files it points at must still
  be there;
- ``live``, the browser tests' server database (tests/browser/conftest.py): the
  demo's inputs plus tests/browser/conftest.py and tests/helpers.py (its prices
  and programme links).

Where the copies live (``cache_dir``): in the checkout's ``var/test-cache/``, so a
test run writes nothing outside the project's own folders. A developer with
several clones or worktrees may point ``SIF_TEST_CACHE_DIR`` of each at one folder
of their choosing: a copy's name says exactly what it was made from, so a clone of
the same code finds it there and a clone of other code makes its own.
``SIF_TEST_DB_CACHE=0`` turns all copies off.

A change to any input makes a new copy on the next run, so a stale copy is never
used; of each kind the three copies used last are kept (two clones or branches
with different migrations each keep theirs), older ones are removed. A copy is
written under a temporary name and renamed, so two xdist workers (or two clones)
may write the same one at once. The media files a copy's images and documents
point at are kept beside it (``<kind>-<key>-media/``) and copied back into the
run's own media folder (tests/conftest.py gives every run one; the test server
has its own).

The in-process test database is copied only when it is an in-memory SQLite one
(``save``, ``restore``); PostgreSQL and every other ``migrate`` (a test that
migrates, a subprocess, ``--nomigrations``) run as always. The test server's
database is a SQLite file: it starts as a copy of ``migrated`` and is kept as
``live`` once set up (``copy_to_file``, ``save_file``); each worker's server
gets a file of its own.
"""

import contextlib
import fcntl
import functools
import hashlib
import os
import shutil
import sqlite3
import sys
import time
from importlib import metadata
from pathlib import Path

from django.conf import settings

from tests import migrated_database


def cache_dir(environ=os.environ):
    """The folder of the kept copies: ``SIF_TEST_CACHE_DIR`` when set, else the checkout's ``var/test-cache``."""
    return Path(environ.get("SIF_TEST_CACHE_DIR") or Path(settings.VAR_DIR) / "test-cache")


CACHE_DIR = cache_dir()
KEEP = 3  # copies of each kind: the ones used last
LOCK_TIMEOUT = 600  # seconds a worker waits for another one building the same copy
STALE_AFTER = 3600  # seconds: a partial copy or a media folder without its copy this old was left by a stopped run
# What is drawn from the database but never goes into it: a template or stylesheet changed keeps the demo's copy.
NOT_CONTENT_DIRS = frozenset({"templates", "static"})


def enabled():
    return os.environ.get("SIF_TEST_DB_CACHE", "1") != "0"


def _hash_files(digest, base, paths):
    for path in sorted(paths):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".mo"}:
            digest.update(path.relative_to(base).as_posix().encode())
            digest.update(path.read_bytes())


def migrated_key(base=None):
    """A hash of everything the migrated database depends on."""
    base = Path(base or settings.BASE_DIR)
    digest = hashlib.sha256()
    digest.update(f"{sys.version}|{sqlite3.sqlite_version}|{settings.INSTALLED_APPS}".encode())
    digest.update(_package_versions().encode())
    _hash_files(digest, base, base.glob("*/migrations/*.py"))
    return digest.hexdigest()[:20]


@functools.cache
def _package_versions():
    return ";".join(sorted(f"{d.metadata['Name']}=={d.version}".lower() for d in metadata.distributions()))


def demo_key(base=None):
    """A hash of everything the demo database depends on: the migrated database and all the site's files."""
    base = Path(base or settings.BASE_DIR)
    digest = hashlib.sha256(migrated_key(base).encode())
    _hash_files(digest, base, _content_sources(base))
    tests = base / "tests"
    _hash_files(digest, base, [tests / "conftest.py", tests / "db_snapshots.py", tests / "helpers.py"])
    return digest.hexdigest()[:20]


def _content_sources(base):
    """The files the demo's database may depend on: every file of the site's packages (all but the tests) and of
    ``site/`` (the translations), but for their templates and static files."""
    folders = [path.parent for path in base.glob("*/__init__.py") if path.parent.name != "tests"] + [base / "site"]
    for folder in folders:
        for path in folder.rglob("*"):
            if not NOT_CONTENT_DIRS & set(path.relative_to(base).parts):
                yield path


def live_key(base=None):
    """A hash of everything the browser tests' server database depends on: the demo's inputs and its set-up."""
    base = Path(base or settings.BASE_DIR)
    digest = hashlib.sha256(demo_key(base).encode())
    _hash_files(digest, base, [base / "tests" / "browser" / "conftest.py", base / "tests" / "helpers.py"])
    return digest.hexdigest()[:20]


def is_memory_name(name):
    """Whether a SQLite database name is an in-memory one (pytest-django's test database is)."""
    return "mode=memory" in str(name) or str(name) == ":memory:"


def is_memory_database(connection):
    return connection.vendor == "sqlite" and is_memory_name(connection.settings_dict["NAME"])


def restore(connection, kind, key):
    """Replace the whole database with the copy ``kind``-``key``; False when there is none to use."""
    copy = CACHE_DIR / f"{kind}-{key}.sqlite3"
    if not (enabled() and is_memory_database(connection) and copy.exists()):
        return False
    media = CACHE_DIR / f"{kind}-{key}-media"
    try:
        # The media files first: should another run remove this copy meanwhile, the database is still untouched.
        if media.is_dir():
            shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
        source = _open_copy(copy)
    except (OSError, sqlite3.Error):
        return False
    connection.ensure_connection()
    with contextlib.closing(source):
        source.backup(connection.connection)
    # Content type ids cached from the database before must not outlive it.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    return True


def save(connection, kind, key, media=False):
    """Keep a copy of the whole database as ``kind``-``key``, replacing older copies of that kind.

    With ``media``, the files its images and documents point at are kept beside it.
    """
    if not (enabled() and is_memory_database(connection)):
        return
    connection.ensure_connection()
    if connection.connection.in_transaction:
        return  # a copy must hold committed data only (and SQLite's backup would wait for the commit)
    media_files = (Path(settings.MEDIA_ROOT), _media_names()) if media else None
    _keep(connection.connection.backup, kind, key, media_files)


def save_file(path, kind, key, media_root=None):
    """Keep a copy of the SQLite database file ``path`` as ``kind``-``key``, replacing older copies of that kind.

    With ``media_root``, every file under it is kept beside the copy. Only for a file no process writes to
    any more (the test server's, tests/browser/conftest.py, before its server starts).
    """
    if not enabled():
        return
    media_files = None
    if media_root is not None:
        media_root = Path(media_root)
        media_files = (media_root, [path.relative_to(media_root) for path in media_root.rglob("*") if path.is_file()])
    with contextlib.closing(sqlite3.connect(path)) as source:
        _keep(source.backup, kind, key, media_files)


def _keep(backup, kind, key, media_files):
    """Write a copy with ``backup(target)``; it gets its final name in one step, the media files before it."""
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
    except OSError:  # a folder the tests may not write to: no copies, as with SIF_TEST_DB_CACHE=0
        return
    copy = CACHE_DIR / f"{kind}-{key}.sqlite3"
    partial = copy.with_name(f"{copy.name}.{os.getpid()}.partial")
    with contextlib.closing(sqlite3.connect(partial)) as target:
        backup(target)
        # A copy of a WAL database (the test server's) is one too, and its readers would make -wal and -shm files
        # beside it: a rollback journal needs none to read.
        target.execute("PRAGMA journal_mode=DELETE")
    if media_files is not None:
        _save_media(f"{kind}-{key}-media", *media_files)
    partial.replace(copy)  # atomic: another xdist worker may write the same copy
    _remove_old(kind)


def _remove_old(kind):
    """Keep the ``KEEP`` copies of ``kind`` used last, with their media; remove the rest.

    A partial copy, its journal, media without their copy yet and a lock stay while they are new: another
    run (or worker) is writing them.
    """
    copies = sorted(CACHE_DIR.glob(f"{kind}-*.sqlite3"), key=_modified, reverse=True)
    kept = {copy.name.removesuffix(".sqlite3") for copy in copies[:KEEP]}
    present = {copy.name.removesuffix(".sqlite3") for copy in copies}
    for old in CACHE_DIR.glob(f"{kind}-*"):
        name = old.name.removesuffix(".sqlite3").removesuffix("-media")
        if name in kept:
            continue
        being_written = ".partial" in old.name or old.suffix == ".lock" or (old.is_dir() and name not in present)
        if being_written and _is_new(old):
            continue
        shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)


def _modified(path):
    try:
        return path.stat().st_mtime
    except OSError:
        return 0


def _is_new(path):
    return time.time() - _modified(path) < STALE_AFTER


def copy_to_file(kind, key, path, media_root=None):
    """Write the copy ``kind``-``key`` into a new SQLite file ``path``, its media files into ``media_root``.

    False when there is none to use (with ``media_root``, also when its media folder is gone). The file
    is a database of its own: what is written to it reaches neither the kept copy nor another worker's file.
    """
    copy = CACHE_DIR / f"{kind}-{key}.sqlite3"
    media = CACHE_DIR / f"{kind}-{key}-media"
    if not (enabled() and copy.exists() and (media_root is None or media.is_dir())):
        return False
    try:
        if media_root is not None:
            shutil.copytree(media, media_root, dirs_exist_ok=True)
        source = _open_copy(copy)
    except (OSError, sqlite3.Error):  # another run removed it meanwhile (it keeps only the copies used last)
        return False
    with contextlib.closing(source), contextlib.closing(sqlite3.connect(path)) as target:
        source.backup(target)
    return True


@contextlib.contextmanager
def building(kind, key, timeout=LOCK_TIMEOUT):
    """While held, no other xdist worker or run on the machine builds the copy ``kind``-``key``.

    Whoever builds a copy holds this, from looking for the copy until it is saved; the others wait and
    then find it (three workers on a fresh clone migrated and loaded the demo three times over, on two
    cores). Should a holder take longer than ``timeout`` seconds, the waiting one builds its own.
    """
    if not enabled():
        yield
        return
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        handle = open(CACHE_DIR / f"{kind}-{key}.lock", "a")  # noqa: SIM115 - closed below
    except OSError:
        yield
        return
    with handle:
        deadline = time.monotonic() + timeout
        locked = False
        while not locked and time.monotonic() < deadline:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
                os.utime(handle.fileno())  # in use: not a stopped run's, which _remove_old clears
            except BlockingIOError:
                time.sleep(0.1)
        try:
            yield
        finally:
            if locked:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _open_copy(copy):
    """A read-only connection to a kept copy, which counts as used now (``_remove_old`` keeps the ones used last).

    Read-only, so a copy removed since it was found is an error, never a new empty database.
    """
    source = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    source.execute("SELECT count(*) FROM sqlite_master").fetchone()
    with contextlib.suppress(OSError):
        os.utime(copy)
    return source


def _save_media(name, root, file_names):
    """The media files ``file_names`` (relative to ``root``) beside their copy, before the copy is in place.

    Two xdist workers load the demo into one media folder, so the second one's files get other names
    (``photo_Ab3dE9x.jpg``); whichever database copy lands last, the files it points at must be here:
    a worker that comes second adds its files to the first one's (before, the kept media missed them and
    every later run loaded the demo again).
    """
    target = CACHE_DIR / name
    partial = CACHE_DIR / f"{name}.{os.getpid()}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    for file_name in file_names:
        source = Path(root) / file_name
        if source.is_file():
            (partial / file_name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, partial / file_name)
    partial.mkdir(parents=True, exist_ok=True)
    try:
        partial.rename(target)
    except OSError:  # another xdist worker (or an earlier run) was first: add what this copy points at
        shutil.copytree(partial, target, dirs_exist_ok=True)
        shutil.rmtree(partial, ignore_errors=True)


def _media_names():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    image_model = get_image_model()
    return [
        *image_model.objects.values_list("file", flat=True),
        *image_model.get_rendition_model().objects.values_list("file", flat=True),
        *get_document_model().objects.values_list("file", flat=True),
    ]


def media_files_present():
    """Whether every file the database's images and renditions point at is in MEDIA_ROOT."""
    return all((Path(settings.MEDIA_ROOT) / name).is_file() for name in _media_names())


@contextlib.contextmanager
def migrations_from_cache():
    """While active, the in-memory test database's ``migrate`` is a copy of an earlier result when there is one."""
    from django.core.management.commands import migrate
    from django.db import connections

    original = migrate.Command.handle

    def handle(self, *args, **options):
        connection = connections[options.get("database") or "default"]
        # pytest-django's --nomigrations makes the tables without the migrations: no copy of "migrated" that.
        with_migrations = isinstance(settings.MIGRATION_MODULES, dict)
        if not (enabled() and is_memory_database(connection) and with_migrations):
            return original(self, *args, **options)
        key = migrated_key()
        with building("migrated", key):
            if restore(connection, "migrated", key):
                return None
            # No copy yet (a checkout that never ran the tests): the migrations' result as SQL, when it is current.
            result = None if migrated_database.load_into(connection) else original(self, *args, **options)
            save(connection, "migrated", key)
            return result

    migrate.Command.handle = handle
    try:
        yield
    finally:
        migrate.Command.handle = original
