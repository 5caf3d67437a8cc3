from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Challenge handlers"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("challenges", "application", "view_application"),
    ("challenges", "application", "change_application"),
    ("challenges", "application", "delete_application"),
]


def create_group(apps, schema_editor):
    """The group that triages applications: it may view, handle and delete them (on request, AVG), nothing else."""
    # Permissions are normally made after migrate; make the challenges ones now so the group can hold them.
    app_config = apps.get_app_config("challenges")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, content_type__model=model, codename=codename)
        )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0002_application_and_notification_email"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
