"""Dutch where wagtail-localize's translation editor shows English: its dates, and words its script writes as is.

- Dates: the add-on writes "Translated manually on 6 December 2026" and "last published
  6 December 2026" with ``strftime``: an English month, and the day in UTC. Here they are
  written in the admin's language and time zone ("7 december 2026"), in the editor's settings
  (``localise_props``) and in the answer to every saved string (``edit_string_translation``).
- Words the script has as plain text, not through its translation catalogue: "Nederlands to
  English translation" above the strings and "More actions" on the footer's menu button.
  ``script_words`` gives their Dutch for static/sif-admin/translation-editor.js, which puts
  it in place. ("Publish in " is in the catalogue, translated without its space: its Dutch is
  in site/locale/nl/LC_MESSAGES/djangojs.po.)
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.views import edit_translation

LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}


def local_date(value):
    return formats.date_format(timezone.localtime(value), "j F Y")


def translation_comment(string_translation):
    """How and when a string was translated, as the add-on says it, with the date in the admin's language."""
    date = local_date(string_translation.updated_at)
    if string_translation.tool_name:
        return _("Translated with {tool_name} on {date}").format(tool_name=string_translation.tool_name, date=date)
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return _("Translated manually on {date}").format(date=date)


def _string_translations(translation, entries):
    segments = dict(
        StringSegment.objects.filter(
            source=translation.source, pk__in=[e.get("segment_id") for e in entries]
        ).values_list("pk", "context_id")
    )
    found = StringTranslation.objects.filter(
        locale=translation.target_locale,
        context_id__in=segments.values(),
        translation_of_id__in=[e.get("string_id") for e in entries],
    )
    by_key = {(st.translation_of_id, st.context_id): st for st in found}
    return {
        index: by_key.get((entry.get("string_id"), segments.get(entry.get("segment_id"))))
        for index, entry in enumerate(entries)
    }


def localise_props(data, translation, instance):
    """The editor's settings (parsed JSON) with dates in the admin's language and time zone."""
    entries = data.get("initialStringTranslations") or []
    for index, string_translation in _string_translations(translation, entries).items():
        if string_translation is not None and entries[index].get("comment"):
            entries[index]["comment"] = translation_comment(string_translation)
    info = data.get("object") or {}
    if info.get("lastPublishedDate") and isinstance(instance, Page):
        published = instance.live_revision.created_at if instance.live_revision else instance.last_published_at
        if published:
            info["lastPublishedDate"] = local_date(published)
    return data


def language_name(locale):
    return _(LANGUAGE_NAMES.get(locale.language_code, locale.get_display_name()))


def script_words(translation):
    """English text the editor's script writes, and its Dutch, for static/sif-admin/translation-editor.js."""
    source, target = translation.source.locale, translation.target_locale
    heading = f"{source.get_display_name()} to {target.get_display_name()} translation"
    return {
        heading: _("Translation from %(source)s into %(target)s")
        % {"source": language_name(source), "target": language_name(target)},
        "More actions": _("More actions"),
    }


def edit_string_translation(request, translation_id, string_segment_id):
    """The add-on's view that saves one string, answering with the date in the admin's language."""
    response = edit_translation.edit_string_translation(
        request, translation_id=translation_id, string_segment_id=string_segment_id
    )
    data = getattr(response, "data", None)
    if request.method == "PUT" and isinstance(data, dict) and data.get("comment"):
        translation = Translation.objects.get(pk=translation_id)
        entries = [{"string_id": data.get("string_id"), "segment_id": string_segment_id}]
        string_translation = _string_translations(translation, entries)[0]
        if string_translation is not None:
            data["comment"] = translation_comment(string_translation)
    return response
