"""Demo content: the themes, the case overview and three cases, with Gemeente Utrecht as the flagship."""

from home.demo_builder import T, rich, stream
from programmes.models import ProgrammePage

from .models import CaseIndexPage, CasePage, CaseProgramme, CaseTheme, Theme

THEMES = [
    ("werk", T("Werk en inkomen", "Work and income")),
    ("sociaal-inkopen", T("Sociaal inkopen", "Social procurement")),
    ("ondernemerschap", T("Ondernemerschap", "Entrepreneurship")),
    ("jongeren", T("Jongeren", "Young people")),
    ("samenwerking", T("Samenwerking", "Collaboration")),
]


def load(builder):
    themes = {}
    for slug, name in THEMES:
        themes[slug], _ = builder.snippet(Theme, {"slug": slug}, {"name": name, "slug": slug})
    index, _ = builder.page(builder.home, CaseIndexPage, INDEX)
    programmes = {p.slug: p for p in ProgrammePage.objects.filter(locale=builder.nl)}
    for fields, colours, theme_slugs, programme_slugs in (
        (missie_030(), ["#fbf8f3", "#e4572e", "#0b5d57", "#f2b43c"], ["jongeren", "ondernemerschap"], []),
        (jaarbeurs(), ["#8fc1b5", "#f2b43c", "#0b5d57"], ["sociaal-inkopen", "werk"], ["buy-social"]),
        (
            gemeente_utrecht(),
            ["#0b5d57", "#f2b43c", "#8fc1b5", "#fbf8f3"],
            ["werk", "ondernemerschap", "samenwerking"],
            ["plan-einstein", "buy-social", "challenges"],
        ),
    ):
        links = {
            "theme_links": [CaseTheme(theme=themes[slug]) for slug in theme_slugs],
            "programme_links": [
                CaseProgramme(programme=programmes[slug]) for slug in programme_slugs if slug in programmes
            ],
        }
        image = builder.image(f"Illustratie: {fields['client'].nl}", colours)
        builder.page(index, CasePage, {**fields, **links, "image": image})


INDEX = {
    "title": T("Cases", "Case studies"),
    "slug": T("cases", "cases"),
    "show_in_menus": True,
    "lead": T(
        "Wat we samen met gemeenten, bedrijven en sociaal ondernemers hebben bereikt: per fase, met de "
        "cijfers en het resultaat.",
        "What we achieved together with municipalities, companies and social entrepreneurs: phase by phase, "
        "with the figures and the result.",
    ),
}


def _figures(key, title, *figures):
    return stream(
        key,
        (
            "key_figures",
            {"title": title, "figures": [{"value": value, "label": label} for value, label in figures]},
        ),
    )


def _phases(key, title, *phases):
    steps = [{"name": name, "activities": did, "outcome": produced} for name, did, produced in phases]
    return stream(key, ("phases", {"title": title, "steps": steps}))


def gemeente_utrecht():
    return {
        "title": T(
            "Gemeente Utrecht: een hotspot voor sociaal ondernemen",
            "Gemeente Utrecht: a hotspot for social enterprise",
        ),
        "slug": T("gemeente-utrecht", "gemeente-utrecht"),
        "feature_on_home": True,
        "client": T("Gemeente Utrecht", "Gemeente Utrecht (City of Utrecht)"),
        "region": T("Utrecht", "Utrecht"),
        "period": T("2014–2015, daarna de evaluatie", "2014–2015, followed by the evaluation"),
        "result_summary": T(
            "Een stichting met een eigen gebouw die al ruim vijf jaar sociaal ondernemen versnelt.",
            "A foundation with its own building that has been speeding up social enterprise for over five years.",
        ),
        "lead": T(
            "Utrecht wilde in 2018 de stad met de laagste werkloosheid van Nederland zijn. Sociaal ondernemen "
            "moest daarbij helpen. Uit die vraag ontstond Social Impact Factory.",
            "Utrecht wanted to be the city with the lowest unemployment in the Netherlands by 2018. Social "
            "enterprise was to help. Social Impact Factory grew out of that question.",
        ),
        "challenge": rich(
            T(
                "In 2014 gaf het college van Gemeente Utrecht zichzelf een duidelijk doel: in 2018 zouden stad "
                "en regio de laagste werkloosheid van het land hebben. Sociale ondernemingen, die werk bieden "
                "aan mensen met weinig kansen op de arbeidsmarkt, konden daaraan bijdragen.",
                "In 2014 the city council of Utrecht set itself a clear goal: by 2018 the city and region would "
                "have the lowest unemployment in the country. Social enterprises, which offer work to people with "
                "few chances on the labour market, could contribute.",
            ),
            T(
                "Maar hoe geef je die ondernemingen ruimte om te groeien, op het raakvlak van werk en inkomen, "
                "dagbesteding en zorg? En wat is daarin de rol van de gemeente? Kirkman Company kreeg de vraag "
                "om dat uit te zoeken.",
                "But how do you give these enterprises room to grow where work and income, day activities and "
                "care meet? And what should the city's role be? Kirkman Company was asked to find out.",
            ),
        ),
        "phases": _phases(
            "gemeente-utrecht-phases",
            T("De vijf fasen van het werk", "The five phases of the work"),
            (
                T("Verkenning", "Exploration"),
                T(
                    "We brachten in kaart hoe sociaal ondernemen kon groeien binnen werk en inkomen, "
                    "dagbesteding en zorg, en welke rol de gemeente daarbij kon spelen.",
                    "We mapped how social enterprise could grow within work and income, day activities and care, "
                    "and which role the city could play.",
                ),
                T(
                    "Een voorstel voor een coöperatief model, met Utrecht als hotspot voor sociaal ondernemen.",
                    "A proposal for a cooperative model, with Utrecht as the hotspot for social enterprise.",
                ),
            ),
            (
                T("Partnerselectie", "Partner selection"),
                T(
                    "We zochten partners voor de coöperatie: bestaande organisaties, sociale ondernemingen en "
                    "initiatieven.",
                    "We looked for partners for the cooperative: existing organisations, social enterprises and "
                    "initiatives.",
                ),
                T(
                    "Een netwerk van 10 bestaande organisaties, 15 sociale ondernemingen en 25 initiatieven, die "
                    "elk een intentieverklaring tekenden.",
                    "A network of 10 existing organisations, 15 social enterprises and 25 initiatives, each of "
                    "which signed a letter of intent.",
                ),
            ),
            (
                T("Inrichting", "Set-up"),
                T(
                    "We kozen de rechtsvorm en regelden bestuur, organisatie en bemensing. Voor een gezond "
                    "verdienmodel keken we naar gecombineerde financiering, SROI, lidmaatschappen en het "
                    "stapelen van geldstromen.",
                    "We chose the legal form and arranged governance, organisation and staffing. For a sound "
                    "business model we looked at combined financing, SROI, memberships and stacking funding "
                    "streams.",
                ),
                T(
                    "Een organisatie en een verdienmodel waarmee de hotspot op eigen benen kon staan.",
                    "An organisation and a business model that let the hotspot stand on its own feet.",
                ),
            ),
            (
                T("Experiment", "Experiment"),
                T(
                    "In pilots hielpen we bestaande organisaties om sociaal te gaan ondernemen, gaven we "
                    "bestaande sociaal ondernemers een versnelling en hielpen we nieuwe initiatieven op weg.",
                    "In pilots we helped existing organisations turn to social enterprise, gave existing social "
                    "entrepreneurs a boost and helped new initiatives get started.",
                ),
                T(
                    "Een menukaart van producten en diensten voor de partners.",
                    "A menu of products and services for the partners.",
                ),
            ),
            (
                T("Evaluatie", "Evaluation"),
                T(
                    "We legden vast wat in de pilots werkte en wat niet, en hoe de gemeente de hotspot kan volgen.",
                    "We recorded what worked in the pilots and what did not, and how the city can follow the hotspot.",
                ),
                T(
                    "Een handreiking voor het volgen en sturen van de hotspot, met procesbeschrijvingen, "
                    "evaluatie-instrumenten en do's en don'ts uit de pilots.",
                    "A guide to monitoring and steering the hotspot, with process descriptions, evaluation tools "
                    "and do's and don'ts from the pilots.",
                ),
            ),
        ),
        "key_figures": _figures(
            "gemeente-utrecht-figures",
            T("Het netwerk na de partnerselectie", "The network after partner selection"),
            ("10", T("bestaande organisaties", "existing organisations")),
            ("15", T("sociale ondernemingen", "social enterprises")),
            ("25", T("initiatieven", "initiatives")),
        ),
        "testimonial": stream(
            "gemeente-utrecht-testimonial",
            (
                "quote",
                {
                    "quote": T(
                        "Kirkman Company stond aan de wieg van Social Impact Factory. Ze pakten de vraag van de "
                        "gemeente ondernemend op, haalden de juiste partners binnen en bouwden de dienstverlening "
                        "op, tot er een volwassen stichting stond.",
                        "Kirkman Company was there when Social Impact Factory was born. They took up the city's "
                        "question with an entrepreneurial eye, brought in the right partners and built the "
                        "services, until a mature foundation stood on its own.",
                    ),
                    "attribution": T(
                        "Voormalig directeur van Social Impact Factory (parafrase)",
                        "Former director of Social Impact Factory (paraphrase)",
                    ),
                    "is_example": True,
                },
            ),
        ),
        "result": rich(
            T(
                "Stichting Social Impact Factory bestaat inmiddels ruim vijf jaar, met een eigen plek in het "
                "centrum van Utrecht. Vanuit de stichting lopen programma's als Plan Einstein en Buy Social, en "
                "organisaties huren ons in voor een challenge.",
                "Stichting Social Impact Factory has now existed for more than five years, with its own place in "
                "the centre of Utrecht. Programmes such as Plan Einstein and Buy Social run from the foundation, "
                "and organisations hire us for a challenge.",
            ),
            T(
                "Wat in Utrecht begon, helpt nu organisaties en gemeenten elders in Nederland om sociaal "
                "ondernemen te stimuleren.",
                "What began in Utrecht now helps organisations and municipalities elsewhere in the Netherlands to "
                "stimulate social enterprise.",
            ),
        ),
    }


def jaarbeurs():
    return {
        "title": T(
            "Jaarbeurs en Band op Spanning: veilige banden, nieuw werk",
            "Jaarbeurs and Band op Spanning: safe tyres, new jobs",
        ),
        "slug": T("jaarbeurs-band-op-spanning", "jaarbeurs-band-op-spanning"),
        "feature_on_home": True,
        "client": T("Jaarbeurs", "Jaarbeurs"),
        "region": T("Utrecht", "Utrecht"),
        "result_summary": T(
            "Auto's op het parkeerterrein krijgen de juiste bandenspanning, van mensen die zo weer werk hebben.",
            "Cars on the car park get the right tyre pressure, from people who found work this way.",
        ),
        "lead": T(
            "Een match uit het netwerk van SIF: de sociale onderneming Band op Spanning controleert de banden "
            "van auto's op het parkeerterrein van de Jaarbeurs.",
            "A match made in the SIF network: the social enterprise Band op Spanning checks the tyres of cars on "
            "the Jaarbeurs car park.",
        ),
        "challenge": rich(
            T(
                "Op het parkeerterrein van de Jaarbeurs, het beursterrein van Utrecht, staan dagelijks veel "
                "auto's. Veel daarvan rijden met te zachte banden: dat kost brandstof en is minder veilig.",
                "Many cars stand on the car park of the Jaarbeurs, Utrecht's exhibition centre, every day. Many "
                "of them run on under-inflated tyres, which wastes fuel and is less safe.",
            )
        ),
        "phases": _phases(
            "jaarbeurs-phases",
            T("Zo kwam het tot stand", "How it came about"),
            (
                T("De match", "The match"),
                T(
                    "Het netwerk van SIF bracht de Jaarbeurs in contact met Band op Spanning.",
                    "The SIF network put the Jaarbeurs in touch with Band op Spanning.",
                ),
                T("Een afspraak om samen te werken.", "An agreement to work together."),
            ),
            (
                T("Opleiden", "Training"),
                T(
                    "Band op Spanning leidde mensen zonder betaald werk op om bandenspanning te meten en bij te "
                    "stellen.",
                    "Band op Spanning trained people without paid work to measure and adjust tyre pressure.",
                ),
                T("Medewerkers met vakkennis.", "Staff with the skills for the job."),
            ),
            (
                T("Aan het werk", "At work"),
                T(
                    "Op het parkeerterrein controleren en verbeteren zij de bandenspanning van auto's.",
                    "On the car park they check and correct the tyre pressure of cars.",
                ),
                T(
                    "Minder brandstofverbruik, veiliger auto's en banen.",
                    "Less fuel used, safer cars and jobs.",
                ),
            ),
        ),
        "key_figures": _figures(
            "jaarbeurs-figures",
            T("Wat het oplevert", "What it brings"),
            ("3", T("soorten winst: brandstof, veiligheid en werk", "kinds of gain: fuel, safety and jobs")),
        ),
        "result": rich(
            T(
                "Bezoekers rijden met de juiste bandenspanning naar huis. Dat spaart brandstof en is veiliger, "
                "en mensen die langs de kant stonden hebben werk.",
                "Visitors drive home with the right tyre pressure. That saves fuel and is safer, and people who "
                "were left on the sidelines have work.",
            )
        ),
    }


def missie_030():
    return {
        "title": T(
            "Missie 030: jongeren ontdekken sociaal ondernemen", "Missie 030: young people discover social enterprise"
        ),
        "slug": T("missie-030", "missie-030"),
        "client": T("Jongerentraject Missie 030", "Youth track Missie 030"),
        "region": T("Utrecht", "Utrecht"),
        "period": T("Vijf maanden", "Five months"),
        "result_summary": T(
            "Vier sociale initiatieven getest als pilot of prototype; "
            "twee overwegen een sociale onderneming te worden.",
            "Four social initiatives tested as a pilot or prototype; "
            "two are considering becoming a social enterprise.",
        ),
        "lead": T(
            "In vijf maanden leerden jongeren wat sociaal ondernemen is, en werkten ze hun eigen ideeën uit.",
            "In five months young people learnt what social enterprise is, and worked out ideas of their own.",
        ),
        "challenge": rich(
            T(
                "Veel jongeren willen iets betekenen voor hun stad, maar weten niet hoe je van een goed idee een "
                "onderneming maakt. Missie 030 – Sociaal Ondernemen gaf hun daar vijf maanden de tijd voor.",
                "Many young people want to make a difference in their city, but do not know how to turn a good "
                "idea into an enterprise. Missie 030 – Sociaal Ondernemen gave them five months to do so.",
            )
        ),
        "phases": _phases(
            "missie-030-phases",
            T("Het traject", "The track"),
            (
                T("Oriëntatie", "Orientation"),
                T(
                    "In oriëntatieweken bezochten de jongeren sociale ondernemingen.",
                    "During orientation weeks the young people visited social enterprises.",
                ),
                T(
                    "Een beeld van wat sociaal ondernemen in de praktijk is.",
                    "A picture of social enterprise in practice.",
                ),
            ),
            (
                T("Workshops en coaching", "Workshops and coaching"),
                T(
                    "Twaalf workshops en persoonlijke coaching hielpen hen een idee scherp te krijgen.",
                    "Twelve workshops and personal coaching helped them sharpen an idea.",
                ),
                T("Ideeën die klaar waren om te testen.", "Ideas that were ready to be tested."),
            ),
            (
                T("Impactteams", "Impact teams"),
                T(
                    "In vier impactteams werkten de jongeren hun idee uit tot pilot of prototype.",
                    "In four impact teams the young people turned their idea into a pilot or prototype.",
                ),
                T("Vier geteste sociale initiatieven.", "Four tested social initiatives."),
            ),
        ),
        "key_figures": _figures(
            "missie-030-figures",
            T("Missie 030 in cijfers", "Missie 030 in figures"),
            ("4", T("geteste sociale initiatieven", "social initiatives tested")),
            ("12", T("workshops", "workshops")),
            ("4", T("impactteams", "impact teams")),
            ("2", T("overwegen een sociale onderneming", "considering a social enterprise")),
        ),
        "result": rich(
            T(
                "Vier initiatieven zijn als pilot of prototype getest. Twee daarvan overwegen verder te gaan als "
                "sociale onderneming.",
                "Four initiatives were tested as a pilot or prototype. Two of them are considering going on as a "
                "social enterprise.",
            )
        ),
    }
