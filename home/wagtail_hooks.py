from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, editorial


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [path("translation-status/", admin_views.translation_status, name="sif_translation_status")]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(_("Translation status"), reverse("sif_translation_status"), icon_name="globe", order=50)


# Publishing only through the review ----------------------------------------------------------------------------------
# These paths shadow wagtail-localize's own (same address, registered first), so every link the add-on makes
# leads to the guarded view.


@hooks.register("register_admin_urls", order=-100)
def register_reviewed_localize_urls():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            editorial.ReviewedUpdateTranslationsView.as_view(),
            name="sif_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            editorial.reviewed_convert_to_alias,
            name="sif_convert_to_alias",
        ),
        path(
            "sif/translation/<int:translation_id>/submit-for-review/",
            editorial.submit_translation_for_review,
            name="sif_submit_translation_for_review",
        ),
    ]


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias_from_non_publishers(menu_items, request, context):
    page = context.get("page")
    if page is not None and not page.permissions_for_user(request.user).can_publish():
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]
