"""Passwords: a validator against the guesses an attacker tries first, and a password reset that gives nothing away.

``SiteNameValidator``: Django's validators refuse short, common and all-digit
passwords. This one refuses passwords made only of the site's own names and
its city, with any digits, punctuation or look-alike characters around them:
``socialimpactfactory``, ``Utrecht2026``, ``S0cial-Impact!``.

``QueuedPasswordResetForm`` (``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``): the
admin's "forgot password" answers the same, in the same time, whether or not an
account has the address: the request looks the address up and queues one task
either way (with the matching accounts' ids, possibly none); the worker renders
and sends the mail (``send_password_reset_mail``), so a slow or silent mail server
never holds a request. It is throttled per client address (in the request,
``PASSWORD_RESET_REQUESTS_PER_ADDRESS_PER_HOUR``) and per account (in the worker,
``PASSWORD_RESET_MAILS_PER_ACCOUNT_PER_HOUR``), counted in the shared cache; when
the cache cannot count, the request or mail goes ahead with a log line.
"""

import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.admin.forms.auth import PasswordResetForm

from .client_address import client_address
from .hourly_limits import over_hourly_limit

logger = logging.getLogger(__name__)

SITE_WORDS = (
    "social",
    "impact",
    "factory",
    "socialimpactfactory",
    "sif",
    "utrecht",
    "wagtail",
    "admin",
    "beheer",
    "welkom",
    "welcome",
    "password",
    "wachtwoord",
)
LOOK_ALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "5": "s", "$": "s", "7": "t"})


def _made_of(letters, words):
    """True when ``letters`` is one or more of ``words`` written one after the other."""
    if not letters:
        return False
    reachable = [True] + [False] * len(letters)
    for end in range(1, len(letters) + 1):
        reachable[end] = any(
            reachable[end - len(word)] and letters.endswith(word, 0, end) for word in words if len(word) <= end
        )
    return reachable[-1]


def only_site_words(password, words=SITE_WORDS):
    lowered = password.lower()
    candidates = {
        re.sub(r"[^a-z]", "", lowered),  # Utrecht2026 -> utrecht
        re.sub(r"[^a-z]", "", lowered.translate(LOOK_ALIKES)),  # S0cial-Impact! -> socialimpact
        re.sub(r"[^a-z]", "", re.sub(r"[0-9]{2,}", "", lowered).translate(LOOK_ALIKES)),  # S0cial-2026 -> social
    }
    return any(_made_of(letters, words) for letters in candidates)


class SiteNameValidator:
    """Refuse a password built only from the site's names, its city and digits or symbols."""

    def __init__(self, words=SITE_WORDS):
        self.words = tuple(word.lower() for word in words)

    def validate(self, password, user=None):
        if only_site_words(password, self.words):
            raise ValidationError(
                _("This password is made of this site's name or city: add words of your own."),
                code="password_site_name",
            )

    def get_help_text(self):
        return _("Your password can't be made of the site's name or city, with or without digits.")


class QueuedPasswordResetForm(PasswordResetForm):
    """Wagtail's reset form; the mail is sent by the worker, for known and unknown addresses alike."""

    def save(self, request=None, **kwargs):
        # One lookup and one queued task, whoever asks: the answer and its time tell nothing.
        user_ids = [user.pk for user in self.get_users(self.cleaned_data["email"])]
        address = client_address(request) if request is not None else ""
        limit = getattr(settings, "PASSWORD_RESET_REQUESTS_PER_ADDRESS_PER_HOUR", 5)
        if over_hourly_limit("Password reset limit per address", address, limit):
            logger.warning("Password reset: too many requests from one address this hour; none sent")
            return
        send_password_reset_mail.enqueue(user_ids, translation.get_language() or settings.LANGUAGE_CODE)


@task(priority=10)  # a person waits for this mail
def send_password_reset_mail(user_ids, language):
    """Send the admin's password-reset mail to these accounts (none: nothing to do), at most a few per hour each."""
    limit = getattr(settings, "PASSWORD_RESET_MAILS_PER_ACCOUNT_PER_HOUR", 3)
    user_model = get_user_model()
    protocol, _separator, domain = settings.WAGTAILADMIN_BASE_URL.partition("://")  # the link's base, no Host header
    sent = 0
    for user in user_model._default_manager.filter(pk__in=user_ids, is_active=True):
        if over_hourly_limit("Password reset limit per account", user.pk, limit):
            logger.warning("Password reset for account #%s: its limit this hour is reached; not sent", user.pk)
            continue
        context = {
            "email": user.email,
            "user": user,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
            "protocol": protocol,
            "domain": domain.rstrip("/"),
        }
        with translation.override(language):
            PasswordResetForm().send_mail(
                "wagtailadmin/account/password_reset/email_subject.txt",
                "wagtailadmin/account/password_reset/email.txt",
                context,
                None,
                user.email,
            )
        sent += 1
    return sent
