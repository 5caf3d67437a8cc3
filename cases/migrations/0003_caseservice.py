"""CaseService moves from menukaart to cases, which owns its meaning (what a case used).

Step 1 of 3: cases takes the model over in Django's state, still on the old
table; nothing changes in the database. menukaart 0004 then drops it from
menukaart's state, and cases 0004 renames the table. Existing rows are kept.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_editing_roles"),
        ("menukaart", "0003_editing_roles"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CaseService",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        (
                            "page",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="services_used",
                                to="cases.casepage",
                            ),
                        ),
                        (
                            "service",
                            models.ForeignKey(
                                help_text="A service from the menukaart that this case used.",
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="case_links",
                                to="menukaart.servicepage",
                                verbose_name="service",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "service",
                        "verbose_name_plural": "services used",
                        "ordering": ["sort_order"],
                        "abstract": False,
                        "db_table": "menukaart_caseservice",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
