"""The admin's login: throttling with django-axes, and the optional second step.


- ``account_key`` (``AXES_USERNAME_CALLABLE``): what was typed into the username field
  is often an e-mail address, and sometimes a password typed one field too early. So
  django-axes never sees it: it gets ``#<id>`` when the name is an existing
  account's, and nothing otherwise. Its records and log lines hold that, never the name
  (``#`` is not allowed in a username, so the two cannot be mistaken for each other).
- ``client_description`` (``AXES_CLIENT_STR_CALLABLE``): the client in django-axes' log
  lines: the account id (or ``unknown``), the address, the browser and the path.
- ``lockout_response`` (``AXES_LOCKOUT_CALLABLE``): the admin lives outside the language
  prefix, so the page says it in Dutch and English, like the error pages, with the
  minutes to wait. Status 429.
- ``TwoFactorLoginForm`` (``WAGTAILADMIN_USER_LOGIN_FORM``): Wagtail's login with an
  optional second step. An account with a confirmed authenticator (django-otp's TOTP,
  set up with ``manage.py two_factor``) logs in only with the current 6-digit code
  as well; a wrong or missing code counts as a failed login for the lockout, and gets
  the same message as a wrong password, so it does not tell that the password was right.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token
from wagtail.admin.forms.auth import LoginForm


def typed_username(request, credentials=None):
    """What the login form's username field held."""
    if credentials:
        return credentials.get(settings.AXES_USERNAME_FORM_FIELD) or ""
    data = getattr(request, "POST", None) or {}
    return data.get(settings.AXES_USERNAME_FORM_FIELD) or ""


def account_label(username):
    """``#<id>`` for an existing account's name (matched as the login matches it), else None."""
    if not username:
        return None
    user_model = get_user_model()
    account_id = (
        user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username})
        .values_list("pk", flat=True)
        .first()
    )
    return None if account_id is None else f"#{account_id}"


def account_key(request, credentials=None):
    return account_label(typed_username(request, credentials))


def client_description(username, ip_address, user_agent, path_info, request):
    """django-axes passes ``account_key``'s answer, or (for a login or logout) the account's own name."""
    path = path_info[0] if isinstance(path_info, list | tuple) else path_info
    account = username if str(username or "").startswith("#") else account_label(username)
    account = account or "unknown"
    return f'{{account: "{account}", ip_address: "{ip_address}", user_agent: "{user_agent}", path: "{path}"}}'


def lockout_response(request, original_response=None, credentials=None):
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    response = render(request, "axes_lockout.html", {"cooloff_minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response


class TwoFactorLoginForm(LoginForm):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Only if you set up two-step login: the 6 digits your app shows now."),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": _("Your username, password or code didn't match. Please try again."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not any(devices_for_user(user, confirmed=True)):
            return
        token = "".join((self.cleaned_data.get("otp_token") or "").split())
        if token and match_token(user, token) is not None:
            return
        # Counted like a wrong password (django-axes listens), and answered like one.
        credentials = {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}
        user_login_failed.send(sender=__name__, credentials=credentials, request=self.request)
        raise self.get_invalid_login_error()
