from django import template

from menukaart.models import localized_pages

register = template.Library()


@register.simple_tag
def services_used(case_page):
    """The menukaart services a case used, live, in the visitor's language, in order."""
    return localized_pages([link.service for link in case_page.services_used.select_related("service")])
