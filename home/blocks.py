"""The shared block library: every page type builds its body from these blocks.

Each block has a template in ``home/templates/home/blocks/``, an icon, a
description and a ``preview_value`` so the block picker can show it. Text that
editors type is translatable by wagtail-localize; choices (levels, styles) are
not, because they are the same in both languages.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

# Rich text inside a page's own fields (a challenge, a problem): no headings,
# because the template gives those fields their h2.
INLINE_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-heading (h3)"))],
        default="h2",
        label=_("Level"),
        help_text=_("The page title is the only h1; start sections at h2."),
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"
        label = _("Heading")
        description = _("A section heading that also appears in the page outline.")
        preview_value = {"text": "Samen ondernemen voor impact", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["h3", "h4", "bold", "italic", "link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "home/blocks/paragraph.html"
        label = _("Text")
        description = _("Running text with links and lists. Sub-headings start at h3.")
        preview_value = (
            "<p>Social Impact Factory brengt gemeenten, bedrijven en sociaal "
            "ondernemers samen rond maatschappelijke vraagstukken.</p>"
        )


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(
        label=_("Image"),
        help_text=_("Describe the image for people who cannot see it, or mark it as decorative."),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    def get_preview_value(self):
        """The newest image in the library, so the block picker can show the block."""
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at").first()
        if image is None:
            return None
        return self.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": True}, "caption": ""})

    class Meta:
        icon = "image"
        template = "home/blocks/figure.html"
        label = _("Image with caption")
        description = _("An image with alt text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        max_length=120,
        label=_("Attribution"),
        help_text=_("A role or organisation. Only name a person who agreed to be quoted."),
    )

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote.html"
        label = _("Quote or testimonial")
        description = _("A short quote with who said it.")
        preview_value = {
            "quote": "Samen met gemeenten, bedrijven en sociaal ondernemers versnellen we sociaal ondernemen.",
            "attribution": "Social Impact Factory",
        }


class FigureValueBlock(blocks.CharBlock):
    """A number: the same in every language, so wagtail-localize copies it instead of asking for a translation."""

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class KeyFigureBlock(blocks.StructBlock):
    value = FigureValueBlock(max_length=20, label=_("Figure"), help_text=_("For example 200 or € 500k."))
    label = blocks.CharBlock(max_length=80, label=_("What it counts"))

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, label=_("Title"))
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6, label=_("Figures"))

    class Meta:
        icon = "table"
        template = "home/blocks/key_figures.html"
        label = _("Key figures")
        description = _("Up to six numbers with what they count.")
        preview_value = {
            "title": "Ons netwerk",
            "figures": [
                {"value": "200", "label": "sociale ondernemingen"},
                {"value": "22", "label": "gemeenten"},
                {"value": "20+", "label": "impact challenges"},
            ],
        }


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site (preferred: it follows the language) or an external URL."""

    page = blocks.PageChooserBlock(required=False, label=_("Page on this site"))
    url = blocks.URLBlock(required=False, label=_("Or an external address"))
    label = blocks.CharBlock(max_length=60, label=_("Link text"))

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an address, not both."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Link")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        template = "home/blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A highlighted box with a title, a sentence and one button.")
        preview_value = {
            "title": "Leg jouw vraagstuk aan ons voor",
            "text": "Vertel ons welk maatschappelijk vraagstuk je wilt oplossen.",
            "link": {"url": "/", "label": "Neem contact op"},
        }


class RoomRequestBlock(blocks.StructBlock):
    """A box with a button to the short request form for a room or a desk.

    The button opens the site's intake form (Site settings) in the page's language with
    ``?topic=room``: a short request without the 30-character social question or the menu.
    Without an intake page the box is not shown (home/templates/home/blocks/room_request.html).
    """

    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    button_label = blocks.CharBlock(max_length=60, label=_("Button text"))

    class Meta:
        icon = "home"
        template = "home/blocks/room_request.html"
        label = _("Room or desk request")
        description = _("A box with a button to the short form for booking a meeting room or a desk.")
        preview_value = {
            "title": "Een zaal of werkplek boeken",
            "text": "Vertel ons wat je wilt boeken, wanneer en voor hoeveel mensen.",
            "button_label": "Vraag een zaal of werkplek aan",
        }


class StepBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120, label=_("Name"))
    activities = blocks.TextBlock(label=_("What was done"))
    outcome = blocks.TextBlock(required=False, label=_("What it produced"))

    class Meta:
        icon = "list-ol"
        label = _("Step")


class StepsBlock(blocks.StructBlock):
    """An ordered series of steps: the phases of a case, or how a service runs."""

    title = blocks.CharBlock(required=False, max_length=120, label=_("Title"))
    steps = blocks.ListBlock(StepBlock(), min_num=1, label=_("Steps"))

    class Meta:
        icon = "list-ol"
        template = "home/blocks/steps.html"
        label = _("Steps or phases")
        description = _("Numbered steps, each with what was done and what it produced.")
        preview_value = {
            "title": "Zo werkten we",
            "steps": [
                {"name": "Verkenning", "activities": "Gesprekken met partners.", "outcome": "Een model."},
                {"name": "Experiment", "activities": "Pilots met ondernemers.", "outcome": "Lessen."},
            ],
        }


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    figure = FigureBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    steps = StepsBlock()
    call_to_action = CallToActionBlock()
    room_request = RoomRequestBlock()

    class Meta:
        block_counts = {}
