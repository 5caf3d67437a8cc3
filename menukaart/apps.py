from django.apps import AppConfig


class MenukaartConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "menukaart"
