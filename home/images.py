"""The site's image markup in one place: responsive ``<picture>`` elements, and their renditions in bulk.

Every image a page shows goes through ``{% responsive_image image "preset" %}``
(home/templatetags/sif_images.py), which writes Wagtail's ``<picture>``: a WebP
``<source>`` and a JPEG (PNG for logos) fallback, each with several widths in
``srcset`` and the preset's ``sizes``, and ``width``/``height`` on the ``<img>`` so
the layout does not shift. Images load lazily, except the first one a visitor
sees (a page's header image, the first card of an overview): that one is
fetched at once with ``fetchpriority="high"``. SVG files stay SVG
(``preserve-svg``: no format conversion, one image per width).

Listings fetch the renditions of all their images in one query with
``prefetch_renditions(images, *presets)``; renditions that do not exist yet are
made on the first render, as Wagtail does.
"""

import functools
from dataclasses import dataclass

from django.utils.safestring import mark_safe
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.utils import to_svg_safe_spec


@dataclass(frozen=True)
class Preset:
    """Sizes (one spec per width, with braces), the output formats in order (the last is the fallback), ``sizes``."""

    sizes_spec: str
    formats: tuple
    sizes: str

    @property
    def specs(self):
        """One spec per width and format, as renditions of a raster image are stored."""
        formats = ",".join(self.formats)
        return Filter.expand_spec([self.sizes_spec, f"format-{{{formats}}}"])

    @property
    def svg_specs(self):
        """The same sizes for an SVG, which stays SVG: no format conversion (what ``preserve-svg`` does)."""
        return list(dict.fromkeys(to_svg_safe_spec(spec) for spec in self.specs))


@functools.cache
def preset_filters(preset_name, svg):
    """The preset's filters, made once per process: parsing specs was a quarter of a page's render."""
    preset = PRESETS[preset_name]
    return tuple(Filter(spec=spec) for spec in (preset.svg_specs if svg else preset.specs))


PRESETS = {
    # A page's header image: the width of the page.
    "header": Preset("fill-{480x200,800x333,1200x500}", ("webp", "jpeg"), "(max-width: 76rem) 100vw, 72rem"),
    # Cards in a grid: one column on a phone, three or four on a wide screen.
    "card": Preset("fill-{320x180,640x360,960x540}", ("webp", "jpeg"), "(max-width: 40rem) 100vw, 24rem"),
    # Partner logos, at most 3rem high: PNG keeps their transparency.
    "logo": Preset("max-{160x80,320x160}", ("webp", "png"), "10rem"),
    # A team member's portrait on the contact page, square.
    "portrait": Preset("fill-{160x160,320x320}", ("webp", "jpeg"), "10rem"),
    # A figure in the text column.
    "figure": Preset("width-{480,800,1200}", ("avif", "webp", "jpeg"), "(max-width: 50rem) 100vw, 800px"),
}


def picture(image, preset, alt="", css_class="", priority=False):
    """The ``<picture>`` of ``image`` for ``preset``: lazy, or fetched first when ``priority``."""
    if not image:
        return ""
    renditions = _distinct_widths(get_renditions_or_not_found(image, preset_filters(preset, image.is_svg())))
    preset = PRESETS[preset]
    attrs = {"alt": alt}
    if len(renditions) > 1:
        attrs["sizes"] = preset.sizes
    if css_class:
        attrs["class"] = css_class
    if priority:
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    attrs["decoding"] = "async"
    return mark_safe(Picture(renditions, attrs).__html__())  # noqa: S308 - Wagtail escapes the attributes


def _distinct_widths(renditions):
    """One rendition per format and width: a small original gives the same width for several specs."""
    seen = set()
    kept = {}
    for spec, rendition in renditions.items():
        output_format = next((op for op in spec.split("|") if op.startswith("format-")), "")
        if (output_format, rendition.width) not in seen:
            seen.add((output_format, rendition.width))
            kept[spec] = rendition
    return kept


def prefetch_renditions(images, *presets):
    """Fetch the renditions of ``images`` for ``presets`` in one query; each image keeps its own.

    Images may repeat or be None. Returns nothing: the images get ``prefetched_renditions``,
    which Wagtail reads before its cache or the database.
    """
    by_pk = {}
    for image in images:
        if image is not None:
            by_pk.setdefault(image.pk, []).append(image)
    if not by_pk:
        return
    specs = {spec for preset in presets for spec in [*PRESETS[preset].specs, *PRESETS[preset].svg_specs]}
    rendition_model = get_image_model().get_rendition_model()
    found = {pk: [] for pk in by_pk}
    for rendition in rendition_model.objects.filter(image_id__in=by_pk, filter_spec__in=specs):
        found[rendition.image_id].append(rendition)
    for pk, instances in by_pk.items():
        for image in instances:
            image.prefetched_renditions = [_for_image(rendition, image) for rendition in found[pk]]


def _for_image(rendition, image):
    """A copy of ``rendition`` that knows its image (its alt text and URL need it; no query)."""
    fields = {field.attname: getattr(rendition, field.attname) for field in rendition._meta.concrete_fields}
    copy = type(rendition)(**fields)
    copy._state.adding = False
    copy.image = image
    return copy
