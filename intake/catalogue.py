"""What a visitor can tick on the form: menukaart services and themes.

Choices are keyed by ``translation_key``, the same in every language, so a
question sent from ``/en/`` and one from ``/nl/`` name a service or theme the
same way. The menukaart's package composer links to the form with
``?service=<translation_key>`` (repeatable).

These functions are the only places where intake depends on the
menukaart and cases apps.
"""

from home.filters import query_string


def service_choices(locale):
    """(translation_key, title) of the live services in ``locale``, in menu order."""
    from menukaart.models import ServicePage

    pages = ServicePage.objects.live().filter(locale=locale).order_by("path")
    return [(str(key), title) for key, title in pages.values_list("translation_key", "title")]


def theme_choices(locale):
    """(translation_key, name) of the themes in ``locale``, as the case studies use them."""
    from cases.models import Theme

    themes = Theme.objects.filter(locale=locale).order_by("name")
    return [(str(key), name) for key, name in themes.values_list("translation_key", "name")]


def package(locale, values, request):
    """The services named in ``values`` as the menukaart's package (per-unit totals), and the way back.

    Returns ``(package, menukaart_url)``: ``package`` is None when no live service in
    ``locale`` is named; ``menukaart_url`` opens the menu with the same package, or is None.
    """
    from menukaart.menu import Package, service_keys
    from menukaart.models import MenukaartPage, ServicePage

    keys = service_keys(list(values or []))
    if not keys:
        return None, None
    services = list(ServicePage.objects.live().filter(locale=locale, translation_key__in=keys).order_by("path"))
    if not services:
        return None, None
    menukaart = MenukaartPage.objects.live().filter(locale=locale).first()
    url = None
    if menukaart is not None:
        package_query = query_string({"service": [service.package_key for service in services]})
        url = f"{menukaart.get_url(request)}{package_query}#package"
    return Package(services), url
