from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [path("translation-status/", admin_views.translation_status, name="sif_translation_status")]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(_("Translation status"), reverse("sif_translation_status"), icon_name="globe", order=50)
