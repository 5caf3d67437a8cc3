"""A public reference for each submission, shown to the sender instead of the database number.

Added empty, filled with a random reference for each existing submission, then made unique.
"""

from django.db import migrations, models

import intake.submissions


def give_each_a_reference(apps, schema_editor):
    Submission = apps.get_model("intake", "Submission")
    taken = set()
    for submission in Submission.objects.filter(reference__isnull=True).only("pk").iterator():
        reference = intake.submissions.new_reference()
        while reference in taken:
            reference = intake.submissions.new_reference()
        taken.add(reference)
        Submission.objects.filter(pk=submission.pk).update(reference=reference)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0007_outgoingemail_handed_over_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="reference",
            field=models.CharField(editable=False, max_length=12, null=True),
        ),
        migrations.RunPython(give_each_a_reference, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="submission",
            name="reference",
            field=models.CharField(
                default=intake.submissions.new_reference,
                editable=False,
                help_text="Shown to the sender on the thank-you page and in the e-mails; not the database number.",
                max_length=12,
                unique=True,
                verbose_name="reference",
            ),
        ),
    ]
