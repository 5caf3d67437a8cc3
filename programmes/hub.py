"""The programmes' sections on the hub: running programmes and the partner wall."""

from home.hub import HubSection
from home.localization import one_per_translation, section_page

from .models import Partner, ProgrammeIndexPage, ProgrammePage


def running_programmes(request, home_page):
    programmes = list(
        ProgrammePage.objects.live()
        .descendant_of(home_page)
        .filter(status=ProgrammePage.Status.RUNNING)
        .running_first()
        .select_related("image")
    )
    if not programmes:
        return None
    index = section_page(request, ProgrammeIndexPage, home_page)
    return HubSection(
        "programmes/hub/running_programmes.html",
        {"programmes": programmes, "index": index},
        images=[programme.image for programme in programmes],
        image_presets=("card",),
    )


def partners_by_kind(request, home_page):
    """Every partner once, in the visitor's language where translated, grouped by kind."""
    partners = one_per_translation(Partner.objects.select_related("logo"))
    if not partners:
        return None
    groups = []
    for kind, label in Partner.KIND_PLURALS.items():
        members = sorted((p for p in partners if p.kind == kind), key=lambda p: p.name.casefold())
        if members:
            groups.append({"kind": kind, "label": label, "partners": members})
    return HubSection(
        "programmes/hub/partners.html",
        {"groups": groups},
        images=[partner.logo for partner in partners],
        image_presets=("logo",),
    )
