"""The composition root: first run, errors, warnings, screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, QSize, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from desktop_app import app as app_module
from desktop_app.core.operations.installation import initialise
from desktop_app.core.workspace import ORIGIN_FILE, Workspace
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui import setup_dialog


def _set_up(data_dir: Path) -> None:
    ws = Workspace.open(data_dir)
    try:
        initialise(ws, "unit", "31786", "Lâm Thị Hoà")
    finally:
        ws.close()


def until_attached(window: MainWindow, timeout_ms: int = 30_000) -> None:
    """Run the event loop until ``window`` has its workspace (the program's start shows the
    first screen read light and opens the workspace after the first paint)."""
    if window._workspace is None:
        loop = QEventLoop()
        window.attached.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
    assert window._workspace is not None


@pytest.fixture
def shown_windows(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> list[str]:
    """Replace the event loop: record the titles of the main windows shown, return 0."""
    titles: list[str] = []

    def fake_exec() -> int:
        titles.extend(w.windowTitle() for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        for w in qapp.topLevelWidgets():
            w.close()
        return 0

    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(fake_exec))
    return titles


def test_first_run_cancelled_exits_cleanly(monkeypatch, tmp_path: Path, shown_windows, message_boxes) -> None:
    monkeypatch.setattr(setup_dialog.SetupDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert app_module.main(["--data-dir", str(tmp_path / "data"), "--lang", "en"]) == 0
    assert shown_windows == [] and message_boxes == []
    ws = Workspace.open(tmp_path / "data")
    assert ws.installation() is None
    ws.close()


def test_first_run_set_up_then_main_window(monkeypatch, tmp_path: Path, shown_windows) -> None:
    def set_up(dialog) -> QDialog.DialogCode:
        dialog.unit_search.setText("Hòa Đông")
        dialog.unit_list.setCurrentRow(0)
        dialog.accept()
        return QDialog.DialogCode(dialog.result())

    monkeypatch.setattr(setup_dialog.SetupDialog, "exec", set_up)
    monkeypatch.setenv("TTDN_LANG", "vi")
    assert app_module.main(["--data-dir", str(tmp_path / "data")]) == 0
    assert shown_windows == ["Thông tin đối ngoại – Xã Hòa Đông, Thị xã Vĩnh Châu"]


def test_language_from_environment(monkeypatch, tmp_path: Path, shown_windows) -> None:
    _set_up(tmp_path / "data")
    monkeypatch.setenv("TTDN_LANG", "en")
    assert app_module.main(["--data-dir", str(tmp_path / "data")]) == 0
    assert shown_windows == ["External information work – Xã Hòa Đông, Thị xã Vĩnh Châu"]


def test_database_error_is_shown_and_exits_1(tmp_path: Path, qapp, message_boxes) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "ttdn.sqlite3").write_bytes(b"not a database at all" * 100)
    assert app_module.main(["--data-dir", str(data), "--lang", "vi"]) == 1
    assert len(message_boxes) == 1 and message_boxes[0][0] == "critical"
    assert "TTĐN" in message_boxes[0][1] or "cơ sở dữ liệu" in message_boxes[0][1].lower()
    assert "sao lưu" in message_boxes[0][1]  # what to do: restore the newest good backup


def test_workspace_warnings_are_a_bar_in_the_window_never_a_box_before_it(
    tmp_path: Path, monkeypatch, qapp, message_boxes
) -> None:
    _set_up(tmp_path / "data")
    (tmp_path / "data" / ORIGIN_FILE).unlink()  # looks like a copied database
    notices: list[list[str]] = []

    def fake_exec() -> int:  # runs until the workspace, opened after the first paint, is there
        for window in [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]:
            until_attached(window)
            notices.append([label.text() for bar in window.notice_bars for label in bar.findChildren(QLabel)])
        for window in qapp.topLevelWidgets():  # after the event loop ran: what is left now
            window.close()
        return 0

    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(fake_exec))
    assert app_module.main(["--data-dir", str(tmp_path / "data"), "--lang", "vi"]) == 0
    assert message_boxes == []  # an unattended start is not held up
    assert len(notices) == 1 and any("sao chép" in text for text in notices[0])


def test_screenshots(tmp_path: Path, qapp, message_boxes) -> None:
    _set_up(tmp_path / "data")
    out = tmp_path / "shots"
    assert app_module.main(["--data-dir", str(tmp_path / "data"), "--screenshots", str(out), "--lang", "vi"]) == 0
    screens = ("activities", "events", "sync", "reports", "plan", "settings")
    dialogs = ("activity_form", "event_form", "participant_import", "export")
    for name in ("setup_dialog", *(f"main_{s}" for s in screens), *(f"dialog_{d}" for d in dialogs)):
        assert (out / f"{name}.png").stat().st_size > 1000, name
    assert QImage(str(out / "main_activities.png")).size() == QSize(1366, 728)  # 1366×768 less the taskbar
    assert message_boxes == []


def test_screenshots_before_setup_exit_1(tmp_path: Path, qapp, capsys) -> None:
    assert app_module.main(["--data-dir", str(tmp_path / "data"), "--screenshots", str(tmp_path / "shots")]) == 1
    assert "chưa được thiết lập" in capsys.readouterr().err


def test_starting_the_program_loads_no_report_or_crypto_library() -> None:
    """Heavy libraries are imported when a screen or a job needs them, not at start-up."""
    import subprocess
    import sys

    code = (
        "import sys; import desktop_app.app, desktop_app.ui.main_window, desktop_app.ui.pages.activities_page; "
        "print(sorted(m for m in ('reportlab', 'openpyxl', 'docx', 'cryptography', 'alembic') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert done.stdout.strip() == "[]"
