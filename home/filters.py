"""Filters as plain links: the query strings of the listings' filter links (menukaart, Buy Social, challenges, agenda)
and of the links that carry a visitor's choice to the intake form (the menukaart's package, Buy Social's quotes).

A filter is a link, not a form: it works without JavaScript, a visitor can share it, and the page
cache keeps one copy per filter value (``cache_query_params``).
"""

from urllib.parse import urlencode

from django.utils.translation import gettext as _


def query_string(params):
    """``?name=value&...`` of the non-empty values of ``params`` (a dict, or (name, value) pairs, in the order given;
    a list value repeats its name), or ``""`` when none is left."""
    pairs = []
    for name, value in params.items() if isinstance(params, dict) else params:
        pairs.extend((name, item) for item in (value if isinstance(value, list) else [value]) if item)
    return f"?{urlencode(pairs)}" if pairs else ""


def filter_links(chosen, name, options, parameter=lambda key: key):
    """(label, query string, is current) for "All" and each ``(value, label)`` option of the filter ``name``,
    keeping the other filters of ``chosen`` ({filter: value}); ``parameter`` names a filter in the query string."""

    def link(value, label):
        query = query_string({parameter(key): v for key, v in {**chosen, name: value}.items()})
        return label, query, chosen[name] == value

    return [link(value, label) for value, label in [("", _("All")), *options]]
