from django.db import migrations

from home.roles import set_up_editing_roles


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_locales"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(set_up_editing_roles, migrations.RunPython.noop)]
