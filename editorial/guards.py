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

from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex, TranslatableMixin, get_page_models


def translation_group(obj):
    if isinstance(obj, TranslatableMixin):
        return list(obj.get_translations(inclusive=True))
    return [obj]


def _privacy_users(objects):
    """Live pages that ask for consent to one of these (privacy) pages (``needs_privacy_statement``)."""
    from home.models import SiteSettings

    page_ids = {obj.pk for obj in objects if isinstance(obj, Page)}
    if not page_ids or not SiteSettings.objects.filter(privacy_page_id__in=page_ids).exists():
        return []
    models = [model for model in get_page_models() if getattr(model, "needs_privacy_statement", False)]
    return list(Page.objects.live().type(*models).specific()) if models else []


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


def _site_link_places():
    return {
        "intake_page": _(
            "On every page: the button 'Put your question to us' in the header. Also the links to the form "
            "on the home page, on programme, case and service pages, in the menukaart and in room or desk "
            "request boxes. The form itself answers 'not found'."
        ),
        "privacy_page": _(
            "On every page: the link to the privacy statement in the footer. The intake form stops taking "
            "questions while no privacy statement is live."
        ),
        "accessibility_page": _("On every page: the link to the accessibility statement in the footer."),
    }


def site_links_lost(pages):
    """What the layout stops showing when these pages go offline: the pages chosen in Site settings."""
    from home.models import SiteSettings

    keys = {page.translation_key for page in pages}
    chosen = set(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
    places = _site_link_places()
    lost = []
    for site_settings in SiteSettings.objects.all():
        for field, place in places.items():
            if getattr(site_settings, f"{field}_id") in chosen and place not in lost:
                lost.append(place)
    return lost


@dataclass
class Refusal:
    action: str  # "delete" or "unpublish"
    obj: object
    pages: list


def refusal_page(request, title, explanation, pages):
    """The admin screen that says why something cannot be done, with the pages it is about."""
    return TemplateResponse(
        request,
        "editorial/in_use.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "warning",
            "explanation": explanation,
            "pages": [page.specific if isinstance(page, Page) else page for page in pages],
        },
        status=409,
    )


def refusal_explanation(action):
    if action == "delete":
        return _(
            "These live pages use it (or its translation). Remove it from them first, "
            "or unpublish them; then try again."
        )
    return _(
        "These live pages link to it and would show a dead link. Remove the link from them first, "
        "or unpublish them; then try again."
    )


def refusal_response(request, refusal):
    if refusal.action == "delete":
        title = _("'%(object)s' cannot be deleted") % {"object": refusal.obj}
    else:
        title = _("'%(object)s' cannot be unpublished") % {"object": refusal.obj}
    return refusal_page(request, title, refusal_explanation(refusal.action), refusal.pages)


def check_delete(obj, excluding=()):
    pages = live_pages_using(obj, excluding=excluding)
    return Refusal("delete", obj, pages) if pages else None


def check_unpublish(page, going_too=()):
    """Live pages that would show a dead link once ``page`` (and ``going_too``, its translations) is offline.

    A page alone: only pages in its language count (pages in the other language link to its translation).
    """
    going = [page, *going_too]
    excluding = [descendant for gone in going for descendant in gone.get_descendants(inclusive=True)]
    pages = live_pages_using(page, same_locale_only=not going_too, excluding=excluding)
    return Refusal("unpublish", page, pages) if pages else None
