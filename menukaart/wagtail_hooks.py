from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from editorial.snippet_choosers import SnippetChooserViewSet

from .models import ServiceCategory


class ServiceCategoryViewSet(SnippetViewSet):
    """Categories of the menukaart; drag them in the listing to set their order on the menu."""

    chooser_viewset_class = SnippetChooserViewSet  # its language filter labelled in Dutch too
    model = ServiceCategory
    icon = "list-ul"
    menu_label = _("Menu categories")
    list_display = ["name", "description"]
    add_to_admin_menu = True
    menu_order = 300


register_snippet(ServiceCategoryViewSet)
