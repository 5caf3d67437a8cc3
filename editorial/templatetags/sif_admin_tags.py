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
def sif_script_words(translation):
    """English words the editor's script writes, with their Dutch, as JSON (escaped for an attribute)."""
    import json

    from editorial import translation_editor_words

    return json.dumps(translation_editor_words.script_words(translation))


@register.simple_tag
def sif_footer_links(props):
    return review.footer_links(props)


@register.simple_tag
def sif_unpublish_check(user, page):
    """What the unpublish screen says before "Yes": a refusal, the links that go, or that the Dutch page stays."""
    from django.utils.translation import gettext as _

    from editorial import guards, translation_pairs

    going_too = translation_pairs.translations(page, aliases=False, live_only=True)
    check = {"refusal": None, "source": translation_pairs.source_page(page), "lost": []}
    pair_refusal = translation_pairs.refusal(user, page, "unpublish")
    refusal = guards.check_unpublish(page, going_too=going_too)
    title = _("'%(object)s' cannot be unpublished") % {"object": page.get_admin_display_title()}
    if pair_refusal:
        explanation, pages = pair_refusal
        check["refusal"] = {"title": title, "explanation": explanation, "pages": pages}
    elif refusal:
        pages = [page.specific for page in refusal.pages]
        check["refusal"] = {"title": title, "explanation": guards.refusal_explanation("unpublish"), "pages": pages}
    else:
        check["lost"] = guards.site_links_lost([page, *going_too])
    return check


@register.simple_tag
def sif_source_page(page):
    from editorial import translation_pairs

    return translation_pairs.source_page(page)
