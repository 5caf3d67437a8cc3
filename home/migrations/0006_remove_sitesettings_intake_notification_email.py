"""The intake notification address now lives in intake.IntakeSettings (copied by intake 0003)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0005_alter_homepage_body_alter_standardpage_body'),
        ('intake', '0003_intakesettings'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='sitesettings',
            name='intake_notification_email',
        ),
    ]
