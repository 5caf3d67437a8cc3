from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand

from home.demo_builder import DemoBuilder
from home.models import HomePage


class Command(BaseCommand):
    help = (
        "Load the Dutch demo content and its English translations. Idempotent: what exists "
        "(matched by slug) is left as it is, so editors' changes are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has a home page (used by 'make run').",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and HomePage.objects.exists():
            self.stdout.write("Demo content: the site already has content, nothing loaded.")
            return
        builder = DemoBuilder(stdout=self.stdout)
        # Each object is saved in a transaction of its own (see DemoBuilder); a
        # run that stops half-way is completed by the next run.
        for app_label in settings.DEMO_CONTENT_APPS:
            if find_spec(f"{app_label}.demo") is None:
                continue
            module = import_module(f"{app_label}.demo")
            self.stdout.write(f"Demo content for {app_label}:")
            module.load(builder)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {builder.created} new objects."))
