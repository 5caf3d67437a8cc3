"""A translation is a draft until a moderator approves it, also when its page is already live.

wagtail-localize saves a translation with ``Translation.save_target(publish=False)``, which
(``TranslationSource.create_or_update_translation``) writes the translated page itself and then
saves a revision of it. For a page that is not live yet that row is a draft nobody sees; for a
live page (and for a live alias, which it converts) the row *is* the public page, so the
"draft" was live at once, before any review. The add-on takes that path when an editor submits
a translation, when a page is translated "with its subtree" (children that already have a
translation are saved again) and when a page whose other-language version is an alias is
translated. It also copies an untranslated parent as a live alias when a child is translated
(``copy_parent_pages=True``).

Here, the same work without those side effects:

- ``save_translation_draft`` saves the translated strings as a new revision only: the page
  row, which visitors see, keeps its content until the workflow publishes the revision. An
  alias is turned into a page first, still showing what it showed.
- ``translate_page`` makes the translation of a page that has none yet (or only an alias),
  its untranslated parents first, as drafts: no alias, nothing live.
"""

import json

from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator


def translate_slug_from_title(translation, user):
    """A page never published in this language gets its address from its translated title.

    wagtail-localize keeps the Dutch slug until someone translates it (a string in the
    Promote tab) or overrides it (a case's "Edit"), so an English service was served at its
    Dutch address. The slug is stored as that translation (or override), as if typed, so that
    every later save keeps it and the editor sees and can change it; one given by a person wins.
    """
    source, locale = translation.source, translation.target_locale
    page = translation.get_target_instance()
    if not isinstance(page, Page) or page.first_published_at is not None:
        return
    title = source.get_ephemeral_translated_instance(locale, fallback=True).title
    if title == source.as_instance().title:
        return  # the title is not translated yet: nothing to take the address from
    slug = find_available_slug(page.get_parent(), slugify(title), ignore_page_id=page.pk)
    for segment in StringSegment.objects.filter(source=source, context__path="slug"):
        StringTranslation.objects.get_or_create(
            translation_of_id=segment.string_id,
            locale=locale,
            context_id=segment.context_id,
            defaults={"data": slug, "last_translated_by": user},
        )
    for segment in OverridableSegment.objects.filter(source=source, context__path="slug"):
        SegmentOverride.objects.get_or_create(
            locale=locale,
            context_id=segment.context_id,
            defaults={"data_json": json.dumps(slug), "last_translated_by": user},
        )


def _convert_alias(page, user):
    """An alias becomes a page of its own, showing what the alias showed (its source's live content)."""
    page.alias_of_id = None
    page.save(update_fields=["alias_of_id"], clean=False)
    revision = page.save_revision(user=user, changed=False, clean=False)
    log(
        instance=page,
        action="wagtail.convert_alias",
        user=user,
        revision=revision,
        data={"page": {"id": page.id, "title": page.get_admin_display_title()}},
    )


def save_translation_draft(translation, user):
    """Save the translation's current strings as the newest revision of its page, and only that.

    Raises ValidationError when the translated page does not validate. Returns the page.
    """
    source = translation.source
    locale = translation.target_locale
    page = source.get_translated_instance(locale)
    if page.alias_of_id:
        _convert_alias(page, user)
    translate_slug_from_title(translation, user)
    draft = source.get_ephemeral_translated_instance(locale, fallback=True)
    draft.slug = find_available_slug(draft.get_parent(), slugify(draft.slug), ignore_page_id=draft.pk)
    draft.save_revision(user=user, log_action=True)
    source.update_target_view_restrictions(locale)
    return Page.objects.get(pk=draft.pk).specific


class _Translator:
    """Translations of pages (and the snippets they use) into one language, as drafts."""

    def __init__(self, user, locale):
        self.user = user
        self.locale = locale
        self.creator = TranslationCreator(user, [locale])
        self.made = []  # pages translated on the way (untranslated parents, pages they link to)

    def page(self, page, *, wanted=True):
        """The page's translation: made when missing, an alias turned into a draft translation."""
        page = page.specific
        existing = page.get_translation_or_none(self.locale)
        if existing is not None and not existing.alias_of_id:
            return None
        for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
            if not ancestor.has_translation(self.locale):
                self.page(ancestor, wanted=False)
        source, _created = TranslationSource.get_or_create_from_instance(page)
        self._related(source)
        if existing is None:
            self.creator.create_translations(page, include_related_objects=False)
        else:
            translation, _created = Translation.objects.update_or_create(
                source=source, target_locale=self.locale, defaults={"enabled": True}
            )
            save_translation_draft(translation, self.user)
        translated = page.get_translation(self.locale)
        if not wanted:
            self.made.append(translated)
        return translated

    def _related(self, source):
        """What the page links to (themes, partners, pages) in this language, where it is still missing."""
        for segment in source.relatedobjectsegment_set.select_related("object"):
            instance = segment.object.get_instance(source.locale)
            if instance.has_translation(self.locale):
                continue  # an existing translation (or alias) stays as it is
            if isinstance(instance, Page):
                self.page(instance, wanted=False)
            else:
                self.creator.create_translations(instance, include_related_objects=False)


def translate_pages(pages, locale, user):
    """Translate these pages (parents before children) into ``locale`` as drafts.

    Pages that already have a translation keep it untouched. Returns the pages translated on the
    way that were not asked for (untranslated parents, linked pages), for the editor's message.
    """
    translator = _Translator(user, locale)
    for page in pages:
        translator.page(page)
    return translator.made


def made_on_the_way_message(pages):
    titles = ", ".join(f"'{page.get_admin_display_title()}'" for page in pages)
    return _("Translated as drafts too, because the translation needs them: %(titles)s.") % {"titles": titles}
