"""Which English pages are missing or behind their Dutch source.

wagtail-localize keeps a ``TranslationSource`` per Dutch page; editors
"sync" it after changing the Dutch page. A page is behind when the Dutch page
was published after the last sync, or when the English translation still has
untranslated strings.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

MISSING = "missing"
NEEDS_SYNC = "needs_sync"
INCOMPLETE = "incomplete"
NOT_LIVE = "not_live"
UP_TO_DATE = "up_to_date"

LABELS = {
    MISSING: _("No English translation"),
    NEEDS_SYNC: _("Dutch page changed: sync the translation"),
    INCOMPLETE: _("Translation incomplete"),
    NOT_LIVE: _("English page not published"),
    UP_TO_DATE: _("Up to date"),
}


@dataclass
class TranslationStatus:
    page: Page
    translation: Page | None
    status: str
    completed: int = 0
    total: int = 0

    @property
    def label(self):
        return LABELS[self.status]

    @property
    def needs_work(self):
        return self.status != UP_TO_DATE


def page_translation_statuses(source_language="nl", target_language="en"):
    source_locale = Locale.objects.get(language_code=source_language)
    target_locale = Locale.objects.get(language_code=target_language)
    pages = list(Page.objects.filter(locale=source_locale, depth__gt=1).order_by("path"))
    keys = [page.translation_key for page in pages]
    targets = {p.translation_key: p for p in Page.objects.filter(locale=target_locale, translation_key__in=keys)}
    sources = {s.object_id: s for s in TranslationSource.objects.filter(locale=source_locale, object_id__in=keys)}
    translations = {
        t.source_id: t
        for t in Translation.objects.filter(target_locale=target_locale, source__in=sources.values(), enabled=True)
    }
    return [_status(page, targets.get(page.translation_key), sources, translations) for page in pages]


def _status(page, target, sources, translations):
    if target is None or target.alias_of_id is not None:
        return TranslationStatus(page, None, MISSING)
    source = sources.get(page.translation_key)
    translation = translations.get(source.pk) if source else None
    if source and page.last_published_at and source.last_updated_at < page.last_published_at:
        return TranslationStatus(page, target, NEEDS_SYNC)
    if translation is not None:
        total, completed = translation.get_progress()
        if completed < total:
            return TranslationStatus(page, target, INCOMPLETE, completed, total)
    if not target.live:
        return TranslationStatus(page, target, NOT_LIVE)
    return TranslationStatus(page, target, UP_TO_DATE)
