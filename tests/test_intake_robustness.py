"""Random and hostile input never makes the intake form answer with a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake import form_guard
from intake.forms import IntakeForm
from intake.models import Submission
from tests.helpers import examples

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]

# Every field the form has (the topic field included), so a new field is fuzzed too.
FIELDS = [*IntakeForm.base_fields, "unknown"]
HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
        "' OR 1=1 --",
        "\x00",
        "a\x00b",
        "\ud7ff\ufffe",
        "../../etc/passwd",
        "{{ settings.SECRET_KEY }}",
        "%(name)s",
        "x" * 6000,
        "municipality",
        "on",
        "work",
        "00000000-0000-0000-0000-000000000000",
        "",
    ]
)
VALUES = st.one_of(st.text(max_size=300), HOSTILE)


def _timestamp():
    return form_guard.new_form_token()


@pytest.mark.thorough
@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(st.sampled_from(FIELDS), st.one_of(VALUES, st.lists(VALUES, max_size=4))),
    language_url=st.sampled_from(["/nl/vraagstuk/", "/en/your-question/"]),
    genuine_timestamp=st.booleans(),
)
def test_random_and_hostile_posts_never_fail(client, data, language_url, genuine_timestamp):
    if genuine_timestamp:
        data["form_token"] = _timestamp()
    response = client.post(language_url, data)
    assert response.status_code in (200, 303, 400, 429), response.status_code


@pytest.mark.thorough
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.binary(max_size=2000),
    content_type=st.sampled_from(
        ["application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/json", "text/plain"]
    ),
    query=st.text(max_size=100),
)
def test_raw_bodies_and_query_strings_never_fail(client, body, content_type, query):
    response = client.generic("POST", "/en/your-question/", body, content_type=content_type)
    assert response.status_code < 500
    response = client.get("/nl/vraagstuk/", {"service": query, "sent": query})
    assert response.status_code == 200


def test_valid_looking_random_question_is_stored_once(client, django_capture_on_commit_callbacks):
    data = {
        "organisation_name": "Ω organisatie <b>",
        "organisation_type": "other",
        "contact_name": "Zoë",
        "email": "zoe@example.org",
        "question": "Vraag met émoji 🚀 en <i>HTML</i> die lang genoeg is om te tellen.",
        "consent": "on",
        "form_token": _timestamp(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/nl/vraagstuk/", data).status_code == 303
    assert Submission.objects.get().organisation_name == "Ω organisatie <b>"
