"""Wagtail's per-object index tasks, run on the worker only while their object still exists.

Wagtail queues a reference-index and a search-index update for every saved object. Saving a
page with inline children (partners, phases, services used) deletes and recreates those rows,
and the demo loader saves many pages in a row: by the time the worker picks up such a task
its object may be gone. Wagtail's task then fails with ``DoesNotExist``, a traceback in the
worker's output (44 on a first ``make run``) and a FAILED row, although there is nothing left
to index. ``DatabaseBackend`` queues those two tasks through ``for_existing_object``, which
skips a deleted object with one log line and runs Wagtail's own task otherwise
(the backend is in ``ops/task_backend.py``: the ``@task`` here needs the backend loaded).

``recover_interrupted_tasks`` gives back the tasks a dead worker left RUNNING (the worker
calls it when it starts, ``ops/management/commands/db_worker.py``; the intake sweep too).
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

logger = logging.getLogger(__name__)

OBJECT_TASKS = frozenset(
    {
        "wagtail.tasks.update_reference_index_task",
        "modelsearch.tasks.insert_or_update_object_task",
    }
)


@task()
def for_existing_object(task_path, app_label, model_name, pk):
    if task_path not in OBJECT_TASKS:
        raise ValueError(f"not an object task: {task_path}")
    model = apps.get_model(app_label, model_name)
    if not model._default_manager.filter(pk=pk).exists():
        logger.info("Skipped %s: %s.%s %s was deleted before its turn", task_path, app_label, model_name, pk)
        return False
    import_string(task_path).call(app_label, model_name, pk)
    return True


class WorkerDied(Exception):  # noqa: N818 - what happened, as the task's recorded error
    """Recorded on a task that a worker was running when it died, once it has been tried ``MAX_TASK_RUNS`` times."""


MAX_TASK_RUNS = 3


def running_limit():
    """After this long a RUNNING task counts as abandoned, whichever worker ran it (no task here takes minutes)."""
    return timedelta(seconds=getattr(settings, "TASK_RUNNING_LIMIT_SECONDS", 3600))


def recover_interrupted_tasks(worker_id=None, now=None):
    """Give back the tasks that a dead worker left RUNNING: to the queue, or failed after ``MAX_TASK_RUNS`` runs.

    A worker killed in the middle of a task (``kill -9``, out of memory, a power cut) leaves its
    row RUNNING for good, and nobody runs it again. The worker calls this when it starts with the
    id of its previous life (``--worker-id``, fixed per service): whatever that id still holds is
    certainly abandoned. Rows RUNNING for longer than ``TASK_RUNNING_LIMIT_SECONDS`` are taken
    back too (a worker that never came back); the sweep timer calls this for those. Running a
    task again is safe here: the intake mail claims each e-mail, and Wagtail's index tasks redo
    the same work. A task that was running each time a worker died is not tried again.
    Returns (requeued, failed).
    """
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    running = DBTaskResult.objects.running()
    abandoned = [
        row
        for row in running.only("id", "worker_ids", "started_at", "task_path")
        if (worker_id and row.worker_ids and row.worker_ids[-1] == worker_id)
        or (row.started_at and row.started_at < now - running_limit())
    ]
    requeued = failed = 0
    for row in abandoned:
        unchanged = DBTaskResult.objects.running().filter(pk=row.pk, started_at=row.started_at)
        if len(row.worker_ids) >= MAX_TASK_RUNS:
            row.set_failed(WorkerDied(f"the worker died running this task {len(row.worker_ids)} times"))
            failed += 1
            logger.error("Task %s (%s) failed: its worker died each of %d runs", row.pk, row.task_path, MAX_TASK_RUNS)
        elif unchanged.update(status="READY", started_at=None):
            requeued += 1
            logger.warning("Task %s (%s) was left running by a worker that died; queued again", row.pk, row.task_path)
    return requeued, failed
