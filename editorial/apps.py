from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The editors' side of the admin: review before publishing, translation status and labels,
    guards against removing what live pages use, the editors' guide."""

    name = "editorial"
