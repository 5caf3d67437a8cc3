"""The one way the site lists pages "newest first"."""

from django.db.models import F

# First published last to first; never-published pages at the end; ties by newest id, so pages stay put.
NEWEST_FIRST = (F("first_published_at").desc(nulls_last=True), "-pk")


def newest_first(queryset, *before):
    """``queryset`` ordered newest first, after the orderings in ``before`` (such as ``"-feature_on_home"``)."""
    return queryset.order_by(*before, *NEWEST_FIRST)
