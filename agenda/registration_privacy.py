"""What event registration keeps, for the privacy statement (``home.privacy``), with the figures retention uses."""

from django.utils.translation import gettext, ngettext

from home.privacy import LegalBasis, PersonalData
from intake.guarantees import retention_months


def registration_personal_data():
    months = retention_months()
    return [
        PersonalData(
            name=gettext("Registrations for our events"),
            data=gettext(
                "Your name, your e-mail address, and your organisation and what we should arrange for you "
                "(accessibility, diet) if you give them; whether you have a seat, wait or attended."
            ),
            purpose=gettext(
                "To keep your seat or your place on the waiting list, to arrange what you asked for, and to send "
                "you a confirmation, an offer of a freed seat, a reminder or news of a cancellation."
            ),
            legal_basis=LegalBasis.CONSENT,
            retention=ngettext(
                "%(months)s month after the last change to your registration. Then we erase your name, e-mail "
                "address, organisation and wishes, and the e-mails about it; we keep only the numbers per event.",
                "%(months)s months after the last change to your registration. Then we erase your name, e-mail "
                "address, organisation and wishes, and the e-mails about it; we keep only the numbers per event.",
                months,
            )
            % {"months": months},
        )
    ]
