from django.core.management.base import BaseCommand

from intake import mail
from intake.models import OutgoingEmail


class Command(BaseCommand):
    help = (
        "The sweep: send the intake e-mails that are due, also those whose task was lost "
        "(worker killed, enqueueing failed). The task worker normally sends them; run this "
        "from a timer every few minutes. Safe beside the worker and twice at once: no e-mail "
        "is claimed by two runs."
    )

    def handle(self, *args, **options):
        sent, failed = mail.send_due()
        waiting = OutgoingEmail.objects.filter(sent_at__isnull=True).count()
        self.stdout.write(f"Intake e-mail: {sent} sent, {failed} failed, {waiting} waiting for a retry.")
