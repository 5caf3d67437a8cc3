from django.apps import AppConfig


def _alt_text_from_description(image):
    """What the admin pre-fills as alt text when an image is chosen: the image's description, never its title.

    Wagtail falls back to the title ("IMG_2041", "hero-nieuw") and editors published
    that as alt text. The description field is written to describe the image; when it
    is empty the alt text field stays empty, so the editor writes one or ticks
    "decorative" (ImageBlock refuses neither).
    """
    return image.description or ""


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"

    def ready(self):
        from wagtail.images import get_image_model

        # Wagtail's documented override point (AbstractImage.default_alt_text), on the stock image model.
        get_image_model().default_alt_text = property(_alt_text_from_description)
