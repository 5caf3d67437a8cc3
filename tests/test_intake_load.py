"""Many questions at once on PostgreSQL: nothing lost, nothing doubled.

These tests commit for real (threads each have their own database
connection, so a test transaction cannot hold their work). They run outside
pytest-django's per-test transaction and remove exactly the rows they made,
so the session's demo content stays for the other tests (a transactional
test would flush it). All database work runs in worker threads: the browser
tests' Playwright loop in the main thread makes Django refuse synchronous
database calls there.
"""

import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from intake import form_guard
from intake.mail import send_due
from intake.models import OutgoingEmail, Submission
from tests.helpers import in_thread

pytestmark = [pytest.mark.postgres, pytest.mark.django_db, pytest.mark.usefixtures("demo")]

THREADS = 8
SUBMISSIONS = 200


def _last_pk():
    return Submission.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def committed_db(django_db_setup, django_db_blocker, settings):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL (row locks and real concurrency); run with DATABASE_URL=postgres://...")
    settings.INTAKE_RATE_LIMIT_PER_HOUR = 10 * SUBMISSIONS
    with django_db_blocker.unblock():
        before = in_thread(_last_pk)
        try:
            yield
        finally:
            in_thread(lambda: Submission.objects.filter(pk__gt=before).delete())


def _post_many(count, offset):
    client = Client()
    codes = []
    try:
        for index in range(offset, offset + count):
            url = "/nl/vraagstuk/" if index % 2 else "/en/your-question/"
            response = client.post(
                url,
                {
                    "organisation_name": f"Organisatie {index}",
                    "organisation_type": "company",
                    "contact_name": f"Contact {index}",
                    "email": f"contact{index}@example.org",
                    "question": f"Vraagstuk nummer {index}: hoe maken we onze inkoop socialer?",
                    "consent": "on",
                    "form_token": form_guard.new_form_token(shown_at=time.time() - 60),  # one per shown form
                },
            )
            codes.append(response.status_code)
    finally:
        connection.close()
    return codes


def _stored_counts():
    """(distinct e-mail addresses of the new submissions, their e-mails marked sent)."""
    new = Submission.objects.filter(organisation_name__startswith="Organisatie ")
    addresses = set(new.values_list("email", flat=True))
    assert new.count() == len(addresses)
    return len(addresses), OutgoingEmail.objects.filter(submission__in=new, sent_at__isnull=False).count()


def test_200_questions_from_8_threads_make_200_submissions_and_400_emails(committed_db):
    per_thread = SUBMISSIONS // THREADS
    start = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(_post_many, [per_thread] * THREADS, range(0, SUBMISSIONS, per_thread)))
    elapsed = time.perf_counter() - start
    codes = [code for result in results for code in result]
    assert codes == [303] * SUBMISSIONS

    in_thread(lambda: call_command("send_intake_mail", stdout=io.StringIO()))
    emails, sent = in_thread(_stored_counts)
    assert emails == SUBMISSIONS
    assert sent == 2 * SUBMISSIONS
    assert len(mail.outbox) == 2 * SUBMISSIONS
    confirmations = sorted(m.to[0] for m in mail.outbox if m.to != ["intake@sif.example"])
    assert confirmations == sorted(f"contact{i}@example.org" for i in range(SUBMISSIONS))
    print(f"\n{SUBMISSIONS} submissions from {THREADS} threads in {elapsed:.1f} s, {2 * SUBMISSIONS} e-mails")


def test_send_runs_at_once_never_send_an_email_twice(committed_db):
    with mock.patch("intake.mail.EmailMultiAlternatives.send", side_effect=OSError):
        assert in_thread(_post_many, 30, 1000) == [303] * 30
    assert not mail.outbox
    in_thread(lambda: OutgoingEmail.objects.update(next_attempt_at=timezone.now() - timedelta(minutes=5)))
    barrier = threading.Barrier(4)

    def run():
        try:
            barrier.wait()
            return send_due()
        finally:
            connection.close()

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: run(), range(4)))
    assert sum(sent for sent, _failed in results) == 60
    assert len(mail.outbox) == 60
    assert len({(m.to[0], m.subject, m.body) for m in mail.outbox}) == 60
