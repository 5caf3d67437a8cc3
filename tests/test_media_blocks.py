"""Video, document and table blocks: rendered in both languages, and translatable.

The English page is made through wagtail-localize as editors make it: every text
of the three blocks (the table cell by cell) is offered as a string, and the
English page shows the English strings and the same document.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.blocks import TableBlock, VideoBlock
from home.models import HomePage, StandardPage
from tests.helpers import get_page

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Zo werkt een impact challenge": "How an impact challenge works",
    "Ondernemers vertellen hoe ze samenwerkten.": "Entrepreneurs tell how they worked together.",
    "Jaarverslag 2025": "Annual report 2025",
    "Wat we in een jaar deden.": "What we did in a year.",
    "Zo werkten we": "How we worked",
    "Fase": "Phase",
    "Duur": "Duration",
    "Verkenning": "Exploration",
    "2 weken": "2 weeks",
}


@pytest.fixture
def document(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model()(
        title="Jaarverslag", file=ContentFile(b"%PDF-1.4\n" + b"x" * 2048, name="jaarverslag.pdf")
    )
    document._set_document_file_metadata()  # as the admin's upload form does: size and hash
    document.save()
    return document


@pytest.fixture
def pages(document):
    nl, en = Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=nl)
    if not HomePage.objects.filter(locale=en).exists():
        home.copy_for_translation(en).save_revision().publish()
    body = [
        (
            "video",
            {
                "url": "https://www.youtube.com/watch?v=abc",
                "title": "Zo werkt een impact challenge",
                "transcript": "Ondernemers vertellen hoe ze samenwerkten.",
            },
        ),
        (
            "document",
            {"document": document, "title": "Jaarverslag 2025", "description": "Wat we in een jaar deden."},
        ),
        (
            "table",
            {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Zo werkten we",
                "data": [["Fase", "Duur"], ["Verkenning", "2 weken"], ["3", "€ 2.500"]],
            },
        ),
    ]
    dutch = home.add_child(instance=StandardPage(title="Media", slug="media", body=body))
    dutch.save_revision().publish()
    source, _ = TranslationSource.update_or_create_from_instance(dutch)
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=en,
            context=segment.context,
            data=ENGLISH.get(segment.string.data, segment.string.data),  # title, slug
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    translation = Translation.objects.create(source=source, target_locale=en)
    translation.save_target(publish=False)
    english = dutch.get_translation(en)
    english.get_latest_revision().publish()
    return dutch, english.specific


def test_every_text_of_the_blocks_is_offered_for_translation_and_numbers_are_not(pages):
    dutch, _english = pages
    source = TranslationSource.objects.get(object_id=dutch.translation_key)
    offered = set(source.stringsegment_set.values_list("string__data", flat=True))
    assert offered >= set(ENGLISH)
    assert not offered & {"3", "€ 2.500"}, "numbers are copied, not translated"


@pytest.mark.parametrize(
    ("language", "texts", "host_label"),
    [
        ("nl", ["Zo werkt een impact challenge", "Jaarverslag 2025", "Verkenning", "2 weken"], "video op youtube.com"),
        (
            "en",
            ["How an impact challenge works", "Annual report 2025", "Exploration", "2 weeks"],
            "video on youtube.com",
        ),
    ],
)
def test_blocks_render_in_both_languages(client, pages, document, language, texts, host_label):
    page = get_page(client, f"/{language}/media/")
    assert page.lang == language
    for text in texts:
        assert text in page.text
    assert host_label in page.text
    assert page.find_all("a", href="https://www.youtube.com/watch?v=abc", rel="noopener")
    assert "<iframe" not in page.html, "no third-party player"
    assert page.find_all("a", href=document.url), "the same document in both languages"
    assert "(PDF, 2,0 KB)" in page.text or "(PDF, 2.0 KB)" in page.text
    assert page.find_all("th", scope="col")
    assert page.find_all("div", role="region", tabindex="0"), "a wide table scrolls by keyboard too"
    assert "€ 2.500" in page.text


def test_table_segments_round_trip():
    block = TableBlock()
    value = {"table_caption": "Prijzen", "data": [["Pakket", None], ["Basis", "100"]]}
    segments = block.get_translatable_segments(value)
    assert [(segment.path, segment.render_text()) for segment in segments] == [
        ("caption", "Prijzen"),
        ("r0c0", "Pakket"),
        ("r1c0", "Basis"),
    ]
    for segment, text in zip(segments, ["Prices", "Package", "Basic"], strict=True):
        segment.string = type(segment.string).from_plaintext(text)
    restored = block.restore_translated_segments(value, segments)
    assert restored["table_caption"] == "Prices"
    assert restored["data"] == [["Package", None], ["Basic", "100"]]
    assert value["data"][0][0] == "Pakket", "the source is not changed"


def test_a_video_address_must_be_https():
    from wagtail.blocks import StructBlockValidationError

    block = VideoBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"url": "http://example.org/v", "title": "x", "transcript": ""}))
    assert block.clean(block.to_python({"url": "https://vimeo.com/1", "title": "x", "transcript": ""}))
