"""Fixtures for the GUI tests: offscreen Qt, workspaces, the Vietnamese translator."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import sys  # noqa: E402
import threading  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QLocale, QSettings  # noqa: E402
from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from desktop_app.core.operations.demo import generate  # noqa: E402
from desktop_app.core.operations.installation import initialise  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402
from desktop_app.ui import widgets  # noqa: E402
from desktop_app.ui.i18n import load_translator  # noqa: E402

UNIT_CODE = "31786"  # Xã Hòa Đông
UNIT_NAME = "Xã Hòa Đông"
DEMO_COUNT = 300


@pytest.fixture
def empty_workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh data folder, not set up yet."""
    ws = Workspace.open(tmp_path / "data")
    yield ws
    ws.close()


@pytest.fixture
def demo_workspace(empty_workspace: Workspace) -> Workspace:
    """Set up as the unit Xã Hòa Đông, with demo activities."""
    initialise(empty_workspace, "unit", UNIT_CODE, "Lâm Thị Hoà")
    generate(empty_workspace, DEMO_COUNT, seed=1)
    return empty_workspace


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[None]:
    """The Vietnamese translator installed for the test, removed afterwards."""
    translators = load_translator(qapp, "vi")
    assert translators, "resources/i18n/ttdn_vi.qm is missing: run python -m desktop_app.ui.i18n update"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


UI_FOLDER = str(Path(__file__).resolve().parents[2] / "desktop_app" / "ui")


def gui_caller() -> str | None:
    """The innermost frame of the GUI code (``desktop_app/ui``) in the calling stack, if any."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename.startswith(UI_FOLDER):
            return f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno} {frame.f_code.co_name}"
        frame = frame.f_back
    return None


class GuiThreadGuard:
    """Records every SQL statement the GUI code runs on the GUI (main) thread: screens must
    call the core through the database worker (``desktop_app.ui.workers``)."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if threading.current_thread() is threading.main_thread():
            caller = gui_caller()
            if caller is not None:
                self.violations.append(f"{caller}: {statement.split()[0]} …")


@pytest.fixture(autouse=True)
def no_database_on_gui_thread() -> Iterator[GuiThreadGuard]:
    """Fails a GUI test whose screens used a database connection on the GUI thread."""
    guard = GuiThreadGuard()
    event.listen(Engine, "before_cursor_execute", guard)
    try:
        yield guard
    finally:
        event.remove(Engine, "before_cursor_execute", guard)
    assert guard.violations == [], "database used on the GUI thread:\n" + "\n".join(sorted(set(guard.violations)))


@pytest.fixture(autouse=True)
def _restore_locale() -> Iterator[None]:
    yield
    QLocale.setDefault(QLocale.c())


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Modal message boxes never open in tests; their (kind, text) calls are recorded."""
    calls: list[tuple[str, str]] = []
    for kind in ("critical", "warning", "information", "question"):

        def record(parent, title, text, *args, _kind=kind, **kwargs):
            calls.append((_kind, text))
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, kind, staticmethod(record))
    return calls


@pytest.fixture(autouse=True)
def settings_file(tmp_path: Path) -> Iterator[Path]:
    """QSettings go to a file of this test, never to the user's own settings; the day a
    form remembers from the last save starts afresh."""
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    widgets._last_day = None
    yield folder
    widgets._last_day = None
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
