"""A Dutch page and its English translation move, go offline and are deleted together.

The English tree mirrors the Dutch one. Moving, unpublishing or deleting the Dutch page alone
left its English page where it was, live, or without a source, and a move that could not take
the English page along moved the Dutch one anyway and then said "Sorry, you do not have access".

- Wagtail's ``construct_translated_pages_to_cascade_actions`` hook makes its own unpublish,
  delete and move views take the translations along (and say so on the confirm screen).
  Wagtail unpublishes and deletes them without checking the user's rights on them, and moves
  the Dutch page before it finds it cannot move the English one, so ``refusal`` and
  ``move_refusal`` check first, on the confirm screen. ``move_translations_with``
  (editorial/review.py) then puts the English page in the same place among its siblings.
- An English page on its own may be unpublished or deleted (the Dutch page stays); moved only
  to the translation of its Dutch page's parent, where it belongs.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Page


def is_source(page):
    return page.locale.language_code == settings.LANGUAGE_CODE


def translations(page, *, aliases=True, live_only=False):
    """The other-language versions of a Dutch page (none for an English page)."""
    if not is_source(page):
        return []
    pages = Page.objects.translation_of(page, inclusive=False).select_related("locale")
    if not aliases:
        pages = pages.filter(alias_of__isnull=True)
    if live_only:
        pages = pages.live()
    return [twin.specific for twin in pages]


def cascade(pages, action):
    """For Wagtail's cascade hook: what else an action on these pages takes along."""
    if action in ("delete", "move"):
        return {page: translations(page) for page in pages}
    if action == "unpublish":
        return {page: translations(page, aliases=False, live_only=True) for page in pages}
    return {}


def source_page(page):
    """The Dutch page an English page translates, if any."""
    if is_source(page):
        return None
    dutch = Page.objects.filter(locale__language_code=settings.LANGUAGE_CODE, translation_key=page.translation_key)
    source = dutch.first()
    return source and source.specific


def refusal(user, page, action):
    """Why this user may not delete or unpublish the page together with its translations; None when they may."""
    check = {"delete": "can_delete", "unpublish": "can_unpublish"}[action]
    page = page.specific
    blocked = [twin for twin in cascade([page], action)[page] if not getattr(twin.permissions_for_user(user), check)()]
    if not blocked:
        return None
    if action == "delete":
        explanation = _(
            "Its translation is deleted with it, and you may not delete the translation. "
            "Ask a moderator to delete the pages."
        )
    else:
        explanation = _(
            "Its translation goes offline with it, and you may not unpublish the translation. "
            "Ask a moderator to unpublish the pages."
        )
    return explanation, blocked


def move_refusal(user, page, destination):
    """Why this page cannot move to ``destination`` without splitting the two trees; None when it can."""
    page = page.specific
    if not is_source(page):
        source = source_page(page)
        if source is None:
            return None  # an English page without a Dutch page: nothing to keep in step
        if destination.translation_key == source.get_parent().translation_key:
            return None  # back under the translation of its Dutch page's parent
        return (
            _("Move the Dutch page '%(title)s' instead: its English page moves with it.")
            % {"title": source.get_admin_display_title()},
            [source],
        )
    missing, blocked = [], []
    for twin in translations(page, aliases=False):
        target = destination.get_translation_or_none(twin.locale)
        if target is None:
            missing.append(twin)
        elif not twin.permissions_for_user(user).can_move_to(target):
            blocked.append(twin)
    if missing:
        return (
            _(
                "'%(destination)s' has no translation yet, so the translation of this page would stay where it is. "
                "Translate '%(destination)s' first, then move the page."
            )
            % {"destination": destination.get_admin_display_title()},
            missing,
        )
    if blocked:
        return (
            _(
                "Its translation moves with it, and you may not move the translation there. "
                "Ask a moderator to move the page."
            ),
            blocked,
        )
    return None


def bulk_refusal(action, pages):
    """A bulk action on pages takes no translations along: refuse it for a page whose translation is left out."""
    selected = {page.pk for page in pages}
    for page in pages:
        if action == "move":
            left_out = translations(page) or [source for source in [source_page(page)] if source]
        elif action in ("delete", "unpublish"):
            left_out = [twin for twin in cascade([page], action)[page] if twin.pk not in selected]
        else:
            return None
        if left_out:
            if action == "move":
                explanation = _(
                    "'%(title)s' has a translation. Move it on its own (Actions → Move): "
                    "its translation then moves with it."
                )
            else:
                explanation = _(
                    "'%(title)s' has a translation that is not selected. Select it too, or do this for the page "
                    "on its own: its translation then goes with it."
                )
            return explanation % {"title": page.get_admin_display_title()}, left_out
    return None


def creation_refusal(parent):
    """Pages are made in Dutch and translated: none is made directly in the English tree."""
    if parent.is_root() or is_source(parent):
        return None
    source = source_page(parent)
    explanation = _(
        "Make the page in Dutch first, then translate it: its English page is made for you, "
        "in the right place, and stays in step with the Dutch one."
    )
    return explanation, [source] if source else []
