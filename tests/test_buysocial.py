"""Buy Social: the directory of social enterprises and its finder, in both languages, on a small site."""

import json
import re

import factory
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buysocial.models import BuySocialPage, EnterpriseCase, SocialEnterprisePage
from tests.factories import _PageFactory, bilingual
from tests.helpers import get_page

pytestmark = pytest.mark.django_db

DIRECTORY = {"nl": "/nl/buy-social/", "en": "/en/buy-social/"}


class BuySocialPageFactory(_PageFactory):
    title = "Sociaal inkopen"
    slug = "buy-social"

    class Meta:
        model = BuySocialPage


class SocialEnterprisePageFactory(_PageFactory):
    title = factory.Sequence(lambda n: f"Onderneming {n}")

    class Meta:
        model = SocialEnterprisePage


def enterprise(parent, title, english_title=None, **fields):
    english_fields = {"title": english_title or title}
    return bilingual(SocialEnterprisePageFactory, parent=parent, english_fields=english_fields, title=title, **fields)


def shared_content(site_tree):
    """The directory in both languages with three enterprises, shared by the module's tests (``module_content``):
    ``(nl, en, [(nl, en), ...])``."""
    nl, en = bilingual(BuySocialPageFactory, parent=site_tree.home_nl, english_fields={"title": "Buy social"})
    enterprises = [
        enterprise(
            nl,
            "Koffiebranderij Proef",
            supplies="Koffie en catering voor vergaderingen.",
            categories=["catering"],
            region="utrecht",
            impact_model="work",
            social_return_scheme="pso",
            social_return_year=2025,
        ),
        enterprise(nl, "Drukkerij Proef", categories=["printing"], region="utrecht", impact_model="community"),
        enterprise(nl, "Schoonmaak Proef", categories=["cleaning", "facility"], region="national"),
    ]
    return nl, en, enterprises


@pytest.fixture(name="directory")
def directory_fixture(shared):
    return shared


def shown(page, enterprises):
    """The titles of ``enterprises`` that the list shows, by their links, in the page's order."""
    by_url = {page.url: nl.title for nl, en in enterprises for page in (nl, en)}
    titles = [by_url.get(a.get("href")) for a in page.find_all("a")]
    return list(dict.fromkeys(title for title in titles if title))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_directory_lists_every_enterprise_in_both_languages(client, directory, language):
    page = get_page(client, DIRECTORY[language])
    assert page.response.status_code == 200
    assert page.lang == language
    assert shown(page, directory[2]) == ["Drukkerij Proef", "Koffiebranderij Proef", "Schoonmaak Proef"]
    count = {"nl": "3 sociale ondernemingen", "en": "3 social enterprises"}[language]
    assert count in page.text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_enterprise_page_shows_what_is_known_and_the_dated_social_return(client, directory, language):
    nl, en = directory[2][0]
    page = get_page(client, (nl if language == "nl" else en).url)
    assert page.response.status_code == 200
    checked = {"nl": "gecontroleerd in 2025", "en": "checked in 2025"}[language]
    assert checked in page.text
    assert {"nl": "Regio", "en": "Region"}[language] in page.text
    # An enterprise without the facts shows none of their headings.
    other = get_page(client, (directory[2][2][0] if language == "nl" else directory[2][2][1]).url)
    assert {"nl": "gecontroleerd", "en": "checked in"}[language] not in other.text


def test_filters_narrow_the_list_and_count_per_value(client, directory):
    page = get_page(client, DIRECTORY["nl"] + "?region=utrecht")
    assert shown(page, directory[2]) == ["Drukkerij Proef", "Koffiebranderij Proef"]
    links = {a["href"]: a for a in page.find_all("a") if a.get("href", "").startswith("?")}
    # The region filter is chosen (its link removes it); the impact counts follow the region.
    assert "?" in links and links["?"].get("aria-current") == "true"
    assert "?region=utrecht&impact=work" in links
    assert "Catering (1" in page.text and "Schoonmaak" not in page.text
    page = get_page(client, DIRECTORY["nl"] + "?sroi=yes&category=catering")
    assert shown(page, directory[2]) == ["Koffiebranderij Proef"]


def test_the_text_search_finds_words_in_name_supplies_and_labels(client, directory):
    assert shown(get_page(client, DIRECTORY["nl"] + "?q=koffie"), directory[2]) == ["Koffiebranderij Proef"]
    assert shown(get_page(client, DIRECTORY["en"] + "?q=cleaning"), directory[2]) == ["Schoonmaak Proef"]
    page = get_page(client, DIRECTORY["nl"] + "?q=niets+hiervan")
    assert shown(page, directory[2]) == []
    assert "Geen sociale onderneming gevonden" in page.text or "0 sociale ondernemingen" in page.text


def test_unknown_filter_values_are_ignored_never_an_error(client, directory):
    page = get_page(client, DIRECTORY["nl"] + "?region=mars&category=%00&impact=x&sroi=maybe&q=" + "a" * 500)
    assert page.response.status_code == 200


def test_the_page_cache_keys_on_the_finder_params_and_the_data_format_only():
    assert set(BuySocialPage.cache_query_params) == {"q", "category", "region", "impact", "sroi", "format"}


def test_a_social_return_claim_needs_a_year(directory):
    nl = directory[2][1][0]
    nl.social_return_scheme = "municipal"
    with pytest.raises(ValidationError):
        nl.full_clean()


@pytest.mark.thorough
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_list_has_a_flat_query_count_from_3_to_6_enterprises(
    client, directory, language, django_assert_max_num_queries
):
    # 3 against 6 proves the count flat as well as 3 against 30 did: a query per item would add three.
    get_page(client, DIRECTORY[language])  # the process-wide look-ups (locales, site) once
    with CaptureQueriesContext(connection) as few:
        page = get_page(client, DIRECTORY[language])
    assert len(shown(page, directory[2])) == 3
    more = [enterprise(directory[0], f"Extra {number}", categories=["it"], region="limburg") for number in range(3)]
    with django_assert_max_num_queries(len(few)):
        page = get_page(client, DIRECTORY[language] + "?q=proef")
    assert len(shown(page, directory[2] + more)) == 3
    with django_assert_max_num_queries(len(few)):
        page = get_page(client, DIRECTORY[language])
    assert len(shown(page, directory[2] + more)) == 6
    assert len(few) <= 14


def test_an_enterprise_links_its_cases_in_the_visitors_language(client, site_tree, directory):
    nl, en = directory[2][0]
    case_nl, case_en = site_tree.cases[0]
    EnterpriseCase.objects.create(page=nl, case=case_nl)
    EnterpriseCase.objects.create(page=en, case=case_nl)
    assert case_nl.url in {a.get("href") for a in get_page(client, nl.url).find_all("a")}
    assert case_en.url in {a.get("href") for a in get_page(client, en.url).find_all("a")}


def test_filter_links_are_crawlable_and_the_language_switch_keeps_them(client, directory):
    page = get_page(client, DIRECTORY["nl"] + "?region=utrecht&impact=work")
    assert not [a for a in page.find_all("a") if "nofollow" in (a.get("rel") or "")]
    assert page.switcher_links()["en"] == "/en/buy-social/?region=utrecht&impact=work"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_hub_leads_buyers_to_the_directory_without_a_query_of_its_own(
    client, site_tree, language, django_assert_max_num_queries
):
    home = f"/{language}/"
    get_page(client, home)
    with CaptureQueriesContext(connection) as without:
        get_page(client, home)
    nl, en = bilingual(BuySocialPageFactory, parent=site_tree.home_nl, english_fields={"title": "Buy social"})
    with django_assert_max_num_queries(len(without)):
        page = get_page(client, home)
    more = {"nl": "Zoek een sociale onderneming", "en": "Find a social enterprise"}[language]
    assert more in page.text
    assert (nl if language == "nl" else en).url in {a.get("href") for a in page.find_all("a")}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_enterprise_declares_itself_an_organisation_to_search_engines(client, directory, language):
    nl, en = directory[2][0]
    page = get_page(client, (nl if language == "nl" else en).url)
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.html, re.S)
    scripts = [json.loads(text) for text in found]
    nodes = [node for script in scripts for node in script["@graph"] if node.get("@type") == "Organization"]
    enterprise_node = next(node for node in nodes if node["name"] == "Koffiebranderij Proef")
    assert enterprise_node["description"] == "Koffie en catering voor vergaderingen."
    assert enterprise_node["url"].endswith((nl if language == "nl" else en).url)
    assert SocialEnterprisePage.search_group == "enterprise"
