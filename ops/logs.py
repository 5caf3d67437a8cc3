"""Log records as JSON lines on stdout, with the request id and without personal data.

The site's own log calls name objects by id and errors by type, never an
e-mail address, a name or the text of a question. As a second line of defence
the formatter replaces anything shaped like an e-mail address.
"""

import json
import logging
import re
from datetime import UTC, datetime

from .request_id import current_request_id

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def redact(text):
    return EMAIL.sub("[e-mail]", text)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, event fields, exception type."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
            "request_id": getattr(record, "request_id", "") or current_request_id(),
        }
        event = getattr(record, "event", None)
        if isinstance(event, dict):
            entry.update({key: redact(str(value)) for key, value in event.items() if key not in entry})
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else ""
            entry["traceback"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def json_logging(level="INFO"):
    """The LOGGING dict for production: everything to stdout as JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "ops.logs.RequestIdFilter"}},
        "formatters": {"json": {"()": "ops.logs.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["stdout"], "level": "WARNING"},
        "loggers": {
            # Django's own handlers (mail_admins, the dev console) are replaced, not added to.
            "django": {"handlers": ["stdout"], "level": level, "propagate": False},
            "django.server": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
            "sif": {"handlers": ["stdout"], "level": level, "propagate": False},
            "ops": {"handlers": ["stdout"], "level": level, "propagate": False},
            "intake": {"handlers": ["stdout"], "level": level, "propagate": False},
            "home": {"handlers": ["stdout"], "level": level, "propagate": False},
            "django_tasks": {"handlers": ["stdout"], "level": level, "propagate": False},
            "django_tasks_db": {"handlers": ["stdout"], "level": level, "propagate": False},
        },
    }
