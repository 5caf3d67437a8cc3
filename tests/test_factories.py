"""The small site of tests/factories.py is a real bilingual site: its English items link to English ones.

That every page of a site renders in its own language is checked on the demo (tests/test_query_counts.py).
"""

import pytest

pytestmark = pytest.mark.django_db


def test_english_items_link_to_english_themes_and_partners(site_tree):
    case_en = site_tree.cases[0][1]
    assert case_en.locale.language_code == "en"
    assert {link.theme.locale.language_code for link in case_en.theme_links.all()} == {"en"}
    assert {link.programme.locale.language_code for link in case_en.programme_links.all()} == {"en"}
    programme_en = site_tree.programmes[0][1]
    assert {link.partner.name for link in programme_en.partner_links.all()} == {"Gemeente Proefstad", "Bedrijf Proef"}
    assert site_tree.services[0][1].category.name == "Advice"
