"""Demo content: the partners, the programme overview and three programmes (Plan Einstein, Buy Social, Challenges)."""

from home.demo_builder import T, rich, stream

from .models import Partner, ProgrammeIndexPage, ProgrammePage, ProgrammePartner

TEAL = ["#0b5d57", "#8fc1b5", "#f2b43c", "#fbf8f3"]
SUN = ["#f2b43c", "#0b5d57", "#fbf8f3", "#e4572e"]
COAST = ["#8fc1b5", "#0b5d57", "#fbf8f3", "#f2b43c"]

FOUNDING = T(
    "Partner van het eerste uur, sinds de start in 2015.", "A founding partner, on board since the 2015 launch."
)

PARTNERS = [
    (
        "Gemeente Utrecht",
        Partner.Kind.MUNICIPALITY,
        "https://www.utrecht.nl/",
        T("Richtte Social Impact Factory mede op.", "Co-founded Social Impact Factory."),
    ),
    (
        "Kirkman Company",
        Partner.Kind.COMPANY,
        "",
        T(
            "Medeoprichter en uitvoeringspartner in de opstartjaren.",
            "Co-founder and delivery partner in the early years.",
        ),
    ),
    ("EY", Partner.Kind.COMPANY, "https://www.ey.com/", FOUNDING),
    ("Rabobank Utrecht", Partner.Kind.COMPANY, "", FOUNDING),
    (
        "Jaarbeurs",
        Partner.Kind.COMPANY,
        "https://www.jaarbeurs.nl/",
        T(
            "Het Utrechtse beursterrein; werkt samen met Band op Spanning.",
            "Utrecht's exhibition centre; works with Band op Spanning.",
        ),
    ),
    ("Incluzio", Partner.Kind.EXISTING_ORGANISATION, "", FOUNDING),
    (
        "Social Enterprise NL",
        Partner.Kind.EXISTING_ORGANISATION,
        "",
        T(
            "Landelijk netwerk van sociale ondernemingen; samen begonnen we Buy Social.",
            "The national network of social enterprises; together we started Buy Social.",
        ),
    ),
    ("De Koekfabriek", Partner.Kind.SOCIAL_ENTERPRISE, "", FOUNDING),
    (
        "Band op Spanning",
        Partner.Kind.SOCIAL_ENTERPRISE,
        "",
        T(
            "Zet banden op spanning met mensen die zo weer aan het werk komen.",
            "Checks tyre pressure with staff who found their way back to work.",
        ),
    ),
    ("Specialisterren", Partner.Kind.SOCIAL_ENTERPRISE, "", FOUNDING),
    ("Wijk&Co", Partner.Kind.SOCIAL_ENTERPRISE, "", FOUNDING),
    (
        "Utrecht4GlobalGoals",
        Partner.Kind.INITIATIVE,
        "",
        T(
            "Gaf met ons een workshop over de duurzame ontwikkelingsdoelen (SDG's).",
            "Ran a workshop on the Sustainable Development Goals (SDGs) with us.",
        ),
    ),
]


def load(builder):
    partners = {}
    for name, kind, website, description in PARTNERS:
        partners[name], _ = builder.snippet(
            Partner,
            {"name": name},
            {"name": T(name, name), "kind": kind, "website": website, "description": description},
        )
    index, _ = builder.page(builder.home, ProgrammeIndexPage, INDEX)
    builder.programmes = {}
    for fields, image_colours, partner_names in (
        (plan_einstein(), TEAL, ["Gemeente Utrecht"]),
        (buy_social(), SUN, ["Social Enterprise NL"]),
        (challenges(), COAST, []),
    ):
        image = builder.image(f"Illustratie: {fields['title'].nl}", image_colours)
        links = [ProgrammePartner(partner=partners[name]) for name in partner_names]
        dutch, _ = builder.page(index, ProgrammePage, {**fields, "image": image, "partner_links": links})
        builder.programmes[dutch.slug] = dutch


INDEX = {
    "title": T("Programma's", "Programmes"),
    "slug": T("programmas", "programmes"),
    "show_in_menus": True,
    "lead": T(
        "Naast losse opdrachten draaien we programma's met partners: voor sociaal inkopen, voor challenges "
        "rond een maatschappelijk vraagstuk en voor de integratie van nieuwkomers.",
        "Besides single assignments, we run programmes with partners: for social procurement, for challenges "
        "around a social question and for the integration of newcomers.",
    ),
}


def plan_einstein():
    return {
        "title": T("Plan Einstein", "Plan Einstein"),
        "slug": T("plan-einstein", "plan-einstein"),
        "status": ProgrammePage.Status.FINISHED,
        "start_year": 2016,
        "end_year": 2018,
        "lead": T(
            "Jonge Utrechters en vluchtelingen woonden samen in Overvecht. Wij verzorgden het deel over "
            "ondernemen en werk.",
            "Young people from Utrecht and refugees lived together in Overvecht. We ran the part on enterprise "
            "and work.",
        ),
        "problem": rich(
            T(
                "Wie als vluchteling in een opvang wacht, verliest vaak maanden voordat werk of opleiding in "
                "zicht komt. Plan Einstein wilde die tijd nuttig maken: samenwonen met buurtgenoten, samen "
                "leren en een netwerk opbouwen, of iemand nu in Nederland blijft of niet.",
                "Refugees waiting in a reception centre often lose months before work or study comes within "
                "reach. Plan Einstein set out to make that time count: living with neighbours, learning "
                "together and building a network, whether or not someone stays in the Netherlands.",
            ),
            T(
                "Het project liep van 2016 tot 2018 met Europese financiering.",
                "The project ran from 2016 to 2018 with European funding.",
            ),
        ),
        "approach": stream(
            "plan-einstein-approach",
            (
                "paragraph",
                rich(
                    T(
                        "Social Impact Factory nam het onderdeel ondernemerschap en werk voor haar rekening. "
                        "Deelnemers konden kiezen uit vier onderdelen.",
                        "Social Impact Factory took charge of the enterprise and work strand. Participants could "
                        "choose from four parts.",
                    )
                ),
            ),
            (
                "steps",
                {
                    "title": T("Het traject ondernemen en werk", "The enterprise and work track"),
                    "steps": [
                        {
                            "name": T("Workshops", "Workshops"),
                            "activities": T(
                                "Praktische bijeenkomsten over werken en ondernemen in Nederland.",
                                "Practical sessions on working and doing business in the Netherlands.",
                            ),
                            "outcome": "",
                        },
                        {
                            "name": T("Bedrijfsbezoeken", "Company visits"),
                            "activities": T(
                                "Kijken hoe het er bij Utrechtse bedrijven echt aan toe gaat.",
                                "Seeing how things really work at companies in Utrecht.",
                            ),
                            "outcome": "",
                        },
                        {
                            "name": T("Coaching", "Coaching"),
                            "activities": T(
                                "Persoonlijke begeleiding bij de volgende stap.",
                                "Personal guidance towards the next step.",
                            ),
                            "outcome": "",
                        },
                        {
                            "name": T("Start je eigen bedrijf", "Start your own business"),
                            "activities": T(
                                "Een traject voor wie een eigen onderneming wil beginnen.",
                                "A track for those who want to set up a business of their own.",
                            ),
                            "outcome": "",
                        },
                    ],
                },
            ),
        ),
        "key_figures": stream(
            "plan-einstein-figures",
            (
                "key_figures",
                {
                    "title": T("Plan Einstein in cijfers", "Plan Einstein in figures"),
                    "figures": [
                        {
                            "value": "229",
                            "label": T("deelnemers aan bedrijfsincubatie", "participants in business incubation"),
                        },
                        {"value": "4", "label": T("onderdelen in het traject", "parts of the track")},
                    ],
                },
            ),
        ),
    }


def buy_social():
    return {
        "title": T("Buy Social", "Buy Social"),
        "slug": T("buy-social", "buy-social"),
        "status": ProgrammePage.Status.RUNNING,
        "lead": T(
            "We helpen overheden en bedrijven om in te kopen bij sociale ondernemingen.",
            "We help public bodies and companies buy from social enterprises.",
        ),
        "problem": rich(
            T(
                "Overheden en bedrijven geven elk jaar veel geld uit aan inkoop. Gaat een deel daarvan naar "
                "sociale ondernemingen, dan levert hetzelfde budget ook werk op voor mensen die moeilijk aan "
                "een baan komen.",
                "Public bodies and companies spend a lot of money on purchasing every year. When part of it goes "
                "to social enterprises, the same budget also creates jobs for people who struggle to find work.",
            ),
            T(
                "Toch kennen inkopers die ondernemingen vaak niet, en vinden sociaal ondernemers de weg naar "
                "grote opdrachtgevers lastig.",
                "Yet buyers often do not know these enterprises, and social entrepreneurs find it hard to reach "
                "large clients.",
            ),
        ),
        "approach": stream(
            "buy-social-approach",
            (
                "paragraph",
                rich(
                    T(
                        "We begonnen Buy Social samen met Social Enterprise NL. We brengen inkopers en sociale "
                        "ondernemers met elkaar in contact, zodat sociaal inkopen gewoon wordt.",
                        "We started Buy Social together with Social Enterprise NL. We connect buyers with social "
                        "entrepreneurs, so that buying socially becomes the normal thing to do.",
                    )
                ),
            ),
        ),
    }


def challenges():
    return {
        "title": T("Challenges", "Challenges"),
        "slug": T("challenges", "challenges"),
        "status": ProgrammePage.Status.RUNNING,
        "lead": T(
            "Een organisatie legt een vraagstuk bij ons neer; wij bouwen er een ondernemend netwerk omheen dat "
            "een oplossing uitwerkt.",
            "An organisation brings us its question; we build an entrepreneurial network around it that works "
            "out a solution.",
        ),
        "problem": rich(
            T(
                "Sommige maatschappelijke vraagstukken los je niet op binnen één organisatie. Er zijn nieuwe "
                "ideeën nodig, en mensen die ze willen uitvoeren.",
                "Some social questions cannot be solved inside one organisation. They need new ideas, and people "
                "who want to put them into practice.",
            )
        ),
        "approach": stream(
            "challenges-approach",
            (
                "steps",
                {
                    "title": T("Zo verloopt een challenge", "How a challenge works"),
                    "steps": [
                        {
                            "name": T("Het vraagstuk", "The question"),
                            "activities": T(
                                "De vragende organisatie huurt ons in en beschrijft samen met ons haar uitdaging.",
                                "The asking organisation hires us and describes its challenge together with us.",
                            ),
                            "outcome": "",
                        },
                        {
                            "name": T("Het netwerk", "The network"),
                            "activities": T(
                                "We zoeken sociaal ondernemers, initiatieven en bedrijven die willen meedenken.",
                                "We find social entrepreneurs, initiatives and companies that want to take part.",
                            ),
                            "outcome": "",
                        },
                        {
                            "name": T("De oplossing", "The solution"),
                            "activities": T(
                                "In ongeveer zes maanden werken de deelnemers samen een oplossing uit.",
                                "In about six months the participants work out a solution together.",
                            ),
                            "outcome": T(
                                "Een oplossing die de deelnemers zelf dragen.",
                                "A solution the participants own themselves.",
                            ),
                        },
                    ],
                },
            ),
        ),
        "key_figures": stream(
            "challenges-figures",
            (
                "key_figures",
                {
                    "title": T("Challenges tot medio 2018", "Challenges up to mid-2018"),
                    "figures": [
                        {"value": "20+", "label": T("impact challenges", "impact challenges")},
                        {
                            "value": T("€ 500k+", "€500k+"),
                            "label": T("naar sociale ondernemers", "to social entrepreneurs"),
                        },
                        {"value": T("± 6", "about 6"), "label": T("maanden per challenge", "months per challenge")},
                    ],
                },
            ),
        ),
    }
