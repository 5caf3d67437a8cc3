"""Wagtail's per-object index tasks, run on the worker only while their object still exists.

Wagtail queues a reference-index and a search-index update for every saved object. Saving a
page with inline children (partners, phases, services used) deletes and recreates those rows,
and the demo loader saves many pages in a row: by the time the worker picks up such a task
its object may be gone. Wagtail's task then fails with ``DoesNotExist``, a traceback in the
worker's output (44 on a first ``make run``) and a FAILED row, although there is nothing left
to index. ``DatabaseBackend`` queues those two tasks through ``for_existing_object``, which
skips a deleted object with one log line and runs Wagtail's own task otherwise
(the backend is in ``ops/task_backend.py``: the ``@task`` here needs the backend loaded).
"""

import logging

from django.apps import apps
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
