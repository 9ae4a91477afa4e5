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

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from desktop_app import __version__
from desktop_app.core import support_log
from desktop_app.core.db.backup import quick_check
from desktop_app.core.db.database import DB_FILE
from desktop_app.core.errors import TtdnError
from desktop_app.core.instance_lock import InstanceLock, InstanceLocked
from desktop_app.core.paths import resolve_data_dir, resources_dir
from desktop_app.core.workspace import Workspace
from desktop_app.ui.i18n import LANGUAGE_KEY, LANGUAGES, load_translator, normalise_language
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.setup_dialog import SetupDialog
from desktop_app.ui.single_instance import InstanceServer, activate_running, bring_to_front
from desktop_app.ui.support import damaged_text, install_excepthook, offer_restore
from desktop_app.ui.workers import abandoned_work, shutdown_workers, wait_for_workers

APP_TITLE = "TTĐN"
LANG_ENV = "TTDN_LANG"


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="python -m desktop_app", description="TTĐN desktop program")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: TTDN_DATA_DIR, portable or per-user)")
    parser.add_argument("--lang", choices=LANGUAGES, help=f"UI language (default: {LANG_ENV} or vi)")
    parser.add_argument("--screenshots", metavar="OUT_DIR", type=Path, help="save screenshots of the windows and exit")
    parser.add_argument("--self-test", action="store_true", help="check the program end to end in a temporary folder and exit")
    # packaging/build.py: time to the first screen (quit as soon as the main window is shown).
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
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
    if args.self_test:
        from desktop_app.selftest import run

        return run()
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
    """Take the data folder (one program per folder: a second start brings the running
    window to the front), start the support log, then run the program."""
    report = _Reporter(interactive=args.screenshots is None, lang=lang)
    lock = InstanceLock(data_dir)
    try:
        lock.acquire()
        support_log.setup(data_dir)
    except InstanceLocked as exc:
        if activate_running(data_dir):
            return 0
        report.error(exc)
        return 1
    except OSError as exc:
        text = QCoreApplication.translate("app", "Cannot open the data folder {path}: {detail}")
        report.error(text.format(path=data_dir, detail=exc))
        return 1
    previous_hook = sys.excepthook
    install_excepthook(data_dir, interactive=report.interactive)
    try:
        return _run_locked(args, data_dir, lang, report)
    finally:
        sys.excepthook = previous_hook
        support_log.teardown(data_dir)
        lock.release()


def _run_locked(args: argparse.Namespace, data_dir: Path, lang: str, report: _Reporter) -> int:
    """Check the database, open the workspace, set it up on first run, show the main
    window until it closes."""
    problems = quick_check(data_dir / DB_FILE)
    if problems and not (report.interactive and offer_restore(data_dir, problems, lang)):
        report.error(damaged_text(data_dir, problems, lang))
        return 1
    try:
        workspace = Workspace.open(data_dir)
    except TtdnError as exc:
        if exc.key == "db.unreadable" and report.interactive and offer_restore(data_dir, [str(exc.params.get("detail"))], lang):
            return _run_locked(args, data_dir, lang, report)
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
        second_starts = InstanceServer(data_dir, window)
        second_starts.activated.connect(lambda: bring_to_front(window))
        window.show()
        if args.exit_when_shown:
            QTimer.singleShot(0, QApplication.quit)
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
