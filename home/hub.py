"""Sections that other apps add to the hub (home) page, through a Wagtail hook.

``home`` imports no other app. An app that wants a section on the hub
registers a provider for the ``sif_hub_sections`` hook in its
``wagtail_hooks.py``; ``order`` places it among the others::

    hooks.register(HUB_SECTIONS_HOOK, running_programmes, order=20)

A provider takes ``(request, home_page)`` and returns ``None`` (nothing to
show) or a ``HubSection``. The home template renders the sections in order.
A section lists the images it shows (``images``, with the ``home.images``
presets they use): the renditions of all sections come in one query.
"""

from dataclasses import dataclass, field

from wagtail import hooks

from .images import prefetch_renditions

HUB_SECTIONS_HOOK = "sif_hub_sections"


@dataclass
class HubSection:
    template: str
    context: dict = field(default_factory=dict)
    images: list = field(default_factory=list)
    image_presets: tuple = ()


def hub_sections(request, home_page):
    sections = []
    for provider in hooks.get_hooks(HUB_SECTIONS_HOOK):
        section = provider(request, home_page)
        if section is not None:
            sections.append(section)
    presets = {preset for section in sections for preset in section.image_presets}
    prefetch_renditions([image for section in sections for image in section.images], *presets)
    return sections
