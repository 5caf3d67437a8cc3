import logging
import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale, Page

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_SEARCH_WORDS = 12
WORD = re.compile(r"\w+")


def search_terms(query):
    """The words of a query, without quotes, operators or control characters.

    The search backends build a full-text expression from the query (SQLite's FTS5
    MATCH, PostgreSQL's tsquery); a quote, an operator or a NUL byte in it is a syntax
    error in the database. Searching for the words alone finds the same pages.
    """
    return " ".join(WORD.findall(query)[:MAX_SEARCH_WORDS])


def _printable(text):
    return "".join(character for character in text if character.isprintable())


def search(request):
    """Full-text search over the live pages in the visitor's language; any input gets an answer, not an error."""
    query = _printable(request.GET.get("q", "")).strip()[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    results = Page.objects.none()
    if terms:
        locale = Locale.objects.get(language_code=get_language())
        results = Page.objects.live().public().filter(locale=locale).specific().search(terms)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        try:
            page_of_results = paginator.page(request.GET.get("page", 1))
        except (EmptyPage, PageNotAnInteger):
            page_of_results = paginator.page(1)
        page_of_results.object_list = list(page_of_results.object_list)
    except DatabaseError as error:  # a query the search backend could not run: "nothing found", not a 500
        logger.warning("Search failed (%s) for a query of %d characters", type(error).__name__, len(query))
        page_of_results = Paginator([], RESULTS_PER_PAGE).page(1)
    return render(request, "home/search.html", {"query": query, "results": page_of_results})
