"""Sections that other apps add to the hub (home) page.

``home`` imports no other app. An app that wants a section on the hub
registers a provider in its ``AppConfig.ready()``::

    register_hub_section(order=20, provider=running_programmes)

A provider takes ``(request, home_page)`` and returns ``None`` (nothing to
show) or a ``HubSection``. The home template renders the sections in order.
"""

from dataclasses import dataclass, field

_providers = []


@dataclass
class HubSection:
    template: str
    context: dict = field(default_factory=dict)


def register_hub_section(order, provider):
    _providers.append((order, provider))
    _providers.sort(key=lambda item: item[0])


def hub_sections(request, home_page):
    sections = []
    for _order, provider in _providers:
        section = provider(request, home_page)
        if section is not None:
            sections.append(section)
    return sections
