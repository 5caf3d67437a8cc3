"""Failed logins are logged for the operator: the event, the client address and the account, never the username.

Editors log in with a username that is often their e-mail address, and a
mistyped password can end up in the username field. So the log names the
account by its id when the name is an existing account's, and says nothing of
a name no account has (``ops.admin_login.account_label``).
"""

import logging

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from ops.admin_login import account_label
from ops.client_address import client_address

logger = logging.getLogger("sif.security")


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or credentials.get("email") or ""
    event = {
        "event": "login_failed",
        "ip": client_address(request) if request is not None else "",
        "path": request.path if request is not None else "",
        "account": account_label(username) or "unknown",  # "#17": the account's id
    }
    logger.warning("Login failed", extra={"event": event})
