from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Development only: loads each app's demo content and a local admin user (dev and test settings)."""

    name = "demo"
