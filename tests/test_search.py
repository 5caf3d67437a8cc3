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


def _editor_labels():
    """Every label an editor sees on a block or a block's choice, in both languages."""
    from django.utils import translation
    from wagtail.blocks import ChoiceBlock
    from wagtail.fields import StreamField
    from wagtail.models import get_page_models

    def walk(block):
        yield block
        for child in getattr(block, "child_blocks", {}).values():
            yield from walk(child)
        if getattr(block, "child_block", None) is not None:
            yield from walk(block.child_block)

    labels = set()
    for language in ("nl", "en"):
        with translation.override(language):
            for model in get_page_models():
                for model_field in model._meta.get_fields():
                    if isinstance(model_field, StreamField):
                        for block in walk(model_field.stream_block):
                            labels.add(str(block.label))
                            if isinstance(block, ChoiceBlock):
                                labels.update(str(label) for _value, label in block.field.choices)
    # Labels that are one plain word ("Text", "Quote") are also words a page may use; the longer ones are
    # the editor's own (e.g. "Section heading (h2)", "Sectiekop (h2)").
    return {label for label in labels if " " in label or "(" in label}


@pytest.mark.parametrize(("prefix", "query"), [("/nl/zoeken/", "utrecht"), ("/en/search/", "utrecht")])
def test_no_passage_shows_an_editor_label(client, monkeypatch, prefix, query):
    from search import query as search

    monkeypatch.setattr(search, "RESULTS_PER_PAGE", 100)
    labels = _editor_labels()
    assert {"Sectiekop (h2)", "Section heading (h2)"} <= labels
    page = get_page(client, f"{prefix}?q={query}")
    passages = page.html.split('class="search-results__passage">')[1:]
    assert len(passages) >= 4
    for passage in passages:
        text = passage.split("</p>", 1)[0]
        assert not [label for label in labels if label in text], text


def test_the_index_holds_no_editor_label_for_any_page():
    from wagtail.models import Page

    labels = _editor_labels()
    field = "index_entries__body_text" if connection.vendor == "postgresql" else "index_entries__body"
    texts = Page.objects.filter(depth__gt=1).values_list("url_path", field)
    assert len(texts) > 20
    for url_path, text in texts:
        assert not [label for label in labels if label in (text or "")], url_path


def test_a_published_change_is_found_in_its_own_language_only(client):
    from wagtail.models import Page

    page = Page.objects.get(slug="over-ons", locale__language_code="nl").specific
    page.lead = "Zeppelinhangar als vergaderplek."
    page.save_revision().publish()
    assert "/nl/over-ons/" in results(client, "/nl/zoeken/?q=zeppelinhangar")
    assert results(client, "/en/search/?q=zeppelinhangar") == []


@needs_postgres
def test_the_typo_lookup_keeps_its_vocabulary_until_a_publish(client):
    """The language's words are read once per page-cache generation; a publish brings in the new words."""
    skip_unless_postgres()
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from search import query

    assert results(client, "/nl/zoeken/?q=zeppelinhangr") == []  # reads and keeps the vocabulary
    with CaptureQueriesContext(connection) as captured:
        assert query._pg_corrected(["inkopn"], "nl") != ["inkopn"]
    assert not [q for q in captured.captured_queries if "ts_stat" in q["sql"]]

    page = Page.objects.get(slug="over-ons", locale__language_code="nl").specific
    page.lead = "Zeppelinhangar als vergaderplek."
    page.save_revision().publish()
    page_html = get_page(client, "/nl/zoeken/?q=zeppelinhangr").text
    assert "/nl/over-ons/" in results(client, "/nl/zoeken/?q=zeppelinhangr")
    assert "zeppelinhangar" in page_html
