"""A real Chromium against a real server with the demo content.

The server is `manage.py runserver` in a subprocess on a free port, with its
own SQLite database in a temporary folder, migrated and filled by
`load_demo` exactly as `make run` does. It is started once per session and
stopped at the end. The browser is Debian's /usr/bin/chromium driven by
Playwright; without a Chromium the browser tests are skipped with a reason.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import DEMO_PRICES, DEMO_PROGRAMME_LINKS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
PRICES_SCRIPT = """
from menukaart.models import ServicePage
for slug, (kind, amount, unit_nl, unit_en) in %(prices)r.items():
    dutch = ServicePage.objects.get(locale__language_code="nl", slug=slug)
    pages = ServicePage.objects.filter(translation_key=dutch.translation_key)
    pages.update(price_kind=kind, price_amount=amount)
    pages.filter(locale__language_code="nl").update(price_unit=unit_nl)
    pages.filter(locale__language_code="en").update(price_unit=unit_en)
from cases.models import CasePage, CaseProgramme
from programmes.models import ProgrammePage
for case_slug, programme_slugs in %(links)r.items():
    programmes = [ProgrammePage.objects.get(locale__language_code="nl", slug=slug) for slug in programme_slugs]
    for case in CasePage.objects.filter(slug=case_slug):
        for programme in programmes:
            CaseProgramme.objects.create(page=case, programme=programme)
"""


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # With xdist the browser tests share out over the workers like any others: each worker that gets one
    # starts its own test server (its own port and SQLite file), one demo load more against a browser
    # walk-through twice as wide (they are a third of `make test`'s time).
    if chromium_path():
        return
    skip = pytest.mark.skip(reason="No Chromium found (install Debian's 'chromium' or set CHROMIUM_PATH)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_site_env(tmp_path_factory):
    """The environment of the test server: dev settings, its own SQLite database, its own port."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "SIF_VAR_DIR": str(tmp_path_factory.mktemp("browser-var")),
        "SIF_SITE_HOST": f"127.0.0.1:{port}",
        "PYTHONUNBUFFERED": "1",
        # Every form the browser tests send comes from 127.0.0.1: more than a visitor's hourly share. The limit
        # itself is pinned by the test client's tests (test_security_intake, the other forms' own).
        "INTAKE_RATE_LIMIT_PER_HOUR": "1000",
    }
    env.pop("DATABASE_URL", None)  # always the throw-away SQLite database
    return env


@pytest.fixture(scope="session")
def manage_live_site(live_site_env):
    """Run a manage.py command against the test server's database; returns its output."""

    def manage(*command):
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *command],
            env=live_site_env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            pytest.fail(f"manage.py {command[0]} failed for the browser tests:\n{result.stderr[-3000:]}")
        return result.stdout

    return manage


@pytest.fixture(scope="session")
def live_site(live_site_env, manage_live_site, tmp_path_factory):
    """Base URL of a development server with migrated demo content."""
    manage_live_site("migrate", "--noinput", "-v0")
    manage_live_site("load_demo")
    # Prices on some services and programmes on some cases, as an editor would set them: the demo has
    # neither (FACTS.md gives neither), and the composer's totals and the case filters need some.
    manage_live_site("shell", "-c", PRICES_SCRIPT % {"prices": DEMO_PRICES, "links": DEMO_PROGRAMME_LINKS})
    host = live_site_env["SIF_SITE_HOST"]
    log = open(tmp_path_factory.mktemp("browser-log") / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", host, "--noreload"],
        env=live_site_env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    base_url = f"http://{host}"
    try:
        _wait_for(base_url + "/nl/")
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _wait_for(url, timeout=120):
    # Generous: the first page makes the demo's image renditions, slow on a busy machine.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=20):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The test server did not answer at {url}")


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Playwright's sync API runs an event loop in
    this thread while open; closing it after each module keeps Django's
    database tests that follow free of SynchronousOnlyOperation."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request):
    return VIEWPORTS[request.param]


@pytest.fixture
def browser_page(browser):
    """A fresh page at desktop width; use `page.set_viewport_size(...)` for the phone."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    yield page
    context.close()
