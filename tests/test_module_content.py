"""What a module's tests share (``module_content`` in tests/conftest.py): built once, never leaking.

The content lives in a transaction of the module's own; each test rolls back its own changes and reads
the content afresh, and a test that does not ask for it never meets it (it runs first in its module).
"""

import pytest
from wagtail.models import Page

from tests.factories import StandardPageFactory, bilingual
from tests.helpers import get_page

pytestmark = pytest.mark.django_db


def shared_content(site_tree):
    return bilingual(
        StandardPageFactory,
        parent=site_tree.home_nl,
        english_fields={"title": "Shared", "slug": "shared"},
        title="Gedeeld",
        slug="gedeeld",
    )


@pytest.fixture
def shared_page(shared):
    return shared


def test_a_test_changes_the_shared_page(client, shared_page):
    nl, en = shared_page
    assert get_page(client, "/en/shared/").h1() == "Shared"
    nl.title = "Gewijzigd"
    nl.save()
    en.delete()
    assert get_page(client, "/nl/gedeeld/").h1() == "Gewijzigd"
    assert client.get("/en/shared/").status_code == 404


def test_the_next_test_gets_it_as_it_was_built(client, shared_page):
    nl, en = shared_page
    assert (nl.title, en.title) == ("Gedeeld", "Shared")
    assert get_page(client, "/nl/gedeeld/").h1() == "Gedeeld"
    assert get_page(client, "/en/shared/").h1() == "Shared"


def test_each_test_gets_instances_of_its_own(shared_page, module_content):
    assert shared_page[0] is not module_content[0]
    shared_page[0].title = "Alleen in deze test"
    assert module_content[0].title == "Gedeeld"


def test_a_test_that_does_not_ask_never_meets_it(client, site_tree):
    """Defined last, run first in the module (tests/conftest.py sorts the tests that share content last)."""
    assert not Page.objects.filter(slug__in=["gedeeld", "shared"]).exists()
    assert client.get("/nl/gedeeld/").status_code == 404


def test_the_tests_that_share_run_after_those_that_do_not(request):
    names = [item.name for item in request.session.items if item.path == request.node.path]
    assert names.index("test_a_test_that_does_not_ask_never_meets_it") < names.index(
        "test_a_test_changes_the_shared_page"
    )
