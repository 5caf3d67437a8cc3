"""The application form of an open call: code-defined, the same field names in both languages.

The intake's guarantees (single-use form token, honeypot, time trap) come from
``intake.guarantees.GuardedForm``, which adds its own two fields at the end.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.guarantees import GuardedForm, SingleLineField, public_email_domain

from .applications import Application
from .attachments import check_pdf

TEXT_MIN_LENGTH = 30
TEXT_MAX_LENGTH = 5000
EMAIL_MAX_LENGTH = 254


def _long_text(label, help_text, required_message):
    return forms.CharField(
        label=label,
        help_text=help_text,
        min_length=TEXT_MIN_LENGTH,
        max_length=TEXT_MAX_LENGTH,
        error_messages={
            "required": required_message,
            "min_length": _("Write at least %(limit_value)d characters here (you wrote %(show_value)d)."),
            "max_length": _("Shorten this to at most %(limit_value)d characters (you wrote %(show_value)d)."),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ApplicationForm(GuardedForm):
    token_model = Application

    organisation_name = SingleLineField(
        label=_("Name of your organisation"),
        max_length=200,
        error_messages={"required": _("Enter the name of your organisation.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    contact_name = SingleLineField(
        label=_("Contact person"),
        max_length=120,
        error_messages={"required": _("Enter the name of the contact person.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send a confirmation to this address and reply to it."),
        max_length=EMAIL_MAX_LENGTH,
        validators=[public_email_domain],
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    activity = _long_text(
        _("What does your enterprise do?"),
        _("Your enterprise, its social impact and who works there (at least 30 characters)."),
        _("Describe what your enterprise does."),
    )
    approach = _long_text(
        _("Your proposed approach"),
        _("How you would take on this challenge (at least 30 characters)."),
        _("Describe how you would take on this challenge."),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        help_text=_("One PDF file of at most 10 MB, for example a plan or a presentation."),
        required=False,
        validators=[check_pdf],
        error_messages={
            "invalid": _("The attachment could not be read. Attach it again."),
            "empty": _("The attachment is empty. Attach the PDF again."),
        },
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that Social Impact Factory keeps these details to handle my application."),
        help_text=_("Read what we keep, why and for how long in our privacy statement."),
        error_messages={"required": _("Tick the box to agree, or we cannot handle your application.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser would cut a pasted text short without a word; the server says what is too long.
        for name in ("activity", "approach"):
            for attribute in ("maxlength", "minlength"):
                self.fields[name].widget.attrs.pop(attribute, None)
