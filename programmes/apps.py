from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from home.hub import register_hub_section

        from .hub import partners_by_kind, running_programmes

        register_hub_section(order=20, provider=running_programmes)
        register_hub_section(order=40, provider=partners_by_kind)
