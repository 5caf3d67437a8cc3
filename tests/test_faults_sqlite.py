"""SQLite, the embedded default, under concurrent writers: they wait their turn, nobody fails.

Four app processes (tests/wsgi_server.py, a thread per request) and two task workers
(``manage.py db_worker``, overlapping on purpose) share one SQLite file, a copy of the
test database with the small site of tests/factories.py. 8 threads send 200 questions; every question is
stored, all 400 e-mails reach the fake SMTP server once, and no log says "database is
locked". Then a write lock is held for 6 s: a question sent meanwhile waits and is stored.
"""

import sqlite3
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest
from django.db import connection

from intake import form_guard
from tests.fault_servers import AppServer, FakeSMTPServer, manage, stop

pytestmark = [pytest.mark.django_db, pytest.mark.faults]

APP_WORKERS = 4
TASK_WORKERS = 2
THREADS = 8
POSTS = 200
CSRF = "f" * 32  # an unmasked CSRF secret, as cookie and as form field


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _post(base_url, index):
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": CSRF,
            "organisation_name": f"Gelijktijdig {index}",
            "organisation_type": "company",
            "contact_name": f"Contact {index}",
            "email": f"sqlite{index}@example.org",
            "question": f"Vraagstuk {index}: hoe maken we onze inkoop socialer en eerlijker?",
            "consent": "on",
            "form_token": form_guard.new_form_token(shown_at=time.time() - 60),
        }
    ).encode()
    path = "/nl/vraagstuk/" if index % 2 else "/en/your-question/"
    request = urllib.request.Request(base_url + path, data=data, headers={"Cookie": f"csrftoken={CSRF}"})  # noqa: S310
    try:
        with _opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _copy_test_database(target):
    """The test database (the small site included) into a file the subprocesses can share."""
    connection.ensure_connection()
    # serialize(), not backup(): the test's open transaction keeps backup() waiting for its lock forever.
    target.write_bytes(connection.connection.serialize())
    # As `migrate` leaves a real database: in WAL mode before any server opens it. Switching
    # the journal mode needs the database to itself; with 8 first requests and two workers
    # racing to switch a fresh copy, two requests met "database is locked" (a CI run: 503s).
    with sqlite3.connect(target) as db:
        assert db.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"


def _count(db, sql):
    with sqlite3.connect(db) as reader:
        return reader.execute(sql).fetchone()[0]


def test_sqlite_with_4_app_workers_and_2_task_workers_stores_200_questions_and_sends_400_mails(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's locking is what this test is about")
    db = tmp_path / "db.sqlite3"
    _copy_test_database(db)
    logs = []
    with ExitStack() as stack:
        smtp = stack.enter_context(FakeSMTPServer())
        env = {
            "DATABASE_URL": f"sqlite:///{db}",
            "FAULT_SMTP_PORT": str(smtp.port),
            "INTAKE_RATE_LIMIT_PER_HOUR": "100000",
        }
        apps = [AppServer(env, tmp_path / f"app{number}.log") for number in range(APP_WORKERS)]
        logs.extend(app.log_path for app in apps)
        workers = []
        for number in range(TASK_WORKERS):
            logs.append(tmp_path / f"worker{number}.log")
            args = ["db_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay", "--worker-id", f"w{number}"]
            workers.append(manage(args, env, logs[-1]))
            stack.callback(stop, workers[-1])
        AppServer.started(stack, apps)  # the four start side by side, while the task workers start too

        begin = time.perf_counter()
        with ThreadPoolExecutor(THREADS) as pool:
            codes = list(pool.map(lambda i: _post(apps[i % APP_WORKERS].url, i), range(POSTS)))
        posting = time.perf_counter() - begin
        assert codes == [303] * POSTS

        deadline = time.monotonic() + 240
        while len(smtp.keys()) < 2 * POSTS and time.monotonic() < deadline:
            time.sleep(0.5)
        mailing = time.perf_counter() - begin
        keys = smtp.keys()
        print(
            f"\nSQLite, {APP_WORKERS} app workers, {TASK_WORKERS} task workers: {POSTS} POSTs from {THREADS} "
            f"threads in {posting:.1f} s; {len(keys)} mails sent after {mailing:.1f} s"
        )
        assert len(keys) == 2 * POSTS
        assert len(set(keys)) == 2 * POSTS  # never twice, with two workers overlapping

        # A write lock held for longer than 5 s: the question waits (busy timeout 20 s), then is stored.
        holder = sqlite3.connect(db, timeout=30, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        threading.Timer(6, holder.rollback).start()
        begin = time.perf_counter()
        assert _post(apps[0].url, POSTS) == 303
        waited = time.perf_counter() - begin
        print(f"a question sent while a write lock was held for 6 s answered after {waited:.1f} s")
        holder.close()

        for worker in workers:
            stop(worker)

    stored = _count(db, "SELECT count(*) FROM intake_submission WHERE organisation_name LIKE 'Gelijktijdig %'")
    assert stored == POSTS + 1
    unsent = _count(db, "SELECT count(*) FROM intake_outgoingemail WHERE sent_at IS NULL")
    assert unsent <= 2  # only the last question's e-mails may still wait: the workers were stopped
    failed = _count(db, "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'")
    assert failed == 0
    locked = sum(path.read_text(errors="replace").count("database is locked") for path in logs)
    assert locked == 0
