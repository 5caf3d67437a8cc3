"""Who may do what in the admin. Used by data migrations, so it takes the
historical ``apps`` registry and imports no models itself.

- Editors write pages, images, documents and snippets, translate, and submit
  pages for review. They cannot publish.
- Moderators can do all that, and also approve and publish.
- Intake handlers (set up by the intake app) see and triage submissions only.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
MODERATORS = "Moderators"
# Shown as is in the (Dutch) admin: buttons ("Stuur door naar Eindredactie"), dashboard, history, e-mails.
WORKFLOW_NAME = "Eindredactie"
TASK_NAME = "Controle door een eindredacteur"
# The names the first data migrations used; 0007_dutch_workflow_names renames them.
OLD_WORKFLOW_NAME = "Review before publishing"
OLD_TASK_NAME = "Review by a moderator"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
SHARED_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
]


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


def set_up_editing_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name in (EDITORS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.set([permission(apps, app, codename) for app, codename in SHARED_PERMISSIONS])
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.create(
                group=group, page=root_page, permission=permission(apps, "wagtailcore", codename)
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=permission(apps, app_label, codename)
                )
    _set_up_review_workflow(apps, root_page, groups[MODERATORS])


def _set_up_review_workflow(apps, root_page, moderators):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # One workflow for the whole tree (both languages), replacing Wagtail's default one.
    WorkflowPage.objects.filter(page=root_page).delete()
    WorkflowPage.objects.create(page=root_page, workflow=workflow)
    Workflow.objects.exclude(pk=workflow.pk).filter(workflow_pages__isnull=True).update(active=False)


def use_dutch_workflow_names(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=OLD_WORKFLOW_NAME).update(name=WORKFLOW_NAME)
    Task.objects.filter(name=OLD_TASK_NAME).update(name=TASK_NAME)


def use_english_workflow_names(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW_NAME).update(name=OLD_WORKFLOW_NAME)
    Task.objects.filter(name=TASK_NAME).update(name=OLD_TASK_NAME)


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
