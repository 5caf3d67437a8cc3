"""Wagtail's index tasks on the worker: an object deleted before its turn is skipped, not a failure.

A first ``make run`` printed 44 tracebacks: the demo loader saves pages whose inline rows
(partners, phases, case themes) are deleted and recreated, and the worker then met
reference-index and search-index tasks for rows that no longer existed (ops/tasks.py).
"""

import pytest
from django_tasks_db.models import DBTaskResult
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.tasks import update_reference_index_task

from cases.models import CaseTheme
from tests.helpers import DATABASE_TASKS, run_task_worker

pytestmark = [pytest.mark.django_db, pytest.mark.db_differs]  # the database task worker


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def test_tasks_for_deleted_and_living_objects_all_succeed(site_tree, database_tasks):
    link = CaseTheme.objects.first()
    gone_pk = link.pk
    living = CaseTheme.objects.exclude(pk=gone_pk).first()
    DBTaskResult.objects.all().delete()
    ReferenceIndex.objects.all().delete()

    update_reference_index_task.enqueue("cases", "casetheme", gone_pk)
    update_reference_index_task.enqueue("cases", "casetheme", living.pk)
    case = living.page
    insert_or_update_object_task.enqueue("cases", "casepage", case.pk)
    insert_or_update_object_task.enqueue("cases", "casepage", case.pk + 10_000)  # a page deleted meanwhile
    link.delete()

    paths = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert paths == {"ops.tasks.for_existing_object"}
    run_task_worker()

    results = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [result.status for result in results] == ["SUCCESSFUL"] * 4
    assert sorted(result.return_value for result in results) == [False, False, True, True]
    # The living row's task really ran Wagtail's reference indexing (for the page that holds it).
    assert ReferenceIndex.objects.filter(object_id=str(living.page_id)).exists()


def test_other_tasks_are_queued_as_they_are(site_tree, database_tasks):
    from intake.tasks import send_intake_mail

    DBTaskResult.objects.all().delete()
    send_intake_mail.enqueue([])
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == ["intake.tasks.send_intake_mail"]
