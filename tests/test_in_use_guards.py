"""Deleting or unpublishing what live pages use is refused, with the list of those pages in both languages.

Without this, deleting a service or a theme silently dropped it from live cases (and left the
English twin without its Dutch source), unpublishing a programme or the privacy statement left
dead links, and deleting an image left a caption without an image.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from cases.models import CasePage, Theme
from home.models import SiteSettings, StandardPage
from intake.models import IntakePage
from menukaart.models import ServicePage
from programmes.models import ProgrammePage
from tests.helpers import get_page

pytestmark = pytest.mark.django_db


def _cases(slug):
    """The live Dutch and English case pages with this slug."""
    cases = {case.locale.language_code: case for case in CasePage.objects.live().filter(slug=slug)}
    assert set(cases) == {"nl", "en"}
    return cases


def _assert_refused_listing(response, pages, not_listed=()):
    assert response.status_code == 409
    html = response.content.decode()
    for page in pages:
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html, page.title
    for page in not_listed:
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) not in html, page.title


@pytest.mark.usefixtures("demo")
def test_deleting_a_service_used_by_live_cases_is_refused(admin):
    service = ServicePage.objects.get(slug="verandertraject-sociaal-ondernemen", locale__language_code="nl")
    cases = _cases("gemeente-utrecht")

    response = admin.post(reverse("wagtailadmin_pages:delete", args=[service.pk]))

    _assert_refused_listing(response, cases.values())
    assert "Gemeente Utrecht" in response.content.decode()
    assert ServicePage.objects.filter(pk=service.pk).exists()
    for language, case in cases.items():
        assert service.get_translation(case.locale).title in get_page(Client(), case.url).text, language


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("language", ["nl", "en"])
def test_deleting_a_theme_in_either_language_is_refused_while_cases_use_it(moderator, language):
    theme = Theme.objects.get(slug="werk", locale__language_code=language)
    users = [*_cases("gemeente-utrecht").values(), *_cases("jaarbeurs-band-op-spanning").values()]
    unrelated = _cases("missie-030").values()

    response = moderator.post(reverse("wagtailsnippets_cases_theme:delete", args=[theme.pk]))

    _assert_refused_listing(response, users, not_listed=unrelated)
    assert Theme.objects.filter(pk=theme.pk).exists()
    english_case = _cases("gemeente-utrecht")["en"]
    english_theme = Theme.objects.get(slug="werk", locale__language_code="en")
    assert english_theme.name in get_page(Client(), english_case.url).text


def test_a_theme_nobody_uses_can_be_deleted(moderator):
    theme = Theme.objects.create(name="Tijdelijk thema", slug="tijdelijk", locale=Theme.objects.first().locale)

    response = moderator.post(reverse("wagtailsnippets_cases_theme:delete", args=[theme.pk]))

    assert response.status_code == 302
    assert not Theme.objects.filter(pk=theme.pk).exists()


@pytest.mark.usefixtures("demo_programme_links")
@pytest.mark.parametrize("language", ["nl", "en"])
def test_unpublishing_a_programme_that_live_cases_link_to_is_refused(moderator, language):
    programme = ProgrammePage.objects.get(slug="buy-social", locale__language_code=language)
    other = "en" if language == "nl" else "nl"
    users = [_cases("gemeente-utrecht")[language], _cases("jaarbeurs-band-op-spanning")[language]]

    response = moderator.post(reverse("wagtailadmin_pages:unpublish", args=[programme.pk]))

    if language == "nl":
        # The Dutch programme goes offline with its English translation: the English cases lose their link too.
        _assert_refused_listing(response, [*users, _cases("gemeente-utrecht")[other]])
    else:
        _assert_refused_listing(response, users, not_listed=[_cases("gemeente-utrecht")[other]])
    programme.refresh_from_db()
    assert programme.live
    case_page = get_page(Client(), users[0].url)
    assert programme.url in [a.get("href") for a in case_page.find_all("a")]
    assert Client().get(programme.url).status_code == 200


@pytest.mark.usefixtures("demo")
def test_unpublishing_a_page_nobody_links_to_still_works(moderator):
    case = _cases("missie-030")["en"]

    response = moderator.post(reverse("wagtailadmin_pages:unpublish", args=[case.pk]))

    assert response.status_code == 302
    case.refresh_from_db()
    assert not case.live


@pytest.mark.parametrize("language", ["nl", "en"])
def test_unpublishing_the_privacy_statement_is_refused_while_the_intake_takes_data(moderator, language):
    privacy_nl = SiteSettings.objects.get().privacy_page
    privacy = Page.objects.get(translation_key=privacy_nl.translation_key, locale__language_code=language)
    intake = IntakePage.objects.live().get(locale__language_code=language)

    response = moderator.post(reverse("wagtailadmin_pages:unpublish", args=[privacy.pk]))

    _assert_refused_listing(response, [intake])
    privacy.refresh_from_db()
    assert privacy.live
    assert privacy.url in [a.get("href") for a in get_page(Client(), intake.url).find_all("a")]


@pytest.mark.usefixtures("demo")
def test_deleting_the_image_of_a_live_case_is_refused(admin):
    cases = _cases("gemeente-utrecht")
    image = cases["nl"].image

    response = admin.post(reverse("wagtailimages:delete", args=[image.pk]))

    _assert_refused_listing(response, cases.values())
    assert Image.objects.filter(pk=image.pk).exists()


def test_deleting_an_image_used_in_a_block_is_refused(admin):
    image = Image.objects.first()
    home = Page.objects.get(depth=2, locale__language_code="nl")
    page = StandardPage(
        title="Fotoverslag",
        slug="fotoverslag",
        body=[("figure", {"image": {"image": image, "alt_text": "Een werkplaats", "decorative": False}})],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    unused = Image.objects.create(title="Ongebruikt", file=get_test_image_file())

    refused = admin.post(reverse("wagtailimages:delete", args=[image.pk]))
    allowed = admin.post(reverse("wagtailimages:delete", args=[unused.pk]))

    _assert_refused_listing(refused, [page])
    assert Image.objects.filter(pk=image.pk).exists()
    assert 'alt="Een werkplaats"' in get_page(Client(), "/nl/fotoverslag/").html
    assert allowed.status_code == 302 and not Image.objects.filter(pk=unused.pk).exists()


def _document(title):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title, file=ContentFile(b"%PDF-1.4\n" + b"x" * 512, name="verslag.pdf"))
    document._set_document_file_metadata()
    document.save()
    return document


@pytest.mark.parametrize("use", ["download block", "link in the text"])
def test_deleting_a_document_a_live_page_links_to_is_refused(admin, settings, tmp_path, use):
    from wagtail.documents import get_document_model

    settings.MEDIA_ROOT = tmp_path
    document, unused = _document("Jaarverslag"), _document("Ongebruikt")
    if use == "download block":
        block = ("document", {"document": document, "title": "Jaarverslag 2025", "description": ""})
    else:
        block = ("paragraph", f'<p>Lees het <a linktype="document" id="{document.pk}">jaarverslag</a>.</p>')
    home = Page.objects.get(depth=2, locale__language_code="nl")
    page = home.add_child(instance=StandardPage(title="Verslagen", slug="verslagen", body=[block]))
    page.save_revision().publish()
    assert document.url in get_page(Client(), "/nl/verslagen/").html

    refused = admin.post(reverse("wagtaildocs:delete", args=[document.pk]))
    allowed = admin.post(reverse("wagtaildocs:delete", args=[unused.pk]))

    _assert_refused_listing(refused, [page])
    assert get_document_model().objects.filter(pk=document.pk).exists()
    assert allowed.status_code == 302 and not get_document_model().objects.filter(pk=unused.pk).exists()
