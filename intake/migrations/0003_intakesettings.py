"""Intake settings move from home's SiteSettings to intake's own IntakeSettings; the address is copied.

home 0006 removes the old field after this migration has copied it.
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_from_site_settings(apps, schema_editor):
    SiteSettings = apps.get_model("home", "SiteSettings")
    IntakeSettings = apps.get_model("intake", "IntakeSettings")
    for old in SiteSettings.objects.exclude(intake_notification_email=""):
        IntakeSettings.objects.update_or_create(
            site_id=old.site_id, defaults={"notification_email": old.intake_notification_email}
        )


def copy_back(apps, schema_editor):
    SiteSettings = apps.get_model("home", "SiteSettings")
    IntakeSettings = apps.get_model("intake", "IntakeSettings")
    for new in IntakeSettings.objects.exclude(notification_email=""):
        SiteSettings.objects.filter(site_id=new.site_id).update(intake_notification_email=new.notification_email)


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0002_intake_handlers_group'),
        ('home', '0005_alter_homepage_body_alter_standardpage_body'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='IntakeSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('notification_email', models.EmailField(blank=True, help_text='The intake team gets a message here for every question sent through the site.', max_length=254, verbose_name='e-mail for new questions')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'intake settings',
            },
        ),
        migrations.RunPython(copy_from_site_settings, copy_back),
    ]
