"""The hub's sections from programmes and cases: running programmes, featured cases, partners."""

import pytest
from django.template import Template
from wagtail import hooks

from cases.models import CasePage
from home.hub import HUB_SECTIONS_HOOK, HubSection
from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _section(page, heading_id):
    start = page.html.index(f'id="{heading_id}"')
    return page.html[start : page.html.index("</section>\n", start)]


@pytest.mark.parametrize(
    ("url", "programmes_heading", "partners_heading", "kind", "all_cases"),
    [
        ("/nl/", "Lopende programma's", "Onze partners", "Sociale ondernemingen", "/nl/cases/"),
        ("/en/", "Running programmes", "Our partners", "Social enterprises", "/en/cases/"),
    ],
)
def test_hub_shows_running_programmes_featured_cases_and_partners(
    client, url, programmes_heading, partners_heading, kind, all_cases
):
    page = get_page(client, url)
    programmes = _section(page, "hub-programmes")
    assert programmes_heading in programmes
    assert "Buy Social" in programmes and "Challenges" in programmes
    assert "Plan Einstein" not in programmes, "finished programmes are not on the hub"
    cases = _section(page, "hub-cases")
    assert f'href="{url}cases/gemeente-utrecht/"' in cases
    assert f'href="{url}cases/jaarbeurs-band-op-spanning/"' in cases
    assert f'href="{all_cases}"' in cases
    partners = page.html[page.html.index('id="hub-partners"') :]
    assert partners_heading in partners and kind in partners
    for name in ("Gemeente Utrecht", "Kirkman Company", "Band op Spanning", "Utrecht4GlobalGoals", "Wijk&amp;Co"):
        assert partners.count(name) >= 1, name


def test_each_partner_appears_once_on_the_hub(client):
    page = get_page(client, "/en/")
    partners = page.html[page.html.index('id="hub-partners"') : page.html.index("</footer>")]
    assert partners.count(">Specialisterren<") == 1


def test_featured_cases_fall_back_to_the_newest(client):
    CasePage.objects.update(feature_on_home=False)
    page = get_page(client, "/en/")
    cases = _section(page, "hub-cases")
    assert cases.count('class="card case-card"') == 3
    newest_first = [cases.index(slug) for slug in ("gemeente-utrecht", "jaarbeurs-band-op-spanning", "missie-030")]
    assert newest_first == sorted(newest_first)


def test_featured_cases_come_before_newer_ones(client):
    CasePage.objects.filter(slug="missie-030").update(feature_on_home=True)
    CasePage.objects.filter(slug="gemeente-utrecht").update(feature_on_home=False)
    cases = _section(get_page(client, "/nl/"), "hub-cases")
    assert cases.index("missie-030") < cases.index("gemeente-utrecht")


def test_apps_add_hub_sections_through_the_wagtail_hook_in_order(client):
    """home knows no app: sections come from ``sif_hub_sections`` hooks, by their order; None adds nothing."""
    template = Template('<section id="hub-from-hook"><p>{{ section.text }}</p></section>\n')

    def between(request, home_page):
        return HubSection(template, {"text": f"Added for {home_page.title}"})

    with (
        hooks.register_temporarily(HUB_SECTIONS_HOOK, between, order=25),
        hooks.register_temporarily(HUB_SECTIONS_HOOK, lambda request, home_page: None, order=26),
    ):
        html = get_page(client, "/en/").html
    assert html.index('id="hub-programmes"') < html.index('id="hub-from-hook"') < html.index('id="hub-cases"')
    assert "<p>Added for " in html
    assert "hub-from-hook" not in get_page(client, "/en/").html, "the hook was temporary"
