"""The small site of tests/factories.py is a real bilingual site: every page answers in its own language."""

import pytest
from wagtail.models import Page

from tests.helpers import get_page

pytestmark = pytest.mark.django_db


def test_every_page_of_the_small_site_renders_with_its_translation_as_switch_target(client, site_tree):
    pages = list(Page.objects.live().filter(depth__gt=1).specific())
    assert {page.locale.language_code for page in pages} == {"nl", "en"}
    assert len(pages) == 2 * 17
    for page in pages:
        rendered = get_page(client, page.get_url())
        other = "en" if page.locale.language_code == "nl" else "nl"
        assert rendered.lang == page.locale.language_code
        assert rendered.h1(), page.get_url()
        assert rendered.switcher_links()[other] == page.get_translation(other_locale(other)).get_url()


def other_locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


def test_english_items_link_to_english_themes_and_partners(site_tree):
    case_en = site_tree.cases[0][1]
    assert case_en.locale.language_code == "en"
    assert {link.theme.locale.language_code for link in case_en.theme_links.all()} == {"en"}
    assert {link.programme.locale.language_code for link in case_en.programme_links.all()} == {"en"}
    programme_en = site_tree.programmes[0][1]
    assert {link.partner.name for link in programme_en.partner_links.all()} == {"Gemeente Proefstad", "Bedrijf Proef"}
    assert site_tree.services[0][1].category.name == "Advice"
