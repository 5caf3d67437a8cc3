"""What a page costs when it is rendered from scratch: queries and time per page type, each cache layer on and off.

Renders the demo's page types in both languages with Django's test client, page cache off,
in one process per variant, the variants taking turns round after round so that they share
the machine's load. Prints per URL the queries of a render (the second request of a warm
process) and the median wall and CPU milliseconds; and the queries of the first render after
a purge. docs/performance.md holds its figures.

Variants: this checkout as it is; ``--compare DIR`` adds another checkout (e.g. a ``git archive``
of an older commit, with its own ``.venv`` link) to compare code; ``--without MIDDLEWARE`` adds,
for every checkout, a run without that middleware (a cache layer kept by a middleware,
measured with and without it).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a database with the demo> \\
        .venv/bin/python scripts/cold_path.py [--rounds 15] [--compare DIR] [--without dotted.Middleware]

Uses the dev settings with DEBUG off; the database needs ``migrate`` and ``load_demo``. The
Django cache is the settings' (a local memory cache without REDIS_URL); nothing is written to
the database.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PATHS = [
    "/nl/",
    "/en/",
    "/nl/cases/",
    "/en/cases/",
    "/nl/cases/gemeente-utrecht/",
    "/en/cases/gemeente-utrecht/",
    "/nl/programmas/plan-einstein/",
    "/en/programmes/plan-einstein/",
    "/nl/menukaart/",
    "/en/service-menu/",
    "/nl/menukaart/inkoopscan/",
    "/en/service-menu/procurement-scan/",
    "/nl/vraagstuk/",
    "/en/your-question/",
    "/nl/privacy/",
    "/en/privacy/",
    "/nl/zoeken/?q=werk",
    "/en/search/?q=work",
]


def worker(without):
    """One variant: reads "round" lines on stdin, answers each with one JSON line of measurements."""
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from ops import page_cache

    middleware = [name for name in settings.MIDDLEWARE if name != without]
    overrides = override_settings(MIDDLEWARE=middleware, DEBUG=False, ALLOWED_HOSTS=["*"], PAGE_CACHE_ENABLED=False)
    overrides.enable()
    client = Client(HTTP_HOST=os.environ.get("SIF_SITE_HOST", "127.0.0.1:8000"))

    def render(path):
        with CaptureQueriesContext(connection) as context:
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return len(context), wall * 1000, cpu * 1000

    page_cache.invalidate()
    first = {path: render(path)[0] for path in PATHS}
    for path in PATHS:
        render(path)
    print(json.dumps({"first": first}), flush=True)
    for _line in sys.stdin:
        print(json.dumps({path: render(path) for path in PATHS}), flush=True)


def start(tree, without):
    command = [str(ROOT / ".venv" / "bin" / "python"), str(Path(__file__).resolve()), "--worker", without or "-"]
    process = subprocess.Popen(command, cwd=tree, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # noqa: S603
    return process, json.loads(process.stdout.readline())["first"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--compare", action="append", default=[], help="another checkout to measure alongside")
    parser.add_argument("--without", action="append", default=[], help="a middleware to measure without as well")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(None if args.worker == "-" else args.worker)
    variants = {}
    for tree in [ROOT, *map(Path, args.compare)]:
        name = "this checkout" if tree == ROOT else str(tree)
        variants[name] = (tree, None)
        variants.update({f"{name} without {layer.rsplit('.', 1)[-1]}": (tree, layer) for layer in args.without})
    processes, first, samples = {}, {}, {}
    try:
        for name, (tree, without) in variants.items():
            processes[name], first[name] = start(tree, without)
            samples[name] = {path: [] for path in PATHS}
        for _ in range(args.rounds):
            for name, process in processes.items():
                process.stdin.write("round\n")
                process.stdin.flush()
                for path, measured in json.loads(process.stdout.readline()).items():
                    samples[name][path].append(measured)
    finally:
        for process in processes.values():
            process.stdin.close()
            process.wait()
    header = " | ".join(f"{name}: queries, wall / CPU ms, first after a purge" for name in variants)
    print(f"| URL | {header} |")
    print("|---|" + "---:|" * len(variants))
    totals = {name: [0, 0.0, 0.0] for name in variants}
    for path in PATHS:
        cells = []
        for name in variants:
            runs = samples[name][path]
            queries = runs[-1][0]
            wall, cpu = statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs)
            totals[name][0] += queries
            totals[name][1] += wall
            totals[name][2] += cpu
            cells.append(f"{queries}, {wall:.1f} / {cpu:.1f}, {first[name][path]}")
        print(f"| `{path}` | " + " | ".join(cells) + " |")
    cells = [f"{q}, {w:.0f} / {c:.0f}, {sum(first[name].values())}" for name, (q, w, c) in totals.items()]
    print("| all of them | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
