"""Who may do what in the admin, for the data migrations that grant it (they pass their historical ``apps``).

- Editors write pages, images, documents and snippets, translate, and submit
  pages for review. They cannot publish.
- Moderators can do all that, and also approve and publish (the review workflow
  "Eindredactie"; its name is data, shown as is in the Dutch admin).
- Intake handlers (set up by the intake app) see and triage submissions only.

home's data migrations set the groups and the workflow up; an app that adds snippet
models grants them to the groups with ``grant_model_permissions`` in a data migration.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
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


def grant_model_permissions(apps, app_label, model_names, groups=(EDITORS, MODERATORS)):
    """Add, change and delete on an app's snippet models, for the editing groups."""
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=groups):
        for model_name in model_names:
            for action in ("add", "change", "delete"):
                group.permissions.add(permission(apps, app_label, f"{action}_{model_name}"))
