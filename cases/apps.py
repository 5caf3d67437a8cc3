from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cases"
    verbose_name = _("Case studies")

    def ready(self):
        from home.hub import register_hub_section

        from .hub import featured_cases

        register_hub_section(order=30, provider=featured_cases)
