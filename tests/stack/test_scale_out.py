"""Scale-out tests against a running `make stack` (nginx on 8080, two app instances, the worker).

Run them with the stack up:  make stack && STACK_URL=http://127.0.0.1:8080 .venv/bin/python -m pytest -m stack
(.ci/run does this). Without STACK_URL they are skipped. They change the stack only in ways they undo:
instances they stop are started again, the page they edit gets its title back.
"""

import contextlib
import email
import json
import os
import random
import secrets
import signal
import socket
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from email import policy

import psycopg
import pytest

from .helpers import (
    PYTHON,
    ROOT,
    STACK_DIR,
    STACK_URL,
    WEB_PORTS,
    cookies_from,
    healthy,
    manage,
    parse_form,
    pid_of,
    request,
    stack_env,
    stack_script,
    wait_for,
)

pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(not os.environ.get("STACK_URL"), reason="needs a running `make stack` and STACK_URL"),
]

A, B = WEB_PORTS[0], WEB_PORTS[1]


def instance(port):
    return f"http://127.0.0.1:{port}"


def database():
    return psycopg.connect(stack_env()["DATABASE_URL"], autocommit=True)


@pytest.fixture(scope="module")
def site():
    """Page ids and URLs of the stack's demo site."""
    return manage(
        "import json\n"
        "from home.models import StandardPage\n"
        "from intake.models import IntakePage\n"
        "page = StandardPage.objects.live().filter(locale__language_code='nl').order_by('path').first()\n"
        "intake = {p.locale.language_code: p.get_url() for p in IntakePage.objects.live()}\n"
        "print(json.dumps({'page_id': page.pk, 'page_url': page.get_url(), 'page_title': page.title, "
        "'intake': intake}))"
    )


@pytest.fixture(autouse=True)
def stack_is_whole_again():
    """Every test starts and ends with both instances up behind the proxy."""
    for port in WEB_PORTS:
        wait_for(f"{instance(port)}/healthz", seconds=90)
    yield
    for port in WEB_PORTS:
        if not healthy(port):
            stack_script("web-start", str(port))
    wait_for(f"{STACK_URL}/readyz", seconds=90)


# --- 1. publish through instance A: B and the proxy show it at once -------------------------------------


def _admin_login(base):
    login = request("GET", f"{base}/admin/login/")
    cookies = cookies_from(login)
    token = parse_form(login.text).hidden["csrfmiddlewaretoken"]
    password = (STACK_DIR / "admin-password").read_text().strip()
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "admin", "password": password})
    response = request(
        "POST",
        f"{base}/admin/login/",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": _cookie_header(cookies)},
    )
    assert response.status == 302, response.text[:500]
    cookies.update(cookies_from(response))
    assert "sessionid" in cookies
    return cookies


def _cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def _publish_latest_revision(base, cookies, page_id):
    url = f"{base}/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
    confirm = request("GET", url, headers={"Cookie": _cookie_header(cookies)})
    assert confirm.status == 200, confirm.status
    token = parse_form(confirm.text).hidden["csrfmiddlewaretoken"]
    response = request(
        "POST",
        url,
        body=urllib.parse.urlencode({"csrfmiddlewaretoken": token}),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": _cookie_header(cookies)},
    )
    assert response.status == 302, response.text[:500]


def _save_draft(page_id, title):
    return manage(
        "import json\n"
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(pk={page_id}).specific\n"
        f"page.title = {title!r}\n"
        "revision = page.save_revision()\n"
        "print(json.dumps({'revision': revision.pk}))"
    )


def _title_on(base, path):
    response = request("GET", f"{base}{path}", headers={"Host": "127.0.0.1:8080"})
    assert response.status == 200
    return response.text


def test_publish_through_one_instance_is_served_by_the_other_and_the_proxy_at_once(site):
    marker = f"Stack {secrets.token_hex(3)}"
    original = site["page_title"]
    path = site["page_url"]
    cookies = _admin_login(instance(A))
    try:
        _save_draft(site["page_id"], f"{original} {marker}")
        # A draft is not live: nobody serves it yet (and nothing cached it).
        for base in (instance(B), STACK_URL):
            assert marker not in _title_on(base, path)
        _publish_latest_revision(instance(A), cookies, site["page_id"])
        published = time.monotonic()
        for base in (instance(B), STACK_URL, instance(A)):
            assert marker in _title_on(base, path), base
        assert time.monotonic() - published < 10
    finally:
        _save_draft(site["page_id"], original)
        _publish_latest_revision(instance(A), cookies, site["page_id"])
    for base in (instance(B), STACK_URL):
        assert marker not in _title_on(base, path)


# --- 2. 100 questions through the proxy while an instance restarts ----------------------------------------


SUBMISSIONS = 100


def _source_addresses(count):
    """Distinct client addresses on the loopback network: each its own visitor for the rate limit."""
    base = random.randrange(1, 250)  # noqa: S311 - not security
    second = random.randrange(0, 250)  # noqa: S311
    return [f"127.{base}.{second + i // 250}.{1 + i % 250}" for i in range(count)]


def _fill_in(site, number, run, source):
    language = "nl" if number % 2 == 0 else "en"
    url = f"{STACK_URL}{site['intake'][language]}"
    page = request("GET", url, source=source)
    assert page.status == 200, page.status
    form = parse_form(page.text)
    data = {
        **form.hidden,
        "organisation_name": f"Stack {run} {number}",
        "organisation_type": form.radios["organisation_type"][0],
        "contact_name": f"Tester {number}",
        "email": f"stack-{run}-{number}@example.org",
        "phone": "",
        "question": f"Vraag {number} uit de stacktest: hoe schalen we op naar twee instanties?",
        "consent": form.checkboxes["consent"][0],
        "website": "",
    }
    return url, data, cookies_from(page)


def _send(url, data, cookies, source):
    return request(
        "POST",
        url,
        body=urllib.parse.urlencode(data),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": _cookie_header(cookies)},
        source=source,
        timeout=60,
    )


def _mails_for(run):
    """Parsed messages in the mail sink that belong to this run."""
    found = []
    for path in (STACK_DIR / "mail").glob("*.eml"):
        raw = path.read_bytes()
        if f"stack-{run}-".encode() in raw:
            found.append(email.message_from_bytes(raw, policy=policy.default))
    return found


def _nginx_log_lines_since(offset):
    with open(STACK_DIR / "logs" / "nginx-access.log", "rb") as log:
        log.seek(offset)
        return [json.loads(line) for line in log.read().decode().splitlines() if line.strip()]


def test_100_questions_over_both_instances_while_one_restarts(site):
    run = secrets.token_hex(3)
    sources = _source_addresses(SUBMISSIONS)
    log_offset = (STACK_DIR / "logs" / "nginx-access.log").stat().st_size
    with ThreadPoolExecutor(8) as pool:
        forms = list(pool.map(lambda i: _fill_in(site, i, run, sources[i]), range(SUBMISSIONS)))
    time.sleep(3.5)  # a person needs more than INTAKE_MIN_FILL_SECONDS

    restarted = threading.Event()

    def restart_b():
        stack_script("web-restart", str(B))
        restarted.set()

    results = []
    with ThreadPoolExecutor(8) as pool:
        futures = []
        for i, (url, data, cookies) in enumerate(forms):
            futures.append(pool.submit(_send, url, data, cookies, sources[i]))
            if i == 10:
                restarter = threading.Thread(target=restart_b)
                restarter.start()
                time.sleep(1)  # let B begin its graceful stop while questions keep coming
        results = [future.result() for future in futures]
    restarter.join(timeout=180)
    assert restarted.is_set()

    # Every question was taken in: a redirect to the thank-you page, none lost to the restart.
    assert [r.status for r in results] == [303] * SUBMISSIONS
    assert all("?sent=" in r.header("location") for r in results)
    posts = [line for line in _nginx_log_lines_since(log_offset) if line["method"] == "POST"]
    served_by = {line["upstream"].split(", ")[-1] for line in posts}
    assert {f"127.0.0.1:{A}", f"127.0.0.1:{B}"} <= served_by, served_by

    with database() as connection:
        rows = connection.execute(
            "SELECT id, email, language FROM intake_submission WHERE organisation_name LIKE %s",
            [f"Stack {run} %"],
        ).fetchall()
        assert len(rows) == SUBMISSIONS
        assert len({row[1] for row in rows}) == SUBMISSIONS
        assert {row[2] for row in rows} == {"nl", "en"}
        notify = connection.execute(
            "SELECT notification_email FROM intake_intakesettings WHERE notification_email <> '' LIMIT 1"
        ).fetchone()

    expected = SUBMISSIONS * (2 if notify else 1)
    deadline = time.monotonic() + 150  # sent after commit; the outbox sweep retries what failed
    while len(mails := _mails_for(run)) < expected and time.monotonic() < deadline:
        time.sleep(2)
    time.sleep(3)
    mails = _mails_for(run)
    addresses = [f"stack-{run}-{i}@example.org" for i in range(SUBMISSIONS)]
    confirmations = [str(m["To"]) for m in mails if str(m["To"]) in addresses]
    assert sorted(confirmations) == sorted(addresses)  # each sender exactly once
    if notify:
        notifications = [str(m["Reply-To"]) for m in mails if str(m["To"]) == notify[0]]
        assert sorted(notifications) == sorted(addresses)  # the hub exactly once per question
    with database() as connection:
        unsent = connection.execute(
            "SELECT count(*) FROM intake_outgoingemail e JOIN intake_submission s ON s.id = e.submission_id "
            "WHERE s.organisation_name LIKE %s AND e.sent_at IS NULL",
            [f"Stack {run} %"],
        ).fetchone()[0]
    assert unsent == 0


# --- 3. kill -9 of one instance under load ------------------------------------------------------------------


def test_kill_9_of_one_instance_under_load_loses_no_page_request(site, capsys):
    paths = ["/nl/", "/en/", site["page_url"], site["intake"]["nl"], site["intake"]["en"]]
    stop = threading.Event()
    outcomes = []  # (time, ok)
    lock = threading.Lock()

    def visitor(number):
        i = number
        while not stop.is_set():
            path = paths[i % len(paths)]
            i += 1
            started = time.monotonic()
            try:
                ok = request("GET", f"{STACK_URL}{path}", timeout=30).status == 200
            except OSError:
                ok = False
            with lock:
                outcomes.append((started, time.monotonic(), ok))

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(6)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(4)
    victim = pid_of(A)
    killed_at = time.monotonic()
    os.killpg(victim, signal.SIGKILL)  # the master and its workers, as a crash would
    time.sleep(8)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    ended = time.monotonic()

    failed = [o for o in outcomes if not o[2]]
    in_flight = [o for o in failed if o[0] <= killed_at <= o[1]]
    assert len(outcomes) > 20
    assert failed == in_flight, f"{len(failed)} failed, {len(in_flight)} of them in flight at the kill"
    after = [o for o in outcomes if o[0] > killed_at]
    assert after and all(o[2] for o in after)
    with capsys.disabled():
        print(
            f"\n[stack] kill -9 under load: {len(outcomes)} page requests in {ended - began:.1f} s "
            f"({len(outcomes) / (ended - began):.1f} req/s), {len(failed)} failed (in flight: {len(in_flight)})"
        )
    stack_script("web-start", str(A))


# --- 4. readiness when the database is gone; the proxy's page when no instance answers -----------------------


class Forwarder:
    """A TCP forwarder to PostgreSQL that the test can cut (refuse) or turn into a black hole (hang)."""

    def __init__(self, target):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.mode = "forward"
        self.sockets = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.sockets.append(client)
            if self.mode == "forward":
                upstream = socket.create_connection(self.target)
                self.sockets.append(upstream)
                for a, b in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()
            # "hang": accepted, never answered

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self):
        """Drop every connection and refuse new ones, as a stopped database server does."""
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept(); close alone does not
        self.listener.close()
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def instance_via_forwarder():
    """A third app instance (not behind the proxy) whose database connection runs through a Forwarder."""
    import subprocess

    env = stack_env()
    database_url = urllib.parse.urlsplit(env["DATABASE_URL"])
    forwarder = Forwarder((database_url.hostname or "127.0.0.1", database_url.port or 5432))
    netloc = database_url.netloc.rsplit("@", 1)
    user = f"{netloc[0]}@" if len(netloc) == 2 else ""
    env["DATABASE_URL"] = urllib.parse.urlunsplit(database_url._replace(netloc=f"{user}127.0.0.1:{forwarder.port}"))
    port = _free_port()
    env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1", GUNICORN_THREADS="2")
    log = open(STACK_DIR / "logs" / "test-readyz-instance.log", "ab")  # noqa: SIM115
    process = subprocess.Popen(
        [PYTHON, str(ROOT / ".venv" / "bin" / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", seconds=90)
        yield f"http://127.0.0.1:{port}", forwarder
    finally:
        forwarder.cut()
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_readyz_fails_fast_when_the_database_is_unreachable(instance_via_forwarder):
    base, forwarder = instance_via_forwarder
    ready = request("GET", f"{base}/readyz")
    assert ready.status == 200, ready.text
    assert json.loads(ready.body)["checks"]["database"]["ok"] is True

    forwarder.cut()
    started = time.monotonic()
    gone = request("GET", f"{base}/readyz")
    assert gone.status == 503
    body = json.loads(gone.body)
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["cache"]["ok"] is True
    assert gone.header("cache-control") == "no-store"
    assert time.monotonic() - started < 8
    # The process itself is alive: /healthz (no database) still answers.
    assert request("GET", f"{base}/healthz").status == 200


def test_readyz_fails_within_the_timeout_when_the_database_hangs(instance_via_forwarder):
    base, forwarder = instance_via_forwarder
    forwarder.mode = "hang"
    for s in list(forwarder.sockets):  # existing connections stop answering too
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)
    started = time.monotonic()
    response = request("GET", f"{base}/readyz", timeout=30)
    elapsed = time.monotonic() - started
    assert response.status == 503
    assert json.loads(response.body)["checks"]["database"]["ok"] is False
    assert elapsed < 10, f"readyz took {elapsed:.1f} s"


def test_proxy_shows_the_bilingual_503_page_when_no_instance_answers(site):
    with ThreadPoolExecutor(len(WEB_PORTS)) as pool:
        list(pool.map(lambda port: stack_script("web-stop", str(port)), WEB_PORTS))
    for path in ("/nl/", site["page_url"], "/readyz"):
        response = request("GET", f"{STACK_URL}{path}")
        assert response.status == 503, (path, response.status)
        assert "De website is even niet bereikbaar" in response.text
        assert "The website is temporarily unavailable" in response.text
        assert '<section lang="en">' in response.text
        assert response.header("retry-after") == "30"
        assert response.header("cache-control") == "no-store"
    # Static files do not need an instance.
    home_css = next((STACK_DIR / "static" / "css").glob("*.css"))
    assert request("GET", f"{STACK_URL}/static/css/{home_css.name}").status == 200
    with ThreadPoolExecutor(len(WEB_PORTS)) as pool:
        list(pool.map(lambda port: stack_script("web-start", str(port)), WEB_PORTS))
    page = wait_for(f"{STACK_URL}/nl/", seconds=90)
    assert "niet bereikbaar" not in page.text
