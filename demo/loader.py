"""Load the bilingual demo content from data files (development only).

Each app in ``settings.DEMO_CONTENT_APPS`` keeps its demo content in
``<app>/demo/*.toml``: Dutch and English side by side, no Python. This module
is the one interpreter of those files. The Dutch object is saved and
published; the English version becomes a wagtail-localize translation
(synced mode), with one ``StringTranslation`` per source segment, exactly as
if an editor had filled the translation editor.

The data format (see ``home/demo/content.toml`` for a full example):

- ``{ nl = "...", en = "..." }`` is a text in both languages. When both are
  lists of strings, each string becomes a rich-text paragraph (``<p>``).
  A plain value (a name, a number, a URL, a slug shared by both languages)
  is the same in both languages.
- ``{ ref = "page:<key>" }``, ``"snippet:<key>"`` or ``"image:<key>"`` names
  an object made earlier in this run (from any app loaded before).
- ``[[image]]``: ``key``, ``title``, ``colours`` (generated illustration).
- ``[[snippet]]``: ``key``, ``model`` (a model's class name, from any app), ``match`` (the field that found the
  snippet before it had a stable key), then its fields.
- ``[[page]]``: ``key``, ``model``, ``parent`` (a page key, or ``"root"``),
  then its fields. StreamField fields are lists of blocks: ``type`` plus
  either ``value`` or the fields of the block. Child relations (inline
  panels) are lists of their rows' fields.
- ``[site]``: ``root`` (a page key) and ``name``: the page becomes the default
  site's root in place of Wagtail's welcome page.
- ``{ days_after_load = 21, at = "17:00" }`` is a moment that many days after the load (negative:
  before), at that Amsterdam time: a demo open call stays open on a fresh ``make run``.
- ``[[setting]]``: ``model`` and fields of a site setting; only empty fields
  are filled.
- ``[[link]]``: ``page``, ``field``, ``items``: rows of a child relation that
  point at pages of apps loaded later; applied after every app is loaded.

Idempotent and completing: every page and snippet gets a translation key
derived from its data key, and what exists (by that key, or by slug/``match``
for content loaded before the keys existed) is left exactly as it is, so a
second run creates nothing, an interrupted run is completed, and editors'
changes are kept. Each object is created in a transaction of its own.
"""

import datetime
import hashlib
import io
import os
import tomllib
import uuid
from pathlib import Path

from django.apps import apps
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.db import models, transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Locale, Page, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

DEMO_NAMESPACE = uuid.UUID("6b0f1f7e-51f2-4b8e-9a57-2d9d1c1b5f10")
LANGUAGES = ("nl", "en")


def data_files(app_label):
    """The demo data files of an app, in name order."""
    folder = Path(apps.get_app_config(app_label).path) / "demo"
    return sorted(folder.glob("*.toml"))


def read(path):
    with open(path, "rb") as file:
        return tomllib.load(file)


def is_text(value):
    """A ``{nl, en}`` pair."""
    return isinstance(value, dict) and set(value) == set(LANGUAGES)


def is_ref(value):
    return isinstance(value, dict) and set(value) == {"ref"}


def is_relative_moment(value):
    return isinstance(value, dict) and set(value) == {"days_after_load", "at"}


def relative_moment(value):
    """The aware datetime ``days_after_load`` local days from today, at ``at`` (HH:MM) in the site's time zone."""
    day = timezone.localdate() + datetime.timedelta(days=value["days_after_load"])
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(value["at"])))


class DemoLoader:
    """Creates what is missing of the demo content described by the apps' data files.

    The interface: ``load(app_labels)`` loads every app's files and then the
    links; ``load_file(path)`` loads one file (its links wait for ``finish()``);
    ``get(ref)`` returns an object made or found earlier in the run;
    ``created`` counts the objects this run created. Nothing is shared
    between apps but what this object holds.
    """

    def __init__(self, stdout=None):
        self.nl = Locale.objects.get(language_code="nl")
        self.en, _ = Locale.objects.get_or_create(language_code="en")
        self.stdout = stdout
        self.created = 0
        self.objects = {}
        self.links = []
        self.site = {}

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    # The interface ---------------------------------------------------------

    def load(self, app_labels):
        for app_label in app_labels:
            files = data_files(app_label)
            if files:
                self.log(f"Demo content for {app_label}:")
            for path in files:
                self.load_file(path)
        self.finish()
        return self.created

    def load_file(self, path):
        data = read(path)
        for item in data.get("image", []):
            self.image(item)
        for item in data.get("snippet", []):
            self.snippet(item)
        self.site.update(data.get("site", {}))
        for item in data.get("page", []):
            self.page(item)
        for item in data.get("setting", []):
            self.setting(item)
        self.links.extend(data.get("link", []))

    def finish(self):
        """Apply the links, once every app's pages exist."""
        for link in self.links:
            self.link(link)
        self.links = []

    def get(self, ref):
        try:
            return self.objects[ref]
        except KeyError:
            raise CommandError(
                f"Demo data refers to {ref!r}, which no data file loaded before it defines. "
                "Define it earlier, or use a [[link]] for pages of apps loaded later."
            ) from None

    # Objects ---------------------------------------------------------------

    def image(self, item):
        """A small generated illustration (no downloads): soft shapes in the given colours."""
        Image = get_image_model()
        title, colours = item["title"], item["colours"]
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image.objects.create(title=title, file=ImageFile(_drawing(title, colours), name=_filename(title)))
            self._created(image)
        self.objects[f"image:{item['key']}"] = image

    def snippet(self, item):
        """A translatable snippet in Dutch with its English translation, created if missing."""
        model = self.model(item["model"])
        key, fields = item["key"], _fields(item, "key", "model", "match")
        translation_key = _translation_key("snippet", key)
        dutch = model.objects.filter(locale=self.nl, translation_key=translation_key).first()
        if dutch is None and "match" in item:
            match = item["match"]
            dutch = model.objects.filter(locale=self.nl, **{match: self.pick(fields[match], "nl")}).first()
        if dutch is None:
            with transaction.atomic():
                dutch = model.objects.create(
                    locale=self.nl, translation_key=translation_key, **self.values(model, key, fields, "nl")
                )
                self.translate(dutch, model(**self.values(model, key, fields, "en")))
            self._created(dutch)
        self.objects[f"snippet:{key}"] = dutch

    def page(self, item):
        """The Dutch page with its English translation, created if missing."""
        model = self.model(item["model"])
        key, fields = item["key"], _fields(item, "key", "model", "parent")
        parent = Page.get_first_root_node() if item["parent"] == "root" else self.get(f"page:{item['parent']}")
        translation_key = _translation_key("page", key)
        dutch = Page.objects.filter(locale=self.nl, translation_key=translation_key).first()
        if dutch is None:
            slug = self.pick(fields["slug"], "nl")
            dutch = parent.get_children().type(model).filter(slug=slug).first()
        if dutch is None:
            with transaction.atomic():
                becomes_root = self.site.get("root") == key
                welcome = self._welcome_page() if becomes_root else None
                if welcome is not None:
                    welcome.slug = "wagtail-welcome"
                    welcome.save(update_fields=["slug"])
                dutch = model(locale=self.nl, translation_key=translation_key, **self.values(model, key, fields, "nl"))
                parent.add_child(instance=dutch)
                dutch.save_revision().publish()
                self.translate(dutch, model(**self.values(model, key, fields, "en")))
                if becomes_root:
                    self._make_site_root(dutch, welcome)
            self._created(dutch)
        self.objects[f"page:{key}"] = dutch.specific

    def setting(self, item):
        """Fill the empty fields of a site setting; what an editor filled in stays."""
        model = self.model(item["model"])
        setting = model.for_site(Site.objects.get(is_default_site=True))
        changed = []
        for name, value in self.pick(_fields(item, "model"), "nl").items():
            field = model._meta.get_field(name)
            if getattr(setting, field.attname) in (None, ""):
                setattr(setting, name, value)
                changed.append(name)
        if changed:
            setting.save(update_fields=changed)
            self.log(f"  {type(setting).__name__}: {', '.join(changed)}")

    def link(self, item):
        """Rows of a child relation that point at pages of later apps.

        Added only while the relation is empty and no editor has saved the
        page, then published with its translations (child relations are
        synchronised fields).
        """
        page = self.get(f"page:{item['page']}")
        relation = getattr(page, item["field"])
        if relation.exists() or page.revisions.exclude(user=None).exists():
            return
        row_model = page._meta.get_field(item["field"]).related_model
        setattr(page, item["field"], [row_model(**row) for row in self.pick(item["items"], "nl")])
        with transaction.atomic():
            page.save_revision().publish()
            source, _ = TranslationSource.update_or_create_from_instance(page)
            for translation in Translation.objects.filter(source=source):
                _save_and_publish(translation)
        self.log(f"  {type(page).__name__}: {page.url_path} {item['field']}")

    # Interpretation --------------------------------------------------------

    @staticmethod
    def model(name):
        """The model a data file names by its class name (``model = "CasePage"``), in whichever app it lives."""
        found = [model for model in apps.get_models() if model.__name__ == name]
        if len(found) != 1:
            raise CommandError(f"Demo data names the model {name!r}, which {len(found)} installed models are called.")
        return found[0]

    def pick(self, value, language):
        """The data with every text in ``language`` and every reference resolved."""
        if is_text(value):
            text = value[language]
            return "".join(f"<p>{paragraph}</p>" for paragraph in text) if isinstance(text, list) else text
        if is_ref(value):
            return self.get(value["ref"])
        if is_relative_moment(value):
            return relative_moment(value)
        if isinstance(value, dict):
            return {name: self.pick(item, language) for name, item in value.items()}
        if isinstance(value, list):
            return [self.pick(item, language) for item in value]
        return value

    def values(self, model, key, fields, language):
        """Field values in ``language``, in the form the model takes.

        StreamField data gets stable block ids (the same in both languages) and
        Wagtail's stored block format: wagtail-localize only finds the items of
        a ListBlock in that format (each item with a type and an id), which is
        how the admin saves them. Child relations become rows of their model.
        """
        values = {}
        for name, value in self.pick(fields, language).items():
            field = model._meta.get_field(name)
            if isinstance(field, StreamField):
                stream_value = field.stream_block.to_python(_stream(f"{key}-{name}", value))
                list(stream_value)  # binds every block, so get_prep_value re-serialises them all
                value = field.stream_block.get_prep_value(stream_value)
            elif field.one_to_many:
                value = [field.related_model(**row) for row in value]
            values[name] = value
        return values

    def translate(self, dutch, english_draft):
        """Translate ``dutch`` to English with the texts of the unsaved ``english_draft``.

        Call inside the transaction that creates ``dutch``, so that both
        languages exist or neither does.
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
        _save_and_publish(translation)

    # Helpers ---------------------------------------------------------------

    def _created(self, obj):
        self.created += 1
        where = getattr(obj, "url_path", None) or str(obj)
        self.log(f"  {type(obj).__name__}: {where}")

    @staticmethod
    def _welcome_page():
        """Wagtail's 'Welcome to your new Wagtail site!' page, while it is still the site root."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None and type(site.root_page.specific) is Page and site.root_page.depth == 2:
            return site.root_page
        return None

    def _make_site_root(self, page, welcome):
        """The default site shows ``page``, unless an editor already gave it another root."""
        site = Site.objects.get(is_default_site=True)
        if welcome is None:
            self.log(f"  The site keeps its root page {site.root_page.url_path}.")
            return
        site.root_page = page
        site.site_name = self.site.get("name", site.site_name)
        site.hostname, site.port = _demo_host()
        site.save()
        if welcome is not None:
            welcome.delete()


def _save_and_publish(translation):
    """Save the translation's target and publish it now.

    ``save_target(publish=True)`` publishes pages with ``transaction.on_commit``:
    inside an outer transaction (a test, or a caller's ``atomic``) that runs
    after later pages were added under the English page, and publishing its
    stale revision then resets the page's child count in the tree.
    """
    if not issubclass(translation.source.specific_content_type.model_class(), DraftStateMixin):
        translation.save_target(publish=True)  # a snippet without drafts is live once saved
        return
    translation.save_target(publish=False)
    target = translation.source.get_translated_instance(translation.target_locale)
    target.get_latest_revision().publish()


def _fields(item, *meta):
    return {name: value for name, value in item.items() if name not in meta}


def _translation_key(kind, key):
    return uuid.uuid5(DEMO_NAMESPACE, f"{kind}:{key}")


def _stream(key, blocks):
    """Blocks from the data (``type`` plus ``value`` or the block's fields) with stable ids."""
    stream = []
    for index, block in enumerate(blocks):
        block = dict(block)
        block_type = block.pop("type")
        value = block.pop("value") if "value" in block else block
        stream.append(
            {"type": block_type, "value": _pks(value), "id": str(uuid.uuid5(DEMO_NAMESPACE, f"{key}:{index}"))}
        )
    return stream


def _pks(value):
    """StreamField data stores objects (chosen images, pages) by primary key."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {name: _pks(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_pks(item) for item in value]
    return value


def _demo_host():
    """The host the demo site answers on; canonical and hreflang URLs are built from it."""
    hostname, _, port = os.environ.get("SIF_SITE_HOST", "127.0.0.1:8000").partition(":")
    return hostname, int(port or 80)


def _drawing(title, colours):
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
    return buffer


def _filename(title):
    return f"{uuid.uuid5(DEMO_NAMESPACE, title).hex[:12]}.jpg"
