"""Set up, confirm or remove the optional second login step (an authenticator app) for an admin account.

    manage.py two_factor add USERNAME        # prints the secret and an otpauth:// link for the app
    manage.py two_factor confirm USERNAME CODE   # the 6 digits the app shows: from now on the code is needed
    manage.py two_factor remove USERNAME     # back to the password alone (a lost phone)
    manage.py two_factor list                # who has it

An account needs the code only once its authenticator is confirmed, so a mistyped set-up
never locks anyone out. The secret is shown once and kept in the database only.
"""

import base64

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator"


class Command(BaseCommand):
    help = "Set up, confirm, remove or list the two-step login (authenticator app) of admin accounts."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "confirm", "remove", "list"])
        parser.add_argument("username", nargs="?")
        parser.add_argument("code", nargs="?")

    def handle(self, *args, action, username=None, code=None, **options):
        if action == "list":
            for device in TOTPDevice.objects.select_related("user").order_by("user__username"):
                state = "confirmed" if device.confirmed else "waiting for confirm"
                self.stdout.write(f"{device.user.get_username()}\t{state}")
            return
        if not username:
            raise CommandError("Name the account: manage.py two_factor add USERNAME")
        user = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No account is called {username!r}.")
        getattr(self, f"_{action}")(user, code)

    def _add(self, user, code):
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        secret = base64.b32encode(device.bin_key).decode()
        self.stdout.write(
            f"Secret for {user.get_username()}: {secret}\n"
            f"Link for the authenticator app: {device.config_url}\n"
            f"Then: manage.py two_factor confirm {user.get_username()} CODE (the 6 digits the app shows)."
        )

    def _confirm(self, user, code):
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            raise CommandError("No authenticator waits for confirmation: run two_factor add first.")
        if not code or not device.verify_token(code.replace(" ", "")):
            raise CommandError("That code does not match; check the app's clock and try the current code.")
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        self.stdout.write(f"{user.get_username()} now logs in with a password and the app's code.")

    def _remove(self, user, code):
        removed, _by_model = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(f"{user.get_username()}: two-step login removed ({removed} device(s)).")
