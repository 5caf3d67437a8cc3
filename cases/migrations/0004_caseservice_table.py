"""Step 3 of 3 of moving CaseService to cases: the table gets the cases name, the rows stay.

The content type (and with it any permissions) moves along, so nothing is
left pointing at menukaart.
"""

from django.db import migrations


def move_content_type(apps, schema_editor, source="menukaart", target="cases"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label=source, model="caseservice")
    if ContentType.objects.filter(app_label=target, model="caseservice").exists():
        old.delete()
    else:
        old.update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="cases", target="menukaart")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_caseservice"),
        ("menukaart", "0004_move_caseservice_to_cases"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="caseservice", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
