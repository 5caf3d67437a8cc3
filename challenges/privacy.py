"""What the application form of a challenge keeps, for the privacy statement (``home.privacy``).

The figures are the ones the clean-up job uses (``retention.py``), read at every render.
"""

from django.utils.translation import gettext, ngettext

from home.privacy import LegalBasis, PersonalData
from intake.guarantees import retention_months


def application_personal_data():
    months = retention_months()
    return [
        PersonalData(
            name=gettext("Applications for a challenge"),
            data=gettext(
                "Your organisation's name, the contact person, your e-mail address, what your enterprise does, "
                "your proposed approach and the PDF you attach, if any. Your IP address is not stored with it."
            ),
            purpose=gettext("To assess your application for the challenge, and to send you a confirmation."),
            legal_basis=LegalBasis.CONSENT,
            retention=ngettext(
                "%(months)s month after the last change to your application. Then we erase your details, your "
                "texts and the attachment, and the e-mails about it; we keep only the challenge, the language "
                "and the outcome for our figures.",
                "%(months)s months after the last change to your application. Then we erase your details, your "
                "texts and the attachment, and the e-mails about it; we keep only the challenge, the language "
                "and the outcome for our figures.",
                months,
            )
            % {"months": months},
        ),
    ]
