"""The task backend: django-tasks-db's, with Wagtail's per-object index tasks wrapped (ops/tasks.py)."""

import django_tasks_db


class DatabaseBackend(django_tasks_db.DatabaseBackend):
    """django-tasks-db's backend; Wagtail's per-object index tasks go through ``for_existing_object``."""

    def enqueue(self, task, args, kwargs):
        from .tasks import OBJECT_TASKS, for_existing_object

        if task.module_path in OBJECT_TASKS and len(args) == 3 and not kwargs:
            wrapper = for_existing_object.using(
                priority=task.priority, queue_name=task.queue_name, run_after=task.run_after, backend=task.backend
            )
            return super().enqueue(wrapper, (task.module_path, *args), {})
        return super().enqueue(task, args, kwargs)
