"""The menukaart in both languages: the menu, its filters, the package composer and the service pages."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from home.models import HomePage, SiteSettings
from menukaart.models import MenukaartPage, ServicePage
from menukaart.prices import NBSP
from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

MENU = {"nl": "/nl/menukaart/", "en": "/en/service-menu/"}


def service(slug):
    return ServicePage.objects.get(locale__language_code="nl", slug=slug)


def key(slug):
    return str(service(slug).translation_key)


def shown_keys(page):
    """The services on the menu (their checkboxes), in order."""
    return [box["value"] for box in page.find_all("input", type="checkbox", name="service")]


def checked_keys(page):
    return [box["value"] for box in page.find_all("input", type="checkbox", name="service") if "checked" in box]


def package_keys(page):
    """The services the summary shows (lines without the hidden attribute)."""
    return [li["data-service"] for li in page.find_all("li", **{"class": "package__service"}) if "hidden" not in li]


def package_total(page):
    match = re.search(r"<strong data-package-total>([^<]*)</strong>", page.html)
    return unescape(match.group(1)).replace(NBSP, " ")


def dutch_services(**filters):
    return {str(s.translation_key) for s in ServicePage.objects.filter(locale__language_code="nl", **filters)}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_demo_menu_knows_no_prices_and_says_so(client, language):
    """FACTS.md gives no price, duration or group size: every service is on request, no total is added up."""
    page = get_page(client, MENU[language])
    on_request = {"nl": "Prijs op aanvraag", "en": "Price on request"}[language]
    assert page.text.count(on_request.split()[-1]) >= len(shown_keys(page))
    assert "€" not in page.text.split("</main>")[0]
    everything = "&".join(f"service={k}" for k in shown_keys(page))
    package = get_page(client, f"{MENU[language]}?{everything}")
    assert "data-package-total-row hidden" in package.html
    assert f"{on_request}:" in package.text
    note = {
        "nl": "Prijzen geven we op aanvraag, in ons voorstel.",
        "en": "We give prices on request, in our proposal.",
    }
    assert note[language] in package.text


@pytest.mark.usefixtures("demo_prices")
@pytest.mark.parametrize("language", ["nl", "en"])
def test_menu_renders_every_category_and_service_in_the_visitors_language(client, language):
    page = get_page(client, MENU[language])
    assert page.lang == language
    assert page.h1() == {"nl": "Menukaart", "en": "Service menu"}[language]
    assert set(shown_keys(page)) == dutch_services()
    assert len(shown_keys(page)) >= 12
    for name in {
        "nl": ["Transformeren", "Versnellen", "Incuberen", "Ruimte en netwerk"],
        "en": ["Transform", "Accelerate", "Incubate", "Space and network"],
    }[language]:
        assert f">{name}</h2>" in page.html
    expected = {
        "nl": ["Workshop sociaal inkopen", "€ 1.250 per groep", "vanaf € 7.500", "op aanvraag", "Voor wie"],
        "en": ["Social procurement workshop", "€1,250 per group", "from €7,500", "on request", "For whom"],
    }[language]
    for text in expected:
        assert text in page.text
    other = "en" if language == "nl" else "nl"
    assert page.switcher_links() == {other: MENU[other]}
    assert "Set-Cookie" not in page.response.headers


@pytest.mark.parametrize(
    ("language", "slug", "title", "price"),
    [
        ("nl", "/nl/menukaart/workshop-sociaal-inkopen/", "Workshop sociaal inkopen", "€ 1.250 per groep excl. btw"),
        (
            "en",
            "/en/service-menu/social-procurement-workshop/",
            "Social procurement workshop",
            "€1,250 per group excl. VAT",
        ),
        (
            "nl",
            "/nl/menukaart/verandertraject-sociaal-ondernemen/",
            "Verandertraject sociaal ondernemen",
            "vanaf € 7.500",
        ),
        ("en", "/en/service-menu/becoming-a-social-enterprise/", "Becoming a social enterprise", "from €7,500"),
    ],
)
@pytest.mark.usefixtures("demo_prices")
def test_service_page_shows_what_it_is_and_its_price_per_language(client, language, slug, title, price):
    page = get_page(client, slug)
    assert page.lang == language
    assert page.h1() == title
    assert price in page.text
    headings = {
        "nl": ["Voor wie", "Wat je krijgt", "In het kort"],
        "en": ["Who it is for", "What you get", "In short"],
    }
    for heading in headings[language]:
        assert heading in page.text


@pytest.mark.parametrize(
    ("language", "url", "programme", "case"),
    [
        ("nl", "/nl/menukaart/incubatietraject/", "/nl/programmas/plan-einstein/", "/nl/cases/gemeente-utrecht/"),
        ("en", "/en/service-menu/incubation-track/", "/en/programmes/plan-einstein/", "/en/cases/gemeente-utrecht/"),
    ],
)
def test_service_page_links_to_its_programmes_and_cases_in_the_same_language(client, language, url, programme, case):
    page = get_page(client, url)
    hrefs = {a.get("href") for a in page.find_all("a")}
    assert programme in hrefs
    assert case in hrefs


def test_service_page_offers_the_service_to_the_composer_and_the_intake(client):
    page = get_page(client, "/en/service-menu/impact-challenge/")
    hrefs = {a.get("href") for a in page.find_all("a")}
    challenge = key("impact-challenge")
    assert f"/en/service-menu/?service={challenge}#package" in hrefs
    intake = SiteSettings.objects.get().intake_page.get_translation(Locale.objects.get(language_code="en"))
    assert f"{intake.url}?service={challenge}" in hrefs


def test_case_page_can_list_the_services_it_used_in_the_visitors_language():
    """The include the case page uses for "services used in this case"."""
    from cases.models import CasePage

    template = Template('{% include "menukaart/includes/services_used.html" %}')
    case = CasePage.objects.get(locale__language_code="en", slug="gemeente-utrecht")
    with translation.override("en"):
        html = template.render(Context({"page": case}))
    assert "Services used in this case" in html
    assert 'href="/en/service-menu/incubation-track/"' in html
    assert "/nl/" not in html


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("audience", ["municipality", "company", "social_enterprise", "initiative"])
def test_filter_by_audience(client, language, audience):
    page = get_page(client, f"{MENU[language]}?audience={audience}")
    expected = {k for k, s in _dutch_by_key().items() if audience in s.audiences}
    assert expected
    assert set(shown_keys(page)) == expected
    selected = [o for o in page.find_all("option", value=audience) if "selected" in o]
    assert selected


@pytest.mark.parametrize("language", ["nl", "en"])
def test_old_spelling_of_an_audience_redirects_to_the_same_menu(client, language):
    """Before audiences were organisation types, addresses said ?audience=social-enterprise."""
    chosen = key("inkoopscan")
    response = client.get(f"{MENU[language]}?audience=social-enterprise&form=workshop&service={chosen}")
    assert response.status_code == 301
    assert response["Location"] == f"{MENU[language]}?audience=social_enterprise&form=workshop&service={chosen}"
    page = get_page(client, response["Location"])
    selected = [o for o in page.find_all("option", value="social_enterprise") if "selected" in o]
    assert selected and package_keys(page) == [chosen]


@pytest.mark.parametrize(
    "form", ["workshop", "programme", "challenge", "room-hire", "membership", "impact-measurement"]
)
def test_filter_by_form(client, form):
    page = get_page(client, f"/nl/menukaart/?form={form}")
    assert set(shown_keys(page)) == dutch_services(service_form=form)
    assert set(shown_keys(page))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_filter_with_no_results_says_so_and_offers_the_whole_menu(client, language):
    page = get_page(client, f"{MENU[language]}?audience=initiative&form=impact-measurement")
    assert shown_keys(page) == []
    message = {"nl": "Geen diensten gevonden met deze filters", "en": "No services match these filters"}[language]
    assert message in page.text
    show_all = {"nl": "Toon alle diensten", "en": "Show all services"}[language]
    assert page.html.count(show_all) >= 1
    assert f'href="{MENU[language]}"' in page.html


def test_unknown_filter_values_are_ignored(client):
    page = get_page(client, "/nl/menukaart/?audience=aliens&form=%00&audience=")
    assert set(shown_keys(page)) == dutch_services()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.usefixtures("demo_prices")
def test_composer_without_javascript_shows_the_package_total_and_what_is_on_request(client, language):
    chosen = [key("workshop-sociaal-inkopen"), key("coachingstraject"), key("impact-challenge")]
    query = "&".join(f"service={k}" for k in chosen)
    page = get_page(client, f"{MENU[language]}?{query}")

    assert set(checked_keys(page)) == set(chosen)
    assert set(package_keys(page)) == set(chosen)
    # Per group and one-off prices are never added up: one total per price unit.
    assert package_total(page) == {"nl": "€ 750 + € 1.250 per groep", "en": "€750 + €1,250 per group"}[language]
    status = {"nl": "3 diensten in je pakket", "en": "3 services in your package"}[language]
    assert status in page.text
    on_request = {
        "nl": "Niet in het totaal, prijs op aanvraag: Impact challenge",
        "en": "Not in the total, price on request: Impact challenge",
    }
    assert on_request[language] in page.text
    titles = {
        "nl": ["Workshop sociaal inkopen", "Coachingstraject"],
        "en": ["Social procurement workshop", "Coaching"],
    }
    for title in titles[language]:
        assert title in page.text


@pytest.mark.usefixtures("demo_prices")
def test_total_with_a_starting_price_is_a_starting_price(client):
    chosen = [key("groeiprogramma"), key("coachingstraject")]
    dutch = get_page(client, "/nl/menukaart/?" + "&".join(f"service={k}" for k in chosen))
    english = get_page(client, "/en/service-menu/?" + "&".join(f"service={k}" for k in chosen))
    assert package_total(dutch) == "vanaf € 3.250"
    assert package_total(english) == "from €3,250"


def test_send_with_my_question_leads_to_the_intake_target_with_the_services(client):
    chosen = [key("workshop-sociaal-inkopen"), key("impact-challenge")]
    for language in ("nl", "en"):
        page = get_page(client, f"{MENU[language]}?service={chosen[1]}&service={chosen[0]}")
        intake = SiteSettings.objects.get().intake_page.get_translation(Locale.objects.get(language_code=language))
        send = [a for a in page.find_all("a") if "data-package-send" in a]
        assert len(send) == 1
        # In menu order, whatever the order in the address.
        assert send[0]["href"] == f"{intake.url}?service={chosen[0]}&service={chosen[1]}"
        assert send[0]["data-intake-base"] == intake.url


def test_empty_package_says_how_to_start_and_hides_the_send_button(client):
    page = get_page(client, "/en/service-menu/")
    assert "No services chosen yet." in page.text
    assert package_keys(page) == []
    send = [a for a in page.find_all("a") if "data-package-send" in a]
    assert "hidden" in send[0]


def test_filtering_keeps_chosen_services_that_are_out_of_view(client):
    room = key("vergaderzaal-huren")
    page = get_page(client, f"/nl/menukaart/?audience=initiative&form=workshop&service={room}")
    assert room not in shown_keys(page)
    assert {"type": "hidden", "name": "service", "value": room} in page.find_all("input", type="hidden")
    assert package_keys(page) == [room]
    remove = [a for a in page.find_all("a") if a.get("data-remove") == room]
    assert remove[0]["href"] == "/nl/menukaart/?audience=initiative&form=workshop#package"


@pytest.mark.usefixtures("demo_prices")
def test_same_package_in_english_shows_english_titles(client):
    chosen = [key("incubatietraject"), key("lidmaatschap"), key("impactmeting-sroi")]
    query = "audience=social_enterprise&" + "&".join(f"service={k}" for k in chosen)
    english = get_page(client, f"/en/service-menu/?{query}")
    assert set(package_keys(english)) == set(chosen)
    for title in ("Incubation track", "Network membership", "Impact measurement (SROI)"):
        assert title in english.text
    assert package_total(english) == "from €3,500 + from €1,500 per participant + from €500 per year"


def test_language_switcher_keeps_the_package(client):
    chosen = key("inkoopscan")
    page = get_page(client, f"/nl/menukaart/?audience=company&service={chosen}")
    assert page.switcher_links() == {"en": f"/en/service-menu/?audience=company&service={chosen}"}


def test_menukaart_page_asks_the_language_switcher_to_keep_the_query():
    assert MenukaartPage.preserve_query_on_language_switch is True


@pytest.mark.parametrize(
    "bad",
    [
        "service=not-a-uuid",
        "service=",
        "service=%00%ff",
        "service=3f2b9c1e-8d4a-4e6b-9a7c-2d5e1f0b6a48",  # well-formed, unknown; fixed: xdist workers need equal ids
        "service=" + "9" * 5000,
        "&".join(["service=x"] * 500),
    ],
)
def test_unknown_or_malformed_service_ids_are_ignored(client, bad):
    page = get_page(client, f"/en/service-menu/?{bad}")
    assert package_keys(page) == []
    assert "No services chosen yet." in page.text


def test_ids_of_pages_that_are_not_services_on_this_menu_are_ignored(client):
    home = HomePage.objects.get(locale__language_code="nl")
    good = key("coachingstraject")
    page = get_page(client, f"/nl/menukaart/?service={home.translation_key}&service={good}&service={good}")
    assert package_keys(page) == [good]
    assert "1 dienst in je pakket" in page.text


def test_composer_sets_no_cookie(client):
    response = client.get(f"/nl/menukaart/?service={key('coachingstraject')}")
    assert response.status_code == 200
    assert not response.cookies


def _dutch_by_key():
    return {str(s.translation_key): s for s in ServicePage.objects.filter(locale__language_code="nl")}


def _menu_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_menu_runs_the_same_number_of_queries_for_12_and_for_60_services(client):
    menu = MenukaartPage.objects.get(locale__language_code="nl")
    template = service("coachingstraject")
    chosen = [key("coachingstraject"), key("impact-challenge"), key("groeiprogramma")]
    url = "/nl/menukaart/?audience=company&" + "&".join(f"service={k}" for k in chosen)
    get_page(client, url)  # warm caches that are per process, not per request
    count = ServicePage.objects.child_of(menu).live().count()
    assert count >= 12
    before = _menu_queries(client, url)
    for number in range(60 - count):
        menu.add_child(
            instance=ServicePage(
                title=f"Extra dienst {number}",
                slug=f"extra-dienst-{number}",
                summary="Een extra dienst voor de test.",
                category=template.category,
                audiences=["company"],
                service_form="workshop",
                duration="Eén dag",
                price_kind="fixed",
                price_amount=100 + number,
            )
        )
    assert ServicePage.objects.child_of(menu).live().count() == 60
    after = _menu_queries(client, url)
    print(f"menu queries: {before} for {count} services, {after} for 60")
    assert after == before, f"{before} queries for {count} services, {after} for 60"
    assert before <= 25
    page = get_page(client, url)
    assert f"Extra dienst {60 - count - 1}" in page.text


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def test_editors_can_open_the_menukaart_in_the_admin(editor_client):
    menu = MenukaartPage.objects.get(locale__language_code="nl")
    challenge = service("impact-challenge")
    for url in (
        "/admin/snippets/menukaart/servicecategory/",
        f"/admin/pages/{menu.pk}/edit/",
        f"/admin/pages/{challenge.pk}/edit/",
        f"/admin/pages/add/menukaart/servicepage/{menu.pk}/",
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url
    edit = editor_client.get(f"/admin/pages/{challenge.pk}/edit/").content.decode()
    assert 'name="audiences"' in edit and 'type="checkbox"' in edit


def test_the_admin_form_edits_audiences_as_checkboxes():
    form_class = ServicePage.get_edit_handler().get_form_class()
    field = form_class.base_fields["audiences"]
    assert field.clean(["company", "initiative"]) == ["company", "initiative"]
    with pytest.raises(ValidationError):
        field.clean(["aliens"])
