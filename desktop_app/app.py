"""The composition root: the one place that wires the core and the Qt user interface.

``python -m desktop_app [--data-dir DIR] [--lang vi|en] [--screenshots OUT_DIR]``
(the UI language can also come from the ``TTDN_LANG`` environment variable). Options that
are not ours are passed on to Qt (e.g. ``-platform offscreen``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from desktop_app import __version__
from desktop_app.core.errors import TtdnError
from desktop_app.core.paths import resolve_data_dir, resources_dir
from desktop_app.core.workspace import Workspace
from desktop_app.ui.i18n import LANGUAGE_KEY, LANGUAGES, load_translator, normalise_language
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.setup_dialog import SetupDialog
from desktop_app.ui.workers import abandoned_work, shutdown_workers, wait_for_workers

APP_TITLE = "TTĐN"
LANG_ENV = "TTDN_LANG"


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="python -m desktop_app", description="TTĐN desktop program")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: TTDN_DATA_DIR, portable or per-user)")
    parser.add_argument("--lang", choices=LANGUAGES, help=f"UI language (default: {LANG_ENV} or vi)")
    parser.add_argument("--screenshots", metavar="OUT_DIR", type=Path, help="save screenshots of the windows and exit")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_known_args(argv)


class _Reporter:
    """Shows messages in boxes, or on stderr when running without a user (screenshots)."""

    def __init__(self, interactive: bool, lang: str) -> None:
        self.interactive = interactive
        self.lang = lang

    def error(self, exc: TtdnError | str) -> None:
        text = exc if isinstance(exc, str) else exc.message(self.lang)
        if self.interactive:
            QMessageBox.critical(None, APP_TITLE, text)
        else:
            print(text, file=sys.stderr)

    def warning(self, exc: TtdnError) -> None:
        if self.interactive:
            QMessageBox.warning(None, APP_TITLE, exc.message(self.lang))
        else:
            print(exc.message(self.lang), file=sys.stderr)


def register_fonts() -> None:
    """Make the fonts shipped in ``resources/fonts`` (e.g. Noto Sans Khmer) available to Qt."""
    folder = resources_dir() / "fonts"
    for path in sorted(folder.glob("*.[ot]tf")) if folder.is_dir() else []:
        QFontDatabase.addApplicationFont(str(path))


def _grab(widget: QWidget, path: Path) -> None:
    widget.show()
    QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    print(path)


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    location = resolve_data_dir(args.data_dir)

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName("TTDN")
    app.setApplicationName("TTDN")
    app.setApplicationVersion(__version__)
    # --lang, then TTDN_LANG, then the language chosen in Settings, then Vietnamese.
    lang = args.lang or normalise_language(os.environ.get(LANG_ENV) or str(QSettings().value(LANGUAGE_KEY, "vi")))
    register_fonts()
    translators = load_translator(app, lang)
    try:
        code = _run(args, location.path, lang)
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    if argv is None and abandoned_work():
        # A read (e.g. a dashboard's figures) was still running when the window closed;
        # every write has finished and the database is closed. End now instead of
        # waiting for the read (Qt's thread pool would wait for it at exit).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _run(args: argparse.Namespace, data_dir: Path, lang: str) -> int:
    """Open the workspace, set it up on first run, show the main window until it closes."""
    report = _Reporter(interactive=args.screenshots is None, lang=lang)
    try:
        workspace = Workspace.open(data_dir)
    except TtdnError as exc:
        report.error(exc)
        return 1
    except OSError as exc:  # e.g. a folder that cannot be created or written
        text = QCoreApplication.translate("app", "Cannot open the data folder {path}: {detail}")
        report.error(text.format(path=data_dir, detail=exc))
        return 1
    try:
        for warning in workspace.warnings:
            report.warning(warning)
        if args.screenshots is not None:
            return _screenshots(workspace, data_dir, lang, args.screenshots, report)
        if workspace.installation() is None:
            if SetupDialog(workspace, lang).exec() != QDialog.DialogCode.Accepted:
                return 0
        window = MainWindow(workspace, data_dir)
        window.show()
        return QApplication.exec()
    finally:
        shutdown_workers()  # writes still running finish before the database closes; reads do not hold us up
        workspace.close()


def _settle(page: QWidget, limit_s: float = 20.0) -> None:
    """Let a screen finish loading in its worker (``busy``) before it is photographed."""
    deadline = time.monotonic() + limit_s
    while getattr(page, "busy", False) and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.02)
    QApplication.processEvents()


def _screenshots(workspace: Workspace, data_dir: Path, lang: str, out: Path, report: _Reporter) -> int:
    """Save the setup dialog and, once set up, every screen of the main window as PNG
    files in ``out`` (``main_<screen>.png``)."""
    out.mkdir(parents=True, exist_ok=True)
    dialog = SetupDialog(workspace, lang)
    _grab(dialog, out / "setup_dialog.png")
    dialog.close()
    if workspace.installation() is None:
        report.error(TtdnError("installation.missing", data_dir=str(data_dir)))
        return 1
    window = MainWindow(workspace, data_dir)
    window.show()
    for key, page in window.pages.items():
        window.show_page(key)
        _settle(page)
        _grab(window, out / f"main_{key}.png")
    window.close()
    wait_for_workers()
    return 0
