"""What the site's forms keep of a visitor, declared by the forms themselves for the privacy statement.

``home`` imports no other app. An app with a public form (the intake today; challenge
applications, event registrations and quote requests later) registers a provider for the
``sif_personal_data`` hook in its ``wagtail_hooks.py``::

    hooks.register(PERSONAL_DATA_HOOK, intake_personal_data, order=10)

A provider takes no arguments and returns a list of ``PersonalData``: what is kept, why,
on which legal basis and for how long. It reads the retention from the settings the
app's own clean-up job uses, so the privacy statement (``PrivacyStatementPage``) says
what the code does, in the visitor's language, and changes when the settings change.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

PERSONAL_DATA_HOOK = "sif_personal_data"


class LegalBasis(models.TextChoices):
    """The legal bases of article 6 of the GDPR (AVG)."""

    CONSENT = "consent", _("your consent")
    CONTRACT = "contract", _("an agreement with you, or the steps before one")
    LEGAL_OBLIGATION = "legal_obligation", _("a legal obligation")
    VITAL_INTERESTS = "vital_interests", _("vital interests")
    PUBLIC_TASK = "public_task", _("a task in the public interest")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("our legitimate interest")


@dataclass(frozen=True)
class PersonalData:
    """One kind of personal data a form keeps. Texts are in the active language when the provider runs."""

    name: str
    data: str
    purpose: str
    legal_basis: str
    retention: str

    @property
    def legal_basis_label(self):
        return LegalBasis(self.legal_basis).label


def personal_data():
    """Every declared kind of personal data, in hook order."""
    declared = []
    for provider in hooks.get_hooks(PERSONAL_DATA_HOOK):
        declared.extend(provider())
    return declared
