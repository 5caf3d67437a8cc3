"""The intake form: code-defined, with the same field names in every language."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from . import carried, catalogue, form_guard
from .submissions import ORGANISATION_TYPES, Submission, Topic

QUESTION_MIN_LENGTH = 30
QUESTION_MAX_LENGTH = 5000
EMAIL_MAX_LENGTH = 254


# Domains that never reach a public mailbox (RFC 2606, RFC 6761, local networks).
NON_PUBLIC_SUFFIXES = (".local", ".localhost", ".localdomain", ".example", ".test", ".invalid", ".internal", ".lan")


def public_email_domain(value):
    """Refuse an address whose domain is not on the public internet: piet@localhost, piet@[10.0.0.1], x@host.test."""
    domain = value.rpartition("@")[2].lower().rstrip(".")
    if (
        "." not in domain
        or domain.startswith("[")
        or domain.replace(".", "").isdigit()
        or ("." + domain).endswith(NON_PUBLIC_SUFFIXES)
    ):
        raise ValidationError(
            _("Enter an e-mail address with a public domain, for example name@organisation.nl."),
            code="non_public_domain",
        )


# Line breaks (CR, LF, VT, FF, NEL, Unicode line and paragraph separators) and other control characters.
LINE_BREAKS_AND_CONTROLS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


class SingleLineField(forms.CharField):
    """A one-line text: line breaks and control characters are folded into one space.

    A name or an organisation is one line wherever it is shown; a pasted line break
    would otherwise start a new line in the hub's notification e-mail, where
    ``Evil Org\\r\\nBcc: x@...`` reads like a header of its own.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(LINE_BREAKS_AND_CONTROLS.sub(" ", value).split()) if value else value


class TelInput(forms.TextInput):
    input_type = "tel"


def _required(message):
    return {"required": message}


class IntakeForm(form_guard.GuardedForm):
    organisation_name = SingleLineField(
        label=_("Name of your organisation"),
        max_length=200,
        error_messages=_required(_("Enter the name of your organisation.")),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=ORGANISATION_TYPES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the type of organisation."),
            "invalid_choice": _("Choose one of the types of organisation in the list."),
        },
    )
    contact_name = SingleLineField(
        label=_("Your name"),
        max_length=120,
        error_messages=_required(_("Enter your name, so we know whom to contact.")),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        validators=[public_email_domain],
        help_text=_("We send a confirmation to this address and reply to it."),
        max_length=EMAIL_MAX_LENGTH,  # what the database column and the mail standard allow
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.nl."),
            "max_length": _(
                "An e-mail address has at most %(limit_value)d characters (you wrote %(show_value)d). "
                "Check the address, or use a shorter one."
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=30,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 ()-]{5,28}$",
                _("Enter a phone number with digits only, for example 030 123 4567 or +31 30 123 4567."),
            )
        ],
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    question = forms.CharField(
        label=_("Your question"),
        help_text=_(
            "Describe the social question your organisation faces and what you hope to achieve "
            "(at least 30 characters)."
        ),
        min_length=QUESTION_MIN_LENGTH,
        max_length=QUESTION_MAX_LENGTH,
        error_messages={
            "required": _("Describe your question."),
            "min_length": _(
                "Describe your question in at least %(limit_value)d characters (you wrote %(show_value)d)."
            ),
            "max_length": _("Shorten your question to at most %(limit_value)d characters (you wrote %(show_value)d)."),
        },
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes your question touches (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose themes from the list.")},
    )
    services = forms.MultipleChoiceField(
        label=_("Services you are interested in (optional)"),
        help_text=_("Services from our menu that may fit. Ticked ones came with you from the menu."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose services from the list.")},
    )
    # Items brought from another part of the site for this topic (intake/carried.py), ticked.
    carried = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that Social Impact Factory keeps these details to answer my question."),
        help_text=_("Read what we keep, why and for how long in our privacy statement."),
        error_messages=_required(_("Tick the box to agree, or we cannot handle your question.")),
    )
    # A question, or (linked from the location page with ?topic=room) a room or desk request.
    topic = forms.ChoiceField(choices=Topic.choices, required=False, widget=forms.HiddenInput)
    # Spam checks (form_guard.GuardedForm): a field people leave empty, and a signed token of the shown form.
    token_model = Submission

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = catalogue.theme_choices(locale)
        self.fields["services"].choices = catalogue.service_choices(locale)
        # The browser would cut a pasted text short without a word; the server says what is too long.
        for attribute in ("maxlength", "minlength"):
            self.fields["question"].widget.attrs.pop(attribute, None)
        source = self.data if self.is_bound else self.initial
        self.topic = source.get("topic") if source.get("topic") in Topic.values else Topic.QUESTION
        self.initial["topic"] = self.topic
        if self.is_room_request:
            self._ask_for_a_room()
        self.carried_items = carried.for_topic(self.topic)
        self._offer_carried(locale, source)

    @property
    def is_room_request(self):
        return self.topic == Topic.ROOM

    def _ask_for_a_room(self):
        """A room or desk request is short: what, when and for how many; no 30-character minimum, no menu."""
        question = self.fields["question"]
        question.label = _("What would you like to book?")
        question.help_text = _("A meeting room or a desk, the day or period, and for how many people.")
        question.min_length = None
        question.validators = [v for v in question.validators if not isinstance(v, MinLengthValidator)]
        question.error_messages = {**question.error_messages, "required": _("Tell us what you would like to book.")}
        question.widget.attrs["rows"] = 4
        for name in ("themes", "services"):
            self.fields[name].choices = []

    def _offer_carried(self, locale, source):
        """The items named in the link (or the post), ticked; the topic's own texts instead of the menu's."""
        field, items = self.fields["carried"], self.carried_items
        if items is None:
            field.choices = []
            return
        values = source.getlist("carried") if hasattr(source, "getlist") else source.get("carried")
        field.choices = items.titles(locale, carried.keys(values))
        field.label, field.help_text = items.label, items.help_text
        question = self.fields["question"]
        question.label, question.help_text = items.question_label, items.question_help
        for name in ("themes", "services"):
            self.fields[name].choices = []

    def clean_topic(self):
        return self.topic

    def chosen(self, name):
        """(key, title) of the ticked choices of a multiple-choice field, in the order of the list."""
        keys = set(self.cleaned_data.get(name) or [])
        return [(key, str(title)) for key, title in self.fields[name].choices if key in keys]
