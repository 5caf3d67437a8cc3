"""The copies of the migrated and the demo test database (tests/db_snapshots.py) are never stale and restore whole."""

import contextlib
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import db_snapshots


class MemoryDatabase:
    """What db_snapshots needs of a Django connection, on a private in-memory SQLite database."""

    vendor = "sqlite"
    settings_dict = {"NAME": "file:snapshot-test?mode=memory"}

    def __init__(self):
        self.connection = sqlite3.connect(":memory:")

    def ensure_connection(self):
        pass


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(db_snapshots, "CACHE_DIR", tmp_path / "test-cache")
    monkeypatch.delenv("SIF_TEST_DB_CACHE", raising=False)
    return tmp_path / "test-cache"


def test_a_copy_comes_back_whole_and_holds_committed_data_only(cache_dir):
    first = MemoryDatabase()
    first.connection.executescript("CREATE TABLE locale (code TEXT); INSERT INTO locale VALUES ('nl'), ('en');")
    first.connection.commit()
    db_snapshots.save(first, "migrated", "old")
    first.connection.execute("INSERT INTO locale VALUES ('de')")
    db_snapshots.save(first, "migrated", "uncommitted")  # not kept: a copy holds committed data only
    first.connection.commit()
    db_snapshots.save(first, "migrated", "new")
    db_snapshots.save(first, "demo", "any")

    assert sorted(path.name for path in cache_dir.iterdir()) == [
        "demo-any.sqlite3",
        "migrated-new.sqlite3",
        "migrated-old.sqlite3",
    ]
    second = MemoryDatabase()
    second.connection.execute("CREATE TABLE leftover (x)")
    assert db_snapshots.restore(second, "migrated", "new")
    rows = second.connection.execute("SELECT code FROM locale ORDER BY code").fetchall()
    assert rows == [("de",), ("en",), ("nl",)]
    tables = second.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert tables == [("locale",)]  # the copy replaced the database, it was not merged into it


def test_no_copy_no_restore_and_the_switch_turns_copies_off(cache_dir, monkeypatch):
    database = MemoryDatabase()
    assert not db_snapshots.restore(database, "migrated", "never-saved")
    monkeypatch.setenv("SIF_TEST_DB_CACHE", "0")
    db_snapshots.save(database, "migrated", "key")
    assert not cache_dir.exists()


def test_only_in_memory_sqlite_databases_are_copied(cache_dir):
    database = MemoryDatabase()
    database.settings_dict = {"NAME": "/srv/sif/db.sqlite3"}
    db_snapshots.save(database, "migrated", "key")
    assert not cache_dir.exists()
    database.settings_dict = {"NAME": "file:memorydb_default?mode=memory&cache=shared"}
    database.vendor = "postgresql"
    db_snapshots.save(database, "migrated", "key")
    assert not cache_dir.exists()


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_a_changed_migration_or_site_file_makes_a_new_key_and_a_test_file_does_not(tmp_path):
    _write(tmp_path / "cases" / "__init__.py", "")
    _write(tmp_path / "cases" / "migrations" / "0001_initial.py", "# first\n")
    _write(tmp_path / "cases" / "models.py", "# a model\n")
    _write(tmp_path / "cases" / "demo" / "content.toml", 'title = "Cases"\n')
    _write(tmp_path / "tests" / "conftest.py", "# fixtures\n")
    migrated, demo = db_snapshots.migrated_key(tmp_path), db_snapshots.demo_key(tmp_path)

    _write(tmp_path / "tests" / "test_cases.py", "# a new test\n")
    assert (db_snapshots.migrated_key(tmp_path), db_snapshots.demo_key(tmp_path)) == (migrated, demo)

    _write(tmp_path / "cases" / "demo" / "content.toml", 'title = "Casussen"\n')
    assert db_snapshots.migrated_key(tmp_path) == migrated
    assert db_snapshots.demo_key(tmp_path) != demo
    demo = db_snapshots.demo_key(tmp_path)

    _write(tmp_path / "cases" / "models.py", "# a model, changed\n")
    assert db_snapshots.demo_key(tmp_path) != demo
    demo = db_snapshots.demo_key(tmp_path)

    _write(tmp_path / "cases" / "migrations" / "0002_more.py", "# second\n")
    assert db_snapshots.migrated_key(tmp_path) != migrated
    assert db_snapshots.demo_key(tmp_path) != demo


def test_a_new_app_or_translation_makes_a_new_demo_key_and_a_template_or_stylesheet_does_not(tmp_path):
    """Templates and static files are drawn from the database, never into it: editing one keeps the demo's copy
    (the inner loop of a page's look: its browser test). Every package of the site counts, whatever its name."""
    _write(tmp_path / "cases" / "__init__.py", "")
    _write(tmp_path / "cases" / "models.py", "# a model\n")
    demo = db_snapshots.demo_key(tmp_path)
    for name in ("cases/templates/cases/case_page.html", "cases/static/cases/case.css", "static/css/site.css"):
        _write(tmp_path / name, "/* changed */\n")
        assert db_snapshots.demo_key(tmp_path) == demo, name
    for name in ("buysocial/__init__.py", "buysocial/models.py", "site/locale/en/LC_MESSAGES/django.po"):
        _write(tmp_path / name, "# new\n")
        assert db_snapshots.demo_key(tmp_path) != demo, name
        demo = db_snapshots.demo_key(tmp_path)


@pytest.mark.django_db
def test_the_test_database_has_every_migration_applied(site_tree):
    """Whether it was migrated or copied, the test database is at the newest migration of every app."""
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert executor.loader.applied_migrations  # and it knows what was applied


def test_a_changed_demo_input_or_browser_set_up_makes_a_new_live_key_and_a_browser_test_does_not(tmp_path):
    for name in ("cases/__init__.py", "cases/migrations/0001_initial.py", "cases/models.py", "tests/conftest.py"):
        _write(tmp_path / name, "# first\n")
    for name in ("tests/browser/conftest.py", "tests/helpers.py", "tests/browser/test_cases_browser.py"):
        _write(tmp_path / name, "# first\n")
    live = db_snapshots.live_key(tmp_path)
    assert live not in (db_snapshots.demo_key(tmp_path), db_snapshots.migrated_key(tmp_path))

    _write(tmp_path / "tests" / "browser" / "test_cases_browser.py", "# another test\n")
    assert db_snapshots.live_key(tmp_path) == live
    for name in ("cases/models.py", "tests/browser/conftest.py", "tests/helpers.py"):
        _write(tmp_path / name, "# changed\n")
        assert db_snapshots.live_key(tmp_path) != live, name
        live = db_snapshots.live_key(tmp_path)


def test_the_test_server_gets_a_copy_of_the_kept_database_and_media_never_the_kept_ones(cache_dir, tmp_path):
    server = tmp_path / "server"
    (server / "media" / "images").mkdir(parents=True)
    (server / "media" / "images" / "logo.png").write_bytes(b"first")
    with contextlib.closing(sqlite3.connect(server / "db.sqlite3")) as database, database:
        database.executescript("PRAGMA journal_mode=WAL; CREATE TABLE site (port); INSERT INTO site VALUES (8000);")
    db_snapshots.save_file(server / "db.sqlite3", "live", "old", server / "media")
    another_worker_writing = cache_dir / "live-new.sqlite3.12345.partial-journal"
    another_worker_writing.touch()
    db_snapshots.save_file(server / "db.sqlite3", "live", "new", server / "media")
    another_worker_writing.unlink()  # not removed: it was another worker's, still writing its copy
    assert sorted(path.name for path in cache_dir.iterdir()) == [
        "live-new-media",
        "live-new.sqlite3",
        "live-old-media",
        "live-old.sqlite3",
    ]
    with contextlib.closing(sqlite3.connect(cache_dir / "live-new.sqlite3")) as kept:
        # A WAL database's readers make files beside it, which another worker's clean-up would remove.
        assert kept.execute("PRAGMA journal_mode").fetchone() == ("delete",)

    workers = [tmp_path / "gw0", tmp_path / "gw1"]
    for worker in workers:
        worker.mkdir()
        assert db_snapshots.copy_to_file("live", "new", worker / "db.sqlite3", worker / "media")
    with contextlib.closing(sqlite3.connect(workers[0] / "db.sqlite3")) as database, database:
        database.execute("UPDATE site SET port = 8001")
    (workers[0] / "media" / "images" / "logo.png").write_bytes(b"changed")

    for database_file in (workers[1] / "db.sqlite3", cache_dir / "live-new.sqlite3"):
        with contextlib.closing(sqlite3.connect(database_file)) as database:
            assert database.execute("SELECT port FROM site").fetchall() == [(8000,)]
    assert (workers[1] / "media" / "images" / "logo.png").read_bytes() == b"first"
    assert (cache_dir / "live-new-media" / "images" / "logo.png").read_bytes() == b"first"
    assert not db_snapshots.copy_to_file("live", "never-saved", tmp_path / "none.sqlite3")
    shutil.rmtree(cache_dir / "live-new-media")
    assert not db_snapshots.copy_to_file("live", "new", tmp_path / "none.sqlite3", tmp_path / "no-media")


def test_a_second_worker_saving_the_same_copy_adds_its_media_files(cache_dir, tmp_path):
    """Two workers load the demo into one media folder, so their files differ in name; the last copy must find its."""
    for worker, image in (("gw0", "photo.jpg"), ("gw1", "photo_Ab3dE9x.jpg")):
        folder = tmp_path / worker
        (folder / "media" / "original_images").mkdir(parents=True)
        (folder / "media" / "original_images" / image).write_bytes(worker.encode())
        with contextlib.closing(sqlite3.connect(folder / "db.sqlite3")) as database, database:
            database.execute("CREATE TABLE image (file)")
            database.execute("INSERT INTO image VALUES (?)", (f"original_images/{image}",))
        db_snapshots.save_file(folder / "db.sqlite3", "demo", "key", folder / "media")

    restored = tmp_path / "next-run"
    restored.mkdir()
    assert db_snapshots.copy_to_file("demo", "key", restored / "db.sqlite3", restored / "media")
    with contextlib.closing(sqlite3.connect(restored / "db.sqlite3")) as database:
        (name,) = database.execute("SELECT file FROM image").fetchone()
    assert (restored / "media" / name).read_bytes() == b"gw1"  # the copy that landed last, with its file
    assert sorted(path.name for path in (restored / "media" / "original_images").iterdir()) == [
        "photo.jpg",
        "photo_Ab3dE9x.jpg",
    ]


def _age(path, seconds):
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))


def test_the_copies_used_last_stay_and_older_ones_go_with_their_media(cache_dir, tmp_path, monkeypatch):
    """Clones and branches with other migrations share the folder: each keeps its copies while it uses them."""
    monkeypatch.setattr(db_snapshots, "KEEP", 2)
    server = tmp_path / "server"
    (server / "media").mkdir(parents=True)
    (server / "media" / "logo.png").write_bytes(b"logo")
    with contextlib.closing(sqlite3.connect(server / "db.sqlite3")) as database, database:
        database.execute("CREATE TABLE site (port)")
    for age, key in ((300, "branch-a"), (200, "branch-b")):
        db_snapshots.save_file(server / "db.sqlite3", "live", key, server / "media")
        _age(cache_dir / f"live-{key}.sqlite3", age)
    assert db_snapshots.copy_to_file("live", "branch-a", tmp_path / "used.sqlite3")  # branch-a used now
    stopped_run = cache_dir / "live-branch-d.sqlite3.999.partial"
    writing_run = cache_dir / "live-branch-e-media"  # a run writes the media before its copy
    for left in (stopped_run, writing_run, cache_dir / "live-branch-f-media"):
        left.mkdir() if left.name.endswith("media") else left.touch()
    _age(stopped_run, 2 * db_snapshots.STALE_AFTER)
    _age(cache_dir / "live-branch-f-media", 2 * db_snapshots.STALE_AFTER)

    db_snapshots.save_file(server / "db.sqlite3", "live", "branch-c", server / "media")

    assert sorted(path.name for path in cache_dir.iterdir()) == [
        "live-branch-a-media",
        "live-branch-a.sqlite3",
        "live-branch-c-media",
        "live-branch-c.sqlite3",
        "live-branch-e-media",
    ]


def test_a_removed_copy_is_missing_never_an_empty_database(cache_dir, tmp_path):
    """Another run may remove a copy between finding and reading it: reading it then fails and makes no file."""
    missing = cache_dir / "migrated-gone.sqlite3"
    cache_dir.mkdir()
    with pytest.raises(sqlite3.OperationalError):
        db_snapshots._open_copy(missing)
    assert not missing.exists()


def test_the_copies_live_in_the_checkout_unless_a_folder_is_chosen(tmp_path, settings):
    """Nothing outside the project's own folders by default; clones may share a folder their developer names."""
    settings.VAR_DIR = tmp_path / "var"
    assert db_snapshots.cache_dir({}) == tmp_path / "var" / "test-cache"
    assert db_snapshots.cache_dir({"CI": "true", "XDG_CACHE_HOME": "/srv/cache"}) == tmp_path / "var" / "test-cache"
    assert db_snapshots.cache_dir({"SIF_TEST_CACHE_DIR": "/scratch/sif-tests"}) == Path("/scratch/sif-tests")


def test_a_worker_waits_for_the_one_building_the_same_copy_and_then_finds_it(cache_dir):
    """Three xdist workers on a fresh clone each migrated and loaded the demo: now one builds, the others copy."""
    found = []

    def second_worker():
        with db_snapshots.building("migrated", "key"):
            found.append(db_snapshots.restore(MemoryDatabase(), "migrated", "key"))

    first = MemoryDatabase()
    with db_snapshots.building("migrated", "key"):
        waiting = threading.Thread(target=second_worker)
        waiting.start()
        waiting.join(timeout=0.5)
        assert waiting.is_alive() and found == []  # it waits while the first one builds
        first.connection.execute("CREATE TABLE locale (code TEXT)")
        first.connection.commit()
        db_snapshots.save(first, "migrated", "key")
    waiting.join(timeout=30)
    assert found == [True]

    # Another copy is not waited for; a holder that never finishes only so long (then the waiting one builds).
    started = time.monotonic()
    with (
        db_snapshots.building("demo", "other-key"),
        db_snapshots.building("demo", "stuck"),
        db_snapshots.building("demo", "stuck", timeout=0.2),
    ):
        waited = time.monotonic() - started
    assert 0.2 <= waited < 10


def test_with_copies_turned_off_nothing_is_locked_or_written(cache_dir, monkeypatch):
    monkeypatch.setenv("SIF_TEST_DB_CACHE", "0")
    with db_snapshots.building("migrated", "key"):
        pass
    assert not cache_dir.exists()
