"""Registration for events under concurrency on PostgreSQL: twenty people at once for five seats.

Apart from test_agenda_registration.py because these tests commit, and that module's tests share content
in a transaction of their own (``module_content``), whose locks these threads would wait on.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.db import connection

from agenda.registrations import Registration, RegistrationStatus
from intake import form_guard
from tests.agenda_factories import add_event, make_agenda
from tests.helpers import in_thread
from tests.test_agenda_registration import NOW, emails, form_data

pytestmark = pytest.mark.django_db

Status = RegistrationStatus


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


# Concurrency on PostgreSQL ---------------------------------------------------------------------
#
# These commit for real: each thread has its own database connection, so the test's transaction cannot
# hold their work. Everything is made and removed in threads (as in test_intake_load.py), so the session's
# small site stays for the other tests (a transactional test would flush it).


@pytest.fixture
def committed_event(site_tree, settings):
    """An event with 5 seats in both languages, committed; removed afterwards with its registrations and mails."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL (row locks and real concurrency); run with DATABASE_URL=postgres://...")
    settings.INTAKE_RATE_LIMIT_PER_HOUR = 1000

    def make():
        agenda = make_agenda(site_tree)
        return agenda, add_event(agenda, "Vol", capacity=5)

    agenda, (nl, en) = in_thread(make)
    try:
        yield nl, en
    finally:

        def remove():
            pks = list(Registration.objects.filter(event=nl).values_list("pk", flat=True))
            emails().filter(about_id__in=pks).delete()
            Registration.objects.filter(pk__in=pks).delete()
            for page in (agenda["en"], agenda["nl"]):
                type(page).objects.get(pk=page.pk).delete()

        in_thread(remove)


def _post_at_once(page, number, barrier):
    from django.db import connection as own
    from django.test import Client

    client = Client()
    data = form_data(
        email=f"p{number}@example.org", form_token=form_guard.new_form_token(shown_at=NOW.timestamp() - 60)
    )
    try:
        barrier.wait()
        return client.post(page.url, data).status_code
    finally:
        own.close()


@pytest.mark.postgres
def test_twenty_simultaneous_registrations_for_five_seats(committed_event):
    nl, en = committed_event
    barrier = threading.Barrier(20)
    with ThreadPoolExecutor(20) as pool:
        codes = list(pool.map(lambda n: _post_at_once(nl if n % 2 else en, n, barrier), range(20)))
    assert codes == [303] * 20

    def stored():
        rows = Registration.objects.filter(event=nl)
        return (
            sorted(rows.values_list("email", flat=True)),
            sorted(rows.values_list("status", flat=True)),
            sorted(rows.filter(seat__isnull=False).values_list("seat", flat=True)),
        )

    addresses, statuses, seat_numbers = in_thread(stored)
    assert addresses == sorted(f"p{number}@example.org" for number in range(20))  # none lost, none doubled
    assert statuses.count(Status.REGISTERED) == 5 and statuses.count(Status.WAITING) == 15
    assert seat_numbers == [1, 2, 3, 4, 5]
