"""Audiences are organisation types (home.choices.OrganisationType), spelt as everywhere else.

"social-enterprise" becomes "social_enterprise" on every service and in the
services' revisions (so reverting to an old revision keeps the new spelling).
Old menu addresses with ?audience=social-enterprise redirect (MenukaartPage.serve).
"""

import menukaart.fields
from django.db import migrations

RENAMED = {"social-enterprise": "social_enterprise"}


def _renamed(values, renamed):
    return [renamed.get(value, value) for value in values]


def rename_audiences(apps, schema_editor, renamed=RENAMED):
    ServicePage = apps.get_model("menukaart", "ServicePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for service in ServicePage.objects.all():
        audiences = _renamed(service.audiences, renamed)
        if audiences != service.audiences:
            ServicePage.objects.filter(pk=service.pk).update(audiences=audiences)
    content_type = ContentType.objects.filter(app_label="menukaart", model="servicepage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type):
        audiences = revision.content.get("audiences")
        if isinstance(audiences, list) and _renamed(audiences, renamed) != audiences:
            revision.content["audiences"] = _renamed(audiences, renamed)
            revision.save(update_fields=["content"])


def rename_audiences_back(apps, schema_editor):
    rename_audiences(apps, schema_editor, renamed={new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):

    dependencies = [
        ('menukaart', '0004_move_caseservice_to_cases'),
        ('wagtailcore', '0098_apitoken'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterField(
            model_name='servicepage',
            name='audiences',
            field=menukaart.fields.MultipleChoiceField(default=list, help_text='Tick everyone this service is meant for; the menu filters on this.', options=[('municipality', 'Municipality'), ('company', 'Company'), ('social_enterprise', 'Social enterprise'), ('initiative', 'Initiative or foundation')], verbose_name='for whom'),
        ),
        migrations.RunPython(rename_audiences, rename_audiences_back),
    ]
