"""Shared images, documents and snippets that live pages show.

The edit screen lists the live pages a change would reach before anything is saved, and only
a moderator saves a change visitors would see. Editors keep adding items and changing unused
ones, and an image's title (which visitors never see).
"""

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection

from cases.models import Theme
from editorial.roles import EDITORS, MODERATORS
from programmes.models import Partner
from tests.factories import ImageFactory, ThemeFactory, _jpeg
from tests.helpers import client_for, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return client_for(user_in("redacteur", EDITORS))


@pytest.fixture
def moderator():
    return client_for(user_in("eindredacteur", MODERATORS))


def _text(response):
    return " ".join(unescape(response.content.decode()).split())


def _partner_form(partner, **changes):
    data = {
        "name": partner.name,
        "kind": partner.kind,
        "logo": partner.logo_id or "",
        "website": partner.website,
        "description": partner.description,
    }
    return {**data, **changes}


def _partner_url(partner):
    return reverse("wagtailsnippets_programmes_partner:edit", args=[partner.pk])


def test_the_partner_form_lists_the_live_pages_it_changes(site_tree, editor):
    partner = site_tree.partners[0][0]

    text = _text(editor.get(_partner_url(partner)))

    assert "live pagina's" in text
    assert site_tree.home_nl.specific.get_admin_display_title() in text  # the hub lists every partner
    assert "Programma 0 (NL)" in text  # a programme that names it
    assert "Alleen een eindredacteur" in text


def test_an_editor_cannot_rename_a_partner_live_pages_show(site_tree, editor):
    partner = site_tree.partners[0][0]

    response = editor.post(_partner_url(partner), _partner_form(partner, name="Hernoemd zonder review"))

    assert response.status_code == 409 and "Programma 0 (NL)" in _text(response)
    assert Partner.objects.get(pk=partner.pk).name == partner.name
    assert "Hernoemd zonder review" not in Client().get("/nl/").content.decode()


def test_a_moderator_renames_a_partner_and_the_hub_shows_it(site_tree, moderator):
    partner = site_tree.partners[0][0]

    response = moderator.post(_partner_url(partner), _partner_form(partner, name="Gemeente Proefstad-Noord"))

    assert response.status_code == 302
    assert "Gemeente Proefstad-Noord" in Client().get("/nl/").content.decode()


def test_an_editor_still_edits_a_theme_no_live_page_shows_and_not_one_that_does(site_tree, editor):
    used = site_tree.themes[0][0]
    unused = ThemeFactory(name="Nog nergens", slug="nog-nergens")

    refused = editor.post(_theme_url(used), {"name": "Werk en inkomen", "slug": used.slug})
    saved = editor.post(_theme_url(unused), {"name": "Nog steeds nergens", "slug": unused.slug})

    assert refused.status_code == 409 and "Case 0 (NL)" in _text(refused)
    assert Theme.objects.get(pk=used.pk).name == used.name
    assert saved.status_code == 302 and Theme.objects.get(pk=unused.pk).name == "Nog steeds nergens"


def test_a_new_partner_shows_on_the_hub_at_once_so_only_a_moderator_adds_one(site_tree, editor, moderator):
    url = reverse("wagtailsnippets_programmes_partner:add")
    data = {"name": "Nieuwe partner", "kind": Partner.Kind.COMPANY, "logo": "", "website": "", "description": ""}

    assert "live pagina" in _text(editor.get(url))
    refused = editor.post(url, data)
    added = moderator.post(url, data)

    assert refused.status_code == 409
    assert added.status_code == 302 and Partner.objects.filter(name="Nieuwe partner").count() == 1


def _theme_url(theme):
    return reverse("wagtailsnippets_cases_theme:edit", args=[theme.pk])


def _image_form(image, **changes):
    data = {
        "title": image.title,
        "collection": str(image.collection_id or Collection.get_first_root_node().pk),
        "tags": "",
        "description": getattr(image, "description", ""),
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
    }
    return {**data, **changes}


def _new_file():
    return SimpleUploadedFile("vervanging.jpg", _jpeg("#aa0000").getvalue(), content_type="image/jpeg")


def test_replacing_the_file_of_an_image_live_pages_show_needs_a_moderator(site_tree, editor, moderator):
    image = site_tree.image
    url = reverse("wagtailimages:edit", args=[image.pk])
    assert "Programma 0 (NL)" in _text(editor.get(url))
    old_file = image.file.name

    refused = editor.post(url, _image_form(image, file=_new_file()))
    image.refresh_from_db()
    assert refused.status_code == 409 and image.file.name == old_file

    retitled = editor.post(url, _image_form(image, title="Illustratie van de werkplaats"))
    image.refresh_from_db()
    assert retitled.status_code == 302 and image.title == "Illustratie van de werkplaats"

    replaced = moderator.post(url, _image_form(image, file=_new_file()))
    image.refresh_from_db()
    assert replaced.status_code == 302 and image.file.name != old_file


def test_a_logo_counts_through_the_partner_that_shows_it(site_tree, editor):
    logo = ImageFactory(title="Logo Proefstad")
    partner = site_tree.partners[0][0]
    partner.logo = logo
    partner.save()

    text = _text(editor.get(reverse("wagtailimages:edit", args=[logo.pk])))

    assert site_tree.home_nl.specific.get_admin_display_title() in text
    response = editor.post(reverse("wagtailimages:edit", args=[logo.pk]), _image_form(logo, file=_new_file()))
    assert response.status_code == 409
