from django.db import migrations


def grant(apps, schema_editor):
    from editorial.roles import grant_model_permissions

    grant_model_permissions(apps, "cases", ["theme"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("home", "0003_editing_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
