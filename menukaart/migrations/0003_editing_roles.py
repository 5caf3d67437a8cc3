from django.db import migrations


def grant(apps, schema_editor):
    from editorial.roles import grant_model_permissions

    grant_model_permissions(apps, "menukaart", ["servicecategory"])


class Migration(migrations.Migration):
    dependencies = [("menukaart", "0002_caseservice_serviceprogramme"), ("home", "0003_editing_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
