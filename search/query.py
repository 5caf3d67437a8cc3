"""Site search that understands Dutch and English.

Each live page in the visitor's language becomes one plain-text document
(title, summary, lead, body: the page's own search fields). Then:

- on PostgreSQL: full-text search with the ``dutch`` or ``english``
  configuration (stemming: "inkoop" and "inkopen" meet), ranked with the
  title weighted highest, and the matching passage from ``ts_headline``; a word
  that matches nothing is replaced by the closest word of the site
  (``pg_trgm`` similarity), so "inkopn" still finds the procurement pages;
- elsewhere (SQLite in development): every query word must start a word of the
  page, compared on a short stem so simple plurals meet.

Results come grouped by type (programme, case, service, page) and paginated; when
the other language has more results the page points there. A query of stop
words only ("a", "de het") gets a hint instead of every page.
"""

import html
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from ops import page_cache

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
PASSAGE_CHARS = 220
TEXT_CONFIGS = {"nl": "dutch", "en": "english"}
TRIGRAM_MIN_SIMILARITY = 0.4
MARK_START, MARK_END = "\u27e6", "\u27e7"  # sentinels turned into <mark> after escaping

# Result groups in the order they are shown; a page type declares its group (``search_group``).
GROUPS = [
    ("programme", _("Programmes")),
    ("case", _("Cases")),
    ("service", _("Services")),
    ("page", _("Pages")),
]


# For the SQLite fallback and the stop-word hint on any database.
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


@dataclass
class Hit:
    pk: int
    group: str
    passage: str
    rank: float = 0.0
    page: Page | None = None  # fetched for the hits on the page of results shown


@dataclass
class Outcome:
    query: str
    results: object = None  # a Paginator page of Hits
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


# -- Documents -------------------------------------------------------------------------------------


def _field_text(page, name):
    value = getattr(page, name, None)
    if value is None or callable(value):
        return ""
    try:
        model_field = page._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a search field may be a property, not a model field
        model_field = None
    if model_field is not None and hasattr(model_field, "get_searchable_content"):
        parts = model_field.get_searchable_content(value)
        return " ".join(str(part) for part in parts)
    return str(value)


def page_text(page):
    """(title, rest) of ``page`` as plain text, from the search fields its class declares."""
    names = []
    for search_field in page.get_search_fields():
        name = getattr(search_field, "field_name", None)
        if name and name != "title" and name not in names and type(search_field).__name__ == "SearchField":
            names.append(name)
    rest = " ".join(_field_text(page, name) for name in ["search_description", *names])
    return page.title, " ".join(strip_tags(html.unescape(rest)).split())


def documents(language):
    """[((pk, search group), title, text)] for the live public pages in ``language``.

    Kept in the cache under the page cache's generation (ops/page_cache.py), so the
    next purge (a page published, moved, unpublished, its privacy changed) drops them;
    without a generation (Redis down) they are read each time.
    """
    token = page_cache.generation()
    key = f"sif-search-docs:{token}:{language}"
    cached = cache.get(key) if token else None
    if cached is None:
        pages = Page.objects.live().public().filter(locale__language_code=language, depth__gt=1)
        cached = [
            ((page.pk, getattr(page, "search_group", "page")), *page_text(page))
            for page in pages.specific().order_by("path")
        ]
        if token:
            cache.set(key, cached, getattr(settings, "PAGE_CACHE_TIMEOUT", 600))
    return cached


# -- Query words -----------------------------------------------------------------------------------


def words_of(query):
    return [word.lower() for word in WORD.findall(query)][:MAX_WORDS]


def content_words(query, language):
    """The words that say what the visitor looks for: no stop words, no single letters."""
    return [word for word in words_of(query) if len(word) > 1 and word not in STOP_WORDS.get(language, set())]


def _is_postgres():
    return connection.vendor == "postgresql"


# -- PostgreSQL ------------------------------------------------------------------------------------

PG_MATCH = """
WITH docs AS (
    SELECT ord, title, body,
           setweight(to_tsvector(%(config)s::regconfig, title), 'A')
           || setweight(to_tsvector(%(config)s::regconfig, body), 'B') AS vector
    FROM unnest(%(titles)s::text[], %(bodies)s::text[]) WITH ORDINALITY AS d(title, body, ord)
), q AS (SELECT to_tsquery(%(config)s::regconfig, %(tsquery)s) AS query)
SELECT ord, ts_rank(vector, q.query),
       ts_headline(%(config)s::regconfig, body, q.query, %(options)s)
FROM docs, q
WHERE vector @@ q.query
ORDER BY 2 DESC, ord
"""


def _pg_search(docs, words, config):
    if not words or not docs:
        return []
    options = (
        f'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'
    )
    with connection.cursor() as cursor:
        # to_tsquery stems each word with the configuration; quoting keeps it a single lexeme.
        cursor.execute(
            "SELECT string_agg(quote_literal(lexeme) || ':*', ' & ') FROM ("
            " SELECT DISTINCT unnest(tsvector_to_array(to_tsvector(%s::regconfig, w))) AS lexeme"
            " FROM unnest(%s::text[]) AS w) AS l",
            [config, words],
        )
        tsquery = cursor.fetchone()[0]
        if not tsquery:
            return []
        cursor.execute(
            PG_MATCH,
            {
                "config": config,
                "titles": [title for _p, title, _t in docs],
                "bodies": [text or title for _p, title, text in docs],
                "tsquery": tsquery,
                "options": options,
            },
        )
        return [(ord_ - 1, rank, headline) for ord_, rank, headline in cursor.fetchall()]


def _pg_correct(docs, words, config):
    """``words`` with each word that matches no page replaced by the most similar word of the site."""
    vocabulary = sorted({word.lower() for _p, title, text in docs for word in WORD.findall(f"{title} {text}")})
    corrected = []
    with connection.cursor() as cursor:
        for word in words:
            # A single word already found nothing (find() only corrects then): no need to ask again.
            if len(words) > 1 and _pg_search(docs, [word], config):
                corrected.append(word)
                continue
            cursor.execute(
                "SELECT v, similarity(v, %s) AS s FROM unnest(%s::text[]) AS v"
                " WHERE length(v) > 2 ORDER BY s DESC, v LIMIT 1",
                [word, vocabulary],
            )
            row = cursor.fetchone()
            corrected.append(row[0] if row and row[1] >= TRIGRAM_MIN_SIMILARITY else word)
    return corrected


def _has_trigram():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


# -- SQLite and other databases: prefix matching ---------------------------------------------------


def _stem(word):
    return word[: max(4, len(word) - 2)] if len(word) > 4 else word


def _fallback_search(docs, words):
    stems = [_stem(word) for word in words]
    hits = []
    for index, (_page, title, text) in enumerate(docs):
        title_words = [w.lower() for w in WORD.findall(title)]
        body_words = [w.lower() for w in WORD.findall(text)]
        score = 0.0
        for stem in stems:
            in_title = sum(w.startswith(stem) for w in title_words)
            in_body = sum(w.startswith(stem) for w in body_words)
            if not in_title and not in_body:
                break
            score += 3 * in_title + min(in_body, 5)
        else:
            hits.append((index, score, _fallback_passage(text or title, stems)))
    hits.sort(key=lambda hit: (-hit[1], hit[0]))
    return hits


def _fallback_passage(text, stems):
    pattern = re.compile(r"\b(" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.IGNORECASE)
    match = pattern.search(text)
    start = max(0, match.start() - PASSAGE_CHARS // 3) if match else 0
    passage = text[start : start + PASSAGE_CHARS]
    if start > 0:
        passage = "… " + passage.split(" ", 1)[-1]
    if start + PASSAGE_CHARS < len(text):
        passage = passage.rsplit(" ", 1)[0] + " …"
    return pattern.sub(lambda m: MARK_START + m.group(0) + MARK_END, passage)


# -- Putting it together ---------------------------------------------------------------------------


def _highlight(passage):
    """Escape the passage, then turn the sentinels into <mark> elements."""
    escaped = html.escape(passage, quote=False)
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


def find(query, language, correct=True):
    """(hits, corrected words or None) for ``query`` in ``language``, best first.

    ``correct=False`` skips the typo correction (the other-language count only asks
    whether the words as typed find more there; it saves up to five queries).
    """
    docs = documents(language)
    words = content_words(query, language)
    corrected = None
    if _is_postgres():
        config = TEXT_CONFIGS.get(language, "simple")
        found = _pg_search(docs, words, config)
        if correct and not found and words and _has_trigram():
            fixed = _pg_correct(docs, words, config)
            if fixed != words:
                found = _pg_search(docs, fixed, config)
                corrected = fixed if found else None
    else:
        found = _fallback_search(docs, words)
    hits = []
    for index, rank, passage in found:
        pk, group = docs[index][0]
        hits.append(Hit(pk=pk, group=group, passage=_highlight(passage), rank=rank))
    return hits, corrected


def count(query, language):
    return len(find(query, language, correct=False)[0])


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
    hits, corrected = find(query, language) if query else ([], None)
    if corrected:
        outcome.corrected = " ".join(corrected)
    paginator = Paginator(hits, RESULTS_PER_PAGE)
    try:
        outcome.results = paginator.page(page_number)
    except (EmptyPage, PageNotAnInteger):
        outcome.results = paginator.page(1)
    on_page = list(outcome.results)
    pages = Page.objects.in_bulk([hit.pk for hit in on_page])
    for hit in on_page:
        hit.page = pages.get(hit.pk)
    on_page = [hit for hit in on_page if hit.page is not None]  # removed since the documents were read
    outcome.groups = [
        {"key": key, "label": label, "hits": [hit for hit in on_page if hit.group == key]}
        for key, label in GROUPS
        if any(hit.group == key for hit in on_page)
    ]
    if query:
        outcome.other_language = _other_language(query, language, len(hits))
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
            from urllib.parse import urlencode

            return {"code": code, "name": name, "count": there, "url": f"{url}?{urlencode({'q': query})}"}
    return None
