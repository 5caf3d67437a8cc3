"""The finder's state, read from plain GET parameters: filters, text search, counts per filter value.

Every filter is a link (``?category=catering&region=utrecht&q=koffie``), so a
filtered list can be shared, bookmarked and crawled, and works without
JavaScript. Unknown values are ignored, as if the filter were not set.

The directory holds at most a few hundred enterprises: the page fetches them
in one query and this module filters and counts them in memory, so the number
of queries stays the same however many there are, and the counts per value
agree with the list by construction. This module imports no models;
``BuySocialPage`` (models.py) uses it.
"""

from dataclasses import dataclass

from home.filters import query_string

QUERY_MAX_LENGTH = 100
# The text search and the filters: the page cache keys on exactly these (ops/page_cache.py).
PARAMS = ("q", "category", "region", "impact", "sroi")


@dataclass(frozen=True)
class Facet:
    """A filter: its URL parameter, heading, choices and the values an enterprise has for it."""

    name: str
    label: str
    choices: list
    values_of: object  # enterprise -> list of values


def read(params, facets):
    """``({facet name: chosen value or ""}, text query)`` from the request's GET parameters."""
    selected = {}
    for facet in facets:
        value = params.get(facet.name, "")
        selected[facet.name] = value if value in dict(facet.choices) else ""
    text = " ".join(params.get("q", "").split())[:QUERY_MAX_LENGTH]
    return selected, text


def words(text):
    return text.casefold().split()


def matches(enterprise, facets, selected, query_words, skip=None):
    """Whether ``enterprise`` has every chosen value (but ``skip``'s) and every word of the query."""
    for facet in facets:
        value = selected[facet.name]
        if facet.name != skip and value and value not in facet.values_of(enterprise):
            return False
    text = enterprise.search_text.casefold()
    return all(word in text for word in query_words)


def query(params):
    """A query string of the non-empty ``params``, in a stable order."""
    return query_string([(name, params.get(name)) for name in PARAMS]) or "?"


def options(enterprises, facets, selected, text):
    """Per facet, the values at least one enterprise has, each with its count and the link that toggles it.

    A value's count is how many enterprises the list would show with that value chosen
    (the other filters and the text search kept).
    """
    query_words = words(text)
    groups = []
    for facet in facets:
        counts = {}
        for enterprise in enterprises:
            if matches(enterprise, facets, selected, query_words, skip=facet.name):
                for value in facet.values_of(enterprise):
                    counts[value] = counts.get(value, 0) + 1
        items = []
        for value, label in facet.choices:
            chosen = selected[facet.name] == value
            if not counts.get(value) and not chosen:
                continue
            params = {**selected, "q": text, facet.name: "" if chosen else value}
            count = counts.get(value, 0)
            items.append({"value": value, "label": label, "count": count, "selected": chosen, "url": query(params)})
        if items:
            groups.append({"name": facet.name, "label": facet.label, "options": items})
    return groups
