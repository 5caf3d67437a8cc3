from django.shortcuts import render
from django.utils.translation import gettext

from . import query as site_search

MAX_QUERY_LENGTH = site_search.MAX_QUERY_LENGTH


def _printable(text):
    return "".join(character for character in text if character.isprintable())


def search(request):
    """Search the live pages in the visitor's language (see search/query.py); any input gets an answer.

    Control characters (a NUL byte among them) are dropped before anything else
    sees the query; search/query.py then searches its words only, so quotes and
    operators never reach the database.
    """
    query = _printable(request.GET.get("q", "")).strip()[:MAX_QUERY_LENGTH]
    context = site_search.search(request, query, request.GET.get("page", 1))
    context["view_title"] = gettext("Search")
    return render(request, "search/search.html", context)


# What the page cache keys a results page on (ops/page_cache.py); other parameters are not kept.
search.cache_query_params = ("q", "page")
