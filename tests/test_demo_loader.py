"""The demo content is data: every file parses, every text has both languages, and
``load_demo`` is idempotent, completes an interrupted run and keeps editors' changes."""

import io
import re
import tomllib

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import StringTranslation

from demo.loader import DemoLoader, data_files, is_text
from home.models import SiteSettings, StandardPage

DATA_FILES = [path for app in settings.DEMO_CONTENT_APPS for path in data_files(app)]
PROJECT_APPS = ["home", "programmes", "cases", "menukaart", "intake", "buysocial", "agenda"]


def _texts(value, where):
    """Every ``{nl, en}`` pair in ``value`` and every plain string, with where it is."""
    if is_text(value):
        yield "text", value, where
    elif isinstance(value, dict):
        if {"nl", "en"} & set(value):
            yield "half", value, where
        for name, item in value.items():
            yield from _texts(item, f"{where}.{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{where}[{index}]")
    elif isinstance(value, str):
        yield "plain", value, where


def test_every_app_has_demo_data_and_every_model_it_names_exists():
    assert {path.parent.parent.name for path in DATA_FILES} == set(settings.DEMO_CONTENT_APPS)
    for path in DATA_FILES:
        data = tomllib.loads(path.read_text())
        for name in {item["model"] for kind in ("snippet", "page", "setting") for item in data.get(kind, [])}:
            DemoLoader.model(name)  # exactly one installed model has that class name


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: f"{path.parent.parent.name}/{path.name}")
def test_every_text_is_given_in_dutch_and_english(path):
    data = tomllib.loads(path.read_text())
    assert data.get("page") or data.get("snippet")
    for kind in ("page", "snippet"):
        for item in data.get(kind, []):
            where = f"{kind} {item['key']}"
            if kind == "page":
                assert is_text(item["title"]) and is_text(item["slug"]), where
            for sort, value, place in _texts(item, where):
                assert sort != "half", f"{place} has only one of nl/en: {value}"
                if sort == "text":
                    nl, en = value["nl"], value["en"]
                    assert type(nl) is type(en), place
                    if isinstance(nl, list):  # paragraphs
                        assert len(nl) == len(en) and all(nl) and all(en), place
                    assert (nl == "") == (en == ""), place
                else:
                    # A plain value is the same in both languages: names of keys,
                    # numbers, URLs, slugs, colours; never a sentence.
                    assert not re.search(r"[^\W\d_]\s+[^\W\d_]", value), f"{place} is text outside nl/en: {value!r}"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: f"{path.parent.parent.name}/{path.name}")
def test_the_demo_invents_no_quotes_or_contact_details(path):
    """FACTS.md: no one's words in quotation marks; no address, e-mail or social media of the hub."""
    data = tomllib.loads(path.read_text())
    blocks = [
        block
        for page in data.get("page", [])
        for value in page.values()
        if isinstance(value, list)
        for block in value
        if isinstance(block, dict)
    ]
    assert not [block for block in blocks if block.get("type") == "quote"]
    visible = [page for page in data.get("page", [])] + data.get("snippet", [])
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+|mailto:|\btel:", str(visible))
    for setting in data.get("setting", []):
        assert not {"email", "phone", "street_address", "postal_code", "linkedin_url", "instagram_url"} & set(setting)


def test_pages_under_one_parent_have_distinct_titles_in_each_language():
    """Two siblings with one title are two identical lines in a page chooser."""
    titles = {}
    for path in DATA_FILES:
        for item in tomllib.loads(path.read_text()).get("page", []):
            for language in ("nl", "en"):
                titles.setdefault((item.get("parent"), language), []).append(item["title"][language])
    for (parent, language), names in titles.items():
        assert len(names) == len(set(names)), f"pages under {parent} share a {language} title: {sorted(names)}"


def _load(django_capture_on_commit_callbacks):
    """Run the loader as load_demo does; wagtail-localize publishes English on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return DemoLoader().load(settings.DEMO_CONTENT_APPS)


def _counts():
    """How many objects of every kind the demo consists of."""
    counts = {
        "pages": {
            (row["locale__language_code"], row["content_type__model"], row["live"]): row["n"]
            for row in Page.objects.filter(depth__gt=1)
            .order_by()
            .values("locale__language_code", "content_type__model", "live")
            .annotate(n=Count("id"))
        },
        "images": get_image_model().objects.count(),
        "revisions": Revision.objects.count(),
        "string translations": StringTranslation.objects.count(),
    }
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            counts[model._meta.label] = model.objects.count()
    return counts


@pytest.fixture
def loaded(db, django_capture_on_commit_callbacks):
    _load(django_capture_on_commit_callbacks)
    return _counts()


@pytest.mark.usefixtures("demo")  # a second run over the demo; on the small site it would load it all (40 s)
def test_a_second_run_creates_and_changes_nothing(loaded, django_capture_on_commit_callbacks):
    published = dict(Page.objects.values_list("pk", "last_published_at"))

    assert _load(django_capture_on_commit_callbacks) == 0
    assert _counts() == loaded
    assert dict(Page.objects.values_list("pk", "last_published_at")) == published


@pytest.mark.usefixtures("demo")
def test_the_full_demo_is_there_in_both_languages(loaded):
    pages = loaded["pages"]
    nl = sum(n for (language, _model, live), n in pages.items() if language == "nl" and live)
    en = sum(n for (language, _model, live), n in pages.items() if language == "en" and live)
    # home; about, location, contact, privacy and accessibility; 3 indexes + menu; 3 programmes,
    # 3 cases, 14 services, intake; the Buy Social directory and its 4 social enterprises;
    # the challenge overview with 2 challenges; the news overview with 2 items; the agenda with 2 example events
    assert nl == en == 44
    assert loaded["cases.Theme"] == 2 * 5 and loaded["programmes.Partner"] == 2 * 11
    assert loaded["menukaart.ServiceCategory"] == 2 * 4
    assert loaded["images"] == 7
    root = Site.objects.get(is_default_site=True).root_page
    assert root.title == "Samen versnellen we sociaal ondernemen"
    english = root.get_translation(Locale.objects.get(language_code="en"))
    assert english.live and english.title == "Together we speed up social entrepreneurship"


def _remove_most_of_the_demo():
    """Everything but the home page and its standard pages, as if a first run stopped early."""
    for model in ("ProgrammeIndexPage", "CaseIndexPage", "MenukaartPage", "IntakePage"):
        for page in DemoLoader.model(model).objects.all():
            page.delete()
    for model in ("Partner", "Theme", "ServiceCategory"):
        DemoLoader.model(model).objects.all().delete()
    get_image_model().objects.exclude(title="Illustratie: samen ondernemen").delete()
    site = Site.objects.get(is_default_site=True)
    site_settings = DemoLoader.model("SiteSettings").for_site(site)
    site_settings.intake_page = None
    site_settings.save()
    intake_settings = DemoLoader.model("IntakeSettings").for_site(site)
    intake_settings.notification_email = ""
    intake_settings.save()


@pytest.mark.usefixtures("demo")
@pytest.mark.slow
def test_a_run_interrupted_after_some_pages_is_completed_by_the_next(
    loaded, django_capture_on_commit_callbacks, monkeypatch
):
    _remove_most_of_the_demo()
    partial = _counts()
    assert partial["pages"] != loaded["pages"]

    created_pages = []
    original = DemoLoader._created

    def crash_after_three_pages(self, obj):
        original(self, obj)
        if isinstance(obj, Page):
            created_pages.append(obj)
            if len(created_pages) == 3:
                raise RuntimeError("power cut")

    monkeypatch.setattr(DemoLoader, "_created", crash_after_three_pages)
    with pytest.raises(RuntimeError, match="power cut"):
        _load(django_capture_on_commit_callbacks)
    interrupted = _counts()
    assert len(created_pages) == 3
    assert sum(interrupted["pages"].values()) == sum(partial["pages"].values()) + 2 * 3
    monkeypatch.undo()

    assert _load(django_capture_on_commit_callbacks) > 0
    completed = _counts()
    # The revisions and string translations of the removed pages stay in the
    # history, so those two grow; everything else is exactly the full demo.
    for key in ("revisions", "string translations"):
        assert completed.pop(key) >= loaded.pop(key)
    assert completed == loaded
    intake_page = DemoLoader.model("IntakePage").objects.get(locale__language_code="nl")
    site = Site.objects.get(is_default_site=True)
    assert DemoLoader.model("SiteSettings").for_site(site).intake_page_id == intake_page.pk
    # The demo gives no address for new questions (the facts have none): an editor fills it in.
    assert DemoLoader.model("IntakeSettings").for_site(site).notification_email == ""
    cases = DemoLoader.model("CasePage").objects.filter(slug="gemeente-utrecht")
    for case in cases:  # the English case links to the same services (a synchronised relation)
        assert [link.service.slug for link in case.services_used.all()] == [
            "verandertraject-sociaal-ondernemen",
            "groeiprogramma",
            "incubatietraject",
        ]
    assert {case.locale.language_code for case in cases} == {"nl", "en"}


@pytest.mark.usefixtures("demo")
def test_editors_changes_survive_a_new_run(loaded, django_user_model, django_capture_on_commit_callbacks):
    editor = django_user_model.objects.create_superuser("editor", "editor@sif.example", "x")
    about = StandardPage.objects.get(locale__language_code="nl", slug="over-ons")
    about.title = "Wie wij zijn"
    about.slug = "wie-wij-zijn"
    about.save_revision(user=editor).publish(user=editor)
    partner_model = DemoLoader.model("Partner")
    ey = partner_model.objects.get(locale__language_code="nl", name="EY")
    ey.description = "Accountants, en partner sinds 2015."
    ey.save()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.email = "redactie@sif.example"
    site_settings.save()
    case_model = DemoLoader.model("CasePage")
    missie = case_model.objects.get(locale__language_code="nl", slug="missie-030")
    missie.services_used = []
    missie.save_revision(user=editor).publish(user=editor)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=out)

    assert "0 new objects" in out.getvalue()
    about.refresh_from_db()
    assert (about.title, about.slug) == ("Wie wij zijn", "wie-wij-zijn")
    assert not Page.objects.filter(slug="over-ons").exists()
    ey.refresh_from_db()
    assert ey.description == "Accountants, en partner sinds 2015."
    assert SiteSettings.for_site(Site.objects.get(is_default_site=True)).email == "redactie@sif.example"
    assert not case_model.objects.get(pk=missie.pk).services_used.exists()


def _index_rows():
    """The reference index and the search index, without their row ids."""
    from wagtail.models import ReferenceIndex
    from wagtail.search.models import IndexEntry

    fields = ("content_type", "base_content_type", "object_id", "to_content_type", "to_object_id", "model_path")
    references = ReferenceIndex.objects.values_list(*fields, "content_path")
    entries = IndexEntry.objects.values_list("content_type", "object_id", "title", "autocomplete", "body")
    return sorted(references), sorted(entries)


@pytest.mark.usefixtures("demo")
def test_the_demo_is_indexed_as_wagtail_indexes_it_from_scratch():
    """The session's demo runs its index tasks once each after the load (tests/helpers.py ``tasks_after``),
    not 871 of them during it: the references and search entries are the ones a full rebuild makes."""
    references, entries = _index_rows()
    assert len(references) > 50 and len(entries) > 80

    call_command("rebuild_references_index", stdout=io.StringIO())
    call_command("wagtail_update_index", stdout=io.StringIO())

    assert _index_rows() == (references, entries)
