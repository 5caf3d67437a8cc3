"""Production: every deployment value comes from the environment.

The site refuses to start when a required value is missing, rather than
running with a guessable key or an open host list.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from ops.logs import json_logging
from ops.storage import media_storage

from .base import *  # noqa: F403


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name} for production.")
    return value


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in required("DJANGO_ALLOWED_HOSTS").split(",")]
# The address visitors use, e.g. https://www.socialimpactfactory.nl: admin links in e-mails,
# password-reset mails and (manage.py sync_site_url) canonical links. Checked by ops.E001.
SIF_PUBLIC_URL = required("SIF_PUBLIC_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = SIF_PUBLIC_URL
_public = urlsplit(SIF_PUBLIC_URL)
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]
if f"{_public.scheme}://{_public.netloc}" not in CSRF_TRUSTED_ORIGINS:
    CSRF_TRUSTED_ORIGINS.append(f"{_public.scheme}://{_public.netloc}")
required("DATABASE_URL")
if "CONN_MAX_AGE" in DATABASES["default"] and DATABASES["default"]["CONN_MAX_AGE"]:  # noqa: F405
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Several sites or environments may share one Redis: keys carry a prefix. The connect
# and read timeouts (1 s) and the fallback when Redis fails are set in base.py.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("CACHE_KEY_PREFIX", "sif")  # noqa: F405
# Every worker process and instance must see every purge: without REDIS_URL (a memory cache
# in each process) pages are served uncached, and the check ops.W002 says so.
PAGE_CACHE_NEEDS_SHARED_CACHE = True

# Uploaded media: S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set, else MEDIA_ROOT.
STORAGES["default"] = media_storage(os.environ)  # noqa: F405
# Challenge attachments: a private bucket when CHALLENGE_ATTACHMENTS_BUCKET is set (no public
# reading, signed URLs only, never served to the public), else CHALLENGE_ATTACHMENTS_ROOT (base.py).
if os.environ.get("CHALLENGE_ATTACHMENTS_BUCKET", "").strip():
    _private_bucket = {
        "bucket_name": os.environ["CHALLENGE_ATTACHMENTS_BUCKET"].strip(),
        "region_name": os.environ.get("AWS_S3_REGION_NAME"),
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL"),
        "location": "challenge-attachments",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    STORAGES["challenge_attachments"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {key: value for key, value in _private_bucket.items() if value not in (None, "")},
    }

# JSON lines on stdout with the request id (ops/logs.py); journald or the platform collects them.
LOGGING = json_logging(os.environ.get("LOG_LEVEL", "INFO"))

# Django's SMTP backend that tells "not sent" from "maybe sent" (ops/mail_backend.py).
EMAIL_BACKEND = "ops.mail_backend.SMTPBackend"
EMAIL_HOST = required("EMAIL_HOST")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Secure cookies whenever the public address is https (always, for a real site; check --deploy
# warns about an http one). Only a plain-HTTP loopback stack (make stack) turns them off.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = _public.scheme == "https"
X_FRAME_OPTIONS = "DENY"

# Error tracking, only when a DSN is given. No personal data: no user details, cookies or
# request bodies (the intake form holds names, addresses and questions).
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
