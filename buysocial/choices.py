"""The fixed sets the directory filters on: code-defined, translated with the interface.

The values appear in filter URLs (``?category=catering&impact=work``) and are the
same in Dutch and English, so a filtered address can be shared across languages.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SupplyCategory(models.TextChoices):
    """What an enterprise supplies, as a buyer looks for it."""

    CATERING = "catering", _("Catering")
    FACILITY = "facility", _("Facility services")
    CLEANING = "cleaning", _("Cleaning")
    PRINTING = "printing", _("Printing")
    IT = "it", _("IT")
    LOGISTICS = "logistics", _("Logistics")
    MOBILITY = "mobility", _("Car and mobility services")
    CRAFTS = "crafts", _("Crafts")
    GIFTS = "gifts", _("Gifts and food products")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    """Where an enterprise works: a Dutch province, or the whole country."""

    NATIONAL = "national", _("All of the Netherlands")
    UTRECHT = "utrecht", "Utrecht"
    NOORD_HOLLAND = "noord-holland", "Noord-Holland"
    ZUID_HOLLAND = "zuid-holland", "Zuid-Holland"
    NOORD_BRABANT = "noord-brabant", "Noord-Brabant"
    GELDERLAND = "gelderland", "Gelderland"
    OVERIJSSEL = "overijssel", "Overijssel"
    FLEVOLAND = "flevoland", "Flevoland"
    GRONINGEN = "groningen", "Groningen"
    FRIESLAND = "friesland", "Fryslân"
    DRENTHE = "drenthe", "Drenthe"
    ZEELAND = "zeeland", "Zeeland"
    LIMBURG = "limburg", "Limburg"


class ImpactModel(models.TextChoices):
    """How buying from the enterprise creates social impact."""

    WORK = "work", _("Jobs for people far from the labour market")
    COMMUNITY = "community", _("Meets a need in the community")
    PROFIT_SHARED = "profit-shared", _("Profit shared with a social cause")


class SocialReturnScheme(models.TextChoices):
    """What makes buying from the enterprise count towards social return (SROI)."""

    PSO = "pso", _("Prestatieladder Socialer Ondernemen (PSO)")
    MUNICIPAL = "municipal", _("The municipality's own social return rules")


SDGS = [
    ("1", _("1 No poverty")),
    ("2", _("2 Zero hunger")),
    ("3", _("3 Good health and well-being")),
    ("4", _("4 Quality education")),
    ("5", _("5 Gender equality")),
    ("6", _("6 Clean water and sanitation")),
    ("7", _("7 Affordable and clean energy")),
    ("8", _("8 Decent work and economic growth")),
    ("9", _("9 Industry, innovation and infrastructure")),
    ("10", _("10 Reduced inequalities")),
    ("11", _("11 Sustainable cities and communities")),
    ("12", _("12 Responsible consumption and production")),
    ("13", _("13 Climate action")),
    ("14", _("14 Life below water")),
    ("15", _("15 Life on land")),
    ("16", _("16 Peace, justice and strong institutions")),
    ("17", _("17 Partnerships for the goals")),
]
