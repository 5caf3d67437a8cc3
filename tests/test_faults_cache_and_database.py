"""Redis down or hung: pages serve uncached and the intake still stores. Database hung: the bilingual 503."""

import logging
import time

import pytest
from wagtail.models import Page

from intake import spam
from intake.models import Submission
from ops.resilience import ForgivingRedisCache
from tests.fault_servers import AppServer, Blackhole, closed_port

pytestmark = pytest.mark.faults


@pytest.fixture(autouse=True)
def _fresh_circuit():
    ForgivingRedisCache._down_until.clear()
    yield
    ForgivingRedisCache._down_until.clear()


def _redis_cache(settings, port):
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    settings.CACHES = {
        "default": {
            "BACKEND": "ops.resilience.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/5",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, "retry": Retry(NoBackoff(), 0)},
        }
    }


def _one_page_of_each_type():
    """The first live page of every page type, in each language."""
    seen = {}
    for page in Page.objects.live().filter(depth__gt=1).select_related("locale").specific().order_by("path"):
        seen.setdefault((type(page).__name__, page.locale.language_code), page)
    return seen


def _every_public_page_answers(client):
    pages = _one_page_of_each_type()
    assert len({kind for kind, _language in pages}) >= 9
    assert {language for _kind, language in pages} == {"nl", "en"}
    for (kind, language), page in pages.items():
        response = client.get(page.get_url())
        assert response.status_code == 200, (kind, language, response.status_code)
        assert f'<html lang="{language}"' in response.content.decode()
    for url in ("/nl/zoeken/?q=impact", "/en/search/?q=impact"):
        assert client.get(url).status_code == 200
    return len(pages)


def _post_question(client):
    return client.post(
        "/en/your-question/",
        {
            "organisation_name": "Stichting Cacheloos",
            "organisation_type": "company",
            "contact_name": "Kim",
            "email": "kim@example.org",
            "question": "Hoe houden we onze dienstverlening overeind als een onderdeel uitvalt?",
            "consent": "on",
            "started": spam.form_timestamp(started_at=time.time() - 60),
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize("fault", ["closed port", "blackholed"])
def test_redis_down_or_hung_pages_still_200_in_both_languages_and_intake_stores(client, settings, caplog, fault):
    caplog.set_level(logging.WARNING)
    if fault == "closed port":
        _redis_cache(settings, closed_port())
        begin = time.perf_counter()
        count = _every_public_page_answers(client)
        response = _post_question(client)
        elapsed = time.perf_counter() - begin
    else:
        with Blackhole() as hole:
            _redis_cache(settings, hole.port)
            begin = time.perf_counter()
            count = _every_public_page_answers(client)
            response = _post_question(client)
            elapsed = time.perf_counter() - begin
    print(f"\nRedis {fault}: {count} pages and an intake POST in {elapsed:.1f} s")
    assert response.status_code == 303
    assert Submission.objects.filter(organisation_name="Stichting Cacheloos").exists()
    assert "Cache unavailable" in caplog.text
    assert "rate limit unavailable" in caplog.text
    # One timeout, then the process leaves Redis alone: not a second per cache call.
    assert elapsed < 60


def test_database_blackholed_answers_the_bilingual_503_within_5_seconds(tmp_path):
    with Blackhole() as hole:
        env = {"DATABASE_URL": f"postgres://postgres@127.0.0.1:{hole.port}/sif_unreachable"}
        with AppServer(env, tmp_path / "app.log") as app:
            for path in ("/nl/", "/en/programmes/"):
                begin = time.perf_counter()
                status, html = app.get(path, timeout=30)
                elapsed = time.perf_counter() - begin
                print(f"\ndatabase blackholed: {path} answered {status} in {elapsed:.1f} s")
                assert status == 503
                assert "De website is even niet beschikbaar" in html
                assert "The website is temporarily unavailable" in html
                assert elapsed < 5
        log = (tmp_path / "app.log").read_text()
        assert "Database unavailable (OperationalError)" in log
        assert "Traceback" not in log.split("Database unavailable")[-1]  # handled, not crashed


def test_503_page_renders_without_database_or_request():
    from django.template.loader import render_to_string

    html = render_to_string("503.html")
    assert '<html lang="nl">' in html and '<section lang="en">' in html
    assert "probeer het over een paar minuten opnieuw" in html
    assert "please try again in a few minutes" in html


@pytest.mark.django_db
def test_a_database_error_in_a_view_answers_the_503_page_not_a_500(client):
    from unittest import mock

    from django.db import OperationalError

    with mock.patch("search.query.documents", side_effect=OperationalError("server closed the connection")):
        response = client.get("/en/search/", {"q": "impact"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "De website is even niet beschikbaar" in html and "The website is temporarily unavailable" in html
