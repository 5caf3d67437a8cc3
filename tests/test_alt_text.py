"""Alt text is never pre-filled from an image's title, and a figure can be marked decorative."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from home.blocks import FigureBlock

pytestmark = pytest.mark.django_db


def png():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (4, 3), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def image(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return get_image_model().objects.create(title="IMG_2041", file=SimpleUploadedFile("img.png", png()))


def test_choosing_an_image_offers_no_alt_text_made_from_its_title(admin_client, image):
    response = admin_client.get(reverse("wagtailimages_chooser:chosen", args=[image.pk]))
    result = json.loads(response.content)["result"]
    assert result["default_alt_text"] == ""
    assert "IMG_2041" not in result["default_alt_text"]


def test_the_description_is_offered_as_alt_text(admin_client, image):
    image.description = "Ondernemers aan tafel in de werkplaats"
    image.save()
    response = admin_client.get(reverse("wagtailimages_chooser:chosen", args=[image.pk]))
    assert json.loads(response.content)["result"]["default_alt_text"] == "Ondernemers aan tafel in de werkplaats"


def test_an_old_figure_without_alt_text_gets_none_from_the_title(image):
    """Stored as a bare image id (the ImageChooserBlock format): Wagtail fills alt text from default_alt_text."""
    value = FigureBlock().to_python({"image": image.pk, "caption": ""})
    assert value["image"].contextual_alt_text == ""


def test_a_figure_without_alt_text_must_be_marked_decorative(image):
    from wagtail.blocks import StructBlockValidationError

    block = FigureBlock()
    missing = block.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": False}, "caption": ""})
    with pytest.raises(StructBlockValidationError):
        block.clean(missing)
    decorative = block.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": True}, "caption": ""})
    block.clean(decorative)
    assert 'alt=""' in str(block.render(decorative))
    described = block.to_python({"image": {"image": image.pk, "alt_text": "Een werkplaats", "decorative": False}})
    assert 'alt="Een werkplaats"' in str(block.render(described))
