from django.shortcuts import render
from django.utils.translation import gettext

from . import search as site_search

MAX_QUERY_LENGTH = site_search.MAX_QUERY_LENGTH


def search(request):
    """Search the live pages in the visitor's language (see home/search.py)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    context = site_search.search(request, query, request.GET.get("page", 1))
    context["view_title"] = gettext("Search")
    return render(request, "home/search.html", context)
