from django.apps import AppConfig


class SearchConfig(AppConfig):
    """What finds the site: the site search, sitemaps, robots.txt and structured data."""

    name = "search"
