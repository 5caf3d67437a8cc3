"""Step 2 of 3 of moving CaseService to cases (see cases 0003): menukaart lets go of it.

State only: the table and its rows stay; cases 0004 renames the table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("menukaart", "0003_editing_roles"),
        ("cases", "0003_caseservice"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CaseService")],
            database_operations=[],
        ),
    ]
