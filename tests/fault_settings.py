"""Settings for the site and the task worker that the fault tests start in subprocesses.

The test settings, with the production path for background work: the database task
backend, and SMTP to the test's fake mail server (``FAULT_SMTP_PORT``).
"""

import os

from config.settings import base
from config.settings.test import *  # noqa: F403

TASKS = base.TASKS  # the worker's database backend, not the tests' immediate one
EMAIL_BACKEND = "ops.mail_backend.SMTPBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("FAULT_SMTP_PORT", "25"))
EMAIL_TIMEOUT = 2
EMAIL_DATA_TIMEOUT = int(os.environ.get("FAULT_EMAIL_DATA_TIMEOUT", "10"))
INTAKE_MAIL_CLAIM_LEASE_SECONDS = int(os.environ.get("FAULT_CLAIM_LEASE_SECONDS", "600"))
INTAKE_MAIL_RETRY_SECONDS = int(os.environ.get("FAULT_MAIL_RETRY_SECONDS", "60"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
