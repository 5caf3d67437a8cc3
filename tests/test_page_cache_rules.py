"""The page cache is right on every instance: a shared cache or none, a purge on release, no key per made-up query.

Production without a shared cache serves pages uncached and warns (ops.W002); with one it
caches. ``purge_page_cache`` (the release steps) makes every kept page unreachable. The
key holds only the query parameters the page reads (``cache_query_params``): any other
query string is answered from the page's entry without it, or rendered and not kept.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.cache.backends.dummy import DummyCache
from django.core.management import CommandError, call_command

from ops import page_cache
from tests.helpers import own_cache_keys

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def page_entries():
    return sorted(key for key in own_cache_keys(cache) if "sif:page:" in key)


# -- production needs a shared cache ------------------------------------------------------------

PRODUCTION_PROBE = """
import django
django.setup()
from django.core.management import call_command
from ops import page_cache
print("page cache on:", page_cache.enabled(), flush=True)
call_command("check", deploy=True, fail_level="WARNING")
"""


def run_production(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SIF_", "REDIS_", "SENTRY_", "AWS_"))}
    clean.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="www.socialimpactfactory.example",
        DATABASE_URL="sqlite:////tmp/sif-page-cache-check.sqlite3",
        EMAIL_HOST="smtp.example.org",
        SIF_PUBLIC_URL="https://www.socialimpactfactory.example",
        **env,
    )
    return subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", PRODUCTION_PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.subprocess
def test_production_without_a_shared_cache_serves_pages_uncached_and_the_check_says_so():
    result = run_production()
    assert "page cache on: False" in result.stdout
    assert result.returncode != 0
    assert "ops.W002" in result.stderr and "REDIS_URL" in result.stderr


@pytest.mark.subprocess
def test_production_with_redis_caches_pages_and_passes_the_check():
    result = run_production(REDIS_URL="redis://127.0.0.1:6379/15")  # read by the settings; never connected to
    assert "page cache on: True" in result.stdout
    assert result.returncode == 0, result.stderr
    assert "ops.W002" not in result.stderr


@pytest.mark.subprocess
def test_production_meant_to_run_uncached_passes_the_check():
    result = run_production(SIF_PAGE_CACHE="off")
    assert "page cache on: False" in result.stdout
    assert result.returncode == 0, result.stderr


def test_a_memory_cache_where_a_shared_one_is_needed_stores_nothing(client, site_tree, settings):
    settings.PAGE_CACHE_NEEDS_SHARED_CACHE = True
    for _ in range(2):
        response = client.get("/nl/cases/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert page_entries() == []
    settings.PAGE_CACHE_NEEDS_SHARED_CACHE = False
    assert client.get("/nl/cases/")["X-Page-Cache"] == "miss"
    assert client.get("/nl/cases/")["X-Page-Cache"] == "hit"


# -- the release purges ------------------------------------------------------------------------


def test_purge_command_makes_every_kept_page_unreachable(client, site_tree, capsys):
    for url in ("/nl/", "/en/cases/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    call_command("purge_page_cache")
    assert "Page cache purged" in capsys.readouterr().out
    for url in ("/nl/", "/en/cases/"):
        assert client.get(url)["X-Page-Cache"] == "miss"


def test_purge_command_fails_when_the_cache_does_not_take_it(monkeypatch):
    monkeypatch.setattr(page_cache, "cache", DummyCache("unreachable", {}))
    with pytest.raises(CommandError, match="did not take the purge"):
        call_command("purge_page_cache")


def test_purge_command_without_a_shared_cache_says_there_is_nothing_to_purge(settings, capsys):
    settings.PAGE_CACHE_NEEDS_SHARED_CACHE = True
    call_command("purge_page_cache")
    assert "no page to purge" in capsys.readouterr().out


# -- query strings -----------------------------------------------------------------------------


def test_twenty_made_up_query_strings_add_no_entry_and_are_served_from_the_plain_page(client, site_tree):
    plain = client.get("/nl/cases/")
    assert plain["X-Page-Cache"] == "miss"
    entries = page_entries()
    for _ in range(20):
        response = client.get(f"/nl/cases/?cb={secrets.token_hex(8)}&utm_source={secrets.token_hex(4)}")
        assert response["X-Page-Cache"] == "hit"
        assert response.content == plain.content
    assert page_entries() == entries


def test_made_up_query_strings_before_the_plain_page_is_kept_are_rendered_and_not_kept(client, site_tree):
    for _ in range(20):
        response = client.get(f"/en/?cb={secrets.token_hex(8)}")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert page_entries() == []


def test_a_parameter_another_page_reads_is_not_kept_for_this_one(client, site_tree):
    for _ in range(5):
        response = client.get(f"/nl/?theme={secrets.token_hex(4)}&q={secrets.token_hex(4)}")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert page_entries() == []


def test_the_parameters_a_page_reads_are_in_its_key_whatever_else_comes_along(client, site_tree):
    theme = site_tree.themes[0][0].slug
    filtered = client.get(f"/nl/cases/?theme={theme}")
    assert filtered["X-Page-Cache"] == "miss"
    assert client.get("/nl/cases/")["X-Page-Cache"] == "miss"  # its own entry
    again = client.get(f"/nl/cases/?utm_medium=mail&theme={theme}&cb=1")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == filtered.content
    assert len(page_entries()) == 2


def test_search_results_are_kept_per_query_and_page_only(client, site_tree):
    first = client.get("/nl/zoeken/?q=case")
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/nl/zoeken/?q=case&fbclid=abc")["X-Page-Cache"] == "hit"
    assert client.get("/nl/zoeken/?q=case&page=2")["X-Page-Cache"] == "miss"
    assert len(page_entries()) == 2


def test_every_declared_parameter_is_known_to_the_cache():
    assert {"theme", "programme", "page", "service", "audience", "form", "q"} <= page_cache.declared_query_params()
