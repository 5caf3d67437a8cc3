"""A GIN index on the index's title and body together, the expression Wagtail's search matches on PostgreSQL.

Wagtail's database backend filters ``(title || body) @@ query``; its migrations index ``title``
and ``body`` apart, so PostgreSQL read every index row for every query (linear in the pages:
docs/performance.md, "Site search"). A no-op on other databases.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING GIN ((title || body))")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
