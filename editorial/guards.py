"""Refuse to delete or unpublish what live pages use, and say which pages.

English pages keep pointing at the Dutch themes, programmes and services (the
links are synchronised by wagtail-localize) and show their translations, so
"used by" means used through any translation: deleting the English theme breaks
English pages as much as deleting the Dutch one. Wagtail's own usage count only
sees direct references, which is why it said "0 references" for those.

What counts as a use: a reference in Wagtail's reference index from a live page
(inline links, choosers, images in blocks), and, for the privacy statement, the
live intake form that asks for consent to it and the footer of every page.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex, TranslatableMixin


def translation_group(obj):
    if isinstance(obj, TranslatableMixin):
        return list(obj.get_translations(inclusive=True))
    return [obj]


def _privacy_users(objects):
    """Live intake pages that ask for consent to one of these (privacy) pages."""
    from home.models import SiteSettings

    IntakePage = apps.get_model("intake", "IntakePage")  # noqa: N806 - by name: home imports no other app

    page_ids = {obj.pk for obj in objects if isinstance(obj, Page)}
    if not page_ids or not SiteSettings.objects.filter(privacy_page_id__in=page_ids).exists():
        return []
    return list(IntakePage.objects.live())


def live_pages_using(obj, *, same_locale_only=False, excluding=()):
    """Live pages that would show a dead link or lose content without ``obj``, in both languages."""
    group = translation_group(obj)
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = {
        int(pk)
        for pk in ReferenceIndex.get_references_to_in_bulk(group)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    pages = Page.objects.filter(pk__in=page_ids).live()
    excluded = {page.pk for page in excluding}
    users = [page for page in pages.select_related("locale") if page.pk not in excluded]
    users += [page for page in _privacy_users(group) if page.pk not in excluded]
    if same_locale_only and isinstance(obj, TranslatableMixin):
        users = [page for page in users if page.locale_id == obj.locale_id]
    unique = {page.pk: page for page in users}
    return sorted(unique.values(), key=lambda page: (page.locale.language_code != "nl", page.title))


@dataclass
class Refusal:
    action: str  # "delete" or "unpublish"
    obj: object
    pages: list


def refusal_response(request, refusal):
    if refusal.action == "delete":
        title = _("'%(object)s' cannot be deleted") % {"object": refusal.obj}
        explanation = _(
            "These live pages use it (or its translation). Remove it from them first, "
            "or unpublish them; then try again."
        )
    else:
        title = _("'%(object)s' cannot be unpublished") % {"object": refusal.obj}
        explanation = _(
            "These live pages link to it and would show a dead link. Remove the link from them first, "
            "or unpublish them; then try again."
        )
    return TemplateResponse(
        request,
        "editorial/in_use.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "warning",
            "explanation": explanation,
            "pages": refusal.pages,
        },
        status=409,
    )


def check_delete(obj, excluding=()):
    pages = live_pages_using(obj, excluding=excluding)
    return Refusal("delete", obj, pages) if pages else None


def check_unpublish(page):
    pages = live_pages_using(page, same_locale_only=True, excluding=page.get_descendants(inclusive=True))
    return Refusal("unpublish", page, pages) if pages else None
