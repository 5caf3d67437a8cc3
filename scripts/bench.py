"""`make bench`: throughput of the production app server on this machine, cold and warm.

Starts gunicorn (deploy/gunicorn.conf.py: 2 workers, 4 threads each, production settings)
on a PostgreSQL database with the demo content, twice: once with the page cache off
(SIF_PAGE_CACHE=off: every request renders, "cold") and once with it on ("warm": the
first request fills the cache). wrk on loopback measures each URL for BENCH_SECONDS and
the same server's static CSS file (WhiteNoise) in the same run, the limit pages are
compared with. Prints req/s, p50, p99 and the share of the static file per URL.
Everything it starts it stops; the cache keys it wrote are removed.

Environment (defaults in brackets):
  BENCH_DATABASE_URL [postgres://postgres@127.0.0.1:5432/sif_p_bench]  created and filled when missing
  BENCH_REDIS_URL    [redis://127.0.0.1:6379/10]   the shared cache production needs for the page cache
  BENCH_PORT [18931], BENCH_SECONDS [5], BENCH_THREADS [2], BENCH_CONNECTIONS [8]
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
VAR = ROOT / "var" / "bench"
PORT = int(os.environ.get("BENCH_PORT", "18931"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sif_p_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10")
KEY_PREFIX = f"sif-bench-{os.getpid()}"
STATIC = "/static/css/site.css"
WRK = shutil.which("wrk") or "/usr/bin/wrk"  # Debian's


def say(message):
    print(f"[bench] {message}", flush=True)


def environment(page_cache):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        SIF_PUBLIC_URL=f"http://127.0.0.1:{PORT}",
        DATABASE_URL=DATABASE_URL,
        DATABASE_CONN_MAX_AGE="60",
        CACHE_KEY_PREFIX=KEY_PREFIX,
        EMAIL_HOST="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SIF_VAR_DIR=str(VAR),
        SIF_SITE_HOST=f"127.0.0.1:{PORT}",  # the demo site's host (load_demo)
        SIF_PAGE_CACHE="on" if page_cache else "off",
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        GUNICORN_WORKERS="2",
        GUNICORN_LOG_LEVEL="warning",
    )
    env["REDIS_URL"] = REDIS_URL
    return env


def manage(*args, env):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def prepare_database():
    import dj_database_url
    import psycopg
    from psycopg import sql

    db = dj_database_url.parse(DATABASE_URL)
    params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"], "dbname": "postgres"}
    with psycopg.connect(**params, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
            say(f"created database {db['NAME']}")
    env = environment(page_cache=False)
    say("migrate, collectstatic, demo content (idempotent)")
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    # The demo loader is a development tool: it runs under the dev settings, on the bench database.
    dev = {key: value for key, value in env.items() if key != "REDIS_URL"}
    manage("load_demo", env={**dev, "DJANGO_SETTINGS_MODULE": "config.settings.dev"})


def urls():
    """The URLs to measure, read from the database (slugs and service keys differ per language)."""
    script = """
from django.urls import reverse
from django.utils import translation
from cases.models import CasePage
from intake.models import IntakePage
from menukaart.models import MenukaartPage, ServicePage
for lang in ("nl", "en"):
    menukaart = MenukaartPage.objects.live().get(locale__language_code=lang)
    keys = [s.package_key for s in ServicePage.objects.live().filter(locale__language_code=lang).order_by("pk")[:3]]
    case = CasePage.objects.live().get(slug="gemeente-utrecht", locale__language_code=lang)
    with translation.override(lang):
        search = reverse("search")
    print(f"URL home {lang} /{lang}/")
    print(f"URL case-index {lang} {case.get_parent().url}")
    print(f"URL flagship-case {lang} {case.url}")
    print(f"URL menukaart {lang} {menukaart.url}")
    print(f"URL menukaart-3-services {lang} {menukaart.url}?" + "&".join(f"service={k}" for k in keys))
    print(f"URL intake {lang} {IntakePage.objects.live().get(locale__language_code=lang).url}")
    print(f"URL search {lang} {search}?q=" + ("werk" if lang == "nl" else "work"))
"""
    env = environment(page_cache=False)
    out = subprocess.run(  # noqa: S603 - fixed arguments
        [PY, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return [tuple(line.split(" ", 3)[1:]) for line in out.splitlines() if line.startswith("URL ")]


def start_server(page_cache):
    log = open(VAR / f"gunicorn-{'warm' if page_cache else 'cold'}.log", "w")  # noqa: SIM115 - closed in stop
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [GUNICORN, "--config", "deploy/gunicorn.conf.py", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=environment(page_cache),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped: see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2):
                return process, log
        except OSError:
            time.sleep(0.3)
    stop_server(process, log)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop_server(process, log):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    log.close()


def fetch(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30) as response:
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")
        return response.headers


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(path):
    out = subprocess.run(  # noqa: S603
        [
            WRK,
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--latency",
            # As browsers ask: pages and the static file go out compressed (WhiteNoise's .gz copy).
            "-H",
            "Accept-Encoding: gzip",
            f"http://127.0.0.1:{PORT}{path}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(*re.search(r"\s50%\s+([\d.]+)(us|ms|s)", out).groups())
    p99 = _ms(*re.search(r"\s99%\s+([\d.]+)(us|ms|s)", out).groups())
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{path}: {errors.group(1)} error responses\n{out}")
    return rate, p50, p99


def run_phase(page_cache, targets):
    phase = "warm" if page_cache else "cold"
    process, log = start_server(page_cache)
    results = []
    try:
        for path in [STATIC] + [path for _, _, path in targets]:
            fetch(path)  # fills the cache (warm), loads templates and code paths (both)
        static = wrk(STATIC)
        results.append(("static file", "", STATIC, *static, 1.0))
        say(f"{phase}: static file {static[0]:,.0f} req/s")
        for name, lang, path in targets:
            headers = fetch(path)
            if page_cache and name != "intake" and headers.get("X-Page-Cache") != "hit":
                say(f"warning: {path} is not served from the page cache ({headers.get('X-Page-Cache')})")
            rate, p50, p99 = wrk(path)
            results.append((name, lang, path, rate, p50, p99, rate / static[0]))
            say(f"{phase}: {name} {lang} {rate:,.0f} req/s")
    finally:
        stop_server(process, log)
    return results


def remove_cache_keys():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{KEY_PREFIX}:*", count=1000))
    if keys:
        client.delete(*keys)


def machine():
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()  # noqa: S603, S607
    return f"nproc {nproc}, {model}"


def table(cold, warm):
    lines = [
        "| URL | cold req/s | cold p50 / p99 ms | cold share | warm req/s | warm p50 / p99 ms | warm share |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for c, w in zip(cold, warm, strict=True):
        name = f"{c[0]} {c[1]}".strip()
        lines.append(
            f"| {name} `{c[2]}` | {c[3]:,.0f} | {c[4]:.1f} / {c[5]:.1f} | {c[6]:.1%} | "
            f"{w[3]:,.0f} | {w[4]:.1f} / {w[5]:.1f} | {w[6]:.1%} |"
        )
    return "\n".join(lines)


def main():
    if not Path(WRK).exists():
        raise SystemExit("wrk is missing: apt-get install wrk")
    if not REDIS_URL:
        raise SystemExit("Set BENCH_REDIS_URL: production settings keep the page cache off without a shared cache")
    started = time.monotonic()
    VAR.mkdir(parents=True, exist_ok=True)
    prepare_database()
    targets = urls()
    try:
        cold = run_phase(False, targets)
        warm = run_phase(True, targets)
    finally:
        remove_cache_keys()
    print()
    print(
        f"Machine: {machine()}; gunicorn 2 workers x 4 threads, production settings; wrk -t{THREADS} -c{CONNECTIONS} "
        f"-d{SECONDS}s on loopback; cache: {REDIS_URL}"
    )
    print(table(cold, warm))
    say(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
