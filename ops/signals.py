"""Failed logins are logged for the operator: the event and the client address, never the username.

Editors log in with a username that is often their e-mail address, and a
mistyped password can put part of a password in the username field. So the
log holds a short keyed hash of what was typed: repeated attempts on one
account show up as the same hash, but the name cannot be read back.
"""

import hashlib
import hmac
import logging

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from ops.client_address import client_address

logger = logging.getLogger("sif.security")


def account_hash(username):
    digest = hmac.new(settings.SECRET_KEY.encode(), f"login:{username}".lower().encode(), hashlib.sha256)
    return digest.hexdigest()[:12]


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or credentials.get("email") or ""
    event = {
        "event": "login_failed",
        "ip": client_address(request) if request is not None else "",
        "path": request.path if request is not None else "",
        "account": account_hash(username) if username else "",
    }
    logger.warning("Login failed", extra={"event": event})
