from django.core.management.base import BaseCommand

from agenda import registration_due


class Command(BaseCommand):
    help = (
        "Registrations' timed work: pass expired offers on, offer free seats, queue reminders for tomorrow's "
        "events and notices of cancelled events. Each e-mail once; safe to run as often as the timer likes."
    )

    def handle(self, *args, **options):
        done = registration_due.run()
        self.stdout.write(", ".join(f"{what}: {count}" for what, count in done.items()))
