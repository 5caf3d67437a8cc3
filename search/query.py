"""Site search on Wagtail's search index, in the visitor's language.

Each language has its own entry in ``WAGTAILSEARCH_BACKENDS`` (search/backends.py),
and each page sits in the index of its language. Then:

- on PostgreSQL: full-text search with the ``dutch`` or ``english``
  configuration (stemming: "inkoop" and "inkopen" meet), ranked by Wagtail with
  the title weighted highest, and the matching passage from ``ts_headline`` over
  the index's plain text; a query that matches nothing is asked again with each
  word replaced by the most alike word of the language's pages (``pg_trgm``
  similarity), so "inkopn" still finds the procurement pages, and the page says
  which words it searched for instead;
- on SQLite (development): Wagtail's SQLite full-text index, whole words, then
  word beginnings when whole words find nothing.

Results come grouped by type (each page type declares its ``search_group``) and
paginated; when the other language has more results the page points there. A
query of stop words only ("a", "de het") gets a hint instead of every page.
Passages quote the page's own text as indexed: headings and paragraphs, never
the labels editors see in the admin.
"""

import functools
import html
import operator
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
PASSAGE_CHARS = 220
MARK_START, MARK_END = "\u27e6", "\u27e7"  # sentinels turned into <mark> after escaping

# Result groups in the order they are shown; a page type declares its group (``search_group``).
GROUPS = [
    ("programme", _("Programmes")),
    ("case", _("Cases")),
    ("service", _("Services")),
    ("challenge", _("Challenges")),
    ("event", _("Events")),
    ("enterprise", _("Social enterprises")),
    ("news", _("News")),
    ("page", _("Pages")),
]


# For the stop-word hint: a query of these words only would match every page, or none.
def _word_set(text):
    return frozenset(text.split())


STOP_WORDS = {
    "nl": _word_set(
        "aan al alles als dan dat de der des deze die dit door en er ge haar had heb heeft hem het hier hij hoe"
        " hun ik in is je kan kon maar me met mij mijn na naar niet niets nog nu of om omdat ons ook op over"
        " te tot u uit van veel voor want was wat we wel werd wie wij wordt zal ze zei zich zij zijn zo zonder"
        " zou een"
    ),
    "en": _word_set(
        "a about an and are as at be been but by can could did do does for from had has have he her his how i"
        " if in into is it its me my no not of on or our she so than that the their them then there these"
        " they this to too us was we were what when where which who why will with would you your"
    ),
}
WORD = re.compile(r"\w+", re.UNICODE)
# The index joins the texts of a page's blocks with ", ": after a full stop that comma only adds noise.
BLOCK_JOINS = re.compile(r"([.!?:;]), ")


@dataclass
class Hit:
    page: Page
    group: str
    passage: str


@dataclass
class Outcome:
    query: str
    results: object = None  # a Paginator page of the pages found
    groups: list = field(default_factory=list)
    hint: str = ""
    corrected: str = ""
    other_language: dict | None = None

    def as_context(self):
        return {
            "query": self.query,
            "results": self.results,
            "result_groups": self.groups,
            "search_hint": self.hint,
            "corrected_query": self.corrected,
            "other_language": self.other_language,
        }


# -- Query words -----------------------------------------------------------------------------------


def words_of(query):
    return [word.lower() for word in WORD.findall(query)][:MAX_WORDS]


def content_words(query, language):
    """The words that say what the visitor looks for: no stop words, no single letters."""
    return [word for word in words_of(query) if len(word) > 1 and word not in STOP_WORDS.get(language, set())]


def _is_postgres():
    return connection.vendor == "postgresql"


# -- The index -------------------------------------------------------------------------------------


def backend_for(language):
    """The search backend whose index holds the pages in ``language``."""
    return get_search_backend(language if language in settings.WAGTAILSEARCH_BACKENDS else "default")


def searchable_pages(language):
    locales = Locale.objects.filter(language_code=language)
    return Page.objects.live().public().filter(locale__in=locales, depth__gt=1)


def _matches(words, language, retry):
    """(lazy search results, the words searched for instead or None): whole words, then corrected words.

    On PostgreSQL a query that finds nothing is asked again with each word replaced by the most
    alike word of the language's pages (``_pg_corrected``); elsewhere with the last word as a prefix.
    """
    backend = backend_for(language)
    pages = searchable_pages(language)
    results = backend.search(" ".join(words), pages, operator="and")
    if not retry or results.count():
        return results, None
    if _is_postgres():
        corrected = _pg_corrected(words, language)
        if corrected == words:
            return results, None
        return backend.search(" ".join(corrected), pages, operator="and"), corrected
    return backend.autocomplete(" ".join(words), pages, operator="and"), None


# The distinct words of a language's live pages, from the index's unstemmed ("simple") autocomplete
# vectors; pg_trgm compares them with the words typed. ts_stat takes the statement as text: the only
# values put into it are the locale ids, integers read from the database.
VOCABULARY = (
    "SELECT e.autocomplete FROM {entries} e JOIN {pages} p ON e.object_id = p.id::text"
    " WHERE p.live AND p.locale_id IN ({locales})"
)
VOCABULARY_WORDS = "SELECT coalesce(array_agg(word ORDER BY word), '{}') FROM ts_stat(%s)"
CLOSEST_WORDS = """
SELECT DISTINCT ON (typed) typed, word
FROM unnest(%s::text[]) AS typed, unnest(%s::text[]) AS vocabulary(word)
WHERE similarity(word, typed) >= %s
ORDER BY typed, similarity(word, typed) DESC, word
"""
# The vocabulary is kept in the shared cache per language and page-cache generation (plain strings),
# so a purge (a publish, an unpublish, a move) starts a new one; the timeout bounds how long a list
# read before the worker indexed a published page can stay.
VOCABULARY_CACHE_KEY = "sif:search:vocabulary:{language}:{generation}"
VOCABULARY_TIMEOUT = 60 * 60


def _vocabulary(language, locales):
    """The distinct words of the live pages in ``language`` (``locales``: their locale ids, comma-separated)."""
    from wagtail.search.models import IndexEntry

    from ops import page_cache

    token = page_cache.generation()
    key = VOCABULARY_CACHE_KEY.format(language=language, generation=token) if token else None
    words = cache.get(key) if key else None
    if words is None:
        statement = VOCABULARY.format(entries=IndexEntry._meta.db_table, pages=Page._meta.db_table, locales=locales)
        with connection.cursor() as cursor:
            cursor.execute(VOCABULARY_WORDS, [statement])
            words = list(cursor.fetchone()[0])
        if key:
            cache.set(key, words, VOCABULARY_TIMEOUT)
    return words


def _pg_corrected(words, language):
    """``words`` with each one replaced by the most alike word of the pages in ``language``, if one is alike."""
    locales = ",".join(
        str(int(pk)) for pk in Locale.objects.filter(language_code=language).values_list("pk", flat=True)
    )
    if not locales:
        return words
    vocabulary = _vocabulary(language, locales)
    if not vocabulary:
        return words
    with connection.cursor() as cursor:
        cursor.execute(CLOSEST_WORDS, [words, vocabulary, settings.SEARCH_FUZZY_SIMILARITY])
        closest = dict(cursor.fetchall())
    return [closest.get(word, word) for word in words]


def _index_texts(pks):
    """{pk: (title, text)} as Wagtail's SQLite index holds them (plain text)."""
    rows = Page.objects.filter(pk__in=pks).values_list("pk", "index_entries__title", "index_entries__body")
    return {pk: (title or "", text or "") for pk, title, text in rows}


def _pg_passages(pks, words, language):
    """{pk: passage} from ``ts_headline`` with the language's configuration, matches between sentinels."""
    config = settings.WAGTAILSEARCH_BACKENDS.get(language, {}).get("SEARCH_CONFIG") or "simple"
    query = functools.reduce(operator.or_, (SearchQuery(word, config=config) for word in words))
    headline = SearchHeadline(
        Coalesce(NullIf("index_entries__body_text", Value("")), "index_entries__title_text"),
        query,
        config=config,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    rows = Page.objects.filter(pk__in=pks).annotate(passage=headline).values_list("pk", "passage")
    return {pk: passage or "" for pk, passage in rows}


def _passage(text, words):
    """The part of ``text`` around the first word that starts like one of ``words``, matches between sentinels."""
    stems = [_stem(word) for word in words]
    pattern = re.compile(r"\b(" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.IGNORECASE)
    match = pattern.search(text)
    start = max(0, match.start() - PASSAGE_CHARS // 3) if match else 0
    passage = text[start : start + PASSAGE_CHARS]
    if start > 0:
        passage = "… " + passage.split(" ", 1)[-1]
    if start + PASSAGE_CHARS < len(text):
        passage = passage.rsplit(" ", 1)[0] + " …"
    return pattern.sub(lambda m: MARK_START + m.group(0) + MARK_END, passage)


def _stem(word):
    return word[: max(4, len(word) - 2)] if len(word) > 4 else word


# -- Putting it together ---------------------------------------------------------------------------


def _highlight(passage):
    """Escape the passage, then turn the sentinels into <mark> elements."""
    passage = BLOCK_JOINS.sub(r"\1 ", passage)
    escaped = html.escape(passage, quote=False)
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


def find(query, language, retry=True):
    """(lazy search results, the words searched for instead or None) for ``query`` in ``language``, best first.

    ``retry=False`` asks for the words as typed only (the other-language count).
    """
    words = content_words(query, language)
    if not words:
        return [], None
    return _matches(words, language, retry)


def hits_for(pages, words, language):
    """The pages shown, each with its group and a passage of its own text with ``words`` marked."""
    pks = [page.pk for page in pages]
    if _is_postgres():
        passages = _pg_passages(pks, words, language)
    else:
        passages = {pk: _passage(text or title, words) for pk, (title, text) in _index_texts(pks).items()}
    return [
        Hit(
            page=page,
            group=getattr(page.specific_class, "search_group", "page"),
            passage=_highlight(passages[page.pk]),
        )
        for page in pages
        if page.pk in passages
    ]


def count(query, language):
    results, _corrected = find(query, language, retry=False)
    return len(results) if isinstance(results, list) else results.count()


def search(request, query, page_number=1):
    """The search page's context for ``query`` in the active language."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    outcome = Outcome(query=query)
    language = translation.get_language()
    if query and not content_words(query, language):
        outcome.hint = _(
            "Words like “the”, “a” or “de” are left out of a search. Add a word that says what you look for."
        )
        outcome.results = Paginator([], RESULTS_PER_PAGE).page(1)
        return outcome.as_context()
    results, corrected = find(query, language) if query else ([], None)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        outcome.results = paginator.page(page_number)
    except (EmptyPage, PageNotAnInteger):
        outcome.results = paginator.page(1)
    on_page = list(outcome.results)
    words = content_words(query, language)
    if corrected and on_page:
        outcome.corrected, words = " ".join(corrected), corrected
    hits = hits_for(on_page, words, language) if on_page else []
    outcome.groups = [
        {"key": key, "label": label, "hits": [hit for hit in hits if hit.group == key]}
        for key, label in GROUPS
        if any(hit.group == key for hit in hits)
    ]
    if query:
        outcome.other_language = _other_language(query, language, paginator.count)
    return outcome.as_context()


def _locale_codes():
    return set(Locale.objects.values_list("language_code", flat=True))


def _other_language(query, language, here):
    """Where the same query finds more pages in the other language, if it does."""
    for code, name in settings.LANGUAGES:
        if code == language or code not in _locale_codes():
            continue
        with translation.override(code):
            there = count(query, code) if content_words(query, code) else 0
            url = reverse("search")
        if there > here:
            return {"code": code, "name": name, "count": there, "url": f"{url}?{urlencode({'q': query})}"}
    return None
