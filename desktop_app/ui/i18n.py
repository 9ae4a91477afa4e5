"""UI language: loading the compiled translations, and refreshing them from the sources.

Source strings are English, wrapped in ``self.tr(...)`` or
``QCoreApplication.translate(context, ...)``. Vietnamese is the default UI language.
Qt ships no Vietnamese translation of its own standard strings (dialog buttons, context
menus, file dialogs): ``resources/i18n/qt_vi.ts``, maintained by hand, supplies them.

Refresh the translation files after changing UI strings::

    python -m desktop_app.ui.i18n update

This runs ``pyside6-lupdate`` over ``desktop_app/app.py`` and ``desktop_app/ui/*.py``,
updating ``resources/i18n/ttdn_vi.ts`` (existing translations are kept, strings no longer in
the code are dropped). Translate the new entries (in Qt Linguist, or by editing the XML: fill
in ``<translation>`` and remove ``type="unfinished"``), then run the command again:
``pyside6-lrelease`` compiles the ``.ts`` into the ``.qm`` the program loads.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop_app.core.paths import resources_dir

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "vi"
LANGUAGE_KEY = "ui/language"  # QSettings key of the language chosen in Settings
LANGUAGES = ("vi", "en")  # English is the source language: no file to load
TRANSLATED = ("vi",)
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def normalise_language(value: str | None) -> str:
    """``value`` if it is a supported UI language ("vi", "en"), else the default."""
    value = (value or "").strip().lower()[:2]
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def load_translator(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install the translators for ``lang``; keep the returned list alive while the UI runs."""
    if lang not in TRANSLATED:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    installed: list[QTranslator] = []
    for name in (f"qt_{lang}", f"ttdn_{lang}"):
        translator = QTranslator(app)
        path = translations_dir() / f"{name}.qm"
        if not translator.load(str(path)):
            log.warning("translation file missing or unreadable: %s", path)
            continue
        app.installTranslator(translator)
        installed.append(translator)
    return installed


def source_files() -> list[Path]:
    return [PACKAGE_DIR / "app.py", *sorted((PACKAGE_DIR / "ui").rglob("*.py"))]


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found; install PySide6 in this environment")
    return found


def update() -> None:
    """Re-extract the UI strings into the ``.ts`` files, then compile the ``.qm`` files."""
    out = translations_dir()
    out.mkdir(parents=True, exist_ok=True)
    sources = [str(p) for p in source_files()]
    for lang in TRANSLATED:
        ts = out / f"ttdn_{lang}.ts"
        subprocess.run(
            [_tool("lupdate"), *sources, "-no-obsolete", "-locations", "relative",
             "-source-language", "en", "-target-language", lang, "-ts", str(ts)],
            check=True,
        )
        subprocess.run([_tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        qt_ts = out / f"qt_{lang}.ts"  # Qt's own strings: not extracted, translated by hand
        subprocess.run([_tool("lrelease"), str(qt_ts), "-qm", str(qt_ts.with_suffix(".qm"))], check=True)


if __name__ == "__main__":
    if sys.argv[1:] != ["update"]:
        raise SystemExit("usage: python -m desktop_app.ui.i18n update")
    update()
