import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the demo content, as a newcomer's site does."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        # The demo leaves the intake team's address empty (the facts give none); the tests' intake team has one.
        from wagtail.models import Site

        from intake.models import IntakeSettings

        intake_settings = IntakeSettings.for_site(Site.objects.get(is_default_site=True))
        intake_settings.notification_email = "intake@sif.example"
        intake_settings.save()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths; each test starts from the database."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(django_db_setup):
    """The whole demo content. Loaded once for the session today; tests that need it ask for it by name."""
