"""No import circles between the project's modules (scripts/check_import_cycles.py, also run by CI)."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "check_import_cycles.py"


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60)


def test_the_project_has_no_import_cycles():
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no import cycles in home, programmes, cases, menukaart, intake, ops, config" in result.stdout


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    write(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/models.py": "def serve():\n    from .views import render\n    return render()\n",
            "shop/views.py": "from . import forms\n",
            "shop/forms.py": "from shop.models import serve\n",
            "shop/clean.py": "import shop.models\n",
        },
    )
    result = run("--root", str(tmp_path), "shop")
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["import cycle: shop.forms -> shop.models -> shop.views -> shop.forms"]


def test_imports_in_one_direction_pass(tmp_path):
    write(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/models.py": "from .forms import Form\nfrom . import views\n",
            "shop/views.py": "import os\nfrom django import forms\n",
            "shop/forms.py": "from .. import other_thing\nForm = object\n",
            "other/__init__.py": "from shop.forms import Form\n",
        },
    )
    result = run("--root", str(tmp_path), "shop", "other")
    assert result.returncode == 0, result.stdout
