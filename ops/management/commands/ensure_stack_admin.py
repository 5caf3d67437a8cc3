import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class Command(BaseCommand):
    help = (
        "Create the admin user of the local production-like stack (make stack), with a random password "
        "kept in SIF_VAR_DIR/admin-password. Refuses when the public URL is not a loopback address."
    )

    def handle(self, *args, **options):
        host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
        if host not in LOOPBACK:
            raise CommandError(f"ensure_stack_admin is for the local stack only (public host is {host!r}).")
        password_file = settings.VAR_DIR / "admin-password"
        if not password_file.exists():
            password_file.write_text(secrets.token_urlsafe(12) + "\n")
            password_file.chmod(0o600)
        password = password_file.read_text().strip()
        User = get_user_model()
        if not User.objects.filter(username=USERNAME).exists():
            User.objects.create_superuser(USERNAME, "admin@sif.example", password)
            self.stdout.write("Created the stack's admin user.")
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {base}/admin/  user '{USERNAME}', password '{password}' (unless you changed it)."
            )
        )
