"""The GIN index on title and body together keeps a small pending list (64 kB instead of 4 MB).

GIN's fast update keeps rows written since the last flush in a pending list that every search
reads in full, and the planner prices the index by it: after a few hundred pages were saved (a
bulk import, a busy day of publishing) it read every index row instead, 67-217 ms against 3-7 ms
through the index at 2,000 pages (docs/performance.md, "Site search"). A 64 kB list is flushed
into the index as soon as it fills, so it stays small for searches, while a rebuild
(``update_index`` rewrites every row) still writes in batches; ``fastupdate = off`` made that
rebuild run past the statement timeout. A no-op on other databases.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body"


def small_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (gin_pending_list_limit = 64)")
        schema_editor.execute(
            f"SELECT gin_clean_pending_list(c.oid) FROM pg_class c WHERE c.relname = '{INDEX}' AND c.relkind = 'i'"
        )


def default_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_title_and_body_together")]

    operations = [migrations.RunPython(small_pending_list, default_pending_list, elidable=False)]
