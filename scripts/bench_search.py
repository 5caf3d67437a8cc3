"""`make bench-search`: the site search's time per query at 60 pages and at 2,000, in both languages.

In a scratch PostgreSQL database (created here, dropped at the end): the demo
content (about 60 pages, both languages), then timed searches; then pages of
generated text up to 2,000 pages (half under the Dutch home, half under the
English one; one word in twenty from the demo's text of that language, the rest
invented words, a few often and most rarely, as in real text), ``update_index``,
``ANALYZE``, and the same searches again. A search is what the results page
asks (search.query.search): the matching pages counted and the first ten fetched
with their passages, and the other language's count; typos take the fuzzy retry.
Prints median and p95 per query and language for each size.

Environment (defaults in brackets):
  BENCH_SEARCH_DATABASE_URL [postgres://postgres@127.0.0.1:5432/sif_search_bench]  dropped and made anew
  BENCH_SEARCH_PAGES [2000]   pages in all, demo included
  BENCH_SEARCH_ROUNDS [5]     times each query is asked per size
  BENCH_SEARCH_KEEP [unset]   when set, the scratch database is kept (for EXPLAIN) and dropped on the next run
"""

import itertools
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("BENCH_SEARCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sif_search_bench")
PAGES = int(os.environ.get("BENCH_SEARCH_PAGES", "2000"))
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "5"))
OWN_SHARE = 0.05  # of a generated page's words, the share taken from the demo's text
# Words as visitors type them: plain, inflected (stemming), two words, a typo (fuzzy retry), nothing found.
QUERIES = {
    "nl": ["utrecht", "inkoop", "inkopen", "sociale ondernemers", "werkgelegenheid", "inkopn", "ondernemen impact"]
    + ["vergaderzaal", "xylofoonwerkplaats"],
    "en": ["utrecht", "procurement", "enterprises", "social enterprise", "employment", "enterprize", "impact growth"]
    + ["meeting room", "xylophoneworkshop"],
}


def say(message):
    print(f"[bench-search] {message}", flush=True)


def _server_params():
    import dj_database_url

    db = dj_database_url.parse(DATABASE_URL)
    params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"], "dbname": "postgres"}
    return db["NAME"], params


def recreate_database(drop_only=False):
    import psycopg
    from psycopg import sql

    name, params = _server_params()
    with psycopg.connect(**params, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not drop_only:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"  # the demo loader is a development tool
    os.environ["DATABASE_URL"] = DATABASE_URL
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def vocabulary(language):
    """The words of the demo's pages in ``language``, as the index holds them."""
    from search import query

    texts = query.searchable_pages(language).values_list("index_entries__body_text", flat=True)
    return [word for text in texts for word in query.WORD.findall(text or "") if len(word) > 2]


def invented_words(rng, count):
    """``count`` made-up words (syllables), so that generated pages are mostly text no query matches."""
    syllables = [c + v for c in "bdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "aa", "ee", "oo", "ie")]
    return list({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(count)})


def text(rng, own, invented, words):
    """``words`` words: one in twenty from the demo (as often as there), the others invented (a few often)."""
    chosen = [rng.choice(own) if rng.random() < OWN_SHARE else invented.pick() for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


class Zipf:
    """Picks invented words as a language uses its words: a few often, most rarely."""

    def __init__(self, rng, words):
        self.rng, self.words = rng, words
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))

    def pick(self):
        return self.rng.choices(self.words, cum_weights=self.cumulative)[0]


def generate_pages(total):
    """Standard pages of generated text under each home until the site has ``total`` pages."""
    from wagtail.models import Page
    from wagtail.rich_text import RichText

    from home.models import HomePage, StandardPage

    rng = random.Random(21)
    missing = total - Page.objects.filter(depth__gt=1).count()
    homes = list(HomePage.objects.select_related("locale").order_by("locale__language_code"))
    own = {home.locale.language_code: vocabulary(home.locale.language_code) for home in homes}
    invented = Zipf(rng, invented_words(rng, 20_000))
    for number in range(missing):
        home = homes[number % len(homes)]
        words = own[home.locale.language_code]
        page = StandardPage(
            title=text(rng, words, invented, 4)[:-1],
            slug=f"bench-{number}",
            lead=text(rng, words, invented, 25),
            body=[("paragraph", RichText(f"<p>{text(rng, words, invented, 60)}</p>")) for _ in range(3)],
        )
        home.add_child(instance=page)
    return missing


def time_queries(language):
    """Milliseconds per search for every query of ``language``, ROUNDS times each (after one warm-up round)."""
    from django.db import reset_queries
    from django.test import RequestFactory
    from django.utils import translation

    from search import query

    request = RequestFactory().get("/")
    times = []
    with translation.override(language):
        for round_number in range(ROUNDS + 1):
            for text in QUERIES[language]:
                start = time.perf_counter()
                query.search(request, text)
                if round_number:
                    times.append((time.perf_counter() - start) * 1000)
                reset_queries()
    return times


def analyze():
    """Fresh planner statistics after the bulk load, as autovacuum keeps them on a site in use."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def figures(times):
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def measure(label):
    from wagtail.models import Page

    pages = Page.objects.filter(depth__gt=1).count()
    rows = []
    for language in ("nl", "en"):
        median, p95 = figures(time_queries(language))
        rows.append((label, pages, language, median, p95, len(QUERIES[language]) * ROUNDS))
        say(f"{label}: {pages} pages, {language}: median {median:.1f} ms, p95 {p95:.1f} ms")
    return rows


def main():
    from django.core.management import call_command

    say(f"scratch database {_server_params()[0]}")
    recreate_database()
    try:
        setup_django()
        call_command("migrate", "--noinput", verbosity=0)
        start = time.perf_counter()
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed at exit
        say(f"demo loaded and indexed in {time.perf_counter() - start:.0f} s")
        analyze()
        rows = measure("demo")
        start = time.perf_counter()
        added = generate_pages(PAGES)
        say(f"{added} generated pages saved in {time.perf_counter() - start:.0f} s")
        start = time.perf_counter()
        call_command("update_index", verbosity=0)
        say(f"update_index in {time.perf_counter() - start:.1f} s")
        analyze()
        rows += measure("generated")
    finally:
        from django.db import connections

        connections.close_all()
        if os.environ.get("BENCH_SEARCH_KEEP"):
            say("scratch database kept (BENCH_SEARCH_KEEP)")
        else:
            recreate_database(drop_only=True)
            say("scratch database dropped")
    print()
    print("| site | pages | language | median ms | p95 ms | searches |")
    print("|---|---:|---|---:|---:|---:|")
    for label, pages, language, median, p95, count in rows:
        print(f"| {label} | {pages} | {language} | {median:.1f} | {p95:.1f} | {count} |")


if __name__ == "__main__":
    main()
