"""Demo content of the intake: the page with the form, and the call to action pointing at it."""

from wagtail.models import Site

from home.demo_builder import T, rich
from home.models import SiteSettings

from .models import IntakePage, IntakeSettings


def load(builder):
    page, _ = builder.page(builder.home, IntakePage, INTAKE)
    _point_call_to_action_here(page, builder.pages.get("contact"))
    _notify_the_demo_team()


def _notify_the_demo_team():
    settings = IntakeSettings.for_site(Site.objects.get(is_default_site=True))
    if not settings.notification_email:
        settings.notification_email = "intake@sif.example"
        settings.save(update_fields=["notification_email"])


def _point_call_to_action_here(page, contact):
    """The call to action leads to the form, unless an editor chose another page."""
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if settings.intake_page_id in (None, getattr(contact, "pk", None)):
        settings.intake_page = page
        settings.save(update_fields=["intake_page"])


INTAKE = {
    "title": T("Leg jouw vraagstuk aan ons voor", "Put your question to us"),
    "slug": T("vraagstuk", "your-question"),
    "seo_title": T("Leg jouw vraagstuk voor", "Put your question to us"),
    "lead": T(
        "Loopt jouw organisatie tegen een maatschappelijk vraagstuk aan? Beschrijf het hieronder. We "
        "denken mee en doen je een voorstel.",
        "Is your organisation facing a social question? Describe it below. We will think it through "
        "with you and make you a proposal.",
    ),
    "intro": rich(
        T(
            "Gemeenten, bedrijven, sociaal ondernemers en initiatieven gingen je voor. Een vraag hoeft niet "
            "af te zijn: vertel wat je ziet, wat je al geprobeerd hebt en wat je zou willen bereiken.",
            "Municipalities, companies, social entrepreneurs and initiatives came before you. Your question "
            "does not need to be finished: tell us what you see, what you have tried and what you would "
            "like to achieve.",
        ),
    ),
    "what_happens_next": T(
        "<ol><li>Je krijgt meteen een bevestiging per e-mail.</li>"
        "<li>Binnen vijf werkdagen neemt iemand van ons team contact op voor een eerste gesprek.</li>"
        "<li>Daarna doen we een voorstel: vaak een challenge, of een pakket van onze menukaart.</li></ol>",
        "<ol><li>You get a confirmation by e-mail straight away.</li>"
        "<li>Within five working days, someone from our team contacts you for a first conversation.</li>"
        "<li>Then we make a proposal: often a challenge, or a package from our service menu.</li></ol>",
    ),
    "privacy_note": rich(
        T(
            "We gebruiken je gegevens alleen om je vraag te beantwoorden. We bewaren ze tot 24 maanden na "
            "het laatste contact en maken ze daarna anoniem.",
            "We use your details only to answer your question. We keep them for up to 24 months after our "
            "last contact, then make them anonymous.",
        ),
    ),
    "thank_you_text": rich(
        T(
            "Je vraag is bij ons binnen. We hebben je een bevestiging gemaild; zie je die niet, kijk dan ook "
            "even in je map met ongewenste e-mail.",
            "Your question has reached us. We have sent you a confirmation by e-mail; if you cannot find it, "
            "please check your spam folder.",
        ),
    ),
}
