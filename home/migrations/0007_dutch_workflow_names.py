"""The workflow and task names are data, shown untranslated in the admin: make them Dutch."""

from django.db import migrations

ENGLISH = {"workflow": "Review before publishing", "task": "Review by a moderator"}
DUTCH = {"workflow": "Eindredactie", "task": "Controle door een eindredacteur"}


def rename(apps, old, new):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old["workflow"]).update(name=new["workflow"])
    apps.get_model("wagtailcore", "Task").objects.filter(name=old["task"]).update(name=new["task"])


def use_dutch_workflow_names(apps, schema_editor):
    rename(apps, ENGLISH, DUTCH)


def use_english_workflow_names(apps, schema_editor):
    rename(apps, DUTCH, ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_remove_sitesettings_intake_notification_email"),
    ]

    operations = [migrations.RunPython(use_dutch_workflow_names, use_english_workflow_names)]
