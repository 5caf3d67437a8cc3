"""Choices more than one app uses, so that each value is spelt one way everywhere.

The values are stored (partner kinds, service audiences, intake submissions)
and appear in addresses (``/nl/menukaart/?audience=social_enterprise``), so
they are the same in every language; the labels are translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """Kinds of organisations the hub works with. Each app offers the subset that fits it."""

    MUNICIPALITY = "municipality", _("Municipality")
    GOVERNMENT = "government", _("Other public body")
    COMPANY = "company", _("Company")
    EXISTING_ORGANISATION = "existing_organisation", _("Existing organisation")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    INITIATIVE = "initiative", _("Initiative or foundation")
    EDUCATION = "education", _("School or knowledge institution")
    OTHER = "other", _("Other")

    @classmethod
    def subset(cls, *members):
        """``(value, label)`` choices for ``members``, in the order given."""
        return [(member.value, member.label) for member in members]
