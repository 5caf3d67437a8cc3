"""A mail server that never answers, answers slowly or is slow to accept, and a worker killed while sending.

The real path of production: the intake POST stores the submission and its outbox
and enqueues a task in the database backend (django-tasks-db); the worker
(``db_worker``'s own ``Worker``, or ``manage.py db_worker`` in a subprocess that is
killed) sends over SMTP, with the production backend, to a fake server on a free port.
Each message must reach the server once: a message the server may have taken is
not sent again on its own.
"""

import io
import logging
import signal
import sqlite3
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from intake import form_guard
from intake.models import OutgoingEmail, Submission
from tests.fault_servers import FakeSMTPServer, manage, stop
from tests.helpers import DATABASE_TASKS, run_task_worker

pytestmark = [pytest.mark.django_db, pytest.mark.faults, pytest.mark.db_differs]  # the outbox worker's locking

POSTS = 20
POST_BOUND_SECONDS = 5.0  # generous on a loaded machine (a hung server must not cost its 20 s); figures are printed


@pytest.fixture
def production_mail(settings):
    """The database task backend and SMTP with short timeouts; the server is the test's."""
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "ops.mail_backend.SMTPBackend"  # as config/settings/production.py
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 1
    settings.EMAIL_DATA_TIMEOUT = 10
    settings.EMAIL_USE_TLS = False
    settings.INTAKE_MAIL_RETRY_SECONDS = 1
    settings.INTAKE_RATE_LIMIT_PER_HOUR = 1000
    return settings


def post_question(client, capture, index):
    started = form_guard.new_form_token(shown_at=time.time() - 60)
    url = "/nl/vraagstuk/" if index % 2 else "/en/your-question/"
    begin = time.perf_counter()
    with capture(execute=True):  # the commit's callbacks (the enqueue) run, as in a real request
        response = client.post(
            url,
            {
                "organisation_name": f"Organisatie {index}",
                "organisation_type": "company",
                "contact_name": f"Contact {index}",
                "email": f"contact{index}@example.org",
                "question": f"Vraagstuk nummer {index}: hoe maken we onze inkoop socialer?",
                "consent": "on",
                "form_token": started,
            },
        )
    return response.status_code, time.perf_counter() - begin


@pytest.mark.parametrize("mode", ["silent", "slow"])
def test_intake_answers_fast_while_the_mail_server_hangs_and_every_mail_goes_once_after(
    client, django_capture_on_commit_callbacks, production_mail, mode
):
    with FakeSMTPServer(mode=mode, slow_seconds=8) as smtp:
        production_mail.EMAIL_PORT = smtp.port
        results = [post_question(client, django_capture_on_commit_callbacks, i) for i in range(POSTS)]
        codes = [code for code, _seconds in results]
        seconds = sorted(s for _code, s in results)
        print(
            f"\nSMTP {mode}: {POSTS} intake POSTs, median {seconds[POSTS // 2] * 1000:.0f} ms, "
            f"slowest {seconds[-1] * 1000:.0f} ms"
        )
        assert codes == [303] * POSTS
        assert seconds[-1] < POST_BOUND_SECONDS
        assert smtp.connections == 0  # the requests never talked to the mail server
        assert Submission.objects.count() == POSTS
        assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 2 * POSTS
        mail_tasks = DBTaskResult.objects.filter(task_path="intake.tasks.send_intake_mail")
        assert mail_tasks.ready().count() == POSTS  # beside them, Wagtail's own tasks (search index, references)

        # The worker meets the hanging server: it gives up after the timeout and plans a retry.
        begin = time.perf_counter()
        run_task_worker(max_tasks=2)
        assert time.perf_counter() - begin < 10
        failed = OutgoingEmail.objects.exclude(last_error="")
        assert failed.count() == 2
        assert all(e.sent_at is None and e.attempts == 1 for e in failed)
        assert not smtp.messages

        # The server recovers; once the (short, in this test) pause has passed, all mail goes, once.
        smtp.mode = "healthy"
        time.sleep(1.2)
        run_task_worker()
        assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 0
        keys = smtp.keys()
        assert len(keys) == 2 * POSTS
        assert len(set(keys)) == 2 * POSTS
        confirmations = sorted(to[0] for to, _subject, _body in keys if to[0].startswith("contact"))
        assert confirmations == sorted(f"contact{i}@example.org" for i in range(POSTS))

        # More runs (worker, sweep) find nothing to send: never twice.
        run_task_worker()
        call_command("send_intake_mail", stdout=io.StringIO())
        assert len(smtp.keys()) == 2 * POSTS
        assert not DBTaskResult.objects.filter(status="FAILED").exists()


def test_the_sweep_sends_mail_whose_task_was_lost(client, django_capture_on_commit_callbacks, production_mail):
    with FakeSMTPServer() as smtp:
        production_mail.EMAIL_PORT = smtp.port
        post_question(client, django_capture_on_commit_callbacks, 1)
        DBTaskResult.objects.all().delete()  # the worker died with it, or enqueueing failed
        out = io.StringIO()
        call_command("send_intake_mail", stdout=out)
        assert "2 sent" in out.getvalue()
        assert len(smtp.keys()) == 2


def _sweep():
    out = io.StringIO()
    call_command("send_intake_mail", stdout=out)
    return out.getvalue()


def test_a_server_slow_to_accept_gets_each_message_once(client, django_capture_on_commit_callbacks, production_mail):
    """It keeps the message and says "250" only after 3 s, longer than EMAIL_TIMEOUT (1 s): the worker waits for it."""
    with FakeSMTPServer(accept_seconds=3) as smtp:
        production_mail.EMAIL_PORT = smtp.port
        post_question(client, django_capture_on_commit_callbacks, 1)
        begin = time.perf_counter()
        run_task_worker()
        print(f"\nSMTP slow to accept (3 s): 2 mails sent in {time.perf_counter() - begin:.1f} s")
        time.sleep(1.2)  # past the first retry pause, had anything failed
        run_task_worker()
        _sweep()
        assert len(smtp.keys()) == 2
        assert len(set(smtp.message_ids())) == 2
        assert OutgoingEmail.objects.filter(sent_at__isnull=False).count() == 2


def test_no_answer_after_the_message_is_maybe_sent_never_sent_again_on_its_own(
    client, django_capture_on_commit_callbacks, production_mail, caplog
):
    """The server keeps the message but its "250" comes after EMAIL_DATA_TIMEOUT: maybe sent, for an operator."""
    production_mail.EMAIL_DATA_TIMEOUT = 2
    caplog.set_level(logging.WARNING, logger="intake.mail")
    with FakeSMTPServer(accept_seconds=30) as smtp:
        production_mail.EMAIL_PORT = smtp.port
        post_question(client, django_capture_on_commit_callbacks, 1)
        run_task_worker()
        assert len(smtp.keys()) == 2  # the server has both
        maybe = OutgoingEmail.objects.maybe_sent()
        assert maybe.count() == 2
        assert "may have been sent" in caplog.text

        # Retries, the task and the sweep, long after every pause: nothing is sent again.
        smtp.accept_seconds = 0
        time.sleep(1.5)
        run_task_worker()
        out = _sweep()
        assert "2 may have been sent" in out
        assert len(smtp.keys()) == 2

        # The operator sees them and decides: one arrived, the other is sent again with its own Message-ID.
        listing = io.StringIO()
        call_command("send_intake_mail", "--maybe-sent", stdout=listing)
        first, second = maybe.order_by("pk")
        assert f"{first.pk}\t" in listing.getvalue() and first.message_id in listing.getvalue()
        call_command("send_intake_mail", "--mark-sent", str(first.pk), stdout=io.StringIO())
        call_command("send_intake_mail", "--resend", str(second.pk), stdout=io.StringIO())
        assert "1 sent" in _sweep()
        ids = smtp.message_ids()
        assert len(ids) == 3 and ids.count(second.message_id) == 2
        assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 0


# A worker killed while sending -----------------------------------------------------------------------------


def _copy_database(target):
    """The test database into a file that a worker in a subprocess can use (SQLite: see test_faults_sqlite)."""
    connection.ensure_connection()
    target.write_bytes(connection.connection.serialize())
    with sqlite3.connect(target) as db:
        db.execute("PRAGMA journal_mode=WAL")


def _rows(db, sql):
    with sqlite3.connect(db, timeout=30) as reader:
        return reader.execute(sql).fetchall()


def _wait_for(condition, seconds=40):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _start_worker(env, log):
    args = ["db_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay", "--worker-id", "w1"]
    return manage(args, env, log)


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["before the message went", "after the message went"])
def test_a_worker_killed_while_sending_sends_nothing_twice_and_leaves_no_task_running(
    client, django_capture_on_commit_callbacks, production_mail, tmp_path, moment
):
    """kill -9 in the middle of an SMTP session; the service manager starts the worker again (same id).

    Before the message went (the server is waiting for DATA), the e-mail is sent once after
    its claim lapses. After the message went (the server has it; its "250" is slow), the
    e-mail is "maybe sent" and is not sent again. Either way the task's row does not stay RUNNING.
    """
    if connection.vendor != "sqlite":
        pytest.skip("the worker subprocess shares a copy of the SQLite test database")
    post_question(client, django_capture_on_commit_callbacks, 1)
    db = tmp_path / "db.sqlite3"
    _copy_database(db)
    before = moment.startswith("before")
    with FakeSMTPServer(stall_on_data=before, accept_seconds=0 if before else 60) as smtp:
        env = {
            "DATABASE_URL": f"sqlite:///{db}",
            "FAULT_SMTP_PORT": str(smtp.port),
            "FAULT_CLAIM_LEASE_SECONDS": "3",
            "FAULT_MAIL_RETRY_SECONDS": "1",
            "FAULT_EMAIL_DATA_TIMEOUT": "120",
        }
        worker = _start_worker(env, tmp_path / "worker.log")
        try:
            assert (smtp.stalled if before else smtp.stored).wait(60), (tmp_path / "worker.log").read_text()
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
            running = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
            assert _rows(db, running) == [(1,)]  # what the killed worker left behind

            smtp.stall_on_data, smtp.accept_seconds = False, 0  # the server is well again
            worker = _start_worker(env, tmp_path / "worker.log")
            # The restarted worker queues its task again and sends what is left.
            assert _wait_for(lambda: len(smtp.keys()) >= 2), (tmp_path / "worker.log").read_text()
            time.sleep(4)  # past the claim lease and a retry pause: anything due would have gone by now
            sweep = manage(["send_intake_mail"], env, tmp_path / "sweep.log")
            sweep.wait(timeout=60)
        finally:
            stop(worker)
        keys = smtp.keys()
        print(f"\nworker killed {moment}: {len(keys)} messages at the server")
        assert len(keys) == 2 and len(set(keys)) == 2
        assert _rows(db, running) == [(0,)]
        unsent = "SELECT count(*) FROM intake_outgoingemail WHERE sent_at IS NULL AND handed_over_at IS NULL"
        maybe = "SELECT count(*) FROM intake_outgoingemail WHERE sent_at IS NULL AND handed_over_at IS NOT NULL"
        assert _rows(db, unsent) == [(0,)]
        assert _rows(db, maybe) == ([(0,)] if before else [(1,)])
        if not before:
            assert "1 may have been sent" in (tmp_path / "sweep.log").read_text()
