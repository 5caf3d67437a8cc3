"""Images, documents and snippets that live pages show: the editor sees those pages first, a moderator saves.

A shared item has no draft: saving it changes every live page that shows it at once (a
replaced image file on four pages, a partner's new name on the hub). Pages go live through
the review, so changes to what live pages show do too: the edit screen of such an item lists
the live pages that will change, and only a user who may publish pages (a moderator) can save
a change that alters them. Editors still add new items and change unused ones, and an image's
title, tags or description, which visitors do not see.

Why not drafts with a workflow for snippets (Wagtail's DraftStateMixin and WorkflowMixin):
wagtail-localize saves a draft translation of such a snippet by taking its live translation
offline (``live = False``), every public query of themes, partners and categories would have
to filter on ``live``, and these items change a few times a year. See docs/editors.md.

"Shows" is wider than Wagtail's usage count: pages that link to the item (the reference index),
pages that show a snippet that uses it (a partner's logo), and pages that list every item of
its kind, which the snippet model declares as ``listed_on`` (the hub lists every partner).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.documents.views import multiple as document_multiple
from wagtail.documents.views.documents import EditView as DocumentEditView
from wagtail.images.views.images import EditView as ImageEditView
from wagtail.models import Locale, Page, ReferenceIndex, TranslatableMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import guards


def may_change_live_content(user):
    """Moderators (and superusers): users who may publish pages."""
    return user.is_superuser or PagePermissionPolicy().user_has_permission(user, "publish")


def _languages_showing(obj):
    """Locales whose pages show ``obj``: its own, and those where it has no translation (pages fall back to it)."""
    if not isinstance(obj, TranslatableMixin):
        return None
    translated = set(type(obj).objects.filter(translation_key=obj.translation_key).values_list("locale_id", flat=True))
    return {obj.locale_id} | set(Locale.objects.exclude(pk__in=translated).values_list("pk", flat=True))


def _listing_pages(model):
    pages = []
    for label in getattr(model, "listed_on", ()):
        pages += list(apps.get_model(label).objects.live().select_related("locale"))
    return pages


def _snippets_using(obj):
    """Non-page objects (snippets) that refer to ``obj``, such as a partner using an image as its logo."""
    page_type = ContentType.objects.get_for_model(Page)
    found = []
    rows = ReferenceIndex.get_references_to(obj).exclude(base_content_type=page_type)
    for content_type_id, object_id in rows.values_list("content_type", "object_id").distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            found += list(model._default_manager.filter(pk=object_id))
    return found


def live_pages_showing(obj, *, depth=1):
    """The live pages whose content changes when ``obj`` changes, Dutch first."""
    pages = list(guards.live_pages_using(obj)) + _listing_pages(type(obj))
    if depth:
        for snippet in _snippets_using(obj):
            pages += live_pages_showing(snippet, depth=depth - 1)
    languages = _languages_showing(obj)
    unique = {page.pk: page for page in pages if languages is None or page.locale_id in languages}
    return sorted(
        (page.specific for page in unique.values()),
        key=lambda page: (page.locale.language_code != "nl", page.title),
    )


def warn(request, pages):
    """Above the edit form: which live pages change when this is saved, and who can save it."""
    titles = ", ".join(page.get_admin_display_title() for page in pages)
    text = ngettext(
        "Saving a change here changes this live page at once: %(pages)s.",
        "Saving a change here changes these %(count)s live pages at once: %(pages)s.",
        len(pages),
    ) % {"count": len(pages), "pages": titles}
    if not may_change_live_content(request.user):
        text += " " + _("Only a moderator can save changes that visitors see; ask a moderator.")
    messages.warning(request, text)


def refusal(request, obj, pages):
    title = _("Only a moderator can change '%(object)s'") % {"object": obj}
    explanation = _(
        "Live pages show it, and they would change at once without a review. Ask a moderator to make the change."
    )
    return guards.refusal_page(request, title, explanation, pages)


class GuardedEditMixin:
    """For Wagtail's image and document edit views: warn on the form, refuse a change visitors would see."""

    visible_fields = ()

    def get(self, request, *args, **kwargs):
        pages = live_pages_showing(self.get_object())
        if pages:
            warn(request, pages)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        if set(form.changed_data) & set(self.visible_fields) and not may_change_live_content(self.request.user):
            pages = live_pages_showing(self.object)
            if pages:
                return refusal(self.request, self.object, pages)
        return super().form_valid(form)


class GuardedImageEditView(GuardedEditMixin, ImageEditView):
    # What visitors see of an image: its file and where it is cropped. Not its title, tags or description.
    visible_fields = ("file", "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")


class GuardedDocumentEditView(GuardedEditMixin, DocumentEditView):
    # A download block shows the document's title when it has no link text of its own.
    visible_fields = ("file", "title")


class GuardedDocumentMultipleEditView(document_multiple.EditView):
    """The title form under a multiple upload, which can also rename an existing document."""

    def post(self, request, *args, **kwargs):
        document = self.get_model().objects.get(pk=kwargs[self.pk_url_kwarg])
        if not may_change_live_content(request.user):
            pages = live_pages_showing(document)
            if pages:
                return refusal(request, document, pages)
        return super().post(request, *args, **kwargs)


def guard_snippet_create(request, model):
    """before_create_snippet: a new item of a kind that pages list in full (partners on the hub) shows at once."""
    pages = _listing_pages(model)
    if not pages:
        return None
    if request.method == "POST" and not may_change_live_content(request.user):
        title = _("Only a moderator can add a %(kind)s") % {"kind": model._meta.verbose_name}
        explanation = _("These live pages list every one, so a new one would show at once without a review.")
        return guards.refusal_page(request, title, explanation, pages)
    if request.method == "GET":
        warn(request, pages)
    return None


def guard_snippet_edit(request, instance):
    """before_edit_snippet: the warning on the form, a refusal of a save that live pages would show."""
    pages = live_pages_showing(instance)
    if not pages:
        return None
    if request.method == "POST" and not may_change_live_content(request.user):
        return refusal(request, instance, pages)
    if request.method == "GET":
        warn(request, pages)
    return None
