from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from home.hub import HUB_SECTIONS_HOOK
from intake.carried import CARRIED_ITEMS_HOOK

from .hub import buy_social_section
from .intake_items import carried_items
from .models import QuoteOutcome

hooks.register(CARRIED_ITEMS_HOOK, carried_items)
# After the featured cases (30), before the partners (40).
hooks.register(HUB_SECTIONS_HOOK, buy_social_section, order=35)


class QuoteOutcomeViewSet(ModelViewSet):
    """Outcomes of quote requests, for the intake handlers (the only group with permissions on them)."""

    model = QuoteOutcome
    name = "buysocial_outcomes"
    url_prefix = "buy-social/outcomes"
    icon = "table"
    menu_label = _("Buy Social outcomes")
    menu_order = 310
    add_to_admin_menu = True
    form_fields = ["submission", "year", "matched", "amount_eur", "jobs_created"]
    list_display = ["year", "submission", "matched", "amount_eur", "jobs_created"]
    list_filter = ["year", "matched"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_outcomes_viewset():
    return QuoteOutcomeViewSet()
