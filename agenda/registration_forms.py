"""The registration form: code-defined, the same field names in every language, with the intake's guards."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.guarantees import GuardedForm, SingleLineField, public_email_domain

from .registrations import Registration

NEEDS_MAX_LENGTH = 1000


class RegistrationForm(GuardedForm):
    token_model = Registration

    name = SingleLineField(
        label=_("Your name"),
        max_length=120,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send the confirmation and the link to cancel to this address."),
        max_length=254,
        validators=[public_email_domain],
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    organisation = SingleLineField(
        label=_("Organisation (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    needs = forms.CharField(
        label=_("Anything we should arrange for you? (optional)"),
        help_text=_("For example accessibility or dietary needs."),
        required=False,
        max_length=NEEDS_MAX_LENGTH,
        error_messages={
            "max_length": _("Shorten this to at most %(limit_value)d characters (you wrote %(show_value)d).")
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("I agree that Social Impact Factory keeps these details to organise this event."),
        help_text=_("Read what we keep, why and for how long in our privacy statement."),
        error_messages={"required": _("Tick the box to agree, or we cannot register you.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser would cut a pasted text short without a word; the server says what is too long.
        self.fields["needs"].widget.attrs.pop("maxlength", None)
