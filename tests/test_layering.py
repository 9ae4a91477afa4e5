"""The package graph points one way and the core never imports Qt (or the UI), so it runs
headless: in the CLI, in tests, on a server-side aggregator.

The rules are the import contract in ``.importlinter`` (import-linter: imports inside
functions and relative imports count); this test runs it, shows it breaks on an upward
import, and checks what the static graph cannot see: dynamic imports and the modules
really loaded.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "desktop_app" / "core"
CONFIG = ROOT / ".importlinter"


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    """Run the contract over the ``desktop_app`` found in ``root`` (not an installed one)."""
    code = (
        "import sys\n"
        "from importlinter.cli import lint_imports\n"
        f"sys.exit(lint_imports(config_filename={str(root / '.importlinter')!r}, no_cache=True, no_logo=True))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=False)


def test_the_import_contract_is_kept():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        # a relative import, inside a function, from the bottom layer up to sync
        ("domain/text.py", "def _upward():\n    from ..sync import records\n    return records\n"),
        # services reaching up into reports (the old overview ↔ reports cycle)
        ("services/units.py", "from desktop_app.core.reports import figures as _figures\n"),
        # Qt in the core, hidden in a function
        ("services/stats.py", "def _qt():\n    import PySide6.QtCore\n    return PySide6.QtCore\n"),
    ],
)
def test_the_contract_breaks_on_an_import_that_points_the_wrong_way(tmp_path, module, line):
    shutil.copytree(ROOT / "desktop_app", tmp_path / "desktop_app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(CONFIG, tmp_path / ".importlinter")
    assert _lint(tmp_path).returncode == 0  # the copy itself is clean
    target = tmp_path / "desktop_app" / "core" / module
    target.write_text(target.read_text(encoding="utf-8") + "\n\n" + line, encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout


def _dynamic_imports(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
            if name in ("import_module", "__import__"):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any(n == "importlib" or n.startswith("importlib.") for n in names):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_the_core_has_no_dynamic_imports_the_contract_cannot_see():
    files = [p for p in CORE.rglob("*.py") if "migrations" not in p.parts]
    assert len(files) > 10  # the walk really saw the core
    assert [hit for p in files for hit in _dynamic_imports(p)] == []


def test_the_dynamic_import_check_sees_importlib(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import importlib\n    return importlib.import_module('PySide6')\n")
    assert _dynamic_imports(sample, tmp_path) == ["sample.py:2", "sample.py:3"]


def test_importing_every_core_module_loads_no_qt():
    modules = [
        ".".join(path.relative_to(CORE.parent.parent).with_suffix("").parts)
        for path in CORE.rglob("*.py")
        if "migrations" not in path.parts and path.name != "__init__.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import desktop_app.cli\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "print(len(bad)); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
