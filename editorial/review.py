"""Publishing goes through the review, also where wagtail-localize would go around it.

wagtail-localize offers three ways to put a page live that do not ask whether
the user may publish: "Publish immediately" when synchronising translations,
"Convert to alias page" (an alias mirrors the live source) and, before
``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False``, translating a live
page. The views here wrap the add-on's own views with that question, and add
what the translation editor lacks: a way to submit a translation for review.
"""

import json

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import DraftStateMixin, Page, TaskState
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, submit_translations
from wagtail_localize.views.update_translations import UpdateTranslationsView

from . import translation_drafts, translation_editor_words, translation_labels


def user_can_publish(user, instance):
    """May this user put this page or snippet live?"""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        return user.has_perm(get_permission_name("publish", type(instance)))
    # Snippets without a draft state have no separate publish step: saving is publishing.
    return True


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages" without "Publish immediately" for users who may not publish every translation."""

    def may_publish_translations(self):
        for translation in self.object.translations.filter(enabled=True):
            try:
                target = translation.get_target_instance()
            except Exception:  # noqa: BLE001 - a missing target is created by the sync, as a draft
                target = None
            if target is not None and not user_can_publish(self.request.user, target):
                return False
        return True

    def get_form(self):
        form = super().get_form()
        if not self.may_publish_translations():
            field = form.fields["publish_translations"]
            # A disabled field ignores what is posted and keeps its initial value.
            field.disabled = True
            field.initial = False
            field.widget = forms.HiddenInput()
        return form


class OnlyLanguageChosen:
    """The "Translate this page" form with the one language a page can go to already ticked.

    The site has two languages, so a Dutch page has one place to go; wagtail-localize shows
    that one box unticked. A ``?select_locale=`` in the address still wins.
    """

    def get_form(self):
        form = super().get_form()
        if self.request.method != "POST" and not form.initial.get("locales"):
            choices = list(form.fields["locales"].queryset)
            if len(choices) == 1:
                form.initial["locales"] = choices
        return form


class SubmitPageTranslationView(OnlyLanguageChosen, submit_translations.SubmitPageTranslationView):
    """Translate a page (and, when asked, its subtree) as drafts, through editorial/translation_drafts.py.

    The add-on's own form_valid saves existing translations of the subtree again, onto their live
    pages, and copies an untranslated parent as a live alias. Here a page that already has a
    translation keeps it, and untranslated parents are translated first, as drafts.
    """

    @transaction.atomic
    def form_valid(self, form):
        locales = list(form.cleaned_data["locales"])
        pages = [self.object]
        if form.cleaned_data["include_subtree"]:
            pages += list(self.object.get_descendants().order_by("path"))
        made = []
        for locale in locales:
            made += translation_drafts.translate_pages(pages, locale, self.request.user)
        if len(locales) == 1:
            locale_names = locales[0].get_display_name()
            translated = self.object.get_translation(locales[0])
        else:
            locale_names, translated = _("{} locales").format(len(locales)), None
        messages.success(self.request, self.get_success_message(locale_names))
        if made:
            messages.info(self.request, translation_drafts.made_on_the_way_message(made))
        return redirect(self.get_success_url() or self.get_default_success_url(translated))


class SubmitSnippetTranslationView(OnlyLanguageChosen, submit_translations.SubmitSnippetTranslationView):
    pass


def reviewed_convert_to_alias(request, page_id):
    """An alias shows its source's live content, so converting is publishing."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


def editor_props(props, user, instance, translation=None):
    """The translation editor's settings: strings in blocks labelled by their full place
    (editorial/translation_labels.py), dates in the admin's language (editorial/translation_editor_words.py),
    and no "Convert to alias page" for users who may not publish."""
    if translation is not None:
        props = translation_labels.label_segments(props, translation.source.as_instance())
    data = json.loads(props)
    if translation is not None:
        translation_editor_words.localise_props(data, translation, instance)
    if isinstance(instance, Page) and not instance.permissions_for_user(user).can_publish():
        data.get("links", {})["convertToAliasUrl"] = None
    return json.dumps(data)


def footer_links(props):
    """Preview and delete for the footer of users who may not publish (the template's own footer)."""
    data = json.loads(props)
    previews = [(mode["label"], mode["url"]) for mode in data.get("previewModes") or []]
    delete_url = data.get("links", {}).get("deleteUrl") if data.get("perms", {}).get("canDelete") else None
    return {"previews": previews, "delete_url": delete_url}


def review_state(user, instance):
    """What the translation editor's review bar shows for this page: None, or a dict.

    After a moderator's "Request changes" it says so, with their comment, who and when: the
    translation editor showed neither, so the editor did not know why nothing went live.
    """
    if not isinstance(instance, Page):
        return None
    page = instance.specific
    perms = page.permissions_for_user(user)
    workflow_state = page.current_workflow_state
    needs_changes = workflow_state is not None and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES
    return {
        "in_review": workflow_state is not None and workflow_state.status == workflow_state.STATUS_IN_PROGRESS,
        "task_name": page.current_workflow_task.name if page.current_workflow_task else "",
        "can_submit": perms.can_edit() and page.has_workflow and not page.workflow_in_progress,
        "can_resubmit": perms.can_edit() and needs_changes,
        "can_publish": perms.can_publish(),
        "changes_requested": _changes_requested(workflow_state) if needs_changes else None,
    }


def _changes_requested(workflow_state):
    """The moderator's "Request changes": their comment, name and when, for the review bar."""
    rejected = workflow_state.task_states.filter(status=TaskState.STATUS_REJECTED).order_by("-finished_at").first()
    if rejected is None:
        return None
    by = rejected.finished_by
    return {
        "comment": rejected.comment,
        "by": (by.get_full_name() or by.get_username()) if by else "",
        "at": rejected.finished_at,
    }


@require_POST
def submit_translation_for_review(request, translation_id):
    """Save the translated strings as a draft of the translated page and start (or resume) its review."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise PermissionDenied
    page = page.specific
    state = review_state(request.user, page)
    if not (state["can_submit"] or state["can_resubmit"]):
        raise PermissionDenied
    with transaction.atomic():
        try:
            # Not translation.save_target(publish=False): that writes the live page before it saves the draft.
            page = translation_drafts.save_translation_draft(translation, request.user)
        except ValidationError as error:
            explanation = _("The translation has errors; fix them before submitting it for review.")
            messages.error(request, " ".join([explanation, *error.messages]))
            return redirect("wagtailadmin_pages:edit", page.pk)
        if state["can_resubmit"]:
            page.current_workflow_state.resume(request.user)
        else:
            page.get_workflow().start(page, request.user)
    messages.success(request, _("'%(title)s' was submitted for review.") % {"title": page.get_admin_display_title()})
    return redirect("wagtailadmin_pages:edit", page.pk)


def translated_slug_before_publishing(request, page):
    """The translation editor's "Publish in English" (moderators) also takes the address from the translated title."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return
    if not page.permissions_for_user(request.user).can_publish():
        return
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is not None:
        translation_drafts.translate_slug_from_title(translation, request.user)


def guarded_image_delete(request, image_id):
    """Wagtail's image delete view, refused while a live page shows the image (in a block or a chooser)."""
    from wagtail.images import get_image_model
    from wagtail.images.views.images import DeleteView

    from . import guards

    image = get_object_or_404(get_image_model(), pk=image_id)
    refusal = guards.check_delete(image)
    if refusal:
        return guards.refusal_response(request, refusal)
    return DeleteView.as_view()(request, image_id=image_id)


def guarded_document_delete(request, document_id):
    """Wagtail's document delete view, refused while a live page links to the document (download block or text)."""
    from wagtail.documents import get_document_model
    from wagtail.documents.views.documents import DeleteView

    from . import guards

    document = get_object_or_404(get_document_model(), pk=document_id)
    refusal = guards.check_delete(document)
    if refusal:
        return guards.refusal_response(request, refusal)
    return DeleteView.as_view()(request, document_id=document_id)


def move_translations_with(page, user=None):
    """After a Dutch page moved, move each translation to the translation of the new parent, in the same place.

    Without this the English twin stays where it was and the menus of the two languages diverge.
    A translation whose new parent has no translation yet stays put (there is nowhere to move it to).
    """
    page = Page.objects.get(pk=page.pk)
    if page.locale.language_code != "nl":
        return []
    parent = page.get_parent()
    moved = []
    for twin in page.get_translations().select_related("locale"):
        try:
            new_parent = parent.get_translation(twin.locale)
        except Page.DoesNotExist:
            continue
        placed = new_parent.get_children().values("translation_key")
        anchor = page.get_prev_siblings().filter(translation_key__in=placed).first()
        if anchor is not None:
            target, position = anchor.get_translation(twin.locale), "right"
        else:
            target, position = new_parent, "first-child"
        twin = Page.objects.get(pk=twin.pk)
        wanted_previous = target if position == "right" else None
        if twin.get_parent().pk == new_parent.pk and twin.get_prev_sibling() == wanted_previous:
            continue
        twin.move(target, pos=position, user=user)
        moved.append(twin)
    return moved
