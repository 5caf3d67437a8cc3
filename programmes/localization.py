"""Show objects chosen in one language in the visitor's language, in one query.

Inline links between pages and snippets (a programme's partners, a case's
themes and programmes) are synchronised by wagtail-localize: the English page
keeps pointing at the Dutch objects. Templates show them through
``localized_many``, which swaps each object for its translation in the active
language, if there is one, with one query per model whatever the number of
objects. ``home.localization.localized`` does the same for a single page.
"""

from wagtail.models import Locale, Page


def localized_many(objects):
    """``objects`` (one model) in the active language where translated, else as they are."""
    objects = list(objects)
    if not objects:
        return objects
    locale = Locale.get_active()
    model = type(objects[0])
    translations = model.objects.filter(locale=locale, translation_key__in={obj.translation_key for obj in objects})
    if issubclass(model, Page):
        translations = translations.live()
    by_key = {obj.translation_key: obj for obj in translations}
    return [obj if obj.locale_id == locale.pk else by_key.get(obj.translation_key, obj) for obj in objects]


def one_per_translation(objects):
    """One object per translation key from ``objects`` (any languages): the active language's where present.

    For lists fetched in all languages at once, e.g. every partner for the hub.
    """
    locale_id = Locale.get_active().pk
    chosen = {}
    for obj in objects:
        if obj.translation_key not in chosen or obj.locale_id == locale_id:
            chosen[obj.translation_key] = obj
    return list(chosen.values())
