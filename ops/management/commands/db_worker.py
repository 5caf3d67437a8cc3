"""django-tasks-db's ``db_worker``, which first takes back the tasks its previous life left running.

Same command name and options as the library's (this app comes first in INSTALLED_APPS), so
the service unit, ``make run`` and the docs stay as they are. Give each worker a fixed
``--worker-id`` (deploy/systemd/sif-worker.service: the host name): a worker that was killed
in the middle of a task and restarted then finds the task's row still RUNNING under its own id,
and puts it back in the queue (``ops.tasks.recover_interrupted_tasks``).
"""

from django_tasks_db.management.commands import db_worker

from ops.tasks import recover_interrupted_tasks


class Command(db_worker.Command):
    help = db_worker.Command.help + "; it first takes back the tasks a dead worker with its id left running"

    def handle(self, *args, **options):
        recover_interrupted_tasks(worker_id=options["worker_id"])
        return super().handle(*args, **options)
