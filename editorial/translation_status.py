"""Which English pages are missing or behind their Dutch source.

wagtail-localize keeps a ``TranslationSource`` per Dutch page; editors
"sync" it after changing the Dutch page. A page is behind when the Dutch page
was published after the last sync, or when the English translation still has
untranslated strings. "Published after the last sync" compares content, not
dates: unpublishing and republishing an unchanged page is not a change.

Snippets (themes, categories, partners) are translated the same way and listed
too, as are English pages whose Dutch source was deleted.
"""

import contextlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
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

# Fields that change on publish, unpublish, lock or move without changing what is translated.
VOLATILE_FIELDS = {
    "pk",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "draft_title",
    "owner",
    "path",
    "depth",
    "numchild",
    "url_path",
    "alias_of",
    "content_type",
}


def _normalised(data):
    """Drop volatile fields; parse StreamField JSON so key order does not count as a change."""
    result = {}
    for key, value in data.items():
        if key in VOLATILE_FIELDS:
            continue
        if isinstance(value, str) and value[:1] in "[{":
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        if isinstance(value, list) and value and all(isinstance(item, dict) and "pk" in item for item in value):
            value = [{k: v for k, v in item.items() if k != "pk"} for item in value]  # child rows get new keys
        result[key] = value
    return result


def _content(instance):
    if isinstance(instance, ClusterableModel):
        return _normalised(json.loads(instance.to_json()))
    return _normalised(json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)))


def changed_since_sync(instance, source):
    """Has the source's content changed since it was last synchronised?"""
    return _content(instance) != _normalised(json.loads(source.content_json))


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


def snippet_translation_statuses(source_language="nl", target_language="en"):
    """The same report for translatable snippets (themes, service categories, partners)."""
    source_locale = Locale.objects.get(language_code=source_language)
    target_locale = Locale.objects.get(language_code=target_language)
    statuses = []
    for model in get_snippet_models():
        if not issubclass(model, TranslatableMixin):
            continue
        objects = list(model.objects.filter(locale=source_locale))
        keys = [obj.translation_key for obj in objects]
        targets = {t.translation_key: t for t in model.objects.filter(locale=target_locale, translation_key__in=keys)}
        sources = {s.object_id: s for s in TranslationSource.objects.filter(locale=source_locale, object_id__in=keys)}
        translations = {
            t.source_id: t
            for t in Translation.objects.filter(target_locale=target_locale, source__in=sources.values(), enabled=True)
        }
        statuses += [_status(obj, targets.get(obj.translation_key), sources, translations) for obj in objects]
    return statuses


def orphan_pages(source_language="nl", target_language="en"):
    """English pages whose Dutch source no longer exists."""
    dutch_keys = Page.objects.filter(locale__language_code=source_language).values("translation_key")
    return list(
        Page.objects.filter(locale__language_code=target_language, depth__gt=1)
        .exclude(translation_key__in=dutch_keys)
        .order_by("path")
    )


def _status(page, target, sources, translations):
    if target is None or getattr(target, "alias_of_id", None) is not None:
        return TranslationStatus(page, None, MISSING)
    source = sources.get(page.translation_key)
    translation = translations.get(source.pk) if source else None
    instance = page.specific if isinstance(page, Page) else page
    if source and changed_since_sync(instance, source):
        return TranslationStatus(page, target, NEEDS_SYNC)
    if translation is not None:
        total, completed = translation.get_progress()
        if completed < total:
            return TranslationStatus(page, target, INCOMPLETE, completed, total)
    if isinstance(target, Page) and not target.live:
        return TranslationStatus(page, target, NOT_LIVE)
    return TranslationStatus(page, target, UP_TO_DATE)
