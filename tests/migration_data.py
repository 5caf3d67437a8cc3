"""Run by tests/test_migrations_keep_data.py in a process of its own, on a scratch SQLite database.

Migrates to just before the moves between apps, writes the data they concern with the
historical models, migrates to the end and prints what became of that data as JSON.
"""

import json
import os
import sys
import uuid

import django

BEFORE = {
    "cases": "0002_editing_roles",
    "menukaart": "0003_editing_roles",
    "home": "0005_alter_homepage_body_alter_standardpage_body",
    "intake": "0002_intake_handlers_group",
}


def page(model, apps, parent_path, number, **fields):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label=model._meta.app_label, model=model._meta.model_name)
    return model.objects.create(
        path=f"{parent_path}{number:04d}",
        depth=len(parent_path) // 4 + 1,
        numchild=0,
        title=fields.pop("title"),
        draft_title="",
        slug=fields.pop("slug"),
        content_type=content_type,
        locale_id=fields.pop("locale_id"),
        translation_key=uuid.uuid4(),
        live=True,
        url_path="/",
        **fields,
    )


def write_old_data(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    Site = apps.get_model("wagtailcore", "Site")
    locale = Locale.objects.get_or_create(language_code="nl")[0]
    root = apps.get_model("wagtailcore", "Page").objects.get(depth=1)
    case = page(
        apps.get_model("cases", "CasePage"),
        apps,
        root.path,
        90,
        title="Case",
        slug="case",
        locale_id=locale.pk,
        client="Gemeente",
        result_summary="Done",
        challenge="<p>Why</p>",
    )
    category = apps.get_model("menukaart", "ServiceCategory").objects.create(
        name="Versnellen", locale=locale, translation_key=uuid.uuid4()
    )
    service = page(
        apps.get_model("menukaart", "ServicePage"),
        apps,
        root.path,
        91,
        title="Service",
        slug="service",
        locale_id=locale.pk,
        summary="One line",
        category=category,
        audiences=["company", "social-enterprise"],
        service_form="workshop",
        duration="A day",
    )
    apps.get_model("menukaart", "CaseService").objects.create(page_id=case.pk, service_id=service.pk, sort_order=0)
    site = Site.objects.create(hostname="sif.example", root_page=root, is_default_site=True)
    apps.get_model("home", "SiteSettings").objects.create(site=site, intake_notification_email="intake@sif.example")
    return {"case": case.pk, "service": service.pk, "site": site.pk}


def main():
    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    leaves = dict(executor.loader.graph.leaf_nodes())
    targets = [(app, BEFORE.get(app, leaf)) for app, leaf in leaves.items()]
    executor.migrate(targets)
    ids = write_old_data(executor.loader.project_state(targets).apps)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    apps = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    links = apps.get_model("cases", "CaseService").objects.values_list("page_id", "service_id")
    result = {
        "ids": ids,
        "table": apps.get_model("cases", "CaseService")._meta.db_table,
        "tables": sorted(name for name in connection.introspection.table_names() if name.endswith("caseservice")),
        "case_services": [list(link) for link in links],
        "audiences": apps.get_model("menukaart", "ServicePage").objects.get(pk=ids["service"]).audiences,
        "notification_email": apps.get_model("intake", "IntakeSettings")
        .objects.get(site_id=ids["site"])
        .notification_email,
        "content_types": sorted(
            apps.get_model("contenttypes", "ContentType")
            .objects.filter(model="caseservice")
            .values_list("app_label", flat=True)
        ),
        # What the migrations made: the other tests load it from tests/migrated_database.sql.
        "schema": _schema(connection),
    }
    json.dump(result, sys.stdout)


def _schema(connection):
    with connection.cursor() as cursor:
        cursor.execute(SCHEMA_QUERY)
        return sorted(list(row) for row in cursor.fetchall())


SCHEMA_QUERY = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    main()
