from django.core.management.base import BaseCommand

from intake import retention
from intake.guarantees import run_retention_hooks


class Command(BaseCommand):
    help = (
        "Anonymise intake submissions older than INTAKE_RETENTION_MONTHS (after their last change) and delete "
        "caught spam older than INTAKE_SPAM_RETENTION_DAYS; then the other forms' records (applications, "
        "registrations) by the retention their apps registered. Safe to run daily."
    )

    def handle(self, *args, **options):
        anonymised, spam_deleted = retention.purge()
        self.stdout.write(
            f"Intake retention: {anonymised} submission(s) anonymised "
            f"(older than {retention.retention_months()} months), "
            f"{spam_deleted} spam submission(s) deleted (older than {retention.spam_retention_days()} days)."
        )
        for report in run_retention_hooks():
            self.stdout.write(report)
