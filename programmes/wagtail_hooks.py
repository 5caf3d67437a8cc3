from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from editorial.snippet_choosers import SnippetChooserViewSet
from home.hub import HUB_SECTIONS_HOOK

from .hub import partners_by_kind, running_programmes
from .models import Partner


class PartnerViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet  # its language filter labelled in Dutch too
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name", "description"]


register_snippet(PartnerViewSet)


hooks.register(HUB_SECTIONS_HOOK, running_programmes, order=20)
hooks.register(HUB_SECTIONS_HOOK, partners_by_kind, order=40)
