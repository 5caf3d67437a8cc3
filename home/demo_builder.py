"""Build bilingual demo content through wagtail-localize's own machinery.

Content is written once as a structure in which every translatable text is a
``T(nl=..., en=...)`` pair. The Dutch object is saved and published; the
English version becomes a wagtail-localize translation (synced mode), with
one ``StringTranslation`` per source segment, exactly as if an editor had
filled the translation editor. Editors therefore see the demo content in the
same state as content they translate themselves.
"""

import hashlib
import io
import uuid
from dataclasses import dataclass

from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

DEMO_NAMESPACE = uuid.UUID("6b0f1f7e-51f2-4b8e-9a57-2d9d1c1b5f10")


@dataclass(frozen=True)
class T:
    """A text in Dutch and English."""

    nl: str
    en: str


def pick(value, language):
    """The structure with every ``T`` replaced by its text in ``language``."""
    if isinstance(value, T):
        return getattr(value, language)
    if isinstance(value, dict):
        return {key: pick(item, language) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(pick(item, language) for item in value)
    return value


def stream(key, *blocks):
    """StreamField data with stable block ids, so both languages share one structure.

    ``blocks`` are ``(block_type, value)`` pairs.
    """
    return [
        {"type": block_type, "value": value, "id": str(uuid.uuid5(DEMO_NAMESPACE, f"{key}:{index}"))}
        for index, (block_type, value) in enumerate(blocks)
    ]


def rich(*paragraphs):
    """Rich text from paragraphs given as ``T`` pairs (or plain strings)."""
    return T(
        nl="".join(f"<p>{pick(p, 'nl')}</p>" for p in paragraphs),
        en="".join(f"<p>{pick(p, 'en')}</p>" for p in paragraphs),
    )


class DemoBuilder:
    def __init__(self, stdout=None):
        self.nl = Locale.objects.get(language_code="nl")
        self.en, _ = Locale.objects.get_or_create(language_code="en")
        self.stdout = stdout
        self.created = 0
        self.home = None

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def page(self, parent, model, fields):
        """The Dutch page under ``parent`` with its English translation, created if missing."""
        slug = pick(fields["slug"], "nl")
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            existing = existing.specific
            return existing, existing.get_translation_or_none(self.en)
        with transaction.atomic():
            dutch = model(locale=self.nl, **self.values(model, fields, "nl"))
            parent.add_child(instance=dutch)
            dutch.save_revision().publish()
            self.translate(dutch, model(**self.values(model, fields, "en")))
        # wagtail-localize publishes the translation when the transaction commits.
        english = dutch.get_translation(self.en)
        self.created += 1
        self.log(f"  {model.__name__}: {dutch.url_path} + English")
        return dutch, english

    def snippet(self, model, lookup, fields):
        """A translatable snippet in Dutch with its English translation, created if missing."""
        existing = model.objects.filter(locale=self.nl, **lookup).first()
        if existing is not None:
            return existing, existing.get_translation_or_none(self.en)
        with transaction.atomic():
            dutch = model.objects.create(locale=self.nl, **self.values(model, fields, "nl"))
            self.translate(dutch, model(**self.values(model, fields, "en")))
        english = dutch.get_translation(self.en)
        self.created += 1
        return dutch, english

    @staticmethod
    def values(model, fields, language):
        """Field values in ``language``, with StreamField data in Wagtail's stored block format.

        wagtail-localize only finds the items of a ListBlock in block format
        (each item with a type and an id), which is how the admin saves them.
        """
        values = pick(fields, language)
        for name, value in values.items():
            field = model._meta.get_field(name)
            if isinstance(field, StreamField) and isinstance(value, list):
                stream_value = field.stream_block.to_python(value)
                list(stream_value)  # binds every block, so get_prep_value re-serialises them all
                values[name] = field.stream_block.get_prep_value(stream_value)
        return values

    def translate(self, dutch, english_draft):
        """Translate ``dutch`` to English with the texts of the unsaved ``english_draft``.

        Call inside its own transaction: wagtail-localize publishes the English
        page when that transaction commits, from the page as it was then.
        """
        source, _ = TranslationSource.update_or_create_from_instance(dutch)
        segments = list(source.stringsegment_set.order_by("order").select_related("string", "context"))
        english_segments = [s for s in extract_segments(english_draft) if isinstance(s, StringSegmentValue)]
        if len(segments) != len(english_segments):
            raise CommandError(
                f"{dutch!r}: the Dutch text has {len(segments)} translatable segments, "
                f"the English text {len(english_segments)}. Give both the same structure."
            )
        for segment, english in zip(segments, english_segments, strict=True):
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=self.en,
                context=segment.context,
                defaults={
                    "data": english.string.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": "load_demo",
                },
            )
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=self.en)
        translation.save_target(publish=True)

    def image(self, title, colours):
        """A small generated illustration (no downloads): soft shapes in the brand colours."""
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing is not None:
            return existing
        seed = int(hashlib.sha256(title.encode()).hexdigest(), 16)
        width, height = 1200, 675
        canvas = PILImage.new("RGB", (width, height), colours[0])
        draw = ImageDraw.Draw(canvas)
        for index in range(6):
            colour = colours[1 + index % (len(colours) - 1)]
            x = (seed >> (index * 8)) % width
            y = (seed >> (index * 8 + 4)) % height
            radius = 120 + (seed >> (index * 5)) % 220
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
        buffer = io.BytesIO()
        canvas.save(buffer, format="JPEG", quality=80)
        filename = f"{uuid.uuid5(DEMO_NAMESPACE, title).hex[:12]}.jpg"
        return Image.objects.create(title=title, file=ImageFile(buffer, name=filename))
