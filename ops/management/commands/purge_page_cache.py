from django.core.management.base import BaseCommand, CommandError

from ops import page_cache


class Command(BaseCommand):
    help = (
        "Make every page in the page cache unreachable, on every instance, and purge the front-end cache "
        "when one is configured. Run on every release, after the app servers have the new code, so that no "
        "page rendered by the old code is served again."
    )

    def handle(self, *args, **options):
        if page_cache.shared_cache_missing():
            page_cache.purge(reason="purge_page_cache")  # the front-end cache, when configured
            self.stdout.write("The page cache is off (no shared cache, see ops.W002): no page to purge.")
            return
        before = page_cache.generation(create=False)
        page_cache.purge(reason="purge_page_cache")
        after = page_cache.generation(create=False)
        if after is None or after == before:
            raise CommandError(
                "The cache did not take the purge (is Redis reachable?): cached pages expire "
                "within PAGE_CACHE_TIMEOUT seconds. Run this command again once it is."
            )
        self.stdout.write("Page cache purged: no page rendered before now is served again.")
