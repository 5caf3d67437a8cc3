"""The admin's image upload form: a damaged file is refused with a message, never a server error.

Wagtail opens the upload to check its format and size; Pillow can raise any error on a
damaged file (a truncated PNG raises ``struct.error`` while its size is read), which
Wagtail only catches for the first check. Settings: ``WAGTAILIMAGES_IMAGE_FORM_BASE``.
"""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class DamageTolerantImageField(WagtailImageField):
    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - whatever a damaged file makes the image library raise
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class SiteImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = DamageTolerantImageField
