"""gunicorn settings for one app instance (used by deploy/systemd/sif-web@.service and `make stack`).

Everything an operator tunes comes from the environment, with defaults sized
for a small server: GUNICORN_BIND (127.0.0.1:8081), GUNICORN_WORKERS (2),
GUNICORN_THREADS (4), GUNICORN_TIMEOUT (30), GUNICORN_PIDFILE.
Run from the project root: gunicorn --config deploy/gunicorn.conf.py
"""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8081")
# Threads share a process's memory and its database connection pool; two
# processes keep the instance serving while one is recycled (max_requests).
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 2  # nginx opens a connection per request (deploy/nginx/sif-http.conf explains why)
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - a fixed system path
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
# Several instances run on one host: gunicorn's control socket (one default path per user) would clash.
control_socket_disable = True
# Only nginx on this host may set X-Forwarded-* (Django reads them through SECURE_PROXY_SSL_HEADER
# and INTAKE_TRUSTED_PROXIES).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs: JSON lines on stdout, like the app's own (ops/logs.py). The access line holds the path
# without the query string, and nginx's request id to join the proxy's and the app's lines.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '{"time": "%(t)s", "level": "INFO", "logger": "gunicorn.access", "request_id": "%({x-request-id}i)s", '
    '"method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s}'
)
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "ops.logs.JsonFormatter"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
        "access": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "access"},
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["error"], "level": "WARNING"},
}
