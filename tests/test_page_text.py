"""What a visitor reads on every public page, in both languages: no template syntax.

A template comment that spans lines (`{# ... #}` only works on one line) or a
broken tag shows its source as text. This renders every live page plus the
search pages and looks for template delimiters in the HTML.
"""

import re

import pytest
from wagtail.models import Page

from tests.helpers import get_page

pytestmark = pytest.mark.django_db

TEMPLATE_SYNTAX = re.compile(r"\{#|\{%|\{\{")
# Placeholder content the demo still has; the `demo` branch rewrites that text.
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


@pytest.mark.xfail(reason="demo content rewrite pending", strict=False)
@pytest.mark.parametrize("text", PLACEHOLDER_TEXT)
def test_no_placeholder_text_on_any_public_page(client, text):
    for url, html in rendered_pages(client):
        assert text not in html, f"{url} shows {text!r}"
