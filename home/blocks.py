"""The shared block library: every page type builds its body from these blocks.

Each block has a template in ``home/templates/home/blocks/``, an icon, a
description and a ``preview_value`` so the block picker can show it. Text that
editors type is translatable by wagtail-localize; choices (levels, styles) are
not, because they are the same in both languages.
"""

from urllib.parse import urlsplit

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.rich_text import RichText

from .privacy import LegalBasis

# Rich text inside a page's own fields (a challenge, a problem): no headings,
# because the template gives those fields their h2.
INLINE_RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-heading (h3)"))],
        default="h2",
        label=_("Level"),
        help_text=_("The page title is the only h1; start sections at h2."),
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"
        label = _("Heading")
        description = _("A section heading that also appears in the page outline.")
        preview_value = {"text": "Samen ondernemen voor impact", "level": "h2"}

    def get_searchable_content(self, value):
        """The heading's text only: the level's label ("Section heading (h2)") is for editors, not for a snippet."""
        return self.child_blocks["text"].get_searchable_content(value.get("text"))


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "home/blocks/paragraph.html"
        label = _("Text")
        description = _("Running text with links and lists. Sub-headings start at h3.")
        preview_value = (
            "<p>Social Impact Factory brengt gemeenten, bedrijven en sociaal "
            "ondernemers samen rond maatschappelijke vraagstukken.</p>"
        )


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(
        label=_("Image"),
        help_text=_("Describe the image for people who cannot see it, or mark it as decorative."),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    def get_preview_value(self):
        """The newest image in the library, so the block picker can show the block."""
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at").first()
        if image is None:
            return None
        return self.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": True}, "caption": ""})

    class Meta:
        icon = "image"
        template = "home/blocks/figure.html"
        label = _("Image with caption")
        description = _("An image with alt text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        max_length=120,
        label=_("Attribution"),
        help_text=_("A role or organisation. Only name a person who agreed to be quoted."),
    )

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote.html"
        label = _("Quote or testimonial")
        description = _("A short quote with who said it.")
        preview_value = {
            "quote": "Samen met gemeenten, bedrijven en sociaal ondernemers versnellen we sociaal ondernemen.",
            "attribution": "Social Impact Factory",
        }


class FigureValueBlock(blocks.CharBlock):
    """A number: the same in every language, so wagtail-localize copies it instead of asking for a translation."""

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class KeyFigureBlock(blocks.StructBlock):
    value = FigureValueBlock(max_length=20, label=_("Figure"), help_text=_("For example 200 or € 500k."))
    label = blocks.CharBlock(max_length=80, label=_("What it counts"))

    class Meta:
        icon = "order"
        label = _("Key figure")


class DropsEmptyItems:
    """A struct block whose list drops items left entirely empty when the page is saved.

    The "+" that adds an item sits right above the "+" that inserts the next block; a click on
    the wrong one added an empty step whose required fields blocked saving, and "Go to the first
    error" did not scroll to it. An item with nothing filled in is dropped instead; one that is
    partly filled in still says what is missing.
    """

    list_field = None

    def clean(self, value):
        items = value.get(self.list_field)
        if items is not None:
            kept = [item for item in items.bound_blocks if any(_filled(part) for part in item.value.values())]
            if len(kept) != len(items.bound_blocks):
                value[self.list_field] = blocks.list_block.ListValue(
                    self.child_blocks[self.list_field], bound_blocks=kept
                )
        return super().clean(value)


def _filled(value):
    return bool(str(value or "").strip())


def is_empty(value):
    """Nothing filled in: blank text, or a struct or list whose parts are all empty."""
    if isinstance(value, blocks.StructValue):
        return all(is_empty(part) for part in value.values())
    if isinstance(value, blocks.list_block.ListValue):
        return all(is_empty(item) for item in value)
    if isinstance(value, RichText):
        return not strip_tags(value.source).strip()
    return not _filled(value)


class SkipsEmptyBlocks(blocks.StreamBlock):
    """A stream whose blocks left entirely empty are dropped when the page is saved.

    A new case starts with its phases and key figures laid out (cases/admin_forms.py), so that
    an editor fills them in rather than inserting them; an editor who has none leaves them empty.
    """

    def clean(self, value):
        kept = [child for child in value if not is_empty(child.value)]
        if len(kept) != len(value):
            value = blocks.StreamValue(self, [(child.block_type, child.value, child.id) for child in kept])
        return super().clean(value)


class KeyFiguresBlock(DropsEmptyItems, blocks.StructBlock):
    list_field = "figures"
    title = blocks.CharBlock(required=False, max_length=120, label=_("Title"))
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6, label=_("Figures"))

    class Meta:
        icon = "table"
        template = "home/blocks/key_figures.html"
        label = _("Key figures")
        description = _("Up to six numbers with what they count.")
        preview_value = {
            "title": "Ons netwerk",
            "figures": [
                {"value": "200", "label": "sociale ondernemingen"},
                {"value": "22", "label": "gemeenten"},
                {"value": "20+", "label": "impact challenges"},
            ],
        }


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site (preferred: it follows the language) or an external URL."""

    page = blocks.PageChooserBlock(required=False, label=_("Page on this site"))
    url = blocks.URLBlock(required=False, label=_("Or an external address"))
    label = blocks.CharBlock(max_length=60, label=_("Link text"))

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an address, not both."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Link")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        template = "home/blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A highlighted box with a title, a sentence and one button.")
        preview_value = {
            "title": "Leg jouw vraagstuk aan ons voor",
            "text": "Vertel ons welk maatschappelijk vraagstuk je wilt oplossen.",
            "link": {"url": "/", "label": "Neem contact op"},
        }


class RoomRequestBlock(blocks.StructBlock):
    """A box with a button to the short request form for a room or a desk.

    The button opens the site's intake form (Site settings) in the page's language with
    ``?topic=room``: a short request without the 30-character social question or the menu.
    Without an intake page the box is not shown (home/templates/home/blocks/room_request.html).
    """

    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    button_label = blocks.CharBlock(max_length=60, label=_("Button text"))

    class Meta:
        icon = "home"
        template = "home/blocks/room_request.html"
        label = _("Room or desk request")
        description = _("A box with a button to the short form for booking a meeting room or a desk.")
        preview_value = {
            "title": "Een zaal of werkplek boeken",
            "text": "Vertel ons wat je wilt boeken, wanneer en voor hoeveel mensen.",
            "button_label": "Vraag een zaal of werkplek aan",
        }


class StepBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120, label=_("Name"))
    activities = blocks.TextBlock(label=_("What was done"))
    outcome = blocks.TextBlock(required=False, label=_("What it produced"))

    class Meta:
        icon = "list-ol"
        label = _("Step")


class StepsBlock(DropsEmptyItems, blocks.StructBlock):
    """An ordered series of steps: the phases of a case, or how a service runs."""

    list_field = "steps"
    title = blocks.CharBlock(required=False, max_length=120, label=_("Title"))
    steps = blocks.ListBlock(StepBlock(), min_num=1, label=_("Steps"))

    class Meta:
        icon = "list-ol"
        template = "home/blocks/steps.html"
        label = _("Steps or phases")
        description = _("Numbered steps, each with what was done and what it produced.")
        preview_value = {
            "title": "Zo werkten we",
            "steps": [
                {"name": "Verkenning", "activities": "Gesprekken met partners.", "outcome": "Een model."},
                {"name": "Experiment", "activities": "Pilots met ondernemers.", "outcome": "Lessen."},
            ],
        }


class VideoBlock(blocks.StructBlock):
    """A video on another platform, as a link with its title and a transcript.

    Not an embedded player: a frame from YouTube or Vimeo loads their scripts and
    sets their cookies, which the site promises not to do (and its Content
    Security Policy forbids). The visitor follows the link to watch.
    """

    url = blocks.URLBlock(
        label=_("Address of the video"),
        help_text=_("The full https address on YouTube, Vimeo or another platform."),
    )
    title = blocks.CharBlock(max_length=120, label=_("Title of the video"))
    transcript = blocks.TextBlock(
        required=False,
        label=_("Transcript or summary"),
        help_text=_("What is said and shown, for people who cannot watch or hear the video."),
    )

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        value = super().clean(value)
        if urlsplit(value["url"]).scheme != "https":
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Give an address that starts with https://."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["host"] = urlsplit(value["url"]).hostname.removeprefix("www.") if value["url"] else ""
        return context

    class Meta:
        icon = "media"
        template = "home/blocks/video.html"
        label = _("Video")
        description = _("A video on YouTube or Vimeo: a link with its title and a transcript, no embedded player.")
        preview_value = {
            "url": "https://www.youtube.com/watch?v=example",
            "title": "Zo werkt een impact challenge",
            "transcript": "Ondernemers, gemeenten en bedrijven vertellen hoe ze samen een vraagstuk aanpakten.",
        }


class DocumentBlock(blocks.StructBlock):
    """A document to download, with its type and size so visitors know what they get."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Link text"),
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(required=False, label=_("Description"))

    def get_preview_value(self):
        """The newest document in the library; without one, an unsaved example (the picker only shows it)."""
        from wagtail.documents import get_document_model

        Document = get_document_model()  # noqa: N806
        document = Document.objects.order_by("-created_at").first() or Document(
            id=0, title="Jaarverslag", file="documents/jaarverslag.pdf", file_size=245760
        )
        return blocks.StructValue(
            self, [("document", document), ("title", ""), ("description", "Wat we in een jaar deden, in cijfers.")]
        )

    class Meta:
        icon = "doc-full"
        template = "home/blocks/document.html"
        label = _("Document download")
        description = _("A link to download a document, with its file type and size.")


class TableBlock(WagtailTableBlock):
    """A table whose text wagtail-localize offers for translation, cell by cell.

    wagtail-localize does not know Wagtail's table block: without these two methods the
    English page would keep the Dutch cells (and creating a translation fails). Cells
    without a letter (numbers, amounts) are the same in both languages and are copied.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "table_options",
            {"contextMenu": ["row_above", "row_below", "remove_row", "col_left", "col_right", "remove_col"]},
        )
        super().__init__(**kwargs)

    @staticmethod
    def _has_words(text):
        return isinstance(text, str) and any(character.isalpha() for character in text)

    def get_translatable_segments(self, value):
        from wagtail_localize.segments import StringSegmentValue

        if not value:
            return []
        segments = []
        if self._has_words(value.get("table_caption")):
            segments.append(StringSegmentValue("caption", value["table_caption"]))
        for row_index, row in enumerate(value.get("data") or []):
            for column_index, cell in enumerate(row):
                if self._has_words(cell):
                    segments.append(StringSegmentValue(f"r{row_index}c{column_index}", cell))
        return segments

    def restore_translated_segments(self, value, segments):
        value = {**value, "data": [list(row) for row in value.get("data") or []]}
        for segment in segments:
            text = segment.render_text()
            if segment.path == "caption":
                value["table_caption"] = text
                continue
            row_index, column_index = (int(part) for part in segment.path[1:].split("c"))
            value["data"][row_index][column_index] = text
        return value

    class Meta:
        icon = "table"
        template = "home/blocks/table.html"
        label = _("Table")
        description = _("A table with a header row and a caption. Use it for data, not for layout.")
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Zo werkten we",
            "data": [
                ["Fase", "Wat we deden", "Wat het opleverde"],
                ["Verkenning", "Gesprekken met partners", "Een model"],
                ["Experiment", "Pilots met ondernemers", "Lessen"],
            ],
        }


class KnownIssueBlock(blocks.StructBlock):
    """A known accessibility problem with its plan, as the Dutch model statement lists them."""

    problem = blocks.TextBlock(label=_("Problem"), help_text=_("What does not work, and for whom."))
    criterion = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("WCAG success criterion"),
        help_text=_("For example '2.4.11 Focus not obscured'."),
    )
    measure = blocks.TextBlock(label=_("What we do about it"))
    planned_date = blocks.DateBlock(required=False, label=_("Solved by"))

    class Meta:
        icon = "warning"
        template = "home/blocks/known_issue.html"
        label = _("Known issue")
        description = _("A known problem, its WCAG criterion, what the hub does about it and by when.")
        preview_value = {
            "problem": "Een pdf-document heeft geen koppen.",
            "criterion": "1.3.1 Info en relaties",
            "measure": "We maken het document opnieuw met koppen.",
            "planned_date": None,
        }


class ProcessingBlock(blocks.StructBlock):
    """Personal data the hub keeps outside the site's forms, for the privacy statement."""

    name = blocks.CharBlock(max_length=120, label=_("What it is about"), help_text=_("For example 'Newsletter'."))
    data = blocks.TextBlock(label=_("Which data"))
    purpose = blocks.TextBlock(label=_("Why we keep it"))
    legal_basis = blocks.ChoiceBlock(choices=LegalBasis.choices, label=_("Legal basis"))
    retention = blocks.TextBlock(label=_("How long we keep it"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["legal_basis_label"] = dict(LegalBasis.choices).get(value["legal_basis"], value["legal_basis"])
        return context

    class Meta:
        icon = "lock"
        template = "home/blocks/processing.html"
        label = _("Personal data")
        description = _("What is kept, why, on which legal basis and for how long.")
        preview_value = {
            "name": "Nieuwsbrief",
            "data": "Je e-mailadres.",
            "purpose": "Om je de nieuwsbrief te sturen.",
            "legal_basis": "consent",
            "retention": "Tot je je afmeldt.",
        }


class ProcessorBlock(blocks.StructBlock):
    """A company that processes personal data on the hub's behalf."""

    name = blocks.CharBlock(max_length=120, label=_("Company"))
    task = blocks.CharBlock(max_length=250, label=_("What it does for us"), help_text=_("For example 'hosting'."))
    where = blocks.CharBlock(
        required=False, max_length=120, label=_("Where the data is kept"), help_text=_("For example 'the EU'.")
    )

    class Meta:
        icon = "site"
        template = "home/blocks/processor.html"
        label = _("Processor")
        description = _("A company that processes personal data for the hub, and what for.")
        preview_value = {"name": "Hostingbedrijf", "task": "Host de website en de database.", "where": "EU"}


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    figure = FigureBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    steps = StepsBlock()
    call_to_action = CallToActionBlock()
    room_request = RoomRequestBlock()
    video = VideoBlock()
    document = DocumentBlock()
    table = TableBlock()

    class Meta:
        block_counts = {}
