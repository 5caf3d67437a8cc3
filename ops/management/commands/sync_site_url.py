from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from ops.checks import public_url_problem


class Command(BaseCommand):
    help = (
        "Point the default Wagtail site at the public base URL (SIF_PUBLIC_URL in production), "
        "so canonical and hreflang links use the address visitors use. Run on every release."
    )

    def handle(self, *args, **options):
        url = settings.WAGTAILADMIN_BASE_URL
        problem = public_url_problem(url)
        if problem:
            raise CommandError(f"The public base URL {problem}.")
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            self.stdout.write("No default site yet: nothing to update.")
            return
        if (site.hostname, site.port) != (parts.hostname, port):
            site.hostname, site.port = parts.hostname, port
            site.save(update_fields=["hostname", "port"])
            Site.clear_site_root_paths_cache()
        self.stdout.write(f"Default site: {site.root_url}")
