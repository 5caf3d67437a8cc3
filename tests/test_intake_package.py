"""The intake shows the package chosen on the menukaart at the top: per-unit totals, and the way back to edit it."""

from urllib.parse import parse_qs, urlsplit

import pytest

from menukaart.models import ServicePage
from tests.helpers import Page, get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_prices")]

NBSP = "\u00a0"
# One-off prices add up; per-participant prices get their own total; "on request" stays apart.
PACKAGE = ["coachingstraject", "inkoopscan", "startersworkshop", "impact-challenge"]
CASES = [
    (
        "/nl/vraagstuk/",
        "/nl/menukaart/",
        f"vanaf €{NBSP}3.750 + €{NBSP}75 per deelnemer",
        "Je pakket van de menukaart",
        "Impact challenge",
    ),
    (
        "/en/your-question/",
        "/en/service-menu/",
        "from €3,750 + €75 per participant",
        "Your package from the menu",
        "Impact challenge",
    ),
]


def keys(slugs):
    pages = ServicePage.objects.filter(locale__language_code="nl", slug__in=slugs)
    return [str(key) for key in pages.values_list("translation_key", flat=True)]


def with_package(url, slugs):
    return url + "?" + "&".join(f"service={key}" for key in keys(slugs))


@pytest.mark.parametrize(("intake", "menukaart", "total", "title", "on_request"), CASES)
def test_the_package_sits_at_the_top_with_its_totals_per_unit(client, intake, menukaart, total, title, on_request):
    page = get_page(client, with_package(intake, PACKAGE))
    html = page.html
    assert title in page.text
    summary = html[
        html.index('class="intake-package"') : html.index("</section>", html.index('class="intake-package"'))
    ]
    assert total in summary
    assert on_request in summary.split("</strong>")[-1], "the on-request service is named apart from the total"
    assert html.index('class="intake-package"') < html.index('class="intake-form'), "above the form"
    # Still editable: the services are ticked below, and a link goes back to the menu with this package.
    for key in keys(PACKAGE):
        (box,) = page.find_all("input", name="services", value=key)
        assert "checked" in box
    (back,) = [a for a in page.find_all("a") if a.get("href", "").startswith(menukaart + "?")]
    parts = urlsplit(back["href"])
    assert parts.fragment == "package"
    assert sorted(parse_qs(parts.query)["service"]) == sorted(keys(PACKAGE))


def test_without_a_package_there_is_no_summary(client):
    for url in ("/nl/vraagstuk/", "/en/your-question/", "/en/your-question/?service=not-a-uuid"):
        assert 'class="intake-package"' not in get_page(client, url).html


def test_the_summary_follows_the_ticked_boxes_after_a_failed_submit(client):
    """Sent with errors: the summary shows what was ticked then, not what the address said."""
    response = client.post("/en/your-question/", {"services": keys(["coachingstraject"]), "question": "short"})
    assert response.status_code == 200
    page = Page(response)
    assert "Your package from the menu" in page.text
    assert "€750" in page.html and "per participant" not in page.html.split('class="intake-form')[0]
