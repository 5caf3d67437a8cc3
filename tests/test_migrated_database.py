"""The migrations' result as SQL (tests/migrated_database.py): current, complete, and used only while current.

Whether it holds what the migrations make is tests/test_migrations_keep_data.py's
to check: that test runs them.
"""

import contextlib
import sqlite3

import pytest

from tests import migrated_database


def test_the_sql_is_made_from_the_current_migrations():
    written, current = migrated_database.written_key(), migrated_database.schema_key()
    assert (written or "").partition("/")[0] == current.partition("/")[0], (
        "tests/migrated_database.sql was made from other migrations: run `make test-schema` and commit it "
        "(until then every new checkout migrates, 15 to 25 seconds before its first test)"
    )
    if written != current:
        pytest.skip("the installed packages are not those the SQL was made with: the tests migrate (make test-schema)")


def _objects(connection):
    return sorted(connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"))


def _rows(connection, table):
    return connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()  # noqa: S608 - our own names


SCHEMA = """
CREATE TABLE "pages" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" text NOT NULL, "body" blob NULL);
CREATE INDEX "pages_title" ON "pages" ("title");
CREATE TABLE "links" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "page_id" integer NOT NULL REFERENCES "pages" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE VIRTUAL TABLE pages_fts USING fts5(title);
CREATE TRIGGER pages_fts_insert AFTER INSERT ON pages BEGIN INSERT INTO pages_fts(title, rowid)
    VALUES (NEW.title, NEW.id); END;
"""


def test_a_database_comes_back_whole_from_its_sql(tmp_path):
    """Tables, indexes, a virtual table (without its shadow tables, which it makes itself), triggers, rows with
    quotes, NULLs and bytes, rows that point at later rows, and the AUTOINCREMENT counters past deleted rows."""
    with contextlib.closing(sqlite3.connect(":memory:")) as original:
        original.executescript(SCHEMA)
        original.execute("PRAGMA foreign_keys = ON")
        with original:
            original.execute("INSERT INTO links (page_id) VALUES (3)")  # checked at the commit, as Django's are
            for title, body in [("Jan's vraag", None), ("Buy Social", b"\x00\xff"), ("Weg", b"")]:
                original.execute("INSERT INTO pages (title, body) VALUES (?, ?)", (title, body))
            original.execute("DELETE FROM pages WHERE title = 'Weg'")
            original.execute("UPDATE links SET page_id = 2")
        sql = migrated_database.dump(original, "k1")
        sql_file = tmp_path / "migrated.sql"
        sql_file.write_text(sql, encoding="utf-8")
        assert migrated_database.written_key(sql_file) == "k1"
        assert "pages_fts_data" not in sql

        with contextlib.closing(sqlite3.connect(":memory:")) as copy:
            copy.execute("PRAGMA foreign_keys = ON")
            copy.executescript(f"BEGIN;\n{sql}\nCOMMIT;")
            assert _objects(copy) == _objects(original)
            for table in ("pages", "links", "sqlite_sequence"):
                assert _rows(copy, table) == _rows(original, table)
            assert _rows(copy, "sqlite_sequence") == [("links", 1), ("pages", 3)]
            copy.execute("INSERT INTO pages (title) VALUES ('Nieuw')")
            assert copy.execute("SELECT id FROM pages WHERE title = 'Nieuw'").fetchone() == (4,)
            assert copy.execute("SELECT rowid FROM pages_fts WHERE pages_fts MATCH 'Nieuw'").fetchall() == [(4,)]


def test_sql_from_other_migrations_is_not_loaded(tmp_path):
    """A file whose key is not the current one (a new migration since) is left alone: the tests migrate."""
    stale = tmp_path / "migrated.sql"
    stale.write_text(f"{migrated_database.KEY_PREFIX}0000\nCREATE TABLE wrong (id integer);\n", encoding="utf-8")
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        assert migrated_database.load(connection, stale) is False
        assert migrated_database.load(connection, tmp_path / "missing.sql") is False
        assert _objects(connection) == []


@pytest.mark.django_db
def test_the_test_database_has_the_tables_of_the_sql():
    """The test database, however it was made (loaded, copied or migrated), has what the file makes."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the file is SQLite's")
    query = "SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%'"
    with contextlib.closing(sqlite3.connect(":memory:")) as loaded:
        assert migrated_database.load(loaded), "tests/migrated_database.sql is not current: make test-schema"
        expected = {name for (name,) in loaded.execute(query)}
    with connection.cursor() as cursor:
        cursor.execute(query)
        assert {name for (name,) in cursor.fetchall()} == expected
