from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Event organisers"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("agenda", "registration", "view_registration"),
    ("agenda", "registration", "change_registration"),
]


def create_group(apps, schema_editor):
    """The group that runs events: it sees registrations, exports them, marks attendance and cancels. Nothing else."""
    # Permissions are normally made after migrate; make the agenda's now so the group can hold them.
    app_config = apps.get_app_config("agenda")
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
        ("agenda", "0002_registrations"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
