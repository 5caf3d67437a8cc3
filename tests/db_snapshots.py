"""Copies of the SQLite test database kept between runs: the migrated database, and the one with the demo.

pytest-django migrates an empty in-memory database at the start of every run
(and in every xdist worker), 15 seconds here; the demo then takes another 10.
Both results depend only on what goes into them, so the first run keeps a copy
of each under ``var/test-cache/`` and later runs copy it back with SQLite's
backup API, in milliseconds. A copy's name holds a hash of its inputs:

- the migrated database: the migration files, the installed packages, Python
  and SQLite;
- the demo: all that, plus every file of the apps, the settings and the demo
  content, and ``tests/conftest.py`` (which loads it); the media files it points
  at must still be there.

A change to any input makes a new copy on the next run, so a stale copy is never
used. The media files a copy's images and documents point at are kept beside
it (``<kind>-<key>-media/``) and copied back into the run's own media folder
(tests/conftest.py gives every run one). Only in-memory SQLite test databases are copied; PostgreSQL and every
other ``migrate`` (a test that migrates, a subprocess) run as always.
``SIF_TEST_DB_CACHE=0`` turns the copies off.
"""

import contextlib
import functools
import hashlib
import os
import shutil
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

from django.conf import settings

CACHE_DIR = Path(settings.VAR_DIR) / "test-cache"
SOURCE_DIRS = (
    "agenda",
    "cases",
    "challenges",
    "config",
    "demo",
    "editorial",
    "home",
    "intake",
    "menukaart",
    "news",
    "ops",
    "programmes",
    "search",
    "site",
)


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
    for directory in SOURCE_DIRS:
        _hash_files(digest, base, (base / directory).rglob("*"))
    _hash_files(digest, base, [base / "tests" / "conftest.py", base / "tests" / "db_snapshots.py"])
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
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(copy)) as source:
        source.backup(connection.connection)
    media = CACHE_DIR / f"{kind}-{key}-media"
    if media.is_dir():
        shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
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
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    copy = CACHE_DIR / f"{kind}-{key}.sqlite3"
    partial = copy.with_name(f"{copy.name}.{os.getpid()}.partial")
    with contextlib.closing(sqlite3.connect(partial)) as target:
        connection.connection.backup(target)
    if media:
        _save_media(f"{kind}-{key}-media")
    partial.replace(copy)  # atomic: another xdist worker may write the same copy
    for old in CACHE_DIR.glob(f"{kind}-*"):
        if old.name not in (copy.name, f"{kind}-{key}-media") and not old.name.endswith(".partial"):
            shutil.rmtree(old) if old.is_dir() else old.unlink(missing_ok=True)


def _save_media(name):
    """The media files the database points at, beside its copy (before the copy itself is in place)."""
    target = CACHE_DIR / name
    if target.is_dir():
        return
    partial = CACHE_DIR / f"{name}.{os.getpid()}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    for file_name in _media_names():
        source = Path(settings.MEDIA_ROOT) / file_name
        if source.is_file():
            (partial / file_name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, partial / file_name)
    partial.mkdir(parents=True, exist_ok=True)
    try:
        partial.rename(target)
    except OSError:  # another xdist worker was first
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
        if not (enabled() and is_memory_database(connection)):
            return original(self, *args, **options)
        key = migrated_key()
        if restore(connection, "migrated", key):
            return None
        result = original(self, *args, **options)
        save(connection, "migrated", key)
        return result

    migrate.Command.handle = handle
    try:
        yield
    finally:
        migrate.Command.handle = original
