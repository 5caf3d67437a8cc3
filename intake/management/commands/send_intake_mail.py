from django.core.management.base import BaseCommand
from django.utils import timezone

from intake import mail
from intake.models import OutgoingEmail
from ops.tasks import recover_interrupted_tasks


class Command(BaseCommand):
    help = (
        "The sweep: send the intake e-mails that are due, also those whose task was lost "
        "(worker killed, enqueueing failed), and put tasks that a dead worker left running back "
        "in the queue. The task worker normally sends them; run this from a timer every few "
        "minutes. Safe beside the worker and twice at once: no e-mail is claimed by two runs. "
        "E-mails that may have been sent (the server had the message, its answer was lost) are "
        "never sent again on their own: list them with --maybe-sent, then --resend or --mark-sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--maybe-sent", action="store_true", help="List the e-mails that may have been sent.")
        parser.add_argument(
            "--resend", nargs="+", type=int, metavar="ID", help="Send these e-mails again (same Message-ID)."
        )
        parser.add_argument("--mark-sent", nargs="+", type=int, metavar="ID", help="Record these as sent.")

    def handle(self, *args, maybe_sent=False, resend=None, mark_sent=None, **options):
        if maybe_sent:
            return self._list_maybe_sent()
        if resend:
            self.stdout.write(f"Intake e-mail: {mail.resend(resend)} queued to be sent again.")
            return None
        if mark_sent:
            self.stdout.write(f"Intake e-mail: {mail.mark_sent(mark_sent)} recorded as sent.")
            return None
        recover_interrupted_tasks()
        sent, failed = mail.send_due()
        waiting = OutgoingEmail.objects.unsent().count()
        uncertain = OutgoingEmail.objects.maybe_sent().count()
        line = f"Intake e-mail: {sent} sent, {failed} failed, {waiting} waiting for a retry."
        if uncertain:
            line += f" {uncertain} may have been sent: see --maybe-sent."
        self.stdout.write(line)
        return None

    def _list_maybe_sent(self):
        emails = OutgoingEmail.objects.maybe_sent().order_by("handed_over_at")
        for email in emails:
            handed_over = timezone.localtime(email.handed_over_at)
            self.stdout.write(
                f"{email.pk}\t{email.kind}\t{email.about_label}\thanded over {handed_over:%Y-%m-%d %H:%M}"
                f"\t{email.last_error or 'the sender stopped'}\t{email.message_id}"
            )
        self.stdout.write(f"{len(emails)} e-mail(s) may have been sent: check, then --resend or --mark-sent.")
