"""What a visitor reads on every public page, in both languages: no template syntax.

A template comment that spans lines (`{# ... #}` only works on one line) or a
broken tag shows its source as text. This renders every live page plus the
search pages and looks for template delimiters in the HTML.
"""

import re

import pytest
from wagtail.models import Page

from cases.models import CasePage
from home.blocks import QuoteBlock
from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

TEMPLATE_SYNTAX = re.compile(r"\{#|\{%|\{\{")
# Placeholder content a visitor must never meet: example domains, demonstration badges, paraphrases.
PLACEHOLDER_TEXT = [".example", "example.org", "Voorbeeldtekst", "Example text", "parafrase"]


def public_urls():
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("path")
    urls = [page.get_url() for page in pages.specific()]
    urls += ["/nl/zoeken/?q=inkoop", "/en/search/?q=procurement"]
    return urls


def rendered_pages(client):
    for url in public_urls():
        yield url, get_page(client, url).html


def test_public_pages_cover_both_languages():
    urls = public_urls()
    assert any(url.startswith("/nl/") for url in urls)
    assert any(url.startswith("/en/") for url in urls)
    assert len(urls) >= 14


def test_no_template_syntax_on_any_public_page(client):
    for url, html in rendered_pages(client):
        match = TEMPLATE_SYNTAX.search(html)
        assert match is None, f"{url} shows template syntax: {html[max(0, match.start() - 80) : match.end() + 80]!r}"


def test_menukaart_phone_bar_comment_is_not_rendered(client):
    pages = Page.objects.live().filter(content_type__model="menukaartpage")
    assert {page.locale.language_code for page in pages} == {"nl", "en"}
    for page in pages:
        html = get_page(client, page.get_url()).html
        assert "Phones: the package sits below the menu" not in html
        assert "data-package-bar" in html


def test_no_placeholder_text_on_any_public_page(client):
    languages = set()
    for url, html in rendered_pages(client):
        languages.add(url.split("/")[1])
        for text in PLACEHOLDER_TEXT:
            assert text.lower() not in html.lower(), f"{url} shows {text!r}"
    assert languages == {"nl", "en"}


def test_a_quote_has_no_example_badge_even_with_old_data():
    """The 'example text' flag is gone: a quote stored with it renders as a plain quote."""
    block = QuoteBlock()
    html = block.render(
        block.to_python({"quote": "Echte woorden.", "attribution": "Social Impact Factory", "is_example": True})
    )
    assert "Echte woorden." in html and "Social Impact Factory" in html
    assert "tag" not in html and "Example" not in html and "Voorbeeld" not in html
    assert "is_example" not in block.child_blocks


def test_the_flagship_case_card_describes_the_case_in_both_languages(client):
    summaries = dict(
        CasePage.objects.live().filter(slug="gemeente-utrecht").values_list("locale__language_code", "result_summary")
    )
    assert set(summaries) == {"nl", "en"}
    assert "fasen" in summaries["nl"] and "hotspot" in summaries["nl"]
    assert "phases" in summaries["en"] and "hotspot" in summaries["en"]
    for language, summary in summaries.items():
        assert "stichting" not in summary.lower() and "foundation" not in summary.lower()
        home = get_page(client, f"/{language}/").html
        assert summary in home, "the case card on home shows the case's own summary"


def test_dated_figures_say_their_date(client):
    """Network figures are from mid-2018; the page says so wherever they appear."""
    for url, year_text in (("/nl/", "medio 2018"), ("/en/", "mid-2018")):
        html = get_page(client, url).html
        assert "200" in html and year_text in html
    for url in ("/nl/programmas/plan-einstein/", "/en/programmes/plan-einstein/"):
        html = get_page(client, url).html
        assert "229" in html and "2016–2018" in html
