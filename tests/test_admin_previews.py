"""Editors can preview every page type and every block, and every field they fill explains itself.

Page previews go through Wagtail's own preview view: the edit form of an
existing page of the small site (tests/factories.py) is posted as the admin's preview panel posts it, then the
preview is fetched. Block previews go through the block picker's preview view.
Help text is read from the edit handlers, so only fields an editor sees count.
"""

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, get_edit_handler
from wagtail.blocks.base import BlockField
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation

from home.blocks import TableBlock
from intake.models import IntakePage, Submission
from intake.wagtail_hooks import SubmissionViewSet

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"home", "programmes", "cases", "menukaart", "intake", "buysocial", "agenda"}
PAGE_MODELS = [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS]
SNIPPET_MODELS = [model for model in get_snippet_models() if model._meta.app_label in PROJECT_APPS]
SETTING_MODELS = [model for model in settings_registry if model._meta.app_label in PROJECT_APPS]
# Fields Wagtail itself puts on every page; their help text is Wagtail's business.
BUILT_IN_FIELDS = {"title", "slug", "seo_title", "search_description", "show_in_menus", "go_live_at", "expire_at"}


# Page previews -------------------------------------------------------------------------------------------------------


def block_form_data(block, value, prefix):
    """What the admin's StreamField widget posts for ``value``, as flat form data."""
    if isinstance(block, ImageBlock):
        value = block._image_to_struct_value(value)
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(value))}
        for index, child in enumerate(value):
            item = f"{prefix}-{index}"
            data.update({f"{item}-type": child.block_type, f"{item}-order": str(index), f"{item}-deleted": ""})
            data.update({f"{item}-id": child.id or ""})
            data.update(block_form_data(child.block, child.value, f"{item}-value"))
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": str(len(value))}
        for index, child in enumerate(value.bound_blocks):
            item = f"{prefix}-{index}"
            data.update({f"{item}-order": str(index), f"{item}-deleted": "", f"{item}-id": child.id or ""})
            data.update(block_form_data(block.child_block, child.value, f"{item}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data.update(block_form_data(child_block, value.get(name), f"{prefix}-{name}"))
        return data
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    if isinstance(block, blocks.ChooserBlock):
        return {prefix: str(value.pk) if value else ""}
    form_value = block.value_for_form(value)
    if isinstance(block, blocks.RichTextBlock):
        form_value = block.field.widget.format_value(form_value)  # Draftail posts its content state as JSON
    return {prefix: "" if form_value is None else str(form_value)}


def bound_form_data(form):
    """The data a browser would post for an unchanged, unbound admin form (formsets included)."""
    data = {}
    for bound_field in form:
        name, value, field = bound_field.html_name, bound_field.value(), bound_field.field
        if isinstance(field, BlockField):
            data.update(block_form_data(field.block, value, name))
        elif isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            formatted = field.widget.format_value(value)
            data[name] = "" if formatted is None else formatted
    for formset in getattr(form, "formsets", {}).values():
        management = formset.management_form
        data.update({bound_field.html_name: bound_field.value() for bound_field in management})
        for child_form in formset.forms:
            data.update(bound_form_data(child_form))
    return data


def page_form_data(page, user):
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, parent_page=page.get_parent().specific, for_user=user)
    return bound_form_data(form)


def a_page(model, language_code):
    page = model.objects.filter(locale__language_code=language_code).live().first()
    assert page is not None, f"the site has no {language_code} {model.__name__}"
    return page


@pytest.mark.usefixtures("demo")  # the small site lacks the Buy Social pages; the demo has a page of every type
@pytest.mark.parametrize("language_code", ["nl", "en"])
@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_previews_in_the_page_editor(editor, model, language_code):
    page = a_page(model, language_code)
    user = get_user_model().objects.get(username="redacteur")
    data = page_form_data(page, user)
    data["title"] = f"Voorbeeldweergave van {page.title}"
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])

    check = editor.post(url, data)
    assert check.json() == {"is_valid": True, "is_available": True}, check.content.decode()[:500]
    response = editor.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert escape(f"Voorbeeldweergave van {page.title}") in html, "the preview shows the unsaved title"
    assert f'lang="{language_code}"' in html
    assert "preview-error" not in html and "Preview not available" not in html


@pytest.mark.usefixtures("demo")  # translations made through wagtail-localize, as the demo loader makes them
@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_english_page_previews_in_the_translation_editor(editor, model):
    english = a_page(model, "en")
    translation_record = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=english.locale
    )

    response = editor.get(reverse("wagtail_localize:preview_translation", args=[translation_record.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html and english.title in html


@pytest.mark.parametrize(
    ("language_code", "heading", "example"),
    [
        ("nl", "Bedankt voor je vraag", "Voorbeelddienst uit de menukaart"),
        ("en", "Thank you for your question", "Example service from the menu"),
    ],
)
def test_the_intake_page_previews_its_thank_you_page(editor, language_code, heading, example):
    page = a_page(IntakePage, language_code)
    user = get_user_model().objects.get(username="redacteur")
    data = page_form_data(page, user)
    data["thank_you_text"] = (
        '{"blocks": [{"key": "a", "type": "unstyled", "text": "Unsaved thanks"}], "entityMap": {}}'
    )
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert IntakePage.preview_modes[1][0] == "thanks"

    check = editor.post(url + "?mode=thanks", data)
    assert check.json() == {"is_valid": True, "is_available": True}, check.content.decode()[:500]
    response = editor.get(url, {"mode": "thanks"})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language_code}"' in html
    assert heading in html and example in html, "the thank-you page with an example of what was sent"
    assert "Voorbeeldorganisatie" not in html and "Example organisation" not in html, "no personal data"
    assert "Unsaved thanks" in html, "the preview shows the unsaved thank-you text"
    assert '<form class="intake-form' not in html
    examples = ["Voorbeeldorganisatie", "Example organisation"]
    assert not Submission.objects.filter(organisation_name__in=examples).exists(), "a preview stores nothing"


# Blocks --------------------------------------------------------------------------------------------------------------


def stream_fields():
    for model in [*PAGE_MODELS, *SNIPPET_MODELS]:
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                yield model, field


def picker_blocks():
    """Every block an editor picks from a StreamField's block picker, once per block definition."""
    seen = {}

    def walk(block, where):
        if isinstance(block, blocks.StreamBlock):
            for name, child in block.child_blocks.items():
                seen.setdefault(child.definition_prefix, (f"{where}.{name}", child))
                walk(child, f"{where}.{name}")
        elif isinstance(block, blocks.StructBlock):
            for name, child in block.child_blocks.items():
                walk(child, f"{where}.{name}")
        elif isinstance(block, blocks.ListBlock):
            walk(block.child_block, where)

    for model, field in stream_fields():
        walk(field.stream_block, f"{model.__name__}.{field.name}")
    return list(seen.values())


PICKER_BLOCKS = picker_blocks()


def _untranslated(text_of, items):
    """The items whose text is empty, or the same in Dutch and English (no Dutch translation)."""
    missing = []
    for name, item in items:
        english = str(text_of(item)).strip()
        with translation.override("nl"):
            dutch = str(text_of(item)).strip()
        if not english:
            missing.append(f"{name}: none")
        elif dutch == english:
            missing.append(f"{name}: '{english}' has no Dutch translation")
    return missing


def test_every_block_has_a_description_in_both_languages():
    with translation.override("en"):
        missing = _untranslated(lambda block: block.get_description(), PICKER_BLOCKS)
    assert missing == []


def _is_plain_field(block):
    """A one-line field (a deliverable, say) has nothing to show beyond its label and help text."""
    return isinstance(block, blocks.FieldBlock) and not isinstance(block, blocks.RichTextBlock | TableBlock)


def _has_preview_value(block):
    """A ``Meta.preview_value``, or a ``get_preview_value`` of its own (a figure picks an existing image)."""
    own_method = type(block).get_preview_value is not blocks.Block.get_preview_value
    return hasattr(block.meta, "preview_value") or own_method


@pytest.mark.parametrize(("where", "block"), PICKER_BLOCKS, ids=[where for where, _ in PICKER_BLOCKS])
def test_every_block_has_a_preview_value_that_renders_in_the_preview_view(editor, where, block):
    if _is_plain_field(block):
        pytest.skip(f"{where} is a plain {type(block).__name__}: the picker shows its help text")
    assert _has_preview_value(block), f"{where} ({type(block).__name__}) has no preview_value"

    response = editor.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})

    assert response.status_code == 200
    rendered = str(block.render(block.get_preview_value())).strip()
    assert rendered and rendered in response.content.decode()


def test_the_block_picker_shows_previews():
    hidden = [where for where, block in PICKER_BLOCKS if not _is_plain_field(block) and not block.is_previewable]
    assert hidden == []


# Help text -----------------------------------------------------------------------------------------------------------


def panel_fields(panel, model):
    """(model, field name) for every field an editor can change in ``panel`` and its children."""
    if isinstance(panel, InlinePanel):
        child = panel.child_edit_handler
        yield from panel_fields(child, child.model)
        return
    if isinstance(panel, FieldPanel):
        if not panel.read_only:
            yield model, panel.field_name
        return
    for child in getattr(panel, "children", []):
        yield from panel_fields(child, model)


def editor_fields():
    handlers = [(model, model.get_edit_handler()) for model in PAGE_MODELS]
    handlers += [(model, get_edit_handler(model)) for model in SNIPPET_MODELS + SETTING_MODELS]
    handlers.append((Submission, SubmissionViewSet().get_edit_handler()))
    found = {}
    for model, handler in handlers:
        for owner, name in panel_fields(handler, model):
            if name in BUILT_IN_FIELDS:
                continue
            field = owner._meta.get_field(name)
            found.setdefault(f"{field.model.__name__}.{name}", field)
    return sorted(found.items())


EDITOR_FIELDS = editor_fields()


def test_every_editor_field_has_help_text_in_both_languages():
    """Every field of every panel an editor or intake handler fills: one check over them all."""
    with translation.override("en"):
        missing = _untranslated(lambda field: field.help_text, EDITOR_FIELDS)
    assert missing == []


def test_the_checks_cover_the_whole_project():
    assert {model.__name__ for model in PAGE_MODELS} >= {
        "HomePage",
        "StandardPage",
        "ProgrammeIndexPage",
        "ProgrammePage",
        "CaseIndexPage",
        "CasePage",
        "MenukaartPage",
        "ServicePage",
        "IntakePage",
    }
    assert {model.__name__ for model in SNIPPET_MODELS} >= {"Partner", "Theme", "ServiceCategory"}
    assert {
        "CasePage.phases",
        "CaseTheme.theme",
        "Submission.status",
        "SiteSettings.email",
        "IntakeSettings.notification_email",
    } <= dict(EDITOR_FIELDS).keys()
    assert {where.split(".")[-1] for where, _ in PICKER_BLOCKS} >= {
        "heading",
        "paragraph",
        "figure",
        "steps",
        "video",
        "document",
        "table",
    }
