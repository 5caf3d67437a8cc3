"""Redis down or hung: pages serve uncached and the intake still stores. Database hung: the bilingual 503."""

import logging
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError
from wagtail.models import Page

from intake import form_guard
from intake.models import Submission
from ops.database_outage import database_circuit
from ops.redis_cache import redis_cache
from ops.security_headers import PUBLIC_POLICY
from tests.fault_servers import ROOT, AppServer, Blackhole, closed_port, free_port, stop

pytestmark = pytest.mark.faults


def _redis_cache(settings, port):
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{port}/5")}


def _one_page_of_each_type():
    """The first live page of every page type, in each language."""
    seen = {}
    for page in Page.objects.live().filter(depth__gt=1).select_related("locale").specific().order_by("path"):
        seen.setdefault((type(page).__name__, page.locale.language_code), page)
    return seen


def _every_public_page_answers(client):
    pages = _one_page_of_each_type()
    assert len({kind for kind, _language in pages}) >= 9
    assert {language for _kind, language in pages} == {"nl", "en"}
    for (kind, language), page in pages.items():
        response = client.get(page.get_url())
        assert response.status_code == 200, (kind, language, response.status_code)
        assert f'<html lang="{language}"' in response.content.decode()
    for url in ("/nl/zoeken/?q=impact", "/en/search/?q=impact"):
        assert client.get(url).status_code == 200
    return len(pages)


def _post_question(client):
    return client.post(
        "/en/your-question/",
        {
            "organisation_name": "Stichting Cacheloos",
            "organisation_type": "company",
            "contact_name": "Kim",
            "email": "kim@example.org",
            "question": "Hoe houden we onze dienstverlening overeind als een onderdeel uitvalt?",
            "consent": "on",
            "form_token": form_guard.new_form_token(shown_at=time.time() - 60),
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize("fault", ["closed port", "blackholed"])
def test_redis_down_or_hung_pages_still_200_in_both_languages_and_intake_stores(client, settings, caplog, fault):
    caplog.set_level(logging.WARNING)
    if fault == "closed port":
        _redis_cache(settings, closed_port())
        begin = time.perf_counter()
        count = _every_public_page_answers(client)
        response = _post_question(client)
        elapsed = time.perf_counter() - begin
    else:
        with Blackhole() as hole:
            _redis_cache(settings, hole.port)
            begin = time.perf_counter()
            count = _every_public_page_answers(client)
            response = _post_question(client)
            elapsed = time.perf_counter() - begin
    print(f"\nRedis {fault}: {count} pages and an intake POST in {elapsed:.1f} s")
    assert response.status_code == 303
    assert Submission.objects.filter(organisation_name="Stichting Cacheloos").exists()
    assert "Cache unavailable" in caplog.text
    assert "rate limit unavailable" in caplog.text
    # One timeout, then the process leaves Redis alone: not a second per cache call.
    assert elapsed < 60


def test_a_hung_redis_costs_one_timeout_and_two_log_records_per_pause(settings, caplog):
    """After the first timeout every cache call fails at once, and the refused calls are not logged."""
    from django.core.cache import cache

    caplog.set_level(logging.WARNING)
    with Blackhole() as hole:
        _redis_cache(settings, hole.port)
        begin = time.perf_counter()
        for number in range(50):
            assert cache.get(f"key-{number}") is None
            cache.set(f"key-{number}", number)
        elapsed = time.perf_counter() - begin
    print(f"\n100 cache calls against a hung Redis in {elapsed:.1f} s")
    assert elapsed < 1 + 1.5  # one 1 s read timeout, then no call waits
    records = [record for record in caplog.records if record.name == "ops.redis_cache"]
    assert [record.getMessage().split(" (")[0] for record in records] == ["Cache unavailable", "Exception ignored"]
    assert "TimeoutError" in records[0].getMessage()


def _timed_get(url):
    begin = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            status, body, headers = response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        status, body, headers = error.code, error.read().decode(), error.headers
    return status, time.perf_counter() - begin, body, headers


def _answers(url):
    try:
        return _timed_get(url)[0] == 200
    except urllib.error.URLError:
        return False


CONCURRENT = 16
BOUND_SECONDS = 3.0  # the promise (README, docs/deploy.md)


@pytest.mark.slow
def test_database_silent_16_requests_at_once_all_get_the_503_within_3_seconds(tmp_path):
    """gunicorn as deployed (deploy/gunicorn.conf.py: 2 processes x 4 threads) before a PostgreSQL that never answers.

    16 requests at once: 8 threads meet the connect timeout, the other 8 wait for a thread. Each
    process's circuit opens at its first timeout, so the waiting ones are answered at once
    instead of waiting for a timeout of their own.
    """
    port = free_port()
    with Blackhole() as hole:
        env = {
            **AppServer({}, tmp_path / "unused.log").env,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{hole.port}/sif_unreachable",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "4",
        }
        with open(tmp_path / "gunicorn.log", "ab") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                base = f"http://127.0.0.1:{port}"
                deadline = time.monotonic() + 60
                while not _answers(base + "/healthz"):  # /healthz needs no database
                    assert time.monotonic() < deadline and server.poll() is None, "gunicorn did not start"
                    time.sleep(0.3)
                paths = ["/nl/", "/en/", "/nl/programmas/", "/en/programmes/"] * (CONCURRENT // 4)
                with ThreadPoolExecutor(CONCURRENT) as pool:
                    results = list(pool.map(lambda path: _timed_get(base + path), paths))
                later = [_timed_get(base + path) for path in ("/nl/", "/en/cases/", "/nl/cases/") * 2]
            finally:
                stop(server)
    seconds = sorted(elapsed for _status, elapsed, _body, _headers in results)
    print(
        f"\ndatabase silent, {CONCURRENT} requests at once, 2 x 4 gunicorn threads: fastest {seconds[0]:.2f} s, "
        f"median {seconds[len(seconds) // 2]:.2f} s, slowest {seconds[-1]:.2f} s; "
        f"then one at a time: {', '.join(f'{result[1] * 1000:.0f}' for result in later)} ms"
    )
    for status, _elapsed, body, headers in results + later:
        assert status == 503
        assert "De website is even niet beschikbaar" in body and "The website is temporarily unavailable" in body
        assert headers["Content-Security-Policy"] == PUBLIC_POLICY
        assert headers["X-Frame-Options"] == "DENY"
    assert seconds[-1] < BOUND_SECONDS
    assert all(elapsed < BOUND_SECONDS for _status, elapsed, _body, _headers in later)
    # The circuits are open: no more waiting (a process that got none of the 16 waits once, for its own).
    assert sum(elapsed > 1 for _status, elapsed, _body, _headers in later) <= 1
    log = (tmp_path / "gunicorn.log").read_text()
    assert "Database unreachable (OperationalError)" in log


@pytest.fixture
def closed_circuit():
    database_circuit.reset()
    yield database_circuit
    database_circuit.reset()


@pytest.mark.django_db
def test_the_open_circuit_answers_without_the_database_until_a_probe_connects(
    client, site_tree, settings, closed_circuit, django_assert_num_queries
):
    settings.DATABASE_PROBE_SECONDS = 60
    closed_circuit.trip(OperationalError("connection timeout expired"))
    with django_assert_num_queries(0):
        response = client.get("/nl/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Security-Policy"] == PUBLIC_POLICY and response["X-Frame-Options"] == "DENY"
    # The probe is due: this request connects first, the circuit closes, and the page is served.
    settings.DATABASE_PROBE_SECONDS = 0
    closed_circuit.trip(OperationalError("connection timeout expired"))
    assert client.get("/nl/").status_code == 200
    assert not closed_circuit.is_open


@pytest.mark.django_db
def test_a_failed_probe_keeps_the_circuit_open(client, site_tree, settings, closed_circuit, monkeypatch):
    from django.db import connections

    settings.DATABASE_PROBE_SECONDS = 0
    closed_circuit.trip(OperationalError("connection timeout expired"))

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)
    assert client.get("/en/").status_code == 503
    assert closed_circuit.is_open


def test_database_blackholed_answers_the_bilingual_503_within_5_seconds(tmp_path):
    with Blackhole() as hole:
        env = {"DATABASE_URL": f"postgres://postgres@127.0.0.1:{hole.port}/sif_unreachable"}
        with AppServer(env, tmp_path / "app.log") as app:
            for path in ("/nl/", "/en/programmes/"):
                begin = time.perf_counter()
                status, html = app.get(path, timeout=30)
                elapsed = time.perf_counter() - begin
                print(f"\ndatabase blackholed: {path} answered {status} in {elapsed:.1f} s")
                assert status == 503
                assert "De website is even niet beschikbaar" in html
                assert "The website is temporarily unavailable" in html
                assert elapsed < 5
        log = (tmp_path / "app.log").read_text()
        assert "Database unavailable (OperationalError)" in log
        assert "Traceback" not in log.split("Database unavailable")[-1]  # handled, not crashed


def test_503_page_renders_without_database_or_request():
    from django.template.loader import render_to_string

    html = render_to_string("503.html")
    assert '<html lang="nl">' in html and '<section lang="en">' in html
    assert "probeer het over een paar minuten opnieuw" in html
    assert "please try again in a few minutes" in html


@pytest.mark.django_db
def test_a_database_error_in_a_view_answers_the_503_page_not_a_500(client):
    from unittest import mock

    from django.db import OperationalError

    with mock.patch("search.query.documents", side_effect=OperationalError("server closed the connection")):
        response = client.get("/en/search/", {"q": "impact"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Security-Policy"] == PUBLIC_POLICY and response["X-Frame-Options"] == "DENY"
    html = response.content.decode()
    assert "De website is even niet beschikbaar" in html and "The website is temporarily unavailable" in html
    assert not database_circuit.is_open  # a failed query is not a failed connection
