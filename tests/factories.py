"""Factories for the site's pages and snippets, and a small bilingual site built from them.

``build_site()`` makes what most tests need and nothing more: a Dutch home
page with its English translation, the standard pages the layout links to,
the index pages of programmes, cases, the menukaart and the intake, a few
themes, partners, programmes, cases, categories and services, and the site
settings. Every Dutch object has an English translation (same
``translation_key``), published, as an editor's translation is.

The texts are the tests' own; they do not follow the demo content.
"""

import io
from contextlib import contextmanager
from types import SimpleNamespace
from unittest import mock

import factory
import wagtail_factories
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from modelcluster.models import get_all_child_relations
from PIL import Image as PILImage
from wagtail.models import Collection, Locale, Page, Site, TranslatableMixin

from cases.models import CaseIndexPage, CasePage, CaseProgramme, CaseTheme, Theme
from home.models import (
    AccessibilityStatementPage,
    ContactPage,
    HomePage,
    Location,
    LocationPage,
    Person,
    PrivacyStatementPage,
    SiteSettings,
    StandardPage,
)
from intake.models import IntakePage, IntakeSettings
from menukaart.models import MenukaartPage, ServiceCategory, ServiceForm, ServicePage
from programmes.models import Partner, ProgrammeIndexPage, ProgrammePage, ProgrammePartner


def dutch():
    return Locale.objects.get(language_code="nl")


def english():
    return Locale.objects.get_or_create(language_code="en")[0]


# Images and snippets ------------------------------------------------------------------------


def _jpeg(colour="#0b5d57"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), colour).save(buffer, format="JPEG")
    return buffer


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Afbeelding {n}")
    file = factory.LazyAttribute(lambda o: ImageFile(_jpeg(), name=f"{slugify(o.title)}.jpg"))
    collection = factory.LazyFunction(Collection.get_first_root_node)


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    locale = factory.LazyFunction(dutch)

    class Meta:
        model = Theme


class PartnerFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = Partner.Kind.COMPANY
    website = "https://example.org/"
    locale = factory.LazyFunction(dutch)

    class Meta:
        model = Partner


class LocationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Locatie {n}")
    locale = factory.LazyFunction(dutch)

    class Meta:
        model = Location


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Persoon {n}")
    role = "Programmamanager"
    locale = factory.LazyFunction(dutch)

    class Meta:
        model = Person


class ServiceCategoryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Categorie {n}")
    locale = factory.LazyFunction(dutch)

    class Meta:
        model = ServiceCategory


# Pages --------------------------------------------------------------------------------------


class _PageFactory(wagtail_factories.PageFactory):
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    locale = factory.LazyFunction(dutch)

    class Meta:
        abstract = True


class HomePageFactory(_PageFactory):
    title = "Samen sneller sociaal"
    slug = "home"

    class Meta:
        model = HomePage


class StandardPageFactory(_PageFactory):
    title = factory.Sequence(lambda n: f"Pagina {n}")

    class Meta:
        model = StandardPage


class ContactPageFactory(_PageFactory):
    title = "Contact"
    slug = "contact"

    class Meta:
        model = ContactPage


class LocationPageFactory(_PageFactory):
    title = "Locatie"
    slug = "locatie"

    class Meta:
        model = LocationPage


class PrivacyStatementPageFactory(_PageFactory):
    title = "Privacy"
    slug = "privacy"

    class Meta:
        model = PrivacyStatementPage


class AccessibilityStatementPageFactory(_PageFactory):
    title = "Toegankelijkheid"
    slug = "toegankelijkheid"

    class Meta:
        model = AccessibilityStatementPage


class ProgrammeIndexPageFactory(_PageFactory):
    title = "Programma's"
    slug = "programmas"

    class Meta:
        model = ProgrammeIndexPage


class ProgrammePageFactory(_PageFactory):
    title = factory.Sequence(lambda n: f"Programma {n}")
    lead = "Een programma."
    start_year = 2020

    class Meta:
        model = ProgrammePage


class CaseIndexPageFactory(_PageFactory):
    title = "Cases"
    slug = "cases"

    class Meta:
        model = CaseIndexPage


class CasePageFactory(_PageFactory):
    title = factory.Sequence(lambda n: f"Case {n}")
    client = factory.Sequence(lambda n: f"Opdrachtgever {n}")
    result_summary = "Een resultaat."
    challenge = "<p>Een vraag.</p>"
    key_figures = factory.LazyFunction(
        lambda: [("key_figures", {"title": "", "figures": [{"value": "7", "label": "dingen"}]})]
    )

    class Meta:
        model = CasePage


class MenukaartPageFactory(_PageFactory):
    title = "Menukaart"
    slug = "menukaart"

    class Meta:
        model = MenukaartPage


class ServicePageFactory(_PageFactory):
    title = factory.Sequence(lambda n: f"Dienst {n}")
    summary = "Een dienst in een zin."
    category = factory.SubFactory(ServiceCategoryFactory)
    audiences = factory.LazyFunction(lambda: ["company"])
    service_form = ServiceForm.WORKSHOP
    duration = "Een dagdeel"

    class Meta:
        model = ServicePage


class IntakePageFactory(_PageFactory):
    title = "Leg je vraagstuk voor"
    slug = "vraagstuk"

    class Meta:
        model = IntakePage


# Translations -------------------------------------------------------------------------------


def _localise_links(instance, locale):
    """Point the child rows' links to translatable things (themes, partners, programmes) at their translation."""
    for relation in get_all_child_relations(instance):
        for child in getattr(instance, relation.get_accessor_name()).all():
            changed = False
            for field in child._meta.concrete_fields:
                target_model = field.related_model
                if not field.many_to_one or field.name == relation.field.name:
                    continue
                if not (isinstance(target_model, type) and issubclass(target_model, TranslatableMixin)):
                    continue
                target = getattr(child, field.name)
                if target is None or target.locale_id == locale.pk:
                    continue
                translated = target.get_translation_or_none(locale)
                if translated is not None:
                    setattr(child, field.name, translated.specific if isinstance(translated, Page) else translated)
                    changed = True
            if changed:
                child.save()


def _localise_own_links(instance, locale):
    """The same for the object's own foreign keys (a service's category, ...)."""
    for field in instance._meta.concrete_fields:
        if not field.many_to_one or field.model is Page or field.name in ("locale", "alias_of"):
            continue
        target_model = field.related_model
        if not (isinstance(target_model, type) and issubclass(target_model, TranslatableMixin)):
            continue
        target = getattr(instance, field.name)
        if target is not None and target.locale_id != locale.pk:
            translated = target.get_translation_or_none(locale)
            if translated is not None:
                setattr(instance, field.name, translated)


def translate(instance, **english_fields):
    """The English translation of a Dutch page or snippet, with ``english_fields`` set; pages are published."""
    locale = english()
    copy = instance.copy_for_translation(locale)
    for name, value in english_fields.items():
        setattr(copy, name, value)
    if isinstance(copy, Page):
        copy = copy.specific
        for name, value in english_fields.items():
            setattr(copy, name, value)
        _localise_own_links(copy, locale)
        # Live at once, as a published translation; a revision and the publish
        # machinery would only make the many pages of the query-count tests slow.
        copy.live, copy.has_unpublished_changes = True, False
        copy.first_published_at = copy.last_published_at = timezone.now()
        copy.save()
        _localise_links(copy, locale)
        return copy
    copy.save()
    return copy


class _Deferred:
    """Stands in for an index task while ``_index_once`` runs: notes what to index, indexes nothing yet."""

    def __init__(self, task, wanted):
        self.task, self.wanted = task, wanted

    def enqueue(self, *args):
        self.wanted.setdefault((id(self.task), args), (self.task, args))


@contextmanager
def _index_once():
    """Each object saved inside is indexed once (search index, reference index), after the last save.

    Making a translated page saves each page three or four times, and every save ran both index
    tasks (a third of a test's time where tests add pages); the index ends up the same, from each
    object's final state. The tasks are enqueued as the signal handlers enqueue them.
    """
    from modelsearch import signal_handlers as search_handlers
    from wagtail import signal_handlers as wagtail_handlers

    wanted = {}
    search_task = search_handlers.insert_or_update_object_task
    reference_task = wagtail_handlers.update_reference_index_task
    with (
        mock.patch.object(search_handlers, "insert_or_update_object_task", _Deferred(search_task, wanted)),
        mock.patch.object(wagtail_handlers, "update_reference_index_task", _Deferred(reference_task, wanted)),
    ):
        yield
    for task, args in wanted.values():
        task.enqueue(*args)


def bilingual(factory_class, parent=None, english_fields=None, **dutch_fields):
    """A Dutch page (under ``parent``) or snippet and its English translation: ``(nl, en)``."""
    if parent is not None:
        dutch_fields["parent"] = parent
    with _index_once():
        nl = factory_class(**dutch_fields)
        en = translate(nl, **(english_fields or {}))
    return nl, en


# The small site -----------------------------------------------------------------------------


def build_site():
    """A small bilingual site; returns a namespace of its Dutch and English objects.

    Dutch URLs live under /nl/, English ones under /en/, as on the real site.
    """
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    root = Page.get_first_root_node()
    t = SimpleNamespace()
    is_welcome_page = type(welcome.specific) is Page and welcome.depth == 2
    if is_welcome_page:  # Wagtail's own first page takes the slug 'home'
        welcome.slug = "wagtail-welcome"
        welcome.save(update_fields=["slug"])
    t.image = ImageFactory(title="Illustratie")
    t.home_nl = HomePageFactory(parent=root, lead="Dé plek voor sociaal ondernemen in Utrecht.")
    site.root_page = t.home_nl
    site.save()
    if is_welcome_page:
        welcome.delete()
    t.home_en = translate(
        t.home_nl, title="Social, faster together", slug="home-en", lead="The place for social enterprise."
    )

    def page(factory_class, parent, english_title, english_slug, **fields):
        return bilingual(
            factory_class,
            parent=parent,
            english_fields={"title": english_title, "slug": english_slug},
            **fields,
        )

    t.about_nl, t.about_en = page(
        StandardPageFactory, t.home_nl, "About us", "about-us", title="Over ons", show_in_menus=True
    )
    t.privacy_nl, t.privacy_en = page(
        PrivacyStatementPageFactory, t.home_nl, "Privacy statement", "privacy", title="Privacy"
    )
    t.accessibility_nl, t.accessibility_en = page(
        AccessibilityStatementPageFactory, t.home_nl, "Accessibility", "accessibility", title="Toegankelijkheid"
    )
    t.contact_nl, t.contact_en = page(ContactPageFactory, t.home_nl, "Contact", "contact-us", title="Contact")
    t.location_nl, t.location_en = page(LocationPageFactory, t.home_nl, "Location", "location", title="Locatie")
    t.locations = [
        bilingual(LocationFactory, name="Ons gebouw", city="Utrecht", english_fields={"name": "Our building"})
    ]
    t.intake_nl, t.intake_en = page(IntakePageFactory, t.home_nl, "Put your question to us", "your-question")

    t.themes = [
        bilingual(ThemeFactory, name=nl_name, slug=slug, english_fields={"name": en_name})
        for nl_name, en_name, slug in [("Werk", "Work", "werk"), ("Inkoop", "Procurement", "inkoop")]
    ]
    t.partners = [
        bilingual(PartnerFactory, name=name, kind=kind)
        for name, kind in [("Gemeente Proefstad", Partner.Kind.MUNICIPALITY), ("Bedrijf Proef", Partner.Kind.COMPANY)]
    ]

    t.programmes_nl, t.programmes_en = page(ProgrammeIndexPageFactory, t.home_nl, "Programmes", "programmes")
    t.programmes = []
    for number, status in enumerate([ProgrammePage.Status.RUNNING, ProgrammePage.Status.FINISHED]):
        t.programmes.append(
            page(
                ProgrammePageFactory,
                t.programmes_nl,
                f"Programme {number}",
                f"programme-{number}",
                title=f"Programma {number}",
                status=status,
                end_year=2022 if status == ProgrammePage.Status.FINISHED else None,
                image=t.image,
                partner_links=[ProgrammePartner(partner=partner) for partner, _ in t.partners],
            )
        )

    t.cases_nl, t.cases_en = page(CaseIndexPageFactory, t.home_nl, "Cases", "cases")
    t.cases = []
    for number in range(3):
        theme = t.themes[number % 2][0]
        programme = t.programmes[number % 2][0]
        t.cases.append(
            page(
                CasePageFactory,
                t.cases_nl,
                f"Case {number} in English",
                f"case-{number}",
                title=f"Case {number}",
                image=t.image,
                theme_links=[CaseTheme(theme=theme)],
                programme_links=[CaseProgramme(programme=programme)],
            )
        )

    t.menukaart_nl, t.menukaart_en = page(MenukaartPageFactory, t.home_nl, "Menu", "menu")
    t.categories = [bilingual(ServiceCategoryFactory, name="Advies", english_fields={"name": "Advice"})]
    t.services = [
        page(
            ServicePageFactory,
            t.menukaart_nl,
            f"Service {number}",
            f"service-{number}",
            title=f"Dienst {number}",
            category=t.categories[0][0],
        )
        for number in range(2)
    ]

    settings = SiteSettings.for_site(site)
    settings.email = "info@proef.example"
    settings.intake_page = t.intake_nl
    settings.contact_page = t.contact_nl
    settings.privacy_page = t.privacy_nl
    settings.accessibility_page = t.accessibility_nl
    settings.save()
    intake_settings = IntakeSettings.for_site(site)
    intake_settings.notification_email = "intake@proef.example"
    intake_settings.save()
    t.settings = settings
    t.site = site
    return t
