"""The ``<head>`` tags a search engine or a link preview reads."""

from django import template

from search import seo

register = template.Library()


@register.inclusion_tag("components/seo_head.html", takes_context=True)
def seo_head(context, page=None, title=""):
    """Canonical, hreflang (with x-default), Open Graph, Twitter card and JSON-LD for ``<head>``."""
    return {"seo": seo.head(context["request"], page or None, title=title or None)}
