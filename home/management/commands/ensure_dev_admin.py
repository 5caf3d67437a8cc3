from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "sif-lokaal"  # noqa: S105 - development only, refused when DEBUG is off


class Command(BaseCommand):
    help = "Create a local superuser for development (refuses to run when DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin is for local development only (DEBUG is off).")
        User = get_user_model()
        if not User.objects.filter(username=USERNAME).exists():
            User.objects.create_superuser(USERNAME, "admin@sif.example", PASSWORD)
            self.stdout.write("Created the local admin user.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:8000/admin/  user '{USERNAME}', password '{PASSWORD}' "
                "(unless you changed it)."
            )
        )
