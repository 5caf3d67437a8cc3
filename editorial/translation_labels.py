"""Labels in the translation editor that say which field of which item a string is.

wagtail-localize labels a string inside a StreamField block with the block's label and
the label of the block's first-level field only. Every string of every step in a steps
block was therefore labelled "Stappen", every figure's text "Cijfers". This walks the
string's path through the source page's blocks and labels it with every level below the
block: "Stap 2 › Naam", "Kerncijfer 3 (200) › Wat het telt", "Rij 2, kolom 3". Items of a
list are numbered, so three steps no longer look like one, and a key figure shows its number
(copied, not translated), so "sociale ondernemingen" is translated knowing what it counts.

Used on the translation editor's props (editorial/review.py, ``editor_props``); a string
the walk cannot place keeps wagtail-localize's label.
"""

import json

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.fields import StreamField

from home.blocks import FigureValueBlock, TableBlock

SEPARATOR = " › "


def _child_by_id(value, block_id):
    """The stream child or list item with this id, and its position (from 0)."""
    children = value.bound_blocks if isinstance(value, blocks.list_block.ListValue) else value
    for position, child in enumerate(children):
        if child.id == block_id:
            return position, child
    raise LookupError(block_id)


def _table_cell_label(path):
    """A string of home.blocks.TableBlock: its caption, or the cell ``r<row>c<column>``."""
    if path == "caption":
        return _("Caption")
    row, column = (int(part) for part in path[1:].split("c"))
    return _("Row %(row)s, column %(column)s") % {"row": row + 1, "column": column + 1}


def _figure(block, value):
    """The number of a key figure, " (200)": its text ("sociale ondernemingen") reads differently after 1."""
    if isinstance(block, blocks.StructBlock) and hasattr(value, "get"):
        for name, child in block.child_blocks.items():
            if isinstance(child, FigureValueBlock) and value.get(name):
                return f" ({value.get(name)})"
    return ""


def segment_labels(source_instance, content_path):
    """The labels between a top-level StreamField block and the string at ``content_path``.

    ``["Stap 2", "Naam"]`` for ``phases.<block>.steps.<item>.name``; None when the path is
    not inside a StreamField block or cannot be followed.
    """
    components = content_path.split(".")
    try:
        field = source_instance._meta.get_field(components[0])
    except Exception:  # noqa: BLE001 - inline panels and other paths keep wagtail-localize's label
        return None
    if not isinstance(field, StreamField) or len(components) < 3:
        return None
    try:
        _position, child = _child_by_id(field.value_from_object(source_instance), components[1])
        block, value = child.block, child.value
        labels = []
        for component in components[2:]:
            if isinstance(block, TableBlock):
                labels.append(_table_cell_label(component))
                break
            if isinstance(block, blocks.ListBlock):
                # "Stap 2" rather than "Stappen": the item's own name, numbered.
                list_label = labels.pop() if labels else capfirst(block.label)
                position, item = _child_by_id(value, component)
                block, value = block.child_block, item.value
                label = f"{capfirst(block.label) if block.label else list_label} {position + 1}"
                labels.append(label + _figure(block, value))
            elif isinstance(block, blocks.StreamBlock):
                _position, item = _child_by_id(value, component)
                block, value = item.block, item.value
                labels.append(capfirst(block.label))
            elif isinstance(block, blocks.StructBlock):
                block = block.child_blocks[component]
                labels.append(capfirst(block.label))
                value = value.get(component) if hasattr(value, "get") else None
            else:
                break
    except (LookupError, ValueError, AttributeError, TypeError):
        return None
    return labels or None


def label_segments(props, source_instance):
    """The translation editor's props (JSON) with each block string labelled by its full place."""
    data = json.loads(props)
    for segment in data.get("segments", []):
        location = segment.get("location") or {}
        if not location.get("blockId"):
            continue
        labels = segment_labels(source_instance, segment.get("contentPath", ""))
        if labels:
            location["subField"] = SEPARATOR.join(str(label) for label in labels)
    return json.dumps(data)
