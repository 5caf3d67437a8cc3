from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from editorial.snippet_choosers import SnippetChooserViewSet
from home.hub import HUB_SECTIONS_HOOK

from .hub import featured_cases
from .models import Theme


class ThemeViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet  # its language filter labelled in Dutch too
    model = Theme
    icon = "tag"
    menu_label = _("Case themes")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


register_snippet(ThemeViewSet)


hooks.register(HUB_SECTIONS_HOOK, featured_cases, order=30)
