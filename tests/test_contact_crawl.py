"""A visitor can always reach the hub: a crawl of every page of the demo in both languages.

- No sentence asks a visitor to get in touch ("neem contact op", "laat het ons weten", "let us know",
  "e-mail us", ...) without a way to do it in the same paragraph or list item: a link to the contact
  page, the question form, an e-mail address or a phone number, or an address.
- Every page, the search page and the 404 page included, links the contact page in its own language
  from its header or footer.

The demo leaves the hub's e-mail address, phone number and street address empty (FACTS.md does not
give them), so this crawl checks the state in which only the contact page and the form can help.
"""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from home.models import ContactPage
from intake.models import IntakePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

ASKS_FOR_CONTACT = re.compile(
    r"contact (met ons )?op|neem contact|contact met ons|laat (het )?ons .*weten|laat het weten|mail ons|bel ons"
    r"|stuur (hem |het )?ons|vraag (het )?ons|vertel (het )?ons|spreek het met ons af|bereik je ons"
    r"|contact us|get in touch|let us know|tell us|e-mail us|email us|call us|write to us|ask us|send (it )?to us"
    r"|arrange it with us|reach us",
    re.IGNORECASE,
)
BLOCKS = "p, li, dd, td, th, figcaption, blockquote, h2, h3, h4, address, div.cta-box"


def public_urls():
    pages = Page.objects.live().public().filter(depth__gt=2, alias_of__isnull=True).specific()
    homes = Page.objects.live().filter(depth=2)
    return sorted({page.url for page in [*homes, *pages]} | {"/nl/zoeken/?q=utrecht", "/en/search/?q=utrecht"})


def ways_to_reach(language):
    """The hrefs that let a visitor act on 'tell us': the contact page and the form in that language."""
    hrefs = set()
    for model in (ContactPage, IntakePage):
        page = model.objects.live().filter(locale__language_code=language).first()
        if page is not None:
            hrefs.add(page.url)
    return hrefs


def reachable(block, hrefs):
    for link in block.find_all("a", href=True):
        href = link["href"].split("?")[0]
        if href in hrefs or link["href"].startswith(("mailto:", "tel:")):
            return True
    return block.find("address") is not None or block.name == "address"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_sentence_asks_to_get_in_touch_without_a_way_to_do_it(client, language):
    hrefs = ways_to_reach(language)
    assert len(hrefs) == 2, "the demo has a contact page and a question form in both languages"
    checked, asked = 0, 0
    for url in [u for u in public_urls() if u.startswith(f"/{language}/")]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = BeautifulSoup(response.content, "html.parser")
        for block in html.select(BLOCKS):
            if block.select_one(BLOCKS):  # judge the innermost block that holds the sentence
                continue
            if "search-results__passage" in block.get("class", []):  # a quote from the page its result links to
                continue
            sentence = " ".join(block.get_text(" ").split())
            if not ASKS_FOR_CONTACT.search(sentence):
                continue
            asked += 1
            if url.split("?")[0] in hrefs:  # on the contact page or the form itself, the way is right there
                continue
            # A box with a title, a sentence and a button: the button is the way.
            container = block.find_parent(class_="cta-box") or block
            assert reachable(container, hrefs), f"{url}: {sentence!r} gives no way to reach the hub"
        checked += 1
    assert checked >= 15 and asked >= 5, (checked, asked)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_links_the_contact_page_from_its_header_or_footer(client, language):
    contact = ContactPage.objects.live().get(locale__language_code=language)
    urls = [u for u in public_urls() if u.startswith(f"/{language}/")] + [f"/{language}/bestaat-niet/"]
    for url in urls:
        response = client.get(url)
        html = BeautifulSoup(response.content, "html.parser")
        chrome = html.select("header.site-header a[href], footer.site-footer a[href]")
        assert contact.url in {link["href"] for link in chrome}, f"{url} does not link {contact.url}"
    assert len(urls) >= 16
