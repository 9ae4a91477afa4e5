"""Operating the program: one window per data folder, a damaged database at start,
the backup dialog and the unexpected-error dialog."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop_app import app as app_module
from desktop_app.core.db import backup
from desktop_app.core.operations.backup import restore_backup
from desktop_app.core.instance_lock import InstanceLock
from desktop_app.core.operations.installation import initialise
from desktop_app.core.workspace import Workspace
from desktop_app.ui.backup_dialog import BackupDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.single_instance import InstanceServer, activate_running
from desktop_app.ui.support import error_box

ASK = """
import sys
from pathlib import Path
from desktop_app.ui.single_instance import activate_running
sys.exit(0 if activate_running(Path(sys.argv[1]), wait_s=30) else 1)
"""


def _set_up(data_dir: Path) -> None:
    ws = Workspace.open(data_dir)
    try:
        initialise(ws, "unit", "31786", "Lâm Thị Hoà")
    finally:
        ws.close()


def test_a_second_start_brings_the_running_window_to_the_front(qtbot, tmp_path):
    server = InstanceServer(tmp_path)
    try:
        with qtbot.waitSignal(server.activated, timeout=10_000):
            asker = subprocess.Popen([sys.executable, "-c", ASK, str(tmp_path)])
        qtbot.waitUntil(lambda: asker.poll() is not None, timeout=10_000)
        assert asker.returncode == 0
    finally:
        server.close()
    assert not activate_running(tmp_path, wait_s=0.3)  # nobody listening: the caller says so plainly
    assert list((tmp_path / ".instance").iterdir()) == []  # and leaves nothing behind


def test_the_gui_does_not_open_a_folder_already_open(tmp_path, qapp, message_boxes, monkeypatch):
    _set_up(tmp_path / "data")
    opened: list[bool] = []
    monkeypatch.setattr(app_module, "MainWindow", lambda *a, **k: opened.append(True))
    with InstanceLock(tmp_path / "data", program="ttdn"):
        assert app_module.main(["--data-dir", str(tmp_path / "data"), "--lang", "vi"]) == 1
    assert opened == []
    assert message_boxes and "đang mở" in message_boxes[0][1]


def test_a_damaged_database_at_start_offers_the_newest_good_backup(tmp_path, qapp, message_boxes, monkeypatch):
    data = tmp_path / "data"
    _set_up(data)
    ws = Workspace.open(data)
    good = ws.backup("manual")
    ws.close()
    (data / "ttdn.sqlite3").write_bytes(b"\x00" * 8192)  # the disk lost the file
    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    shown: list[str] = []

    def fake_exec() -> int:  # the main window opened on the restored data; close it for good
        for w in qapp.topLevelWidgets():
            if isinstance(w, MainWindow):
                shown.append(w.windowTitle())
            w.close()
        return 0

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(fake_exec))
    assert app_module.main(["--data-dir", str(data), "--lang", "vi"]) == 0
    assert shown
    assert asked and "bị hỏng" in asked[0] and good.created_at.strftime("%d/%m/%Y") in asked[0]
    assert backup.quick_check(data / "ttdn.sqlite3") == []
    assert any("khôi phục" in text.lower() for _kind, text in message_boxes)


def test_damage_found_after_the_first_paint_closes_the_window_and_offers_the_backup(tmp_path, qapp, message_boxes, monkeypatch):
    """The full check reads every page, so it runs once the window has painted: what it
    finds then closes the window, and the newest good backup is offered as at once."""
    data = tmp_path / "data"
    _set_up(data)
    ws = Workspace.open(data)
    good = ws.backup("manual")
    ws.close()
    checks: list[bool] = []
    windows: list[MainWindow] = []

    def check(path: Path) -> list[str]:  # the first check finds damage (as a power cut leaves it)
        checks.append(bool(windows) and windows[0]._painted)
        return ["*** in database main *** Page 7: btreeInitPage() returns error code 11"] if len(checks) == 1 else []

    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    real_exec = QApplication.exec
    rounds: list[str] = []

    def exec_() -> int:
        shown = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        rounds.append(shown[0].windowTitle())
        if len(rounds) == 1:  # the first start runs for real until the check closes the window
            windows.extend(shown)
            QTimer.singleShot(30_000, qapp.quit)  # a safety net, never needed when it works
            return real_exec()
        for w in shown:  # the start on the restored data (before its own check): close it for good
            w.close()
        return 0

    monkeypatch.setattr(app_module, "quick_check", check)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(exec_))
    assert app_module.main(["--data-dir", str(data), "--lang", "vi"]) == 0
    assert checks == [True]  # not before the window: after its first paint
    assert len(rounds) == 2  # the window came up, closed on the damage, came up on the restored data
    assert asked and "bị hỏng" in asked[0] and good.created_at.strftime("%d/%m/%Y") in asked[0]
    assert any("khôi phục" in text.lower() for _kind, text in message_boxes)


def test_a_damaged_database_without_backup_says_what_to_do(tmp_path, qapp, message_boxes):
    data = tmp_path / "data"
    data.mkdir()
    (data / "ttdn.sqlite3").write_bytes(b"\x00" * 8192)
    assert app_module.main(["--data-dir", str(data), "--lang", "vi"]) == 1
    assert len(message_boxes) == 1 and "sao lưu" in message_boxes[0][1]
    (data / "ttdn.sqlite3").unlink()


def test_backup_dialog_backs_up_copies_to_usb_and_restores(qtbot, tmp_path, monkeypatch, message_boxes, vietnamese):
    data = tmp_path / "data"
    _set_up(data)
    ws = Workspace.open(data)
    try:
        dialog = BackupDialog(ws, "vi")
        qtbot.addWidget(dialog)
        before = dialog.table.topLevelItemCount()
        dialog.create_backup()
        qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() == before + 1, timeout=20_000)
        assert "Sao lưu ngay" in [b.text() for b in dialog.findChildren(QPushButton)]
        assert "Sao lưu ra USB" in [b.text() for b in dialog.findChildren(QPushButton)]

        stick = tmp_path / "USB"
        stick.mkdir()
        monkeypatch.setattr(dialog, "usb_destination", lambda: stick)
        dialog.copy_to_usb()
        qtbot.waitUntil(lambda: (stick / "TTDN-sao-luu").is_dir() and "USB" in dialog.message.text(), timeout=20_000)
        [copied] = [p for p in (stick / "TTDN-sao-luu").iterdir() if p.name.startswith("ttdn-")]
        assert backup.verify_backup(backup.BackupInfo.read(copied)) == []

        monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
        exits: list[int] = []
        monkeypatch.setattr("desktop_app.ui.backup_dialog.QCoreApplication.exit", staticmethod(exits.append))
        old_origin = ws.installation().origin_id
        dialog.table.setCurrentItem(dialog.table.topLevelItem(dialog.table.topLevelItemCount() - 1))
        dialog.restore_selected()
        assert exits == [0]
        assert ws.installation().origin_id != old_origin  # restored: a new origin
        assert any(kind == "information" for kind, _ in message_boxes)
    finally:
        ws.close()


def test_the_error_dialog_offers_the_log_folder(qtbot, tmp_path, vietnamese):
    box = error_box(tmp_path, "ValueError: x")
    qtbot.addWidget(box)
    assert "Mở thư mục nhật ký" in [b.text() for b in box.buttons()]
    assert "nhật ký" in box.informativeText()
