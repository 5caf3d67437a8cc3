"""Template helpers for the admin's translation editor (see editorial/review.py)."""

from django import template

from editorial import review

register = template.Library()


@register.simple_tag
def sif_review_state(user, instance):
    return review.review_state(user, instance)


@register.simple_tag
def sif_editor_props(props, user, instance, translation=None):
    """The editor's settings as JSON; simple_tag escapes it for the data-props attribute."""
    return review.editor_props(props, user, instance, translation)


@register.simple_tag
def sif_footer_links(props):
    return review.footer_links(props)
