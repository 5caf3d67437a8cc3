"""Every figure, price, duration and promise in the demo's data files comes from FACTS.md.

The figures the data may use are listed in ``home/demo/allowed-figures.txt``, each with the
words that may follow it and a quote from ``shared/content/FACTS.md`` that holds it. A figure
in the data that the list lacks, or followed by another word ("five years" is a fact, "five
working days" is a promise nobody made), fails; so does a quote that FACTS.md does not contain.
Prices and reply promises have no figure in FACTS.md at all: no service has an amount, and no
text promises a reply time (that is a setting editors fill in).
"""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_FILES = sorted(ROOT.glob("*/demo/content.toml"))
ALLOWED = ROOT / "home" / "demo" / "allowed-figures.txt"

NUMBER_WORDS = {
    "één": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7, "acht": 8, "eight": 8,
    "negen": 9, "nine": 9, "tien": 10, "ten": 10, "elf": 11, "eleven": 11, "twaalf": 12,
    "twelve": 12, "twintig": 20, "twenty": 20, "dertig": 30, "thirty": 30, "veertig": 40,
    "forty": 40, "vijftig": 50, "fifty": 50, "honderd": 100, "hundred": 100, "half": 0.5,
}  # fmt: skip
FIGURE = re.compile(r"(?<![\w#&])(\d+(?:[.,]\d{3})*k?)(?!\w)|\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
# Fields that name things rather than tell visitors something.
STRUCTURAL = {"key", "model", "parent", "match", "slug", "ref", "type", "level", "service_form", "price_kind"}
STRUCTURAL |= {"status", "kind", "website", "colours", "audiences", "sort_order", "feature_on_home"}
# The dates of the demo's example open call: relative to the load, and the page is marked as demo content.
STRUCTURAL |= {"days_after_load", "at", "is_demo"}
# The agenda's example events: choices, and a number of seats that is a demo choice (marked as example content).
STRUCTURAL |= {"is_example", "location", "event_type", "event_language", "capacity"}
PROMISES = re.compile(
    r"werkdag|working day|\bbinnen\s+\w+\s+(dag|dagen|weken|uur)\b|\bwithin\s+\w+\s+(day|days|weeks|hours)\b"
    r"|\bmeteen\b|straight away|\bimmediately\b|garant|guarantee|€\s*(?!\d[\d.,]*k)\d|\beuro\b|\bEUR\b",
    re.IGNORECASE,
)


def facts_text():
    for folder in [ROOT, *ROOT.parents]:
        path = folder / "shared" / "content" / "FACTS.md"
        if path.exists():
            return " ".join(path.read_text().split())
    return None


def allowed_figures():
    return tomllib.loads(ALLOWED.read_text())["figure"]


def texts(value, path=()):
    """(path, text) for every value visitors read in a data file, numbers included."""
    if isinstance(value, dict):
        for name, item in value.items():
            if name not in STRUCTURAL:
                yield from texts(item, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, (*path, str(index)))
    elif isinstance(value, str):
        yield ".".join(path), re.sub(r"<[^>]+>", " ", value).replace("&amp;", "&")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield ".".join(path), str(value)


def figures_in(text):
    """(figure, the word after it) for every number in ``text``, number words as digits."""
    for match in FIGURE.finditer(text):
        digits, word = match.groups()
        figure = digits.replace(".", "").replace(",", "") if digits else str(NUMBER_WORDS[word.lower()])
        following = re.match(r"[\s+\-–%]*([^\W\d_]+)?", text[match.end() :]).group(1) or ""
        yield figure, following.lower()


def data(path):
    return tomllib.loads(path.read_text())


def test_the_data_files_are_found():
    assert {path.parent.parent.name for path in DATA_FILES} >= {"home", "programmes", "cases", "menukaart", "intake"}


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.parent.parent.name)
def test_every_figure_in_the_demo_data_is_an_allowed_fact(path):
    allowed = {}
    for entry in allowed_figures():
        allowed.setdefault(entry["value"], set()).update(entry["follows"])
    unknown = []
    for where, text in texts(data(path)):
        for figure, following in figures_in(text):
            words = allowed.get(figure, set())
            if "*" not in words and following not in words:
                unknown.append(f"{where}: {figure} followed by {following!r} in {text.strip()[:80]!r}")
    assert not unknown, "figures FACTS.md does not give (or add them to allowed-figures.txt):\n" + "\n".join(unknown)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.parent.parent.name)
def test_no_price_duration_or_reply_promise_in_the_demo_data(path):
    content = data(path)
    promises = [f"{where}: {text.strip()[:80]!r}" for where, text in texts(content) if PROMISES.search(text)]
    assert not promises, "a promise or a price FACTS.md does not give:\n" + "\n".join(promises)
    for page in content.get("page", []):
        if page.get("model") == "ServicePage":
            assert "price_amount" not in page and page.get("price_kind") == "on_request", page["key"]
            if "duration" in page:  # only the challenge's duration is known
                assert page["duration"] == {"nl": "Ongeveer zes maanden", "en": "About six months"}, page["key"]


def test_the_checker_catches_invented_figures_and_promises():
    found = dict(figures_in("We antwoorden binnen vijf werkdagen, in een zaal tot twaalf personen voor € 175."))
    assert found == {"5": "werkdagen", "12": "personen", "175": ""}
    assert PROMISES.search("We reply within five working days.")
    assert PROMISES.search("vanaf € 7.500")
    assert not PROMISES.search("€ 500k+ naar sociale ondernemers")


def test_every_allowed_figure_is_quoted_from_the_facts():
    facts = facts_text()
    if facts is None:
        pytest.skip("shared/content/FACTS.md is not beside the repository")
    for entry in allowed_figures():
        quote = " ".join(entry["facts"].split())
        assert quote in facts, f"FACTS.md does not say {quote!r}"
        in_quote = {figure for figure, _following in figures_in(quote)}
        assert entry["value"] in in_quote, f"{quote!r} does not hold the figure {entry['value']}"
