"""docs/deploy.md's release steps run as written, with the production settings, against a scratch database.

Runs when the suite runs on PostgreSQL (DATABASE_URL=postgres://.../<name>); the scratch
database is <name>_release, created and dropped here. Production needs a shared cache: the
steps get the Redis of REDIS_URL (default 127.0.0.1:6379) under a key prefix of their own,
whose keys are removed afterwards.
"""

import os
import re
import secrets
import subprocess
from pathlib import Path

import dj_database_url
import psycopg
import pytest
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_DOC = ROOT / "docs" / "deploy.md"
SERVICE_LINE = re.compile(r"^sudo systemctl (reload|restart) '?sif-[\w@*.-]+'?$")

pytestmark = pytest.mark.postgres


def release_steps():
    text = DEPLOY_DOC.read_text()
    block = re.search(r"<!-- release-steps -->\s*```sh\n(.*?)```\s*<!-- /release-steps -->", text, re.S)
    assert block, "docs/deploy.md lost its release-steps block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_every_release_step_uses_the_production_settings():
    steps = release_steps()
    assert "export DJANGO_SETTINGS_MODULE=config.settings.production" in steps
    first_manage = next(i for i, line in enumerate(steps) if "manage.py" in line)
    assert steps.index("export DJANGO_SETTINGS_MODULE=config.settings.production") < first_manage
    assert any("pip install" in line and "requirements.txt" in line for line in steps)
    assert not any("requirements-dev" in line for line in steps)


@pytest.fixture
def scratch_database():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("Runs with the suite on PostgreSQL (DATABASE_URL=postgres://...)")
    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_release"
    params = {"host": config["HOST"] or "127.0.0.1", "port": config["PORT"] or 5432, "user": config["USER"]}
    if config["PASSWORD"]:
        params["password"] = config["PASSWORD"]

    def admin(statement):
        with psycopg.connect(**params, dbname="postgres", autocommit=True) as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(name)))

    admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    admin("CREATE DATABASE {}")
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}", params, name
    finally:
        admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


@pytest.fixture
def scratch_cache():
    """A Redis URL and a key prefix of this test's own; its keys are removed afterwards."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    prefix = f"sif-release-test-{secrets.token_hex(6)}"
    client = redis.Redis.from_url(url, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"The release steps need a Redis ({url}): {error}")
    yield url, prefix, client
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_release_steps_run_as_documented(scratch_database, scratch_cache, tmp_path):
    database_url, params, name = scratch_database
    redis_url, prefix, redis_client = scratch_cache
    env_file = tmp_path / "sif.env"
    env_file.write_text(
        "\n".join(
            [
                f"DJANGO_SECRET_KEY={secrets.token_urlsafe(50)}",
                "DJANGO_ALLOWED_HOSTS=www.socialimpactfactory.example",
                "SIF_PUBLIC_URL=https://www.socialimpactfactory.example",
                f"DATABASE_URL={database_url}",
                "EMAIL_HOST=smtp.example.org",
                f"SIF_VAR_DIR={tmp_path / 'var'}",
                f"REDIS_URL={redis_url}",
                f"CACHE_KEY_PREFIX={prefix}",
            ]
        )
        + "\n"
    )
    steps = release_steps()
    services = [line for line in steps if line.startswith("sudo ")]
    assert services and all(SERVICE_LINE.match(line) for line in services)  # only systemd, which CI lacks
    script = "\n".join(
        line.replace("/etc/sif/sif.env", str(env_file)).replace("/srv/sif", str(ROOT))
        for line in steps
        if line not in services
    )
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SIF_", "DATABASE_", "REDIS_"))}
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],  # noqa: S607 - bash from PATH
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Default site: https://www.socialimpactfactory.example" in result.stdout
    assert "System check identified no issues" in result.stdout
    assert "Page cache purged" in result.stdout
    assert redis_client.exists(f"{prefix}:1:sif:page-cache:generation")
    assert (tmp_path / "var" / "static" / "staticfiles.json").exists()
    with psycopg.connect(**params, dbname=name) as connection:
        applied = connection.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
        apps = {row[0] for row in connection.execute("SELECT DISTINCT app FROM django_migrations")}
    assert applied > 50
    assert {"wagtailcore", "intake", "home"} <= apps
