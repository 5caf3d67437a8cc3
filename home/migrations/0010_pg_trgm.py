"""Trigram similarity (pg_trgm) for typo-tolerant search; only on PostgreSQL, a no-op elsewhere."""

from django.db import migrations


def enable_trigram(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("home", "0009_alter_homepage_body_alter_standardpage_body")]

    operations = [migrations.RunPython(enable_trigram, migrations.RunPython.noop, elidable=False)]
