"""Search that understands Dutch and English.

On PostgreSQL (marker ``postgres``): stemming with the language's text search
configuration and typo tolerance through trigram similarity. On any database:
grouped, highlighted, paginated results, the pointer to the other language,
a hint for stop-word-only queries, and a calm 200 for any input.
"""

import pytest
from django.db import connection

from tests.helpers import get_page

# PostgreSQL: stemming, trigram typos (db_differs: CI runs these there)
pytestmark = [pytest.mark.django_db, pytest.mark.db_differs, pytest.mark.usefixtures("demo")]

needs_postgres = pytest.mark.postgres


def results(client, url):
    """The result links in order, read from the result lists only."""
    html = get_page(client, url).html
    start = html.find('class="search-group"')
    if start == -1:
        return []
    section = html[start : html.index("</main>")]
    from tests.helpers import Page as Parsed

    class _Response:
        content = section.encode()

    parsed = Parsed.__new__(Parsed)
    Parsed.__init__(parsed, _Response)
    return [a["href"] for a in parsed.find_all("a") if "page=" not in a.get("href", "") and "?q=" not in a["href"]]


def skip_unless_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL (dutch/english text search, pg_trgm); run with DATABASE_URL=postgres://...")


@needs_postgres
def test_inkoop_and_inkopen_give_the_same_top_results(client):
    skip_unless_postgres()
    inkoop = results(client, "/nl/zoeken/?q=inkoop")
    inkopen = results(client, "/nl/zoeken/?q=inkopen")
    assert len(inkoop) >= 3
    assert set(inkoop[:3]) == set(inkopen[:3])
    assert set(inkoop) == set(inkopen)
    assert "/nl/programmas/buy-social/" in inkoop[:3]


@needs_postgres
def test_a_typo_still_finds_the_procurement_pages(client):
    skip_unless_postgres()
    page = get_page(client, "/nl/zoeken/?q=inkopn")
    found = results(client, "/nl/zoeken/?q=inkopn")
    assert "/nl/programmas/buy-social/" in found
    assert "inkopen" in page.text or "inkoop" in page.text  # "showing results for …"


@needs_postgres
def test_english_stemming_meets_singular_and_plural(client):
    skip_unless_postgres()
    assert set(results(client, "/en/search/?q=enterprise")) == set(results(client, "/en/search/?q=enterprises"))


@needs_postgres
def test_trigram_extension_is_enabled_by_the_migration():
    skip_unless_postgres()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() is not None


def test_results_are_grouped_by_type_with_the_passage_highlighted(client):
    page = get_page(client, "/en/search/?q=procurement")
    html = page.html
    assert '<h3 id="search-group-service">Services</h3>' in html
    assert "<mark>" in html and "</mark>" in html
    assert html.index("search-group-programme") < html.index("search-group-service")
    dutch = get_page(client, "/nl/zoeken/?q=inkoop").html
    assert '<h3 id="search-group-programme">Programma' in dutch


def test_the_other_language_is_pointed_to_when_it_has_more_results(client):
    page = get_page(client, "/nl/zoeken/?q=procurement")
    links = [a for a in page.find_all("a") if a.get("hreflang") == "en" and "q=procurement" in a.get("href", "")]
    assert links and links[0]["href"] == "/en/search/?q=procurement"
    assert "resultaten op de Engelstalige pagina" in page.text
    english = get_page(client, "/en/search/?q=procurement")
    assert "search-other-language" not in english.html


@pytest.mark.parametrize(
    ("url", "hint"), [("/en/search/?q=a", "Add a word"), ("/nl/zoeken/?q=de+het", "Voeg een woord")]
)
def test_stop_words_only_get_a_hint_not_every_page(client, url, hint):
    page = get_page(client, url)
    assert hint in page.text
    assert 'class="search-group"' not in page.html


def test_results_are_paginated(client, monkeypatch):
    from search import query as search

    monkeypatch.setattr(search, "RESULTS_PER_PAGE", 2)
    first = results(client, "/en/search/?q=social")
    second = results(client, "/en/search/?q=social&page=2")
    assert len(first) == 2 and len(second) >= 1
    assert not set(first) & set(second)
    assert "Page 2 of" in get_page(client, "/en/search/?q=social&page=2").text


@pytest.mark.parametrize(
    "query",
    ["", " ", "'", '"', "\\", "&", "|", "!", ":*", "a & b | !c", "(((", "inkoop:*", "%", "_", "€", "日本語"]
    + ["x" * 500, "\x00"],
)
@pytest.mark.parametrize("prefix", ["/nl/zoeken/", "/en/search/"])
def test_any_input_answers_200(client, prefix, query):
    response = client.get(prefix, {"q": query, "page": "x"})
    assert response.status_code == 200
    assert b"<h1" in response.content
