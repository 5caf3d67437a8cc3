"""Moderators may edit the site settings and redirects, not only a superuser."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Moderators"

def ensure_permissions(apps):
    """Permissions are normally made after migrate; data migrations need them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


# Moderators run the site day to day: the site-wide links (settings) and redirects after moves.
MODERATOR_MODEL_PERMISSIONS = [
    ("home", "change_sitesettings"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
]


def let_moderators_manage_settings_and_redirects(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=MODERATORS):
        for app_label, codename in MODERATOR_MODEL_PERMISSIONS:
            group.permissions.add(permission(apps, app_label, codename))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_dutch_workflow_names"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(let_moderators_manage_settings_and_redirects, migrations.RunPython.noop)]
