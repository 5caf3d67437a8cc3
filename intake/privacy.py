"""What the intake form keeps, for the privacy statement (``home.privacy``).

The retention figures are the ones the clean-up job uses (``intake/retention.py``) and
the rate limit (``intake/form_guard.py``), read from the settings at every render.
"""

from django.utils.translation import gettext, ngettext

from home.privacy import LegalBasis, PersonalData

from .retention import retention_months, spam_retention_days


def intake_personal_data():
    months, days = retention_months(), spam_retention_days()
    return [
        PersonalData(
            name=gettext("Questions and room requests sent through our form"),
            data=gettext(
                "Your organisation's name and type, your name, your e-mail address, your phone number if you "
                "give it, your question or request, and the themes and services you tick. Your IP address is "
                "not stored with your question."
            ),
            purpose=gettext(
                "To answer your question or request and make you a proposal, and to send you a confirmation."
            ),
            legal_basis=LegalBasis.CONSENT,
            retention=ngettext(
                "%(months)s month after the last change to your question. Then we erase your name, e-mail "
                "address, phone number, organisation name and question, and the e-mails about it; we keep "
                "only the type of organisation, the language, the themes and the services for our figures.",
                "%(months)s months after the last change to your question. Then we erase your name, e-mail "
                "address, phone number, organisation name and question, and the e-mails about it; we keep "
                "only the type of organisation, the language, the themes and the services for our figures.",
                months,
            )
            % {"months": months},
        ),
        PersonalData(
            name=gettext("Messages our spam filter stops"),
            data=gettext("What was filled in on the form."),
            purpose=gettext(
                "To keep the form free of abuse, and to find a real question that was stopped by mistake."
            ),
            legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
            retention=ngettext(
                "%(days)s day, then we delete the message.",
                "%(days)s days, then we delete the message.",
                days,
            )
            % {"days": days},
        ),
        PersonalData(
            name=gettext("Counting forms per internet address"),
            data=gettext(
                "A code made from your IP address, never the address itself, with the number of forms sent from it."
            ),
            purpose=gettext("To stop one sender from flooding the form."),
            legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
            retention=gettext("One hour."),
        ),
    ]
