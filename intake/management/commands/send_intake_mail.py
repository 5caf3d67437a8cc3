from django.core.management.base import BaseCommand

from intake import mail
from intake.models import OutgoingEmail


class Command(BaseCommand):
    help = (
        "Send the intake e-mails that are due, retrying failed ones with a growing pause. "
        "Safe to run from cron every minute, also twice at once: no e-mail is sent twice."
    )

    def handle(self, *args, **options):
        sent, failed = mail.send_due()
        waiting = OutgoingEmail.objects.filter(sent_at__isnull=True).count()
        self.stdout.write(f"Intake e-mail: {sent} sent, {failed} failed, {waiting} waiting for a retry.")
