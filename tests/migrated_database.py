"""The SQLite test database right after ``migrate``, as SQL: the tests load it instead of running 280 migrations.

Running the migrations on an empty SQLite database takes 15 to 25 seconds here,
four fifths of it Django working out the models' state after each migration; a
checkout that has never run the tests paid that before its first test (kept copies,
``tests/db_snapshots.py``, spare later runs). What the migrations make is fixed by
the migrations themselves, so it is written out once, as Rails keeps its
``structure.sql``: ``tests/migrated_database.sql`` holds every table, index, trigger
and virtual table (the site search's full-text index) in the order SQLite has them,
and every row the migrations write (content types, permissions, the editing groups,
workflows and tasks, the locales, Wagtail's first pages and site). Loading it takes
a fraction of a second.

Its first line names what it was made from (``schema_key``): the migration files of
every installed app and the installed apps, and the versions of the packages that
provide them. ``load`` uses it only when both still match; otherwise the tests
migrate as before. After a new migration ``tests/test_migrated_database.py`` fails
until the file is made again with ``make test-schema``; after a package upgrade it
says so with a skip (another installation of other versions migrates, rightly, and
fails nothing). tests/test_migrations_keep_data.py compares the file with what the
migrations make.

Two things a migration writes are the same in every file, so that making it again
changes nothing else: the times in ``django_migrations`` are one fixed time, and
the ``translation_key`` of Wagtail's first two pages (random UUIDs) are fixed ones.
"""

import contextlib
import functools
import hashlib
import os
import sqlite3
import sys
import tempfile
from importlib import metadata
from pathlib import Path

SQL_FILE = Path(__file__).with_name("migrated_database.sql")
KEY_PREFIX = "-- key: "
APPLIED = "2000-01-01 00:00:00"  # django_migrations.applied: the same in every file
FIRST_PAGES_KEYS = ("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002")


def schema_key():
    """What the migrated database depends on, in two hashes: ``<migrations>/<packages>``.

    The first covers the migration files of every installed app and the apps themselves (a new migration
    changes it: the file must be made again, tests/test_migrated_database.py fails until it is); the second
    the versions of Django and of the packages that provide apps (a package whose data migrations call code
    of its own). Where only the second differs (another installation of the packages), the tests migrate.
    """
    import django
    from django.apps import apps

    migrations = hashlib.sha256()
    packages = hashlib.sha256(f"django=={django.get_version()}".encode())
    distributions = metadata.packages_distributions()
    for app in apps.get_app_configs():
        top = app.name.partition(".")[0]
        versions = sorted({f"{name}=={metadata.version(name)}" for name in distributions.get(top, ())})
        packages.update(f"|{app.name}:{','.join(versions)}".encode())
        migrations.update(f"|{app.label}:{app.name}".encode())
        for path in sorted(Path(app.path, "migrations").glob("*.py")):
            migrations.update(f"|{path.name}|".encode())
            migrations.update(path.read_bytes())
    return f"{migrations.hexdigest()[:20]}/{packages.hexdigest()[:12]}"


def written_key(sql_file=SQL_FILE):
    """The key on the file's first line; None when there is no file."""
    try:
        with open(sql_file, encoding="utf-8") as handle:
            first = handle.readline().strip()
    except OSError:
        return None
    return first.removeprefix(KEY_PREFIX) if first.startswith(KEY_PREFIX) else None


@functools.cache
def _current_key():
    return schema_key()


def is_current(sql_file=SQL_FILE):
    return written_key(sql_file) == _current_key()


def load(connection, sql_file=SQL_FILE):
    """Make the empty SQLite database behind ``connection`` (a DB-API one) the migrated one.

    False, and nothing written, when the file is missing or made from other migrations.
    """
    if not is_current(sql_file):
        return False
    script = Path(sql_file).read_text(encoding="utf-8")
    # One transaction: the foreign keys (deferred, as Django makes them) are checked once all rows are in.
    connection.executescript(f"BEGIN;\n{script}\nCOMMIT;")
    return True


def load_into(django_connection, sql_file=SQL_FILE):
    """``load`` into a Django SQLite connection (the in-memory test database)."""
    django_connection.ensure_connection()
    if not load(django_connection.connection, sql_file):
        return False
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()  # ids cached before the load must not outlive it
    return True


def dump(connection, key):
    """The SQL that makes a database like the one behind ``connection`` (sqlite3), with ``key`` on its first line."""
    kinds = dict(connection.execute("SELECT name, type FROM pragma_table_list WHERE schema = 'main'"))
    lines = [
        f"{KEY_PREFIX}{key}",
        "-- The SQLite test database right after `migrate`, made by `make test-schema` (tests/migrated_database.py).",
    ]
    objects = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    )
    tables = []
    for kind, name, sql in objects.fetchall():
        if kinds.get(name) == "shadow":  # made by its virtual table's CREATE
            continue
        lines.append(f"{sql};")
        if kind == "table" and kinds.get(name) == "table":
            tables.append(name)
    for table in tables:
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
        values = " || ',' || ".join(f'quote("{column}")' for column in columns)
        # The names are the database's own, from sqlite_master.
        query = f"SELECT 'INSERT INTO \"{table}\" VALUES(' || {values} || ');' FROM \"{table}\" ORDER BY rowid"  # noqa: S608
        lines.extend(row[0] for row in connection.execute(query))
    if "sqlite_sequence" in kinds:
        lines.append("DELETE FROM sqlite_sequence;")
        for name, seq in connection.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name"):
            lines.append(f"INSERT INTO sqlite_sequence VALUES('{name}',{seq});")
    return "\n".join(lines) + "\n"


def write(sql_file=SQL_FILE):
    """Run the migrations on a scratch SQLite file and write what they made to ``sql_file``."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    connection.close()
    with contextlib.closing(sqlite3.connect(connection.settings_dict["NAME"])) as database:
        with database:
            database.execute("UPDATE django_migrations SET applied = ?", (APPLIED,))
            first_pages = database.execute("SELECT id FROM wagtailcore_page ORDER BY path LIMIT 2").fetchall()
            for (page_id,), translation_key in zip(first_pages, FIRST_PAGES_KEYS, strict=False):
                database.execute(
                    "UPDATE wagtailcore_page SET translation_key = ? WHERE id = ?",
                    (translation_key.replace("-", ""), page_id),
                )
        Path(sql_file).write_text(dump(database, schema_key()), encoding="utf-8")


def main():
    """``make test-schema``: (re)write tests/migrated_database.sql with the test settings."""
    with tempfile.TemporaryDirectory(prefix="sif-schema-") as folder:
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'migrated.sqlite3'}"
        os.environ["SIF_TEST_MEDIA_ROOT"] = folder
        os.environ.pop("REDIS_URL", None)
        import django

        django.setup()
        write()
    sys.stdout.write(f"{SQL_FILE.relative_to(Path.cwd())}: {written_key()}\n")


if __name__ == "__main__":
    main()
