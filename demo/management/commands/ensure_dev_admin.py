from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
# Development only (the command refuses to run when DEBUG is off); it passes the password validators.
PASSWORD = "kraanvogel-lokaal-2718"  # noqa: S105


class Command(BaseCommand):
    help = "Create a local superuser for development (refuses to run when DEBUG is off)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1:8000", help="host:port of the dev server (make run HOST)")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin is for local development only (DEBUG is off).")
        User = get_user_model()
        if not User.objects.filter(username=USERNAME).exists():
            validate_password(PASSWORD)
            User.objects.create_superuser(USERNAME, "admin@sif.example", PASSWORD)
            self.stdout.write("Created the local admin user.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://{options['host']}/admin/  user '{USERNAME}', password '{PASSWORD}' "
                "(unless you changed it)."
            )
        )
