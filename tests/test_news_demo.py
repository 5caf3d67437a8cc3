"""The demo's news: the launch on 21 May 2015 and the first hotspot at the end of 2016, in both languages."""

import pytest

from news.models import NewsPage
from tests.helpers import get_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.mark.parametrize(
    ("url", "texts"),
    [
        (
            "/nl/actueel/",
            ["Social Impact Factory officieel van start", '<time datetime="2015-05-21">21 mei 2015</time>',
             "Eerste hotspot geopend bij Vredenburg", '<time datetime="2016">eind 2016</time>'],
        ),
        (
            "/en/news/",
            ["Social Impact Factory officially launched", '<time datetime="2015-05-21">21 May 2015</time>',
             "First hotspot opens near Vredenburg", '<time datetime="2016">end of 2016</time>'],
        ),
        (
            "/nl/actueel/officiele-start/",
            ["38 aangesloten organisaties", "Social Enterprise Day", "Wijk&amp;Co",
             'href="/nl/cases/gemeente-utrecht/"', "Laatst bijgewerkt op"],
        ),
        (
            "/en/news/official-launch/",
            ["38 organisations had signed up", "Social Enterprise Day", "Wijk&amp;Co",
             'href="/en/cases/gemeente-utrecht/"', "Last updated on"],
        ),
        ("/nl/actueel/eerste-hotspot/", ["eind 2016", "Vredenburg"]),
        ("/en/news/first-hotspot/", ["end of 2016", "Vredenburg"]),
    ],
)  # fmt: skip
def test_the_demo_news_renders_in_both_languages(client, url, texts):
    html = get_page(client, url).html
    for text in texts:
        assert text in html, f"{url} lacks {text!r}"


@pytest.mark.parametrize(("url", "overview"), [("/nl/", "/nl/actueel/"), ("/en/", "/en/news/")])
def test_the_hub_shows_the_latest_news_and_the_menu_links_the_overview(client, url, overview):
    html = get_page(client, url).html
    section = html[html.index('id="hub-news"') :]
    section = section[: section.index("</section>")]
    assert section.index("hotspot") < section.index("2015"), "newest first"
    assert f'href="{overview}"' in section
    header = html[: html.index("<main")]
    assert f'href="{overview}"' in header, "the overview is in the menu"


def test_no_invented_day_for_the_hotspot():
    for item in NewsPage.objects.filter(slug__in=["eerste-hotspot", "first-hotspot"]):
        assert item.date_precision == "end_of_year"


def test_the_feeds_list_both_items(client):
    for url in ("/nl/actueel/atom.xml", "/en/news/atom.xml"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("<entry>") == 2


@pytest.mark.parametrize(
    ("url", "group", "link"),
    [
        ("/nl/zoeken/?q=Vredenburg", "Actueel", "/nl/actueel/eerste-hotspot/"),
        ("/en/search/?q=Vredenburg", "News", "/en/news/first-hotspot/"),
    ],
)
def test_the_site_search_lists_news_under_its_own_heading(client, url, group, link):
    html = get_page(client, url).html
    start = html.index('id="search-group-news"')
    section = html[start : html.index("</section>", start)]
    assert f">{group}</h3>" in section
    assert f'href="{link}"' in section
