from django.db import migrations


def create_locales(apps, schema_editor):
    """Both content languages exist from the first migrate, before any page is made."""
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("nl", "en"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
