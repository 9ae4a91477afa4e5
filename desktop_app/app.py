"""The composition root: the one place that wires the core and the Qt user interface.

``python -m desktop_app [--data-dir DIR] [--lang vi|en] [--screenshots OUT_DIR]``
(the UI language can also come from the ``TTDN_LANG`` environment variable). Options that
are not ours are passed on to Qt (e.g. ``-platform offscreen``).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QSettings, QSize, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from desktop_app import __version__
from desktop_app.core import support_log
from desktop_app.core.operations.first_page import DB_NAME as DB_FILE, FirstScreen, FirstScreenRead
from desktop_app.cli_text import help_text, speak_argparse
from desktop_app.core.errors import TtdnError
from desktop_app.core.instance_lock import InstanceLock, InstanceLocked
from desktop_app.core.paths import resolve_data_dir, resources_dir
from desktop_app.ui.activity_model import PAGE_ROWS
from desktop_app.ui.i18n import LANGUAGE_KEY, LANGUAGES, load_translator, normalise_language
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.single_instance import InstanceServer, activate_running, bring_to_front
from desktop_app.ui.support import damaged_text, install_excepthook, offer_restore
from desktop_app.ui.workers import run_in_background, shutdown_workers, wait_for_workers

if TYPE_CHECKING:  # SQLAlchemy and the models: loaded after the first paint (see _run_light)
    from desktop_app.core.workspace import Workspace

APP_TITLE = "TTĐN"
LANG_ENV = "TTDN_LANG"


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    speak_argparse()  # argparse's own words too ("cách dùng", "tùy chọn")
    parser = argparse.ArgumentParser(prog="python -m desktop_app", description=help_text("Chương trình Thông tin đối ngoại (TTĐN)"))
    parser.add_argument("--data-dir", metavar=help_text("THƯ_MỤC"), help=help_text("thư mục dữ liệu (mặc định: TTDN_DATA_DIR, thư mục data/ cạnh chương trình, hoặc thư mục của người dùng)"))
    parser.add_argument("--lang", choices=LANGUAGES, help=help_text("ngôn ngữ giao diện (mặc định: TTDN_LANG hoặc vi)"))
    parser.add_argument("--screenshots", metavar=help_text("THƯ_MỤC_ẢNH"), type=Path, help=help_text("chụp ảnh các màn hình vào thư mục này rồi thoát"))
    parser.add_argument("--self-test", action="store_true", help=help_text("tự kiểm tra chương trình trong một thư mục tạm rồi thoát"))
    # packaging/build.py: time to the first screen (quit as soon as the main window is shown).
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help=help_text("in phiên bản"))
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
    # The first screen is read light on a thread of its own while Qt starts (see _run_light).
    first = FirstScreenRead(location.path / DB_FILE, PAGE_ROWS) if args.screenshots is None else None

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName("TTDN")
    app.setApplicationName("TTDN")
    app.setApplicationVersion(__version__)
    # --lang, then TTDN_LANG, then the language chosen in Settings, then Vietnamese.
    lang = args.lang or normalise_language(os.environ.get(LANG_ENV) or str(QSettings().value(LANGUAGE_KEY, "vi")))
    register_fonts()
    translators = load_translator(app, lang)
    try:
        code = _run(args, location.path, lang, first)
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    if argv is None:  # the program itself (tests call main with arguments)
        _end_process(code)
    return code


def _end_process(code: int) -> None:
    """End the program now that the window is closed, every write has finished and the
    database is closed. Python's own tear-down of the interpreter and of Qt's objects
    takes most of a second and frees only memory; and a read still running (e.g. a
    dashboard's figures, see :func:`abandoned_work`) would make Qt's thread pool wait for
    it. Logs are flushed first."""
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _run(args: argparse.Namespace, data_dir: Path, lang: str, first: FirstScreenRead | None = None) -> int:
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
        return _run_locked(args, data_dir, lang, report, first)
    finally:
        sys.excepthook = previous_hook
        support_log.teardown(data_dir)
        lock.release()


class _DatabaseCheck:
    """SQLite's ``quick_check`` of the database on a thread of its own (``sqlite3`` lets go
    of the interpreter while it reads). It reads every page — about 2 s for 100,000
    activities — so a start that migrates nothing runs it once the window has painted and
    acts on what it finds then; ``problems`` is None until it has run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] | None = None

    def start(self) -> None:
        threading.Thread(target=self.run, name="ttdn-db-check", daemon=True).start()

    def run(self) -> list[str]:
        self.problems = quick_check(self.path)
        return self.problems


def quick_check(path: Path) -> list[str]:
    """SQLite's ``quick_check`` of ``path`` (the backups' module loads SQLAlchemy: imported here)."""
    from desktop_app.core.operations.backup import quick_check as check

    return check(path)


def _migration_pending(path: Path) -> bool:
    """Whether opening the database at ``path`` would migrate (write) it; True when unsure."""
    from desktop_app.core.db import migrate

    try:
        return path.exists() and migrate.read_revision(path) != migrate.declared_head()
    except Exception:  # an unreadable file: check it before anything else
        return True


def _run_locked(
    args: argparse.Namespace, data_dir: Path, lang: str, report: _Reporter, first_read: FirstScreenRead | None = None
) -> int:
    """Check the database, open the workspace, set it up on first run, show the main
    window until it closes. The check runs before the workspace opens when a migration is
    due (or without a user); otherwise after the first paint, and damage it finds then
    closes the window and offers the newest good backup, as a damage found at once does.

    When the first screen could be read light (``first_read``: an up-to-date database,
    set up), the window shows it before the core is loaded: see :func:`_run_light`."""
    check = _DatabaseCheck(data_dir / DB_FILE)
    first = first_read.result() if first_read is not None and report.interactive else None
    if first is not None:
        return _run_light(args, data_dir, lang, report, check, first)
    later = report.interactive and not _migration_pending(check.path)
    problems = [] if later else check.run()
    if problems and not (report.interactive and offer_restore(data_dir, problems, lang)):
        report.error(damaged_text(data_dir, problems, lang))
        return 1
    from desktop_app.core.workspace import Workspace

    try:
        workspace = Workspace.open(data_dir)
    except (TtdnError, OSError) as exc:
        return _not_opened(args, data_dir, lang, report, exc)
    try:
        if args.screenshots is not None:
            for warning in workspace.warnings:
                report.warning(warning)
            return _screenshots(workspace, data_dir, lang, args.screenshots, report)
        if workspace.installation() is None:
            from desktop_app.ui.setup_dialog import SetupDialog  # first run only (it loads the sync code)

            if SetupDialog(workspace, lang).exec() != QDialog.DialogCode.Accepted:
                return 0
        # Notices (a copied folder's new origin, a network drive) go in a bar of the window:
        # a box before the window would block an unattended start.
        notices = [warning.message(lang) for warning in workspace.warnings]
        window = MainWindow(workspace, data_dir, notices=notices)
        second_starts = InstanceServer(data_dir, window)
        second_starts.activated.connect(lambda: bring_to_front(window))
        if later:
            _watch_check(check, window)
        window.show()
        if args.exit_when_shown:
            QTimer.singleShot(0, QApplication.quit)
        code = QApplication.exec()
    finally:
        shutdown_workers()  # writes still running finish before the database closes; reads do not hold us up
        workspace.close()
    return _after_check(args, data_dir, lang, report, check, code)


def _not_opened(args: argparse.Namespace, data_dir: Path, lang: str, report: _Reporter, exc: Exception) -> int:
    """The workspace could not be opened: an unreadable database offers the newest good
    backup (and starts again on it), anything else is said plainly."""
    if isinstance(exc, OSError):  # e.g. a folder that cannot be created or written
        text = QCoreApplication.translate("app", "Cannot open the data folder {path}: {detail}")
        report.error(text.format(path=data_dir, detail=exc))
        return 1
    if not isinstance(exc, TtdnError):
        raise exc
    if exc.key == "db.unreadable" and report.interactive and offer_restore(data_dir, [str(exc.params.get("detail"))], lang):
        return _run_locked(args, data_dir, lang, report)
    report.error(exc)
    return 1


def _after_check(args: argparse.Namespace, data_dir: Path, lang: str, report: _Reporter, check: _DatabaseCheck, code: int) -> int:
    """Once the window is closed and the database too: damage the check found after the
    first paint offers the newest good backup (and starts again on it)."""
    if check.problems:
        if offer_restore(data_dir, check.problems, lang):
            return _run_locked(args, data_dir, lang, report)
        report.error(damaged_text(data_dir, check.problems, lang))
        return 1
    return code


def _watch_check(check: _DatabaseCheck, window: MainWindow) -> None:
    """Run the database check once the window has painted; damage closes the window."""
    watch = QTimer(window)
    watch.timeout.connect(lambda: _damage_found(check, window, watch))
    window.first_painted.connect(check.start)
    window.first_painted.connect(lambda: watch.start(CHECK_POLL_MS))


def _load_core() -> None:
    """Import SQLAlchemy, the models and the operations the screens call, and map the
    models: the second or so a cold start spends before it can use the database. Changes
    nothing, so closing the window meanwhile does not wait for it."""
    import desktop_app.core.operations.activities  # noqa: F401
    import desktop_app.core.operations.installation  # noqa: F401
    import desktop_app.core.operations.overview  # noqa: F401
    import desktop_app.core.workspace  # noqa: F401
    from sqlalchemy.orm import configure_mappers

    configure_mappers()


class _OpenAfterPaint(QObject):
    """Once the window has painted the first screen read light: load the core (a read-only
    job: closing does not wait for it) and open the workspace (migrations none, newer
    content, the origin check, the day's backup), both on the database worker, then hand
    the workspace to the window. ``error`` is what stopped the opening (the window is then
    closed and the caller says it, as the normal start does)."""

    def __init__(self, data_dir: Path, window: MainWindow, lang: str) -> None:
        super().__init__(window)
        self._data_dir, self._window, self._lang = data_dir, window, lang
        self._closing = threading.Event()
        self._started = False
        self.workspace: Workspace | None = None
        self.error: Exception | None = None

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        run_in_background(_load_core, read_only=True)
        job = run_in_background(self._open)
        job.finished.connect(self._opened)
        job.failed.connect(self._failed)

    def _open(self) -> Workspace | None:  # on the database worker
        if self._closing.is_set():  # the window closed before the core was loaded
            return None
        from desktop_app.core.workspace import Workspace

        self.workspace = Workspace.open(self._data_dir)
        return self.workspace

    def _opened(self, workspace: Workspace | None) -> None:
        if workspace is not None and not self._closing.is_set():
            self._window.attach(workspace, [warning.message(self._lang) for warning in workspace.warnings])

    def _failed(self, error: object) -> None:
        self.error = error if isinstance(error, Exception) else RuntimeError(str(error))
        self._window.close()

    def closing(self) -> None:
        """The window is closed: a workspace not opened yet will not be."""
        self._closing.set()


def _run_light(
    args: argparse.Namespace, data_dir: Path, lang: str, report: _Reporter, check: _DatabaseCheck, first: FirstScreen
) -> int:
    """The window from the first screen read light, shown before SQLAlchemy and the models
    are loaded; after its first paint the workspace opens on the database worker and the
    window goes on with it (the same rows stay). The database check runs after the first
    paint as on the normal path; a database that cannot be opened closes the window and
    is said (or, unreadable, offers the newest good backup) as the normal path does."""
    window = MainWindow(None, data_dir, first=first)
    second_starts = InstanceServer(data_dir, window)
    second_starts.activated.connect(lambda: bring_to_front(window))
    opening = _OpenAfterPaint(data_dir, window, lang)
    window.first_painted.connect(opening.start)
    _watch_check(check, window)
    window.show()
    if args.exit_when_shown:
        QTimer.singleShot(0, QApplication.quit)
    try:
        code = QApplication.exec()
    finally:
        opening.closing()
        shutdown_workers()  # writes still running finish before the database closes; reads do not hold us up
        if opening.workspace is not None:
            opening.workspace.close()
    if opening.error is not None:
        return _not_opened(args, data_dir, lang, report, opening.error)
    return _after_check(args, data_dir, lang, report, check, code)


CHECK_POLL_MS = 200


def _damage_found(check: _DatabaseCheck, window: QWidget, watch: QTimer) -> None:
    """Once the check has run: a damaged database closes the window (see _run_locked)."""
    if check.problems is None:
        return
    watch.stop()
    if check.problems:
        window.close()


def _settle(page: QWidget, limit_s: float = 20.0, flag: str = "busy") -> None:
    """Let a screen finish loading in its worker (``busy``, or ``flag``) before it is photographed."""
    deadline = time.monotonic() + limit_s
    while getattr(page, flag, False) and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.02)
    QApplication.processEvents()


SHOT_SCREEN = (1366, 768)  # the most common office laptop screen, in device pixels
TASKBAR = 40  # Windows' taskbar, which a window must stay above


def _shot_room() -> QSize:
    """The room a window has on a 1366×768 screen at this scale factor (e.g. QT_SCALE_FACTOR=1.25)."""
    ratio = QApplication.primaryScreen().devicePixelRatio() if QApplication.primaryScreen() else 1.0
    return QSize(round(SHOT_SCREEN[0] / ratio), round((SHOT_SCREEN[1] - TASKBAR) / ratio))


def _fit_shot(widget: QWidget) -> None:
    """Give a dialog the size it takes on a 1366×768 screen (its preferred size, clamped)."""
    preferred = widget.property("preferred_size")
    size = preferred if isinstance(preferred, QSize) else widget.sizeHint()
    widget.resize(size.boundedTo(_shot_room()).expandedTo(widget.minimumSizeHint().boundedTo(_shot_room())))


def _screenshots(workspace: Workspace, data_dir: Path, lang: str, out: Path, report: _Reporter) -> int:
    """Save the setup dialog and, once set up, every screen of the main window
    (``main_<screen>.png``) and the dialogs an officer works in (``dialog_<name>.png``) as
    PNG files in ``out``, at the size they have on a 1366×768 screen."""
    from desktop_app.ui.setup_dialog import SetupDialog

    out.mkdir(parents=True, exist_ok=True)
    dialog = SetupDialog(workspace, lang)
    _fit_shot(dialog)
    _grab(dialog, out / "setup_dialog.png")
    dialog.close()
    if workspace.installation() is None:
        report.error(TtdnError("installation.missing", data_dir=str(data_dir)))
        return 1
    window = MainWindow(workspace, data_dir)
    window.resize(_shot_room())
    window.show()
    _settle(window, flag="_waiting_for_paint")  # the status bar is filled after the first paint
    QApplication.processEvents()  # and laid out with its texts
    for key, page in window.pages.items():
        window.show_page(key)
        _settle(page)
        _grab(window, out / f"main_{key}.png")
    for name, make in _dialogs(window, out).items():
        try:
            shown = make()
        except Exception as exc:  # one dialog that cannot be shown must not cost the others
            report.error(f"{name}: {exc!r}")
            continue
        _fit_shot(shown)
        _grab(shown, out / f"dialog_{name}.png")
        shown.hide()
        shown.deleteLater()
    window.close()
    wait_for_workers()
    return 0


def _dialogs(window: MainWindow, out: Path) -> dict[str, Callable[[], QWidget]]:
    """How to open each dialog for its picture: a filled-in activity form, the event form on
    the first event, the participant import preview of a small sample list, and the export
    dialog (where a package is saved)."""
    from PySide6.QtWidgets import QFileDialog

    from desktop_app.ui.activity_form import ActivityForm
    from desktop_app.ui.event_form import EventForm
    from desktop_app.ui.participant_import_dialog import ParticipantImportDialog

    workspace = window._workspace
    activities, events = window.pages["activities"], window.pages["events"]

    def activity_form() -> QWidget:
        selected = activities.model.activity_id(0) if activities.model.rowCount() else None
        return ActivityForm(workspace, selected, window)

    def event_form() -> QWidget:
        return EventForm(workspace, events.selected_event_id(), window, lang=events._lang)

    def participant_import() -> QWidget:
        dialog = ParticipantImportDialog(workspace, events.selected_event_id(), window, lang=events._lang)
        sample = out / "sample-participants.xlsx"
        _sample_participants(sample)
        dialog.open_file(sample)
        _settle(dialog, flag="_loading")  # the list is read on the worker
        return dialog

    def export_dialog() -> QWidget:
        dialog = QFileDialog(window, QCoreApplication.translate("SyncPage", "Choose where to save the package"), str(out))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on Linux
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setProperty("preferred_size", QSize(900, 520))
        return dialog

    return {"activity_form": activity_form, "event_form": event_form,
            "participant_import": participant_import, "export": export_dialog}  # fmt: skip


def _sample_participants(path: Path) -> None:
    """A small participant list as units send them (made up names), for the import preview."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Giới tính", "Dân tộc", "Năm sinh", "Chức vụ", "Đơn vị công tác", "Điện thoại"])
    for row in (
        ["Lâm Thị Hoà", "Nữ", "Khmer", 1985, "Phát thanh viên", "Đài truyền thanh xã Hòa Đông", "0912345678"],
        ["Trần Văn Bình", "Nam", "Kinh", 1979, "Trưởng đài", "Đài truyền thanh xã Lai Hòa", ""],
        ["Thạch Sô Phal", "Nam", "Khmer", 1990, "Cán bộ văn hóa", "UBND xã Vĩnh Hải", "0987654321"],
    ):
        sheet.append(row)
    book.save(path)
