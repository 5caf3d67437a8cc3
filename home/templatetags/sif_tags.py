from django import template

from home import localization

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context, page=None):
    return localization.language_alternates(context["request"], page)


@register.simple_tag(takes_context=True)
def page_ancestors(context, page):
    """Ancestors of ``page`` from the home page down, shared with the breadcrumb structured data."""
    return localization.ancestors(context["request"], page)


@register.simple_tag(takes_context=True)
def current_home(context):
    return localization.current_home(context["request"])


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Live pages under the visitor's home page that editors marked 'show in menus'."""
    return localization.menu_pages(context["request"])


@register.simple_tag(takes_context=True)
def site_page(context, name):
    """``intake``, ``contact``, ``privacy`` or ``accessibility`` page from SiteSettings, in the visitor's language."""
    return localization.site_pages(context["request"])[name]


@register.simple_tag(takes_context=True)
def organisation(context):
    """The organisation's details as editors filled them in (home/contact.py): Site settings and locations."""
    from home import contact

    return contact.organisation(context["request"])


@register.simple_tag
def team():
    """The team members, in the visitor's language, for the contact page."""
    from home import contact

    return contact.people()


@register.simple_tag
def localized(page):
    """The page in the visitor's language when it has a live translation."""
    return localization.localized(page)


@register.filter
def is_within(page, section):
    """True when ``page`` lies below ``section`` in the page tree."""
    return bool(page) and hasattr(page, "path") and page.path.startswith(section.path)
