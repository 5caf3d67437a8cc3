"""Every kind of image an editor may upload renders on every page type that shows images, or is refused.

An editor uploads JPEG, PNG, WebP, GIF (animated), SVG and a corrupt file through
the admin. The good ones are then used everywhere an image appears: the partner
logo (programme page, the hub's partner wall), the programme and case images
(their pages and their cards on the index pages and the hub) and the figure
block in a standard page's body. Every page renders in both languages.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from cases.models import CaseIndexPage, CasePage
from home.models import HomePage, StandardPage
from programmes.models import Partner, ProgrammeIndexPage, ProgrammePage

pytestmark = pytest.mark.django_db

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">'
    b'<rect width="120" height="60" fill="#0a6"/><text x="10" y="35">SIF</text></svg>'
)


def _raster(format_name, **options):
    image = PILImage.new("RGB", (320, 200), (0, 110, 90))
    buffer = io.BytesIO()
    image.save(buffer, format_name, **options)
    return buffer.getvalue()


def _animated_gif():
    frames = [PILImage.new("P", (160, 100), colour) for colour in (1, 2, 3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


GOOD = {
    "photo.jpg": lambda: _raster("JPEG"),
    "graphic.png": lambda: _raster("PNG"),
    "modern.webp": lambda: _raster("WEBP"),
    "animated.gif": _animated_gif,
    "logo.svg": lambda: SVG,
}
CORRUPT = {
    "garbage.jpg": lambda: b"this is not an image at all" * 40,
    "truncated.png": lambda: _raster("PNG")[:60],
}


def _upload(admin_client, name, content):
    return admin_client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def _use_everywhere(image):
    Partner.objects.update(logo=image)
    ProgrammePage.objects.update(image=image)
    CasePage.objects.update(image=image)
    for page in StandardPage.objects.all():
        page.body.append(("figure", {"image": {"image": image, "alt_text": "", "decorative": True}, "caption": ""}))
        page.save(update_fields=["body"])


def _pages_that_show_images():
    pages = []
    for model in (HomePage, ProgrammeIndexPage, ProgrammePage, CaseIndexPage, CasePage, StandardPage):
        for language in ("nl", "en"):
            page = model.objects.live().filter(locale__language_code=language).first()
            assert page is not None, f"no live {model.__name__} in {language}"
            pages.append(page)
    return pages


@pytest.mark.parametrize("name", sorted(GOOD))
def test_each_good_image_kind_uploads_and_renders_on_every_page_type(admin_client, client, name):
    response = _upload(admin_client, name, GOOD[name]())
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title=name)
    _use_everywhere(image)
    checked = []
    for page in _pages_that_show_images():
        url = Page.objects.get(pk=page.pk).get_url()
        response = client.get(url)
        assert response.status_code == 200, f"{name} on {url}: {response.status_code}"
        html = response.content.decode()
        assert "/media/images/" in html or "/media/original_images/" in html, f"{name} not shown on {url}"
        checked.append(url)
    assert len(checked) == 12


@pytest.mark.parametrize("name", sorted(CORRUPT))
def test_a_corrupt_file_is_refused_at_upload_with_a_clear_message(admin_client, name):
    before = get_image_model().objects.count()
    response = _upload(admin_client, name, CORRUPT[name]())
    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["file"]
    assert error.code in {"invalid_image", "invalid_image_known_format"}
    message = str(error.message % (error.params or {}))
    assert message in response.content.decode()  # shown to the editor, in the admin's language
    assert get_image_model().objects.count() == before
