"""Demo content of the menukaart: four categories and fourteen services, in Dutch and English.

Built from the three pilot tracks of the Gemeente Utrecht case (transform,
accelerate, incubate) plus what the hub rents out or runs. Prices are
indicative amounts in whole euros excluding VAT.
"""

from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from cases.models import CaseService
from home.choices import OrganisationType
from home.demo_builder import T, rich, stream

from .models import MenukaartPage, ServiceCategory, ServiceForm, ServicePage, ServiceProgramme
from .prices import PriceKind

M, C, S, INI = (
    OrganisationType.MUNICIPALITY,
    OrganisationType.COMPANY,
    OrganisationType.SOCIAL_ENTERPRISE,
    OrganisationType.INITIATIVE,
)


def load(builder):
    categories = {
        key: builder.snippet(ServiceCategory, {"name": fields["name"].nl}, {**fields, "sort_order": order})[0]
        for order, (key, fields) in enumerate(CATEGORIES.items())
    }
    menu, _english = builder.page(builder.home, MenukaartPage, MENU)
    builder.pages["menukaart"] = menu
    services = {}
    for category_key, fields in SERVICES:
        page, _english = builder.page(menu, ServicePage, _service_fields(fields, categories[category_key]))
        services[page.slug] = page
    builder.pages["services"] = services
    _link_programmes(builder, services)
    _link_cases(builder, services)


# Dutch programme slug (programmes demo) -> services that belong to it.
PROGRAMME_SERVICES = {
    "plan-einstein": ["incubatietraject", "startersworkshop", "coachingstraject"],
    "buy-social": ["workshop-sociaal-inkopen", "inkoopscan", "matchmaking-met-inkopers"],
    "challenges": ["impact-challenge"],
}

# Dutch case slug (cases demo) -> services the case used.
CASE_SERVICES = {
    "gemeente-utrecht": [
        "verandertraject-sociaal-ondernemen",
        "groeiprogramma",
        "incubatietraject",
        "impact-challenge",
    ],
    "jaarbeurs-band-op-spanning": ["matchmaking-met-inkopers", "workshop-sociaal-inkopen"],
    "missie-030": ["jongerentraject", "startersworkshop", "coachingstraject"],
}


def _dutch_pages(builder, model_label, slugs):
    pages = Page.objects.filter(locale=builder.nl, slug__in=slugs, content_type__model=model_label.lower())
    return {page.slug: page.specific for page in pages}


def _link_programmes(builder, services):
    programmes = _dutch_pages(builder, "ProgrammePage", PROGRAMME_SERVICES)
    for slug, service in services.items():
        if service.programme_links.exists():
            continue
        linked = [programmes[p] for p, slugs in PROGRAMME_SERVICES.items() if slug in slugs and p in programmes]
        if linked:
            service.programme_links = [ServiceProgramme(programme=programme) for programme in linked]
            _publish_with_translations(service)


def _link_cases(builder, services):
    for case in _dutch_pages(builder, "CasePage", CASE_SERVICES).values():
        if case.services_used.exists():
            continue
        case.services_used = [CaseService(service=services[slug]) for slug in CASE_SERVICES[case.slug]]
        _publish_with_translations(case)


def _publish_with_translations(page):
    """Publish ``page`` and bring its translations up to date (links are synchronised fields)."""
    with transaction.atomic():
        page.save_revision().publish()
        source, _ = TranslationSource.update_or_create_from_instance(page)
        for translation in Translation.objects.filter(source=source):
            translation.save_target(publish=True)


def _service_fields(fields, category):
    fields = dict(fields)
    slug = fields["slug"].nl
    steps = fields.pop("steps", None)
    deliverables = fields.pop("deliverables")
    result = {
        **fields,
        "category": category,
        "deliverables": stream(f"service-{slug}-gets", *[("deliverable", item) for item in deliverables]),
    }
    if steps:
        result["body"] = stream(
            f"service-{slug}-how",
            (
                "steps",
                {
                    "title": "",
                    "steps": [{"name": name, "activities": what, "outcome": result_} for name, what, result_ in steps],
                },
            ),
        )
    return result


CATEGORIES = {
    "transform": {
        "name": T("Transformeren", "Transform"),
        "description": T(
            "Voor organisaties die zelf sociaal willen ondernemen of sociaal willen inkopen.",
            "For organisations that want to become a social enterprise or buy socially.",
        ),
    },
    "accelerate": {
        "name": T("Versnellen", "Accelerate"),
        "description": T(
            "Voor sociaal ondernemers die al draaien en willen groeien.",
            "For social entrepreneurs who are up and running and want to grow.",
        ),
    },
    "incubate": {
        "name": T("Incuberen", "Incubate"),
        "description": T(
            "Voor initiatieven met maatschappelijke impact die willen starten.",
            "For initiatives with a social impact that want to get started.",
        ),
    },
    "space": {
        "name": T("Ruimte en netwerk", "Space and network"),
        "description": T(
            "Wat we verhuren en organiseren: zalen, lidmaatschap, challenges en impactmeting.",
            "What we rent out and run: rooms, membership, challenges and impact measurement.",
        ),
    },
}

MENU = {
    "title": T("Menukaart", "Service menu"),
    "slug": T("menukaart", "service-menu"),
    "show_in_menus": True,
    "lead": T(
        "Alles wat we partners bieden, op één kaart. Kies wat bij jouw vraagstuk past, stel er een pakket "
        "van samen en stuur het mee met je vraag.",
        "Everything we offer partners, on one menu. Pick what fits your question, put together a package "
        "and send it along with your question.",
    ),
    "body": stream(
        "menukaart-body",
        ("heading", {"text": T("Maatwerk", "Made to measure"), "level": "h2"}),
        (
            "paragraph",
            rich(
                T(
                    "De menukaart ontstond in de samenwerking met Gemeente Utrecht, waar partners hun eigen "
                    "pakket samenstelden. Staat er niet precies tussen wat je zoekt? Vertel ons je vraagstuk; "
                    "we maken dan een voorstel op maat.",
                    "The menu grew out of our work with Gemeente Utrecht, where partners put together their "
                    "own package. Is what you need not quite on it? Tell us your question and we will make a "
                    "proposal that fits.",
                ),
            ),
        ),
    ),
}

# (category, fields) pairs; "steps" are (name, what happens, what it produces) triples.
SERVICES = [
    (
        "transform",
        {
            "title": T("Verandertraject sociaal ondernemen", "Becoming a social enterprise"),
            "slug": T("verandertraject-sociaal-ondernemen", "becoming-a-social-enterprise"),
            "summary": T(
                "We begeleiden je organisatie stap voor stap naar een werkwijze met impact als doel.",
                "We guide your organisation step by step towards a way of working with impact as its goal.",
            ),
            "lead": T(
                "Een bestaande organisatie die sociaal wil ondernemen, heeft meer nodig dan een goed voornemen. "
                "In dit traject leggen we samen de route vast en zetten we de eerste stappen.",
                "An existing organisation that wants to become a social enterprise needs more than good "
                "intentions. In this track we map the route together and take the first steps.",
            ),
            "audiences": [M, C],
            "service_form": ServiceForm.PROGRAMME,
            "duration": T("Vier tot zes maanden", "Four to six months"),
            "price_kind": PriceKind.FROM,
            "price_amount": 7500,
            "price_unit": "",
            "audience_text": T(
                "Bedrijven en gemeentelijke organisaties die impact in hun kernactiviteit willen inbouwen, "
                "bijvoorbeeld door werk te bieden aan mensen met een afstand tot de arbeidsmarkt.",
                "Companies and municipal organisations that want to build impact into their core activity, "
                "for example by offering work to people who find it hard to get a job.",
            ),
            "deliverables": [
                T("Een nulmeting van waar je nu staat", "A baseline of where you stand today"),
                T("Een veranderplan met mijlpalen", "A change plan with milestones"),
                T(
                    "Twee pilots met sociaal ondernemers uit ons netwerk",
                    "Two pilots with social entrepreneurs from our network",
                ),
                T("Een evaluatie met aanbevelingen", "An evaluation with recommendations"),
            ],
            "steps": [
                (
                    T("Verkennen", "Explore"),
                    T(
                        "Gesprekken met directie en teams over ambitie en kansen.",
                        "Talks with management and teams about ambition and opportunities.",
                    ),
                    T("Een gedeeld beeld van het doel.", "A shared picture of the goal."),
                ),
                (
                    T("Ontwerpen", "Design"),
                    T("We werken het model en de pilots uit.", "We work out the model and the pilots."),
                    T("Een veranderplan.", "A change plan."),
                ),
                (
                    T("Experimenteren", "Experiment"),
                    T("Pilots met ondernemers uit het netwerk.", "Pilots with entrepreneurs from the network."),
                    T("Lessen uit de praktijk.", "Lessons from practice."),
                ),
            ],
        },
    ),
    (
        "transform",
        {
            "title": T("Workshop sociaal inkopen", "Social procurement workshop"),
            "slug": T("workshop-sociaal-inkopen", "social-procurement-workshop"),
            "summary": T(
                "Ontdek in een dagdeel hoe je inkoopbudget ook banen en impact kan opleveren.",
                "Find out in half a day how your purchasing budget can also create jobs and impact.",
            ),
            "lead": T(
                "Inkopers van overheden en bedrijven leren waar sociale ondernemingen in hun inkooppakket passen, "
                "in de lijn van Buy Social.",
                "Public and private buyers learn where social enterprises fit into what they buy, in the spirit "
                "of Buy Social.",
            ),
            "audiences": [M, C],
            "service_form": ServiceForm.WORKSHOP,
            "duration": T("Eén dagdeel", "Half a day"),
            "price_kind": PriceKind.FIXED,
            "price_amount": 1250,
            "price_unit": T("per groep", "per group"),
            "audience_text": T(
                "Inkopers, contractmanagers en beleidsmakers die sociaal willen inkopen maar niet weten waar "
                "te beginnen.",
                "Buyers, contract managers and policy makers who want to buy socially but do not know where to start.",
            ),
            "deliverables": [
                T("Een overzicht van kansrijke inkoopcategorieën", "An overview of promising purchasing categories"),
                T("Voorbeelden van sociale leveranciers", "Examples of social suppliers"),
                T("Een actielijst voor de eerste drie maanden", "An action list for the first three months"),
            ],
        },
    ),
    (
        "transform",
        {
            "title": T("Inkoopscan", "Procurement scan"),
            "slug": T("inkoopscan", "procurement-scan"),
            "summary": T(
                "We lichten je inkoop door en wijzen aan waar sociale ondernemers kunnen leveren.",
                "We go through your purchasing and point out where social enterprises can supply.",
            ),
            "lead": T(
                "Een analyse van je inkoopgegevens met concrete matches uit ons netwerk van sociale ondernemingen.",
                "An analysis of your purchasing data with concrete matches from our network of social enterprises.",
            ),
            "audiences": [M, C],
            "service_form": ServiceForm.IMPACT_MEASUREMENT,
            "duration": T("Zes weken", "Six weeks"),
            "price_kind": PriceKind.FROM,
            "price_amount": 3000,
            "price_unit": "",
            "audience_text": T(
                "Organisaties met een flink inkoopvolume die willen weten wat sociaal inkopen voor hen kan betekenen.",
                "Organisations with a sizeable purchasing volume that want to know what social procurement can "
                "mean for them.",
            ),
            "deliverables": [
                T("Een rapport met kansen per inkoopcategorie", "A report with opportunities per purchasing category"),
                T("Vijf tot tien voorgestelde matches", "Five to ten suggested matches"),
            ],
        },
    ),
    (
        "accelerate",
        {
            "title": T("Groeiprogramma", "Growth programme"),
            "slug": T("groeiprogramma", "growth-programme"),
            "summary": T(
                "Drie maanden werken aan je verdienmodel, je impact en je eerste grote klanten.",
                "Three months of work on your business model, your impact and your first large customers.",
            ),
            "lead": T(
                "Voor sociaal ondernemers die een product hebben dat werkt en nu willen opschalen.",
                "For social entrepreneurs whose product works and who now want to scale up.",
            ),
            "audiences": [S],
            "service_form": ServiceForm.PROGRAMME,
            "duration": T("Drie maanden", "Three months"),
            "price_kind": PriceKind.FROM,
            "price_amount": 2500,
            "price_unit": "",
            "audience_text": T(
                "Sociale ondernemingen die minstens een jaar draaien en klaar zijn voor de volgende stap.",
                "Social enterprises that have been running for at least a year and are ready for the next step.",
            ),
            "deliverables": [
                T("Zes werksessies met andere ondernemers", "Six working sessions with other entrepreneurs"),
                T("Een aangescherpt verdienmodel", "A sharper business model"),
                T("Introducties bij inkopers uit ons netwerk", "Introductions to buyers in our network"),
            ],
            "steps": [
                (
                    T("Intake", "Intake"),
                    T("We bepalen samen je groeidoel.", "Together we set your growth goal."),
                    T("Een plan voor drie maanden.", "A three-month plan."),
                ),
                (
                    T("Werksessies", "Working sessions"),
                    T(
                        "Elke twee weken een sessie met experts en andere ondernemers.",
                        "A session every two weeks with experts and other entrepreneurs.",
                    ),
                    T("Een scherper verdienmodel.", "A sharper business model."),
                ),
                (
                    T("Pitch", "Pitch"),
                    T("Je presenteert je aanbod aan inkopers.", "You present your offer to buyers."),
                    T("Nieuwe klanten of partners.", "New customers or partners."),
                ),
            ],
        },
    ),
    (
        "accelerate",
        {
            "title": T("Coachingstraject", "Coaching"),
            "slug": T("coachingstraject", "coaching"),
            "summary": T(
                "Vijf gesprekken met een ervaren ondernemer over de vraag die jou nu bezighoudt.",
                "Five conversations with an experienced entrepreneur about the question on your mind.",
            ),
            "lead": T(
                "Een coach uit ons netwerk denkt mee over groei, financiering of personeel.",
                "A coach from our network helps you think through growth, funding or staffing.",
            ),
            "audiences": [S, INI],
            "service_form": ServiceForm.PROGRAMME,
            "duration": T("Vijf gesprekken in drie maanden", "Five conversations over three months"),
            "price_kind": PriceKind.FIXED,
            "price_amount": 750,
            "price_unit": "",
            "audience_text": T(
                "Sociaal ondernemers en initiatiefnemers die vastlopen op een concrete vraag.",
                "Social entrepreneurs and founders who are stuck on a concrete question.",
            ),
            "deliverables": [
                T("Vijf coachgesprekken van een uur", "Five one-hour coaching conversations"),
                T(
                    "Een verslag met afspraken na elk gesprek",
                    "A short record of what was agreed after each conversation",
                ),
            ],
        },
    ),
    (
        "accelerate",
        {
            "title": T("Matchmaking met inkopers", "Matchmaking with buyers"),
            "slug": T("matchmaking-met-inkopers", "matchmaking-with-buyers"),
            "summary": T(
                "We brengen je in contact met bedrijven en gemeenten die jouw product zoeken.",
                "We put you in touch with companies and municipalities looking for what you offer.",
            ),
            "lead": T(
                "Een goede match levert werk en impact op, zoals Band op Spanning dat bandenspanning controleert "
                "op het parkeerterrein van de Jaarbeurs.",
                "A good match creates work and impact, like Band op Spanning checking tyre pressure on the "
                "Jaarbeurs car park.",
            ),
            "audiences": [S, C],
            "service_form": ServiceForm.CHALLENGE,
            "duration": T("Doorlopend", "Ongoing"),
            "price_kind": PriceKind.ON_REQUEST,
            "price_amount": None,
            "price_unit": "",
            "audience_text": T(
                "Sociale ondernemingen die klaar zijn om te leveren, en bedrijven die sociaal willen inkopen.",
                "Social enterprises ready to supply, and companies that want to buy socially.",
            ),
            "deliverables": [
                T("Een kennismaking met passende inkopers", "An introduction to suitable buyers"),
                T("Begeleiding bij de eerste opdracht", "Support with the first order"),
            ],
        },
    ),
    (
        "incubate",
        {
            "title": T("Startersworkshop", "Starter workshop"),
            "slug": T("startersworkshop", "starter-workshop"),
            "summary": T(
                "Van idee naar plan: wat heb je nodig om een sociale onderneming te starten?",
                "From idea to plan: what do you need to start a social enterprise?",
            ),
            "lead": T(
                "Een praktische workshop voor mensen met een idee dat de buurt, de stad of de wereld beter maakt.",
                "A practical workshop for people with an idea that makes their neighbourhood, city or world better.",
            ),
            "audiences": [INI],
            "service_form": ServiceForm.WORKSHOP,
            "duration": T("Eén avond", "One evening"),
            "price_kind": PriceKind.FIXED,
            "price_amount": 75,
            "price_unit": T("per deelnemer", "per participant"),
            "audience_text": T(
                "Bewoners, studenten en nieuwkomers die een maatschappelijk idee willen uitproberen.",
                "Residents, students and newcomers who want to try out an idea with a social purpose.",
            ),
            "deliverables": [
                T("Een ingevuld impactmodel voor je idee", "A completed impact model for your idea"),
                T("Een lijst met eerste stappen", "A list of first steps"),
            ],
        },
    ),
    (
        "incubate",
        {
            "title": T("Incubatietraject", "Incubation track"),
            "slug": T("incubatietraject", "incubation-track"),
            "summary": T(
                "Zes maanden begeleiding om van je initiatief een werkende onderneming te maken.",
                "Six months of support to turn your initiative into a working business.",
            ),
            "lead": T(
                "Workshops, een coach en een plek in ons gebouw, zoals in het ondernemersdeel van Plan Einstein.",
                "Workshops, a coach and a desk in our building, as in the enterprise strand of Plan Einstein.",
            ),
            "audiences": [INI, M],
            "service_form": ServiceForm.PROGRAMME,
            "duration": T("Zes maanden", "Six months"),
            "price_kind": PriceKind.FROM,
            "price_amount": 1500,
            "price_unit": T("per deelnemer", "per participant"),
            "audience_text": T(
                "Initiatiefnemers met een getest idee, en gemeenten die een groep starters willen ondersteunen.",
                "Founders with a tested idea, and municipalities that want to support a group of starters.",
            ),
            "deliverables": [
                T("Acht workshops over ondernemen met impact", "Eight workshops on running a business with impact"),
                T("Een vaste coach", "A regular coach"),
                T("Een flexplek in ons gebouw", "A flexible desk in our building"),
            ],
            "steps": [
                (
                    T("Oriëntatie", "Orientation"),
                    T(
                        "Bedrijfsbezoeken en gesprekken met ondernemers.",
                        "Company visits and talks with entrepreneurs.",
                    ),
                    T("Een scherp idee.", "A clear idea."),
                ),
                (
                    T("Bouwen", "Build"),
                    T(
                        "Workshops en coaching terwijl je je product test.",
                        "Workshops and coaching while you test your product.",
                    ),
                    T("Een prototype of pilot.", "A prototype or pilot."),
                ),
            ],
        },
    ),
    (
        "incubate",
        {
            "title": T("Jongerentraject sociaal ondernemen", "Youth track in social entrepreneurship"),
            "slug": T("jongerentraject", "youth-track"),
            "summary": T(
                "Vijf maanden waarin jongeren in impactteams hun eigen sociale initiatief bedenken en testen.",
                "Five months in which young people design and test their own social initiative in impact teams.",
            ),
            "lead": T(
                "Naar het voorbeeld van Missie 030: oriëntatieweken, twaalf workshops, coaching en impactteams.",
                "Modelled on Missie 030: orientation weeks, twelve workshops, coaching and impact teams.",
            ),
            "audiences": [M],
            "service_form": ServiceForm.PROGRAMME,
            "duration": T("Vijf maanden", "Five months"),
            "price_kind": PriceKind.ON_REQUEST,
            "price_amount": None,
            "price_unit": "",
            "audience_text": T(
                "Gemeenten en fondsen die jongeren kennis willen laten maken met sociaal ondernemen.",
                "Municipalities and funds that want young people to discover social entrepreneurship.",
            ),
            "deliverables": [
                T("Oriëntatieweken bij sociale ondernemingen", "Orientation weeks at social enterprises"),
                T("Twaalf workshops en coaching", "Twelve workshops and coaching"),
                T("Initiatieven die als pilot of prototype zijn getest", "Initiatives tested as a pilot or prototype"),
            ],
        },
    ),
    (
        "space",
        {
            "title": T("Impact challenge", "Impact challenge"),
            "slug": T("impact-challenge", "impact-challenge"),
            "summary": T(
                "Rond jouw vraagstuk bouwen we een netwerk van ondernemers dat een oplossing uitwerkt.",
                "Around your question we build a network of entrepreneurs who work out a solution.",
            ),
            "lead": T(
                "Je huurt ons in voor een challenge. In ongeveer zes maanden werken ondernemers, bewoners en jouw "
                "organisatie samen een oplossing uit.",
                "You hire us to run a challenge. In about six months, entrepreneurs, residents and your "
                "organisation work out a solution together.",
            ),
            "audiences": [M, C],
            "service_form": ServiceForm.CHALLENGE,
            "duration": T("Ongeveer zes maanden", "About six months"),
            "price_kind": PriceKind.ON_REQUEST,
            "price_amount": None,
            "price_unit": "",
            "audience_text": T(
                "Gemeenten en bedrijven met een maatschappelijk vraagstuk dat ze niet alleen kunnen oplossen.",
                "Municipalities and companies with a social question they cannot solve on their own.",
            ),
            "deliverables": [
                T("Een scherp geformuleerde challengevraag", "A sharply worded challenge question"),
                T("Een netwerk van betrokken ondernemers", "A network of committed entrepreneurs"),
                T("Uitgewerkte en geteste oplossingen", "Worked-out and tested solutions"),
            ],
            "steps": [
                (
                    T("Vraag scherpstellen", "Sharpen the question"),
                    T("Samen formuleren we de challenge.", "Together we word the challenge."),
                    T("Een heldere opdracht.", "A clear brief."),
                ),
                (
                    T("Netwerk bouwen", "Build the network"),
                    T("We zoeken ondernemers die willen meedoen.", "We find entrepreneurs who want to take part."),
                    T("Een team rond je vraag.", "A team around your question."),
                ),
                (
                    T("Uitwerken", "Work it out"),
                    T("Teams ontwikkelen en testen oplossingen.", "Teams develop and test solutions."),
                    T("Een gekozen oplossing.", "A chosen solution."),
                ),
            ],
        },
    ),
    (
        "space",
        {
            "title": T("Vergaderzaal huren", "Meeting room hire"),
            "slug": T("vergaderzaal-huren", "meeting-room-hire"),
            "summary": T(
                "Een zaal voor tot twaalf personen in het centrum van Utrecht, met een restaurant beneden.",
                "A room for up to twelve people in the centre of Utrecht, with a restaurant downstairs.",
            ),
            "lead": T(
                "Vergader tussen sociaal ondernemers, met koffie en lunch uit ons eigen restaurant.",
                "Meet among social entrepreneurs, with coffee and lunch from our own restaurant.",
            ),
            "audiences": [M, C, S, INI],
            "service_form": ServiceForm.ROOM_HIRE,
            "duration": T("Per dagdeel", "Per half-day"),
            "price_kind": PriceKind.FIXED,
            "price_amount": 175,
            "price_unit": T("per dagdeel", "per half-day"),
            "audience_text": T(
                "Iedereen die een vergadering of training wil houden op een plek met impact.",
                "Anyone who wants to hold a meeting or training at a place with impact.",
            ),
            "deliverables": [
                T("Een zaal met scherm en wifi", "A room with a screen and wifi"),
                T("Koffie, thee en water", "Coffee, tea and water"),
            ],
        },
    ),
    (
        "space",
        {
            "title": T("Workshopruimte Aan de Gracht", "Workshop space Aan de Gracht"),
            "slug": T("workshopruimte-aan-de-gracht", "workshop-space-aan-de-gracht"),
            "summary": T(
                "Onze tweede locatie voor workshops en bijeenkomsten tot veertig personen.",
                "Our second location, for workshops and gatherings of up to forty people.",
            ),
            "lead": T(
                "Een open ruimte aan de gracht, waar eerder onder meer een SDG-workshop werd gehouden.",
                "An open space by the canal that has hosted, among others, an SDG workshop.",
            ),
            "audiences": [M, C, S, INI],
            "service_form": ServiceForm.ROOM_HIRE,
            "duration": T("Per dag", "Per day"),
            "price_kind": PriceKind.FIXED,
            "price_amount": 450,
            "price_unit": T("per dag", "per day"),
            "audience_text": T(
                "Organisaties die een grotere groep willen ontvangen voor een workshop of netwerkbijeenkomst.",
                "Organisations that want to host a larger group for a workshop or network event.",
            ),
            "deliverables": [
                T("Een flexibel in te richten ruimte", "A space you can arrange as you like"),
                T("Beamer, flip-overs en geluid", "Projector, flip charts and sound"),
            ],
        },
    ),
    (
        "space",
        {
            "title": T("Lidmaatschap van het netwerk", "Network membership"),
            "slug": T("lidmaatschap", "membership"),
            "summary": T(
                "Hoor bij een netwerk van zo'n 200 sociale ondernemingen, bedrijven en overheden.",
                "Join a network of some 200 social enterprises, companies and local governments.",
            ),
            "lead": T(
                "Leden ontmoeten elkaar op bijeenkomsten, krijgen voorrang bij challenges en korting op zalen.",
                "Members meet at events, get priority for challenges and a discount on rooms.",
            ),
            "audiences": [S, C, M],
            "service_form": ServiceForm.MEMBERSHIP,
            "duration": T("Per jaar", "Per year"),
            "price_kind": PriceKind.FROM,
            "price_amount": 500,
            "price_unit": T("per jaar", "per year"),
            "audience_text": T(
                "Sociale ondernemingen en organisaties die sociaal ondernemen willen steunen en ervan willen leren.",
                "Social enterprises and organisations that want to support social entrepreneurship and learn from it.",
            ),
            "deliverables": [
                T("Toegang tot netwerkbijeenkomsten", "Access to network events"),
                T("Voorrang bij impact challenges", "Priority for impact challenges"),
                T("Korting op zaalhuur", "A discount on room hire"),
            ],
        },
    ),
    (
        "space",
        {
            "title": T("Impactmeting (SROI)", "Impact measurement (SROI)"),
            "slug": T("impactmeting-sroi", "impact-measurement-sroi"),
            "summary": T(
                "We brengen de maatschappelijke waarde van je werk in kaart met een SROI-analyse.",
                "We map the social value of your work with a social return on investment analysis.",
            ),
            "lead": T(
                "Laat zien wat je impact oplevert, in cijfers die financiers en opdrachtgevers begrijpen.",
                "Show what your impact is worth, in figures that funders and clients understand.",
            ),
            "audiences": [S, M, C],
            "service_form": ServiceForm.IMPACT_MEASUREMENT,
            "duration": T("Acht tot tien weken", "Eight to ten weeks"),
            "price_kind": PriceKind.FROM,
            "price_amount": 3500,
            "price_unit": "",
            "audience_text": T(
                "Sociale ondernemingen die willen groeien, en gemeenten die willen weten wat hun inzet oplevert.",
                "Social enterprises that want to grow, and municipalities that want to know what their efforts "
                "achieve.",
            ),
            "deliverables": [
                T("Een impactmodel van je activiteiten", "An impact model of your activities"),
                T("Een SROI-berekening met onderbouwing", "An SROI calculation with its reasoning"),
                T("Een korte rapportage om te delen", "A short report to share"),
            ],
        },
    ),
]
