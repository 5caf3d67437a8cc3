from django.apps import AppConfig


class BuySocialConfig(AppConfig):
    """Buy Social: the directory of social enterprises, its finder, and quote requests through the intake."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "buysocial"
    verbose_name = "Buy Social"
