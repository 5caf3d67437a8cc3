"""Demo content of the hub: home page, about, location, contact, privacy and accessibility."""

import os

from wagtail.models import Page, Site

from home.demo_builder import T, rich, stream
from home.models import HomePage, SiteSettings, StandardPage

BRAND = ["#0b5d57", "#f2b43c", "#e4572e", "#8fc1b5", "#fbf8f3"]


def load(builder):
    home_nl, _ = _home(builder)
    builder.home = home_nl
    about = _standard(builder, home_nl, ABOUT, show_in_menus=True)
    _standard(builder, home_nl, LOCATION, show_in_menus=True)
    contact = _standard(builder, home_nl, CONTACT, show_in_menus=False)
    privacy = _standard(builder, home_nl, PRIVACY, show_in_menus=False)
    accessibility = _standard(builder, home_nl, ACCESSIBILITY, show_in_menus=False)
    _site_settings(home_nl, contact=contact, privacy=privacy, accessibility=accessibility)
    builder.pages = {"about": about, "contact": contact, "privacy": privacy}


def _home(builder):
    site = Site.objects.get(is_default_site=True)
    root = Page.get_first_root_node()
    existing = HomePage.objects.filter(locale=builder.nl).first()
    if existing is not None:
        return existing, existing.get_translation_or_none(builder.en)
    welcome = site.root_page
    is_wagtail_welcome_page = type(welcome.specific) is Page and welcome.depth == 2
    if is_wagtail_welcome_page:
        welcome.slug = "wagtail-welcome"
        welcome.save(update_fields=["slug"])
    hero = builder.image("Illustratie: samen ondernemen", BRAND)
    home_nl, home_en = builder.page(root, HomePage, _home_fields(hero))
    site.root_page = home_nl
    site.site_name = "Social Impact Factory"
    site.hostname, site.port = _demo_host()
    site.save()
    if is_wagtail_welcome_page:
        welcome.delete()
    return home_nl, home_en


def _demo_host():
    """The host the demo site answers on; canonical and hreflang URLs are built from it."""
    hostname, _, port = os.environ.get("SIF_SITE_HOST", "127.0.0.1:8000").partition(":")
    return hostname, int(port or 80)


def _home_fields(hero):
    return {
        "title": T("Samen versnellen we sociaal ondernemen", "Together we speed up social entrepreneurship"),
        "slug": T("home", "home"),
        "seo_title": T("Social Impact Factory Utrecht", "Social Impact Factory Utrecht"),
        "lead": T(
            "Social Impact Factory is de plek in Utrecht waar gemeenten, bedrijven en sociaal "
            "ondernemers elkaar vinden om maatschappelijke vraagstukken op te lossen.",
            "Social Impact Factory is the place in Utrecht where municipalities, companies and social "
            "entrepreneurs meet to solve social questions together.",
        ),
        "body": stream(
            "home-body",
            ("heading", {"text": T("Wat we doen", "What we do"), "level": "h2"}),
            (
                "paragraph",
                rich(
                    T(
                        "Een sociale onderneming heeft maatschappelijke impact als eerste doel, vaak werk "
                        "voor mensen met een grote afstand tot de arbeidsmarkt. Wij helpen zulke "
                        "ondernemingen groeien, en we helpen gevestigde organisaties om met hen samen "
                        "te werken.",
                        "A social enterprise puts social impact first, often by creating jobs for people who "
                        "find it hard to get work. We help such enterprises grow, and we help established "
                        "organisations work with them.",
                    ),
                ),
            ),
            (
                "steps",
                {
                    "title": T("Drie manieren om impact te maken", "Three ways to make an impact"),
                    "steps": [
                        {
                            "name": T("Sociaal inkopen", "Social procurement"),
                            "activities": T(
                                "We brengen inkopers van overheden en bedrijven in contact met sociale "
                                "ondernemingen die leveren wat zij nodig hebben.",
                                "We connect public and private buyers with social enterprises that "
                                "supply what they need.",
                            ),
                            "outcome": T(
                                "Inkoopbudget dat ook banen en impact oplevert.",
                                "Purchasing budgets that also create jobs and impact.",
                            ),
                        },
                        {
                            "name": T("Impact challenges", "Impact challenges"),
                            "activities": T(
                                "Rond het vraagstuk van een organisatie bouwen we een ondernemend netwerk "
                                "dat in ongeveer zes maanden een oplossing uitwerkt.",
                                "Around an organisation's question we build an entrepreneurial network "
                                "that works out a solution in about six months.",
                            ),
                            "outcome": T(
                                "Oplossingen die getest zijn in de praktijk.",
                                "Solutions that have been tested in practice.",
                            ),
                        },
                        {
                            "name": T("Organisaties laten veranderen", "Helping organisations change"),
                            "activities": T(
                                "We begeleiden bestaande organisaties die sociaal willen ondernemen of "
                                "sociaal willen inkopen.",
                                "We guide existing organisations that want to become social enterprises "
                                "or buy socially.",
                            ),
                            "outcome": T(
                                "Een organisatie die impact in haar werk heeft ingebouwd.",
                                "An organisation with impact built into its work.",
                            ),
                        },
                    ],
                },
            ),
            (
                "key_figures",
                {
                    "title": T("Ons netwerk (medio 2018)", "Our network (mid-2018)"),
                    "figures": [
                        {"value": "200", "label": T("sociale ondernemingen", "social enterprises")},
                        {"value": "10", "label": T("grote bedrijven", "large companies")},
                        {"value": "22", "label": T("lokale overheden", "local governments")},
                        {"value": "20+", "label": T("impact challenges", "impact challenges")},
                        {
                            "value": T("€ 500k+", "€500k+"),
                            "label": T(
                                "naar sociale ondernemers via challenges", "to social enterprises through challenges"
                            ),
                        },
                    ],
                },
            ),
            (
                "figure",
                {
                    "image": {
                        "image": hero.pk,
                        "alt_text": "",
                        "decorative": True,
                    },
                    "caption": T(
                        "Ons gebouw in het centrum van Utrecht: flexplekken, vergaderzalen en een restaurant.",
                        "Our building in the centre of Utrecht: flexible desks, meeting rooms and a restaurant.",
                    ),
                },
            ),
        ),
    }


def _standard(builder, parent, fields, show_in_menus):
    dutch, _english = builder.page(parent, StandardPage, {**fields, "show_in_menus": show_in_menus})
    return dutch


def _site_settings(home_nl, contact, privacy, accessibility):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    if settings.email:
        return
    settings.email = "info@sif.example"
    settings.street_address = "Vredenburg (centrum)"
    settings.postal_code = ""
    settings.city = "Utrecht"
    settings.linkedin_url = "https://www.linkedin.com/"
    settings.intake_notification_email = "intake@sif.example"
    settings.intake_page = contact
    settings.privacy_page = privacy
    settings.accessibility_page = accessibility
    settings.save()


ABOUT = {
    "title": T("Over ons", "About us"),
    "slug": T("over-ons", "about-us"),
    "lead": T(
        "Social Impact Factory is een stichting en een platform dat sociaal ondernemerschap versnelt. "
        "Het idee ontstond in 2014; in 2015 gingen we van start.",
        "Social Impact Factory is a foundation and a platform that speeds up social entrepreneurship. "
        "The idea took shape in 2014, and we opened in 2015.",
    ),
    "body": stream(
        "about-body",
        ("heading", {"text": T("Hoe het begon", "How it started"), "level": "h2"}),
        (
            "paragraph",
            rich(
                T(
                    "Gemeente Utrecht wilde dat stad en regio in 2018 de laagste werkloosheid van Nederland "
                    "zouden hebben. Sociaal ondernemerschap kon daaraan bijdragen. Samen met Kirkman Company, "
                    "een van de oprichters, onderzocht de gemeente hoe dat het beste kon.",
                    "Gemeente Utrecht wanted the city and region to have the lowest unemployment in the "
                    "Netherlands by 2018. Social entrepreneurship could help. Together with Kirkman Company, "
                    "one of the founders, the city looked into the best way to do that.",
                ),
                T(
                    "Op 21 mei 2015, de landelijke Social Enterprise Day in Utrecht, werd Social Impact "
                    "Factory officieel gelanceerd, met 38 aangesloten organisaties. Zeven partners waren er "
                    "vanaf het begin bij: EY, Incluzio, Rabobank Utrecht, De Koekfabriek, Band op Spanning, "
                    "Specialisterren en Wijk&amp;Co.",
                    "On 21 May 2015, the national Social Enterprise Day in Utrecht, Social Impact Factory "
                    "was launched officially, with 38 organisations on board. Seven partners were there from "
                    "the start: EY, Incluzio, Rabobank Utrecht, De Koekfabriek, Band op Spanning, "
                    "Specialisterren and Wijk&amp;Co.",
                ),
            ),
        ),
        ("heading", {"text": T("Nu", "Today"), "level": "h2"}),
        (
            "paragraph",
            rich(
                T(
                    "Inmiddels bestaan we ruim vijf jaar en helpen we organisaties en gemeenten in heel "
                    "Nederland om sociaal ondernemerschap te stimuleren.",
                    "We are now more than five years old and help organisations and municipalities across "
                    "the Netherlands to stimulate social entrepreneurship.",
                ),
            ),
        ),
        (
            "quote",
            {
                "quote": T(
                    "Zonder een partner die de praktische organisatie oppakte en de juiste partijen aan "
                    "tafel bracht, was dit idee nooit een volwassen stichting geworden.",
                    "Without a partner who took on the practical organisation and brought the right "
                    "parties to the table, this idea would never have become a mature foundation.",
                ),
                "attribution": T(
                    "Voormalig directeur, Social Impact Factory (parafrase)",
                    "Former director, Social Impact Factory (paraphrase)",
                ),
                "is_example": True,
            },
        ),
    ),
}

LOCATION = {
    "title": T("Locatie", "Location"),
    "slug": T("locatie", "location"),
    "lead": T(
        "Ons gebouw staat midden in Utrecht, vlak bij Vredenburg. Je kunt er werken, vergaderen en eten.",
        "Our building stands in the heart of Utrecht, close to Vredenburg. You can work, meet and eat there.",
    ),
    "body": stream(
        "location-body",
        ("heading", {"text": T("Wat je er vindt", "What you will find"), "level": "h2"}),
        (
            "paragraph",
            T(
                "<ul><li>Flexibele werkplekken voor sociaal ondernemers</li>"
                "<li>Vergaderzalen die je kunt huren</li>"
                "<li>Een restaurant op de begane grond</li></ul>",
                "<ul><li>Flexible desks for social entrepreneurs</li>"
                "<li>Meeting rooms you can hire</li>"
                "<li>A restaurant on the ground floor</li></ul>",
            ),
        ),
        ("heading", {"text": T("Aan de Gracht", "Aan de Gracht"), "level": "h2"}),
        (
            "paragraph",
            rich(
                T(
                    "Op onze tweede locatie, Aan de Gracht, geven we workshops. Daar organiseerden we "
                    "bijvoorbeeld een SDG-workshop met Utrecht4GlobalGoals.",
                    "Our second location, Aan de Gracht, hosts workshops, such as an SDG workshop we "
                    "ran with Utrecht4GlobalGoals.",
                ),
            ),
        ),
    ),
}

CONTACT = {
    "title": T("Leg jouw vraagstuk aan ons voor", "Put your question to us"),
    "slug": T("contact", "contact"),
    "lead": T(
        "Heeft jouw organisatie een maatschappelijk vraagstuk? Vertel het ons. We antwoorden met een "
        "voorstel, vaak een challenge of een pakket van onze menukaart.",
        "Does your organisation face a social question? Tell us about it. We reply with a proposal, "
        "often a challenge or a package from our service menu.",
    ),
    "body": stream(
        "contact-body",
        (
            "paragraph",
            rich(
                T(
                    'Mail ons op <a href="mailto:info@sif.example">info@sif.example</a> met een korte '
                    "beschrijving van je vraag. We nemen binnen vijf werkdagen contact op.",
                    'E-mail us at <a href="mailto:info@sif.example">info@sif.example</a> with a short '
                    "description of your question. We will be in touch within five working days.",
                ),
            ),
        ),
    ),
}

PRIVACY = {
    "title": T("Privacyverklaring", "Privacy statement"),
    "slug": T("privacy", "privacy"),
    "lead": T(
        "Wat we bewaren als je onze site bezoekt of ons een vraag stuurt, waarom, en hoe lang.",
        "What we keep when you visit our site or send us a question, why, and for how long.",
    ),
    "body": stream(
        "privacy-body",
        ("heading", {"text": T("Bezoek aan de site", "Visiting the site"), "level": "h2"}),
        (
            "paragraph",
            rich(
                T(
                    "Deze site plaatst geen tracking-cookies en laadt geen scripts of lettertypen van "
                    "anderen. Alleen op het formulier zetten we een technisch cookie dat misbruik "
                    "voorkomt.",
                    "This site sets no tracking cookies and loads no scripts or fonts from others. Only "
                    "the form sets a technical cookie that prevents abuse.",
                ),
            ),
        ),
        ("heading", {"text": T("Je vraag aan ons", "Your question to us"), "level": "h2"}),
        (
            "paragraph",
            rich(
                T(
                    "Als je ons een vraag stuurt, bewaren we de naam van je organisatie, je naam, je "
                    "e-mailadres, je telefoonnummer als je dat geeft, en je vraag. We gebruiken die "
                    "gegevens alleen om je vraag te beantwoorden en een voorstel te doen.",
                    "When you send us a question, we keep your organisation's name, your name, your e-mail "
                    "address, your phone number if you give it, and your question. We use them only to "
                    "answer your question and make a proposal.",
                ),
                T(
                    "We bewaren deze gegevens tot 24 maanden na de laatste wijziging aan je vraag. Daarna maken "
                    "we ze anoniem: we wissen je naam, e-mailadres, telefoonnummer, de naam van je organisatie en "
                    "je vraag, en houden alleen het soort organisatie, de taal, de thema's en de diensten over "
                    "voor onze cijfers. We verwerken je gegevens omdat je daar toestemming voor geeft; je "
                    "IP-adres slaan we niet op. Wil je dat we ze eerder verwijderen, of wil je weten wat we van "
                    "je hebben? Mail dan naar info@sif.example.",
                    "We keep this data for up to 24 months after the last change to your question. Then we make "
                    "it anonymous: we erase your name, e-mail address, phone number, your organisation's name "
                    "and your question, and keep only the type of organisation, the language, the themes and "
                    "the services for our figures. We process your data because you consent to it; we do not "
                    "store your IP address. Would you like us to delete it sooner, or see what we hold about "
                    "you? E-mail info@sif.example.",
                ),
                T(
                    "Na het versturen krijg je een bevestiging per e-mail. Die herhaalt niets van wat je in het "
                    "formulier typte: geen naam en geen vraag, alleen de thema's en diensten die je uit onze "
                    "lijsten koos. Zo kan niemand via ons formulier een eigen tekst naar het adres van een ander "
                    "sturen. Naar één adres sturen we hooguit drie bevestigingen per dag, en de bedankpagina na "
                    "het versturen toont je gegevens ook niet.",
                    "After sending you receive a confirmation by e-mail. It repeats nothing you typed in the "
                    "form: no name and no question, only the themes and services you chose from our lists. That "
                    "way nobody can use our form to send a text of their own to someone else's address. We send "
                    "at most three confirmations a day to one address, and the thank-you page after sending does "
                    "not show your details either.",
                ),
            ),
        ),
    ),
}

ACCESSIBILITY = {
    "title": T("Toegankelijkheid", "Accessibility"),
    "slug": T("toegankelijkheid", "accessibility"),
    "lead": T(
        "We willen dat iedereen deze site kan gebruiken, ook met een screenreader, alleen een "
        "toetsenbord of een vergroting.",
        "We want everyone to be able to use this site, including with a screen reader, only a "
        "keyboard or magnification.",
    ),
    "body": stream(
        "accessibility-body",
        ("heading", {"text": T("Onze norm", "Our standard"), "level": "h2"}),
        (
            "paragraph",
            rich(
                T(
                    "De site is gebouwd volgens WCAG 2.2 op niveau AA. Bij elke wijziging controleren "
                    "automatische tests alle paginatypen in beide talen, op telefoon- en "
                    "schermbreedte.",
                    "The site is built to WCAG 2.2 level AA. With every change, automated tests check all "
                    "page types in both languages, at phone and desktop widths.",
                ),
            ),
        ),
        ("heading", {"text": T("Iets gevonden?", "Found a problem?"), "level": "h2"}),
        (
            "paragraph",
            rich(
                T(
                    "Kun je iets niet lezen of gebruiken? Mail naar info@sif.example. We antwoorden "
                    "binnen vijf werkdagen.",
                    "Is there something you cannot read or use? E-mail info@sif.example. We reply "
                    "within five working days.",
                ),
            ),
        ),
    ),
}
