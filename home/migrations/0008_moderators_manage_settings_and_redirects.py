"""Moderators may edit the site settings and redirects, not only a superuser."""

from django.db import migrations

from home.roles import let_moderators_manage_settings_and_redirects


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_dutch_workflow_names"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(let_moderators_manage_settings_and_redirects, migrations.RunPython.noop)]
