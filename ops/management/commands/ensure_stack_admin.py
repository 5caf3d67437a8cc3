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
        admin = User.objects.filter(username=USERNAME).first()
        if admin is None:
            User.objects.create_superuser(USERNAME, "admin@sif.example", password)
            self.stdout.write("Created the stack's admin user.")
        elif not admin.check_password(password):
            # The stack's database outlives a clone (another checkout made it): the password file of
            # this checkout is the one printed and used by the stack tests, so it wins on loopback.
            admin.set_password(password)
            admin.save(update_fields=["password"])
            self.stdout.write("Set the stack's admin password to the one in admin-password.")
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(self.style.SUCCESS(f"Admin: {base}/admin/  user '{USERNAME}', password '{password}'."))
