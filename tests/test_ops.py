"""Operations: health endpoints, request ids, JSON logs without personal data, deployment checks, upload limits."""

import io
import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Error
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from PIL import Image
from wagtail.documents.fields import WagtailDocumentField
from wagtail.images.fields import WagtailImageField

from ops import checks, health
from ops.logs import JsonFormatter, RequestIdFilter
from ops.redis_cache import redis_cache
from ops.request_id import request_id_var

ROOT = Path(__file__).resolve().parent.parent
CLOSED_REDIS = "redis://127.0.0.1:9/0"  # the discard port: nothing listens there


def test_healthz_answers_without_database_and_for_any_host(client, settings):
    # No django_db mark: any database access here would raise.
    settings.ALLOWED_HOSTS = ["www.socialimpactfactory.example"]
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8081")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_reports_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_does_not_answer(client, settings):
    settings.CACHES = {"default": redis_cache(CLOSED_REDIS)}
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_fails(client, monkeypatch):
    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["ok"] is False
    # No connection details, host names or personal data in the answer.
    assert b"refused" not in response.content


def test_request_id_is_kept_from_the_proxy_or_made(client):
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="0123456789abcdef0123")
    assert kept["X-Request-ID"] == "0123456789abcdef0123"
    made = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")
    assert made["X-Request-ID"] != "<script>"
    assert len(made["X-Request-ID"]) == 32


def _format(message, *args, **extra):
    record = logging.LogRecord("intake.mail", logging.WARNING, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    RequestIdFilter().filter(record)
    return JsonFormatter().format(record)


def test_json_log_line_has_the_request_id_and_no_email_address():
    token = request_id_var.set("req-abcdef123")
    try:
        line = _format("Mail to %s failed", "an.person@example.org")
    finally:
        request_id_var.reset(token)
    entry = json.loads(line)
    assert entry["request_id"] == "req-abcdef123"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "intake.mail"
    assert "example.org" not in line
    assert entry["message"] == "Mail to [e-mail] failed"


@pytest.mark.django_db
def test_failed_login_is_logged_with_address_and_without_the_username(client, caplog):
    caplog.set_level(logging.WARNING, logger="sif.security")
    response = client.post(
        "/admin/login/",
        {"username": "jan.jansen@example.org", "password": "wrong-password"},
        REMOTE_ADDR="192.0.2.44",
    )
    assert response.status_code == 200  # the login form again, with an error
    records = [r for r in caplog.records if r.name == "sif.security"]
    assert len(records) == 1
    line = JsonFormatter().format(records[0])
    entry = json.loads(line)
    assert entry["event"] == "login_failed"
    assert entry["ip"] == "192.0.2.44"
    assert entry["account"] == "unknown"  # no account has this name: nothing of it is logged
    assert "jan" not in line.lower()
    assert "wrong-password" not in line


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.socialimpactfactory.nl", True),
        ("http://127.0.0.1:8080", True),
        ("", False),
        ("www.socialimpactfactory.nl", False),
        ("https://www.socialimpactfactory.nl/nl/", False),
    ],
)
def test_public_url_validation(url, ok):
    assert (checks.public_url_problem(url) == "") is ok


def test_check_fails_without_a_public_url(settings):
    settings.DEBUG = False
    settings.WAGTAILADMIN_BASE_URL = ""
    errors = checks.check_public_url(None)
    assert [e.id for e in errors] == ["ops.E001"]
    assert isinstance(errors[0], Error)
    settings.WAGTAILADMIN_BASE_URL = "https://elsewhere.example"
    settings.ALLOWED_HOSTS = ["www.socialimpactfactory.example"]
    assert [e.id for e in checks.check_public_url(None)] == ["ops.E002"]


def _production_env(**changes):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SIF_", "SENTRY_", "AWS_", "REDIS_"))}
    env.update(
        REDIS_URL="redis://127.0.0.1:6379/15",  # production's shared cache; `check` never connects to it
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="www.socialimpactfactory.example",
        DATABASE_URL="sqlite:////tmp/sif-ops-check.sqlite3",
        EMAIL_HOST="smtp.example.org",
        SIF_PUBLIC_URL="https://www.socialimpactfactory.example",
    )
    env.update(changes)
    return {k: v for k, v in env.items() if v is not None}


@pytest.mark.subprocess
def test_production_refuses_to_start_without_a_public_url():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=_production_env(SIF_PUBLIC_URL=None),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SIF_PUBLIC_URL" in result.stderr


def _png(side):
    """A real PNG of noise (does not compress), larger than 1000 bytes."""
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_upload_limits(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    big = b"x" * 1001
    with pytest.raises(ValidationError) as document_error:
        WagtailDocumentField().clean(SimpleUploadedFile("report.pdf", big))
    assert document_error.value.code == "file_too_large"
    with pytest.raises(ValidationError) as image_error:
        WagtailImageField().clean(SimpleUploadedFile("photo.png", _png(64)))
    assert "file_too_large" in [e.code for e in image_error.value.error_list]


def test_production_upload_limits_are_set():
    from config.settings import base

    assert base.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert base.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024


@pytest.mark.django_db
def test_the_stack_admin_gets_this_checkouts_password_when_the_database_outlived_another(settings, tmp_path):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8080"
    settings.VAR_DIR = tmp_path
    get_user_model().objects.create_superuser("admin", "admin@sif.example", "from-an-older-clone-1")
    (tmp_path / "admin-password").write_text("this-checkouts-password\n")

    call_command("ensure_stack_admin", stdout=io.StringIO())

    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("this-checkouts-password")
    assert not admin.check_password("from-an-older-clone-1")
