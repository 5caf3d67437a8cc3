"""Test settings: fast password hashing, in-memory e-mail, plain static storage."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# tests/conftest.py gives each test run a media folder of its own and removes it after the run.
MEDIA_ROOT = os.environ.get("SIF_TEST_MEDIA_ROOT") or VAR_DIR / "test-media"  # noqa: F405
# Challenge attachments: tests that store one give the storage a temporary folder of their own.
STORAGES["challenge_attachments"]["OPTIONS"]["location"] = VAR_DIR / "test-private"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files come straight from the sources; collectstatic is for production.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tasks run at once in the test process; tests of the worker path switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# With REDIS_URL set, the tests share a Redis with whoever else uses it: every
# run gets a key prefix of its own, and tests remove only keys under it
# (tests/helpers.py clear_own_cache_keys), never the whole database.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    import uuid

    CACHES["default"]["KEY_PREFIX"] = f"sif-test-{uuid.uuid4().hex[:12]}"  # noqa: F405

# The time trap of the intake form: tests send forms at once instead of
# waiting; the test of the trap itself sets it back.
INTAKE_MIN_FILL_SECONDS = 0

# The page cache would answer a test's second request from the first; its own tests turn it on.
PAGE_CACHE_ENABLED = False

# The demo loader: the tests build the demo with it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
