"""Prices are written the Dutch way in Dutch and the English way in English, whatever the machine's locale."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from menukaart.models import ServicePage
from menukaart.prices import NBSP, PriceKind, format_euro, format_price

# The same amounts written by the server (menukaart/prices.py, Babel) and the browser (menukaart.js, Intl).
EXPECTED = {
    "nl": {0: "€ 0", 75: "€ 75", 950: "€ 950", 1250: "€ 1.250", 11750: "€ 11.750", 1250000: "€ 1.250.000"},
    "en": {0: "€0", 75: "€75", 950: "€950", 1250: "€1,250", 11750: "€11,750", 1250000: "€1,250,000"},
}
SCRIPT = Path(__file__).resolve().parents[1] / "static" / "js" / "menukaart.js"


def pinned(language):
    """The expected strings, with the no-break space Dutch puts after the euro sign."""
    return {amount: text.replace(" ", NBSP) for amount, text in EXPECTED[language].items()}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_format_euro_per_language(language):
    assert {amount: format_euro(amount, language) for amount in EXPECTED[language]} == pinned(language)


@pytest.mark.subprocess
@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed; the server side is pinned above")
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_browser_writes_prices_as_the_server_does(language):
    """menukaart.js's formatter, run by Node (same CLDR data as browsers), gives the server's strings."""
    program = (
        f"const {{formatEuro}} = require({json.dumps(str(SCRIPT))});"
        f"const amounts = {json.dumps(list(EXPECTED[language]))};"
        f"console.log(JSON.stringify(amounts.map((a) => formatEuro(a, {json.dumps(language)}))));"
    )
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, timeout=30)  # noqa: S603, S607
    assert result.returncode == 0, result.stderr
    browser = dict(zip(EXPECTED[language], json.loads(result.stdout), strict=True))
    assert browser == {amount: format_euro(amount, language) for amount in EXPECTED[language]}
    assert browser == pinned(language)


def test_format_euro_follows_the_active_language_and_falls_back_to_english():
    with translation.override("nl"):
        assert format_euro(1250) == f"€{NBSP}1.250"
    with translation.override("en"):
        assert format_euro(1250) == "€1,250"
    assert format_euro(1250, "en-gb") == "€1,250"
    assert format_euro(1250, "de") == "€1,250"


@pytest.mark.parametrize(
    ("kind", "amount", "dutch", "english"),
    [
        (PriceKind.FIXED, 1250, "€ 1.250", "€1,250"),
        (PriceKind.FROM, 7500, "vanaf € 7.500", "from €7,500"),
        (PriceKind.ON_REQUEST, None, "op aanvraag", "on request"),
    ],
)
def test_format_price_per_kind_and_language(kind, amount, dutch, english):
    with translation.override("nl"):
        assert format_price(kind, amount).replace(NBSP, " ") == dutch
    with translation.override("en"):
        assert format_price(kind, amount) == english


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "amount", "field"),
    [
        (PriceKind.FIXED, None, "price_amount"),
        (PriceKind.FROM, None, "price_amount"),
        ("on_request", 100, "price_amount"),
    ],
)
def test_price_kind_and_amount_must_agree(kind, amount, field):
    service = ServicePage(title="Test", slug="test", price_kind=kind, price_amount=amount)
    with pytest.raises(ValidationError) as error:
        service.clean()
    assert field in error.value.message_dict


def test_audiences_accept_only_known_values():
    field = ServicePage._meta.get_field("audiences")
    field.validate(["company", "initiative"], None)
    with pytest.raises(ValidationError):
        field.validate(["company", "aliens"], None)


def service(amount, unit="", kind="fixed"):
    from types import SimpleNamespace

    return SimpleNamespace(
        price_amount=amount, price_unit=unit, price_kind=kind, is_priced=amount is not None and kind != "on_request"
    )


def test_package_totals_per_price_unit_never_one_mixed_sum():
    from menukaart.menu import Package

    package = Package(
        [
            service(1250, "per groep"),
            service(450, "per deelnemer", "from"),
            service(300, "per groep"),
            service(750),
            service(None, kind="on_request"),
            service(500, "per  jaar", "from"),
            service(100, "Per groep"),
        ]
    )
    assert package.totals == [
        {"amount": 750, "unit": "", "is_from": False},
        {"amount": 1650, "unit": "per groep", "is_from": False},
        {"amount": 450, "unit": "per deelnemer", "is_from": True},
        {"amount": 500, "unit": "per jaar", "is_from": True},
    ]
    with translation.override("nl"):
        assert package.total_text == (
            f"€{NBSP}750 + €{NBSP}1.650 per groep + vanaf €{NBSP}450 per deelnemer + vanaf €{NBSP}500 per jaar"
        )
    with translation.override("en"):
        assert package.total_text == "€750 + €1,650 per groep + from €450 per deelnemer + from €500 per jaar"
    assert Package([service(None, kind="on_request")]).total_text == ""
