"""`pip install -r requirements.txt` is what a production server runs: it must hold no test or lint tool."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEST_AND_LINT_TOOLS = re.compile(
    r"^(pytest.*|hypothesis|playwright|axe-.*|ruff|flake8|black|isort|mypy|pylint|coverage|tox|moto|"
    r"factory-boy|wagtail-factories|django-debug-toolbar|ipython)$"
)


def _requirements(name):
    """(name, line) for each requirement in the file, without comments and includes."""
    result = []
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        package = re.split(r"[\[=<>!~ ;]", line, maxsplit=1)[0].lower().replace("_", "-")
        result.append((package, line))
    return result


def test_runtime_requirements_hold_no_test_or_lint_tool():
    runtime = _requirements("requirements.txt")
    assert {"django", "wagtail", "gunicorn", "psycopg", "django-storages", "sentry-sdk"} <= {p for p, _ in runtime}
    tools = [line for package, line in runtime if TEST_AND_LINT_TOOLS.match(package)]
    assert tools == []


def test_every_requirement_is_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        unpinned = [line for _package, line in _requirements(name) if "==" not in line]
        assert unpinned == [], name


def test_dev_requirements_are_the_runtime_plus_the_tools():
    text = (ROOT / "requirements-dev.txt").read_text()
    assert "-r requirements.txt" in text.splitlines()
    dev = {package for package, _ in _requirements("requirements-dev.txt")}
    assert {"pytest", "pytest-django", "hypothesis", "playwright", "ruff", "moto"} <= dev
    assert not dev & {package for package, _ in _requirements("requirements.txt")}
