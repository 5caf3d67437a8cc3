"""home/filters.py: the query strings of the listings' filter links (pages: each listing's own tests)."""

from django.utils import translation

from home.filters import filter_links, query_string


def test_a_query_string_leaves_out_empty_values_repeats_lists_and_keeps_the_order_given():
    assert (
        query_string({"audience": "", "service": ["b", "", "a"], "form": "online"})
        == "?service=b&service=a&form=online"
    )
    assert query_string([("q", "koek & thee"), ("category", None)]) == "?q=koek+%26+thee"
    assert query_string({"q": "", "service": []}) == ""


def test_filter_links_keep_the_other_filters_and_name_them_as_asked():
    chosen = {"type": "workshop", "language": "en"}
    with translation.override("nl"):
        links = filter_links(
            chosen,
            "type",
            [("workshop", "Workshop"), ("meetup", "Meet-up")],
            {"type": "soort", "language": "taal"}.get,
        )
    assert links == [
        ("Alle", "?taal=en", False),
        ("Workshop", "?soort=workshop&taal=en", True),
        ("Meet-up", "?soort=meetup&taal=en", False),
    ]
    with translation.override("en"):
        assert filter_links({"status": ""}, "status", [("open", "Open")]) == [
            ("All", "", True),
            ("Open", "?status=open", False),
        ]
