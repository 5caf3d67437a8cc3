"""Images as every page shows them (home/images.py): <picture> with WebP, several widths, sizes and lazy loading.

The first image a visitor sees (a page's header image, the first card of an overview)
loads at once with fetchpriority="high"; every other image loads lazily. Each <img>
has width and height. SVG logos stay SVG.
"""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cases.models import CasePage
from programmes.models import Partner, ProgrammePage
from tests.factories import ImageFactory
from tests.helpers import get_page
from tests.test_image_kinds import SVG, _upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def large_photo(site_tree):
    """A photo larger than the widest rendition (1200 px) on every case and programme (the small site's is 64 px
    wide). Only for the tests of widths: its renditions are most of a test's time."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (1280, 720), "#0b5d57").save(buffer, format="JPEG")
    photo = ImageFactory(title="Foto", file=ImageFile(buffer, name="foto.jpg"))
    CasePage.objects.update(image=photo)
    ProgrammePage.objects.update(image=photo)
    return photo


PICTURE = re.compile(r"<picture>(.*?)</picture>", re.S)
IMG = re.compile(r"<img([^>]*)>")
WEBP_SOURCE = re.compile(r'<source[^>]*srcset="([^"]*)"[^>]*type="image/webp"')


def pictures(html):
    return PICTURE.findall(html)


def img_attrs(picture):
    return dict(re.findall(r'([\w-]+)="([^"]*)"', IMG.search(picture).group(1)))


def widths(srcset):
    return sorted(int(part.strip().rsplit(" ", 1)[1].rstrip("w")) for part in srcset.split(","))


def assert_responsive(picture, expected_widths):
    webp = WEBP_SOURCE.search(picture)
    assert webp, picture
    assert widths(webp.group(1)) == expected_widths
    img = img_attrs(picture)
    assert widths(img["srcset"]) == expected_widths
    assert img["src"].endswith((".jpg", ".jpeg")), img["src"]
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert img["sizes"]
    return img


@pytest.mark.usefixtures("large_photo")
@pytest.mark.parametrize("url", ["/nl/cases/case-0/", "/en/cases/case-0/", "/nl/programmas/programma-0/"])
def test_a_header_image_loads_first_with_webp_and_several_widths(client, site_tree, url):
    page = get_page(client, url)
    header, *others = pictures(page.html)
    img = assert_responsive(header, [480, 800, 1200])
    assert img["class"] == "page-illustration"
    assert img["fetchpriority"] == "high" and "loading" not in img
    assert all(img_attrs(picture)["loading"] == "lazy" for picture in others)


@pytest.mark.usefixtures("large_photo")
@pytest.mark.parametrize("url", ["/nl/cases/", "/en/cases/", "/nl/programmas/", "/en/programmes/"])
def test_on_an_overview_only_the_first_card_image_loads_at_once(client, site_tree, url):
    cards = pictures(get_page(client, url).html)
    assert len(cards) >= 2
    first, *rest = [assert_responsive(card, [320, 640, 960]) for card in cards]
    assert first["fetchpriority"] == "high" and "loading" not in first
    assert all(img["loading"] == "lazy" and "fetchpriority" not in img for img in rest)


@pytest.mark.usefixtures("large_photo")
@pytest.mark.parametrize("url", ["/nl/", "/en/"])
def test_the_hub_loads_its_card_images_lazily(client, site_tree, url):
    cards = pictures(get_page(client, url).html)
    assert cards
    assert all(assert_responsive(card, [320, 640, 960])["loading"] == "lazy" for card in cards)


@pytest.mark.parametrize("url", ["/nl/programmas/programma-0/", "/en/programmes/programme-0/", "/nl/", "/en/"])
def test_an_svg_logo_stays_svg(admin_client, client, site_tree, url):
    assert _upload(admin_client, "logo.svg", SVG).status_code == 302
    Partner.objects.update(logo=get_image_model().objects.get(title="logo.svg"))
    svgs = [picture for picture in pictures(get_page(client, url).html) if ".svg" in picture]
    assert svgs
    for picture in svgs:
        assert "image/webp" not in picture
        img = img_attrs(picture)
        assert img["src"].endswith(".svg") and img["loading"] == "lazy"
        assert float(img["width"]) > 0 and float(img["height"]) > 0


def test_a_small_original_gets_one_width_per_format(client, site_tree):
    CasePage.objects.update(image=site_tree.image)  # 64 px wide: every card size crops to it
    (card, *_) = pictures(get_page(client, "/nl/cases/").html)
    assert "," not in WEBP_SOURCE.search(card).group(1)  # one candidate, not three of the same width
    assert "," not in img_attrs(card).get("srcset", "")
    assert img_attrs(card)["width"] == "64"
