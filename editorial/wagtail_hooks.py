from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail_localize.views.report import TranslationsReportView

from . import guards, review, shared_items, translation_editor_words, translation_pairs, views


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path("translation-status/", views.translation_status, name="sif_translation_status"),
        path("editors-guide/", views.editors_guide, name="sif_editors_guide"),
    ]


@hooks.register("register_help_menu_item")
def register_editors_guide_menu_item():
    return MenuItem(_("Editors' guide (SIF)"), reverse("sif_editors_guide"), icon_name="help", order=900)


class PageEditorsMenuItem(MenuItem):
    """Shown to users who work on pages, not to intake handlers."""

    def is_shown(self, request):
        return views.works_on_pages(request.user)


@hooks.register("construct_reports_menu")
def hide_page_reports_from_intake_handlers(request, menu_items):
    # wagtail-localize's "Translations" lists every translated page, drafts too: not for intake handlers.
    if not views.works_on_pages(request.user):
        report = reverse("wagtail_localize:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != report]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return PageEditorsMenuItem(_("Translation status"), reverse("sif_translation_status"), icon_name="globe", order=50)


# Publishing only through the review ----------------------------------------------------------------------------------
# These paths shadow wagtail-localize's own (same address, registered first), so every link the add-on makes
# leads to the guarded view.


@hooks.register("register_admin_urls", order=-100)
def register_reviewed_localize_urls():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            review.ReviewedUpdateTranslationsView.as_view(),
            name="sif_update_translations",
        ),
        path(
            "localize/reports/translations/",
            views.for_page_workers(TranslationsReportView.as_view()),
            name="sif_translations_report",
        ),
        path(
            "localize/reports/translations/results/",
            views.for_page_workers(TranslationsReportView.as_view(results_only=True)),
            name="sif_translations_report_results",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            review.reviewed_convert_to_alias,
            name="sif_convert_to_alias",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            review.SubmitPageTranslationView.as_view(),
            name="sif_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            review.SubmitSnippetTranslationView.as_view(),
            name="sif_submit_snippet_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
            translation_editor_words.edit_string_translation,
            name="sif_edit_string_translation",
        ),
        path(
            "sif/translation/<int:translation_id>/submit-for-review/",
            review.submit_translation_for_review,
            name="sif_submit_translation_for_review",
        ),
    ]


@hooks.register("before_edit_page", order=-10)
def translated_slug_before_publishing(request, page):
    # Before wagtail-localize's own before_edit_page hook, which publishes the translation.
    review.translated_slug_before_publishing(request, page)


@hooks.register("before_create_page")
def refuse_pages_made_in_english_first(request, parent_page, page_class):
    refusal = translation_pairs.creation_refusal(parent_page)
    if refusal is None:
        return None
    explanation, pages = refusal
    return guards.refusal_page(request, _("Dutch first"), explanation, pages)


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias_from_non_publishers(menu_items, request, context):
    page = context.get("page")
    if page is not None and not page.permissions_for_user(request.user).can_publish():
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


# Nothing live pages use disappears under them ------------------------------------------------------------------------


@hooks.register("construct_translated_pages_to_cascade_actions")
def take_the_translations_along(pages, action):
    return translation_pairs.cascade(pages, action)


def _pair_refusal(request, page, action):
    refusal = translation_pairs.refusal(request.user, page, action)
    if refusal is None:
        return None
    explanation, pages = refusal
    if action == "delete":
        title = _("'%(object)s' cannot be deleted") % {"object": page.get_admin_display_title()}
    else:
        title = _("'%(object)s' cannot be unpublished") % {"object": page.get_admin_display_title()}
    return guards.refusal_page(request, title, explanation, pages)


@hooks.register("before_delete_page")
def refuse_deleting_a_page_in_use(request, page):
    pair_refusal = _pair_refusal(request, page, "delete")
    if pair_refusal:
        return pair_refusal
    going = [page, *translation_pairs.translations(page)]
    refusal = guards.check_delete(page, excluding=[p for gone in going for p in gone.get_descendants(inclusive=True)])
    return guards.refusal_response(request, refusal) if refusal else None


@hooks.register("before_unpublish_page")
def refuse_unpublishing_a_page_in_use(request, page):
    pair_refusal = _pair_refusal(request, page, "unpublish")
    if pair_refusal:
        return pair_refusal
    going_too = translation_pairs.translations(page, aliases=False, live_only=True)
    refusal = guards.check_unpublish(page, going_too=going_too)
    return guards.refusal_response(request, refusal) if refusal else None


@hooks.register("before_move_page")
def refuse_a_move_that_splits_the_trees(request, page, destination):
    refusal = translation_pairs.move_refusal(request.user, page, destination)
    if refusal is None:
        return None
    explanation, pages = refusal
    title = _("'%(object)s' cannot be moved there") % {"object": page.get_admin_display_title()}
    return guards.refusal_page(request, title, explanation, pages)


@hooks.register("before_delete_snippet")
def refuse_deleting_a_snippet_in_use(request, instances):
    for instance in instances:
        refusal = guards.check_delete(instance)
        if refusal:
            return guards.refusal_response(request, refusal)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_removal_of_what_is_in_use(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    pair_refusal = translation_pairs.bulk_refusal(action_type, pages) if pages else None
    if pair_refusal:
        explanation, left_out = pair_refusal
        return guards.refusal_page(request, _("The translations would be left behind"), explanation, left_out)
    for obj in objects:
        if action_type == "delete":
            excluding = obj.get_descendants(inclusive=True) if isinstance(obj, Page) else ()
            refusal = guards.check_delete(obj, excluding=excluding)
        elif action_type == "unpublish" and isinstance(obj, Page):
            refusal = guards.check_unpublish(obj)
        else:
            refusal = None
        if refusal:
            return guards.refusal_response(request, refusal)
    return None


@hooks.register("register_admin_urls", order=-100)
def register_guarded_image_delete():
    # Shadows wagtailimages:delete (same address, registered first).
    return [path("images/<int:image_id>/delete/", review.guarded_image_delete, name="sif_image_delete")]


@hooks.register("register_admin_urls", order=-100)
def register_guarded_shared_item_edits():
    # Shadow wagtailimages:edit, wagtaildocs:edit and wagtaildocs:edit_multiple (same addresses, registered first):
    # a change live pages show needs a moderator (editorial/shared_items.py).
    return [
        path("images/<int:image_id>/", shared_items.GuardedImageEditView.as_view(), name="sif_image_edit"),
        path(
            "documents/edit/<int:document_id>/",
            shared_items.GuardedDocumentEditView.as_view(),
            name="sif_document_edit",
        ),
        path(
            "documents/multiple/<int:doc_id>/",
            shared_items.GuardedDocumentMultipleEditView.as_view(),
            name="sif_document_edit_multiple",
        ),
    ]


@hooks.register("before_create_snippet")
def guard_new_snippets_live_pages_list(request, model):
    return shared_items.guard_snippet_create(request, model)


@hooks.register("before_edit_snippet", order=-10)
def guard_changes_to_snippets_live_pages_show(request, instance):
    # Before wagtail-localize's hook, which shows the translation editor (and publishes from it) instead.
    return shared_items.guard_snippet_edit(request, instance)


@hooks.register("register_admin_urls", order=-100)
def register_guarded_document_delete():
    # Shadows wagtaildocs:delete (same address, registered first): a document behind a download block or a link
    # in the text of a live page would leave a dead link.
    return [path("documents/delete/<int:document_id>/", review.guarded_document_delete, name="sif_document_delete")]


@hooks.register("after_move_page")
def move_the_english_twin(request, page):
    review.move_translations_with(page, user=request.user)
