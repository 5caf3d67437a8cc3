from django.apps import AppConfig


class BuySocialConfig(AppConfig):
    """Buy Social: the directory of social enterprises, its finder, and quote requests through the intake."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "buysocial"
    verbose_name = "Buy Social"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import QuoteOutcome

        # The directory shows the totals of the outcomes: a change to one purges the page cache.
        post_save.connect(_outcomes_changed, sender=QuoteOutcome, dispatch_uid="buysocial-outcome-saved")
        post_delete.connect(_outcomes_changed, sender=QuoteOutcome, dispatch_uid="buysocial-outcome-deleted")


def _outcomes_changed(sender, instance, **kwargs):
    from ops.page_cache import purge

    purge((), f"Buy Social outcome {instance.pk} changed")
