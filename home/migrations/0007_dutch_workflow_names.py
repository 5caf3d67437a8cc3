"""The workflow and task names are data, shown untranslated in the admin: make them Dutch."""

from django.db import migrations

from home.roles import use_dutch_workflow_names, use_english_workflow_names


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_remove_sitesettings_intake_notification_email"),
    ]

    operations = [migrations.RunPython(use_dutch_workflow_names, use_english_workflow_names)]
