from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.loader import DemoLoader
from home.models import HomePage


class Command(BaseCommand):
    help = (
        "Load the Dutch demo content and its English translations from the apps' demo/*.toml files. "
        "Idempotent and completing: what is missing is created, what exists is left as it is, so an "
        "interrupted run is finished and editors' changes are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has a home page.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and HomePage.objects.exists():
            self.stdout.write("Demo content: the site already has content, nothing loaded.")
            return
        created = DemoLoader(stdout=self.stdout).load(settings.DEMO_CONTENT_APPS)
        if created:
            # The site search reads Wagtail's index: fill it now rather than when the worker gets to the
            # index tasks the loader's saves queued (each language's pages in the index of their language).
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {created} new objects."))
