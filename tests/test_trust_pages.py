"""Contact, locations, team and the two statements: a visitor can reach a person, and the statements
carry every part of their Dutch model in both languages.

Built on the small bilingual site (``site_tree``): its settings have an e-mail address and no phone,
address or KvK number, and one location in Utrecht without a street.
"""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.utils import timezone

from home.models import AccessibilityStatementPage, Location, Person, PrivacyStatementPage, SiteSettings
from tests.factories import LocationFactory, PersonFactory, translate

pytestmark = pytest.mark.django_db


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def json_ld_organisation(page):
    data = json.loads(page.find("script", type="application/ld+json").string)
    return next((node for node in data["@graph"] if node["@type"] == "Organization"), None)


def fill_in(site_tree, **fields):
    settings = SiteSettings.objects.get()
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()


def urls(site_tree, name):
    return getattr(site_tree, f"{name}_nl").url, getattr(site_tree, f"{name}_en").url


# -- Contact -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_footer_links_the_contact_page_and_shows_only_what_is_filled_in(client, site_tree, language):
    contact = site_tree.contact_nl if language == "nl" else site_tree.contact_en
    page = soup(client, (site_tree.home_nl if language == "nl" else site_tree.home_en).url)
    footer = page.find("footer")
    assert footer.find("a", href=contact.url), "the footer links the contact page in the visitor's language"
    assert footer.find("a", href="mailto:info@proef.example")
    assert not footer.find("a", href=re.compile("^tel:")), "no phone number was filled in"
    assert "KvK" not in text(footer)
    assert "Utrecht" in text(footer), "the first location's city is the visiting address"

    fill_in(site_tree, phone="030 123 45 67", kvk_number="12345678", postal_address="Postbus 1", postal_city="Utrecht")
    footer = soup(client, contact.url).find("footer")
    assert footer.find("a", href="tel:0301234567").get_text() == "030 123 45 67"
    assert "12345678" in text(footer) and "Postbus 1" in text(footer)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_contact_page_routes_to_the_question_form_and_lists_the_details(client, site_tree, language):
    contact = site_tree.contact_nl if language == "nl" else site_tree.contact_en
    intake = site_tree.intake_nl if language == "nl" else site_tree.intake_en
    page = soup(client, contact.url)
    main = page.find("main")
    assert main.find("a", href=intake.url), "the contact page always leads to the question form"
    assert main.find("a", href="mailto:info@proef.example")
    assert not main.find(string=re.compile("werkdag|working day")), "no reply time until an editor sets one"

    fill_in(site_tree, reply_working_days=3)
    main = soup(client, contact.url).find("main")
    promise = "We reageren binnen 3 werkdagen." if language == "nl" else "We reply within 3 working days."
    assert promise in text(main)


def test_the_reply_promise_appears_on_the_question_form_only_when_set(client, site_tree):
    assert "werkdag" not in soup(client, site_tree.intake_nl.url).get_text()
    site_tree.intake_nl.what_happens_next = "<p>We lezen elke vraag.</p>"
    site_tree.intake_nl.save()
    fill_in(site_tree, reply_working_days=1)
    assert "We reageren binnen 1 werkdag." in text(soup(client, site_tree.intake_nl.url))


def test_without_any_contact_detail_every_tell_us_sentence_links_the_contact_page(client, site_tree):
    fill_in(site_tree, email="")
    for url in urls(site_tree, "accessibility") + urls(site_tree, "privacy"):
        main = soup(client, url).find("main")
        contact = site_tree.contact_nl if url.startswith("/nl/") else site_tree.contact_en
        assert main.find_all("a", href=contact.url), url
        assert not main.find("a", href=re.compile("^mailto:"))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_location_page_shows_each_location_with_only_its_filled_in_details(client, site_tree, language):
    location = site_tree.locations[0][0]
    location.street_address, location.postal_code = "Voorbeeldstraat 1", "3511 AB"
    location.accessibility = "Drempelvrije ingang."
    location.map_url = "https://www.openstreetmap.org/#map=18/52.09/5.12"
    location.save()
    english = site_tree.locations[0][1]
    english.street_address, english.postal_code, english.map_url = "Voorbeeldstraat 1", "3511 AB", location.map_url
    english.accessibility = "Step-free entrance."
    english.save()
    page_url = (site_tree.location_nl if language == "nl" else site_tree.location_en).url
    main = soup(client, page_url).find("main")
    details = text(main)
    assert ("Ons gebouw" if language == "nl" else "Our building") in details
    assert "Voorbeeldstraat 1" in details and "3511 AB" in details
    assert ("Drempelvrije ingang." if language == "nl" else "Step-free entrance.") in details
    assert main.find("a", href=location.map_url), "a link to the map, never an embedded one"
    assert not main.find("iframe")
    assert ("Openingstijden" if language == "nl" else "Opening hours") not in details, "not filled in"


def test_structured_data_carries_the_filled_in_contact_details_only(client, site_tree):
    organisation = json_ld_organisation(soup(client, site_tree.contact_nl.url))
    assert organisation["email"] == "info@proef.example"
    assert "telephone" not in organisation and "identifier" not in organisation and "legalName" not in organisation
    assert organisation["address"]["addressLocality"] == "Utrecht"
    assert "streetAddress" not in organisation["address"]

    fill_in(site_tree, legal_name="Stichting Proef", kvk_number="12345678", phone="030 123 45 67")
    organisation = json_ld_organisation(soup(client, site_tree.home_en.url))
    assert organisation["legalName"] == "Stichting Proef"
    assert organisation["identifier"] == {"@type": "PropertyValue", "propertyID": "KvK", "value": "12345678"}
    assert organisation["telephone"] == organisation["contactPoint"]["telephone"] == "030 123 45 67"
    assert json_ld_organisation(soup(client, site_tree.about_nl.url)) is None, "only the hub and contact pages"


def test_a_kvk_number_has_eight_digits(site_tree):
    from django.core.exceptions import ValidationError

    settings = SiteSettings.objects.get()
    settings.kvk_number = "1234"
    with pytest.raises(ValidationError):
        settings.full_clean()


# -- Team ----------------------------------------------------------------------------------------


def test_the_team_appears_on_the_contact_page_only_when_filled_in(client, site_tree):
    assert "Ons team" not in text(soup(client, site_tree.contact_nl.url))
    person = PersonFactory(name="Sanne de Vries", role="Programmamanager", email="sanne@proef.example")
    translate(person, role="Programme manager")
    main = soup(client, site_tree.contact_en.url).find("main")
    team = main.find("section", class_="team")
    assert "Our team" in text(team) and "Sanne de Vries" in text(team) and "Programme manager" in text(team)
    assert team.find("a", href="mailto:sanne@proef.example")
    assert Person.objects.count() == 2


# -- The statements ------------------------------------------------------------------------------

ACCESSIBILITY_PARTS = {
    "nl": ["Verklaring", "Nalevingsstatus", "Zo controleren we de site", "Bekende problemen",
           "Kun je iets niet gebruiken?", "Niet tevreden over ons antwoord?"],
    "en": ["Statement", "Compliance status", "How we check the site", "Known issues",
           "Something you cannot use?", "Not satisfied with our answer?"],
}  # fmt: skip
PRIVACY_PARTS = {
    "nl": ["Wie is verantwoordelijk", "Wat we bewaren, waarom en hoe lang", "Wie gegevens voor ons verwerkt",
           "Je rechten", "Een klacht"],
    "en": ["Who is responsible", "What we keep, why and for how long", "Who processes data for us",
           "Your rights", "A complaint"],
}  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_accessibility_statement_carries_every_part_of_the_dutch_model(client, site_tree, language):
    statement = site_tree.accessibility_nl if language == "nl" else site_tree.accessibility_en
    main = soup(client, statement.url).find("main")
    for part in ACCESSIBILITY_PARTS[language]:
        assert part in text(main), part
    assert "Social Impact Factory" in text(main), "the organisation"
    assert "testserver" in text(main), "the scope defaults to this site's address"
    assert main.find("a", href="https://www.mensenrechten.nl/"), "the complaint route"
    assert main.find("a", href="mailto:info@proef.example"), "the feedback route"
    assert ("nog niet vastgesteld" if language == "nl" else "not yet determined") in text(main)

    for page in (site_tree.accessibility_nl, site_tree.accessibility_en):
        page = AccessibilityStatementPage.objects.get(pk=page.pk)
        page.status = AccessibilityStatementPage.Status.B
        page.last_check_date = timezone.datetime(2026, 3, 2).date()
        page.check_kind = AccessibilityStatementPage.CheckKind.EXTERNAL
        page.checked_by = "Toetsbureau"
        page.known_issues = [
            ("issue", {"problem": "Een pdf zonder koppen.", "criterion": "1.3.1", "measure": "Opnieuw maken.",
                       "planned_date": timezone.datetime(2026, 6, 1).date()})
        ]  # fmt: skip
        page.save()
    main = text(soup(client, statement.url).find("main"))
    assert ("B: voldoet gedeeltelijk" if language == "nl" else "B: partially compliant") in main
    assert ("2 maart 2026" if language == "nl" else "2 March 2026") in main and "Toetsbureau" in main
    assert "Een pdf zonder koppen." in main and "1.3.1" in main and "Opnieuw maken." in main
    assert ("1 juni 2026" if language == "nl" else "1 June 2026") in main


@pytest.mark.parametrize(("language", "shown"), [("nl", "8 december 2026"), ("en", "8 December 2026")])
def test_a_statement_published_after_midnight_in_utrecht_shows_that_day(client, site_tree, language, shown):
    """00:30 in Utrecht is still the day before in UTC, as the database keeps it."""
    statement = site_tree.privacy_nl if language == "nl" else site_tree.privacy_en
    published = datetime.datetime(2026, 12, 7, 23, 30, tzinfo=datetime.UTC)
    PrivacyStatementPage.objects.filter(pk=statement.pk).update(last_published_at=published)
    dated = text(soup(client, statement.url).find("p", class_="statement-date"))
    assert dated.endswith(f"{shown}.")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_privacy_statement_carries_every_part_and_names_the_controller(client, site_tree, language):
    fill_in(site_tree, legal_name="Stichting Proef", kvk_number="12345678")
    statement = site_tree.privacy_nl if language == "nl" else site_tree.privacy_en
    main = soup(client, statement.url).find("main")
    for part in PRIVACY_PARTS[language]:
        assert part in text(main), part
    assert "Stichting Proef" in text(main) and "12345678" in text(main) and "Utrecht" in text(main)
    assert main.find("a", href="https://autoriteitpersoonsgegevens.nl/"), "the complaint route to the AP"
    legal_basis = "je toestemming" if language == "nl" else "your consent"
    assert legal_basis in text(main)

    PrivacyStatementPage.objects.filter(pk=statement.pk).update(statement_date=timezone.datetime(2026, 3, 2).date())
    dated = text(soup(client, statement.url).find("p", class_="statement-date"))
    assert dated == ("Deze verklaring is voor het laatst gewijzigd op 2 maart 2026." if language == "nl"
                     else "This statement was last changed on 2 March 2026.")  # fmt: skip


def test_a_statement_without_its_own_date_shows_when_it_was_last_published(client, site_tree):
    statement = site_tree.privacy_en  # published, without a date of its own
    date = statement.last_published_at.astimezone(timezone.get_current_timezone()).date()
    dated = text(soup(client, statement.url).find("p", class_="statement-date"))
    assert dated.endswith(f"{date.day} {date.strftime('%B')} {date.year}.")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_privacy_statement_retention_follows_the_settings(client, site_tree, language):
    url = (site_tree.privacy_nl if language == "nl" else site_tree.privacy_en).url
    with override_settings(INTAKE_RETENTION_MONTHS=24, INTAKE_SPAM_RETENTION_DAYS=30):
        before = text(soup(client, url).find("main"))
    with override_settings(INTAKE_RETENTION_MONTHS=6, INTAKE_SPAM_RETENTION_DAYS=10):
        after = text(soup(client, url).find("main"))
    months, days = ("maanden", "dagen") if language == "nl" else ("months", "days")
    assert f"24 {months}" in before and f"30 {days}" in before
    assert f"6 {months}" in after and f"10 {days}" in after
    assert f"24 {months}" not in after and f"30 {days}" not in after


def test_a_future_form_declares_its_own_retention_and_appears(client, site_tree):
    from wagtail import hooks

    from home.privacy import PERSONAL_DATA_HOOK, LegalBasis, PersonalData

    def registrations():
        return [PersonalData("Aanmeldingen voor events", "Je naam en e-mailadres.", "Om je aan te melden.",
                             LegalBasis.CONTRACT, "3 maanden na het event.")]  # fmt: skip

    with hooks.register_temporarily(PERSONAL_DATA_HOOK, registrations):
        main = text(soup(client, site_tree.privacy_nl.url).find("main"))
    assert "Aanmeldingen voor events" in main and "3 maanden na het event." in main
    assert "een overeenkomst met je" in main


def test_locations_and_people_are_translatable_snippets(site_tree):
    assert Location.objects.filter(translation_key=site_tree.locations[0][0].translation_key).count() == 2
    assert LocationFactory._meta.model is Location
