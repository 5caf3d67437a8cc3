"""Lean pages: one small stylesheet, no render-blocking script, compressed HTML.

Every public page type, in both languages, links exactly one stylesheet (static/css/site.css,
under 20 kB compressed), runs its scripts `defer` and carries the strict public policy (no
inline script or style). HTML is compressed by the app (ops.page_cache.GZipMiddleware) once per
render; cached hits are sent compressed as stored, and both copies revalidate with their ETag.
"""

import gzip
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static

from tests.helpers import Page

STYLESHEET = "css/site.css"
LIMIT = 20 * 1024
ROOT = Path(settings.BASE_DIR)


def public_urls(t):
    """One URL of each public page type of the small site, in both languages."""
    urls = []
    for language in ("nl", "en"):

        def page(name, language=language):
            return getattr(t, f"{name}_{language}").url

        urls += [
            page("home"),
            page("about"),
            page("privacy"),
            page("intake"),
            page("programmes"),
            t.programmes[0][0 if language == "nl" else 1].url,
            page("cases"),
            t.cases[0][0 if language == "nl" else 1].url,
            page("menukaart"),
            page("menukaart") + f"?service={t.services[0][0].package_key}",
            t.services[0][0 if language == "nl" else 1].url,
            f"/{language}/{'zoeken' if language == 'nl' else 'search'}/?q=case",
        ]
    return urls


def check_lean(response):
    assert response.status_code in (200, 404), response.status_code
    page = Page(response)
    stylesheets = page.find_all("link", rel="stylesheet")
    assert [link["href"] for link in stylesheets] == [static(STYLESHEET)], stylesheets
    for tag, attrs in page.elements:
        if tag == "script":
            if "src" in attrs:
                assert "defer" in attrs or attrs.get("type") == "module", f"render-blocking script {attrs}"
            else:
                assert attrs.get("type") == "application/ld+json", f"inline script {attrs}"
        assert tag != "style", "inline <style>: the policy refuses it"
        assert "style" not in attrs, f"style attribute on <{tag}>: the policy refuses it"
    return page


@pytest.mark.django_db
def test_every_public_page_type_links_one_stylesheet_and_no_blocking_script(client, site_tree):
    urls = public_urls(site_tree)
    assert len(set(urls)) == 24
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = check_lean(response)
        assert page.h1(), url
        policy = response["Content-Security-Policy"]
        directives = dict(directive.split(" ", 1) for directive in policy.split("; "))
        assert directives["style-src"] == directives["script-src"] == "'self'", url
        assert "unsafe-inline" not in policy, url


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/nl/bestaat-niet/", "/en/does-not-exist/"])
def test_not_found_page_links_the_one_stylesheet(client, site_tree, url):
    response = client.get(url)
    assert response.status_code == 404
    check_lean(response)


@pytest.mark.parametrize("template", ["400.html", "403.html", "403_csrf.html", "500.html", "503.html"])
def test_standalone_error_pages_are_styled_by_the_same_stylesheet(template):
    """Rendered without a database or a request; site.css has their `.error-page` rules."""
    html = render_to_string(template)
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == [static(STYLESHEET)]
    assert '<body class="error-page">' in html
    assert "<script" not in html and "<style" not in html
    assert ".error-page main {" in Path(finders.find(STYLESHEET)).read_text()


def test_the_stylesheet_is_the_only_one_and_compresses_under_20_kb():
    # static/sif-admin/ holds what only the admin loads (the translation editor's additions).
    public = [p for p in (ROOT / "static").rglob("*.css") if "sif-admin" not in p.parts]
    css_files = sorted(p.relative_to(ROOT / "static").as_posix() for p in public)
    assert css_files == [STYLESHEET], "one stylesheet for the whole site: add rules to site.css"
    data = Path(finders.find(STYLESHEET)).read_bytes()
    # Level 6: what nginx's gzip and Django's middleware use at most (WhiteNoise's .gz copies use 9).
    size = len(gzip.compress(data, compresslevel=6))
    assert size < LIMIT, f"site.css is {size} bytes compressed"


SKIPPED_FOLDERS = {".venv", "var", "tests", "node_modules", ".git"}


def _sources(root):
    """The site's templates, Python and scripts; the skipped folders are never walked (a real .venv is 3 s)."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS]
        for name in files:
            if name.endswith((".html", ".py", ".js")):
                yield Path(folder) / name


def test_every_class_in_the_stylesheet_is_used():
    """Dead rules stay out: each class selector appears in a template, in Python or in a script.

    A class built in a template from a value (``programme-status--{{ programme.status }}``)
    counts when its stem is written there followed by ``{{``.
    """
    css = re.sub(r"/\*.*?\*/", "", Path(finders.find(STYLESHEET)).read_text(), flags=re.S)
    classes = set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"url\([^)]*\)|\d+\.\d+", "", css)))
    text = "\n".join(path.read_text(errors="ignore") for path in _sources(ROOT))
    # A class is used where it stands as a whole word of [\w-] characters, which its name is made of.
    words = set(re.findall(r"[\w-]+", text))
    unused = sorted(
        name
        for name in classes
        if name not in words
        and not any(f"{name[: i + 2]}{{{{" in text for i in range(len(name)) if name[i : i + 2] == "--")
    )
    assert not unused, f"rules for classes no page uses: {unused}"


# --- compressed HTML ------------------------------------------------------------------


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache_on")
@pytest.mark.parametrize("language", ["nl", "en"])
def test_html_is_compressed_once_and_hits_are_sent_as_stored(client, site_tree, language, django_assert_num_queries):
    url = getattr(site_tree, f"cases_{language}").url
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert first.status_code == 200
    assert first["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in first["Vary"]
    html = gzip.decompress(first.content).decode()
    assert f'<html lang="{language}"' in html
    assert int(first["Content-Length"]) == len(first.content) < len(html.encode())
    assert first["X-Page-Cache"] == "miss"
    etag = first["ETag"]
    assert re.fullmatch(r'W/"[0-9a-f]{32}"', etag), etag

    with django_assert_num_queries(0):
        hit = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert hit["X-Page-Cache"] == "hit" and hit["Content-Encoding"] == "gzip"
    assert hit.content == first.content and hit["ETag"] == etag

    # A client without gzip gets its own, uncompressed copy, with the same ETag, strong.
    plain = client.get(url)
    assert plain["X-Page-Cache"] == "miss"
    assert "Content-Encoding" not in plain
    assert plain.content.decode() == html
    assert plain["ETag"] == etag.removeprefix("W/")
    assert client.get(url)["X-Page-Cache"] == "hit"

    # Either ETag revalidates either copy.
    for encoding in ("gzip", ""):
        for tag in (etag, plain["ETag"]):
            again = client.get(url, HTTP_ACCEPT_ENCODING=encoding, HTTP_IF_NONE_MATCH=tag)
            assert again.status_code == 304 and again.content == b""


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache_on")
def test_a_purge_keeps_the_etag_of_an_unchanged_page(client, site_tree):
    """The ETag is the digest of the page, not of the (randomly padded) compressed bytes."""
    from ops import page_cache

    url = site_tree.cases_nl.url
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    page_cache.invalidate()
    second = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert second["X-Page-Cache"] == "miss"
    assert second["ETag"] == first["ETag"]
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_uncached_pages_are_compressed_too(client, site_tree, language):
    """The intake form is never cached (CSRF); it is compressed per request, with Django's BREACH padding."""
    url = getattr(site_tree, f"intake_{language}").url
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "X-Page-Cache" not in response and "ETag" not in response
    assert 'name="csrfmiddlewaretoken"' in gzip.decompress(response.content).decode()
    # The random padding sits in the gzip header's file name field (flag FNAME).
    assert response.content[3] & gzip.FNAME


@pytest.mark.parametrize(
    ("content_type", "compressed"),
    [
        ("text/html; charset=utf-8", True),
        ("application/json", True),
        ("image/svg+xml", True),
        ("application/pdf", False),
        ("image/jpeg", False),
    ],
)
def test_only_text_is_compressed(rf, content_type, compressed):
    """Documents and images the app serves are compressed already (and keep their Content-Length)."""
    from django.http import HttpResponse

    from ops.page_cache import GZipMiddleware

    body = b"Social Impact Factory " * 100
    middleware = GZipMiddleware(lambda request: HttpResponse(body, content_type=content_type))
    response = middleware(rf.get("/documents/1/file", HTTP_ACCEPT_ENCODING="gzip"))
    assert (response.get("Content-Encoding") == "gzip") is compressed
    assert (response.content == body) is not compressed
