"""A mail server that never answers, or answers slowly: the intake answers at once, the mail goes later.

The real path of production: the intake POST stores the submission and its outbox
and enqueues a task in the database backend (django-tasks-db); the worker
(``db_worker``'s own ``Worker``) sends over SMTP to a fake server on a free port.
"""

import io
import time

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from intake import spam
from intake.models import OutgoingEmail, Submission
from tests.fault_servers import FakeSMTPServer
from tests.helpers import DATABASE_TASKS, run_task_worker

pytestmark = [pytest.mark.django_db, pytest.mark.faults]

POSTS = 20
POST_BOUND_SECONDS = 5.0  # generous on a loaded machine (a hung server used to cost 20 s); figures are printed


@pytest.fixture
def production_mail(settings):
    """The database task backend and SMTP with short timeouts; the server is the test's."""
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 1
    settings.EMAIL_USE_TLS = False
    settings.INTAKE_MAIL_RETRY_SECONDS = 1
    settings.INTAKE_RATE_LIMIT_PER_HOUR = 1000
    return settings


def post_question(client, capture, index):
    started = spam.form_timestamp(started_at=time.time() - 60)
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
                "started": started,
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
