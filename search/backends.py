"""Wagtail's database search backend, one entry per language (``WAGTAILSEARCH_BACKENDS``).

As on foundation.mozilla.org: the ``nl`` and ``en`` entries carry their own
PostgreSQL text search configuration (``SEARCH_CONFIG`` "dutch", "english"), so
each language keeps its stemming ("inkopen" meets "inkoop", "enterprises" meets
"enterprise"). All entries write the one table of Wagtail's index, one row per
object, so each page must be written by the entry of its own language only:

- an entry with ``LANGUAGE`` writes the pages of that language and nothing else;
- the ``default`` entry (the admin's searches, images, documents, snippets)
  writes everything else.

Every entry keeps ``AUTO_UPDATE``: Wagtail's own signal handlers, its index
tasks on the worker and ``manage.py update_index`` reach every entry, and each
entry keeps what is its own. On SQLite (no text search configurations) the
entries differ only in what they write.
"""

from django.conf import settings
from wagtail.models import Page
from wagtail.search.backends import database

from home.models import language_code


def _own_languages():
    """The languages that have an entry of their own."""
    return {params["LANGUAGE"] for params in settings.WAGTAILSEARCH_BACKENDS.values() if params.get("LANGUAGE")}


def _writes(language, item):
    """Whether the entry for ``language`` (None: the default entry) keeps ``item`` in the index."""
    if not isinstance(item, Page):
        return language is None
    page_language = language_code(item.locale_id)
    if language is None:
        return page_language not in _own_languages()
    return page_language == language


def SearchBackend(params):
    """The database backend for this database, writing only what its ``LANGUAGE`` owns."""
    language = params.get("LANGUAGE")
    backend = database.SearchBackend(params)
    vendor_index = backend.index_class

    class LanguageIndex(vendor_index):
        def add_items(self, model, items):
            own = [item for item in items if _writes(language, item)]
            if own:
                super().add_items(model, own)

    backend.index_class = LanguageIndex
    backend.language = language
    return backend
