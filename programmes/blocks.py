"""Blocks for programme pages, built from the shared library in ``home.blocks``."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import FigureBlock, HeadingBlock, ParagraphBlock, QuoteBlock, StepsBlock


class ApproachBlock(blocks.StreamBlock):
    """How a programme works: text, steps, images and quotes (figures and the call to action have their own place)."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    steps = StepsBlock()
    figure = FigureBlock()
    quote = QuoteBlock()

    class Meta:
        label = _("Approach")
