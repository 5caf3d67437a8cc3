"""Every block and every field inside a block has an explicit, translated label.

wagtail-localize's translation editor names each string after its block and the
block's field; a label Wagtail derives from a Python name ("Key figures" from
``key_figures``) stays English in the Dutch admin.
"""

from django.utils import translation
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from tests.test_admin_previews import stream_fields


def _unlabelled():
    missing = []

    def walk(block, where):
        if isinstance(block, ImageBlock):
            return  # Wagtail's own fields (image, alt text, decorative), labelled and translated by Wagtail
        if isinstance(block, blocks.ListBlock):
            walk(block.child_block, where)
            return
        if not isinstance(block, blocks.StreamBlock | blocks.StructBlock):
            return
        for name, child in block.child_blocks.items():
            if not child.meta.label:
                missing.append(f"{where}.{name}")
            walk(child, f"{where}.{name}")

    for model, field in stream_fields():
        walk(field.stream_block, f"{model.__name__}.{field.name}")
    return missing


def test_every_block_and_block_field_has_an_explicit_label():
    assert _unlabelled() == []


def test_block_labels_are_dutch_in_the_dutch_admin():
    from home.blocks import StepBlock, TableBlock, VideoBlock

    with translation.override("nl"):
        assert str(StepBlock().child_blocks["activities"].label) != "What was done"
        assert str(VideoBlock().child_blocks["title"].label) == "Titel van de video"
        assert str(TableBlock().label) == "Tabel"
