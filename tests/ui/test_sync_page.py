"""The send-and-receive page, end to end through its widgets: a unit trusts the province,
enrols, records, exports to a folder; the province registers it, previews and imports the
package and sends a receipt back. Plus the history model, e-mail drafts and errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from sqlalchemy import select

from desktop_app.core.db.models import Activity, Peer
from desktop_app.core.services.activities import create_activity
from desktop_app.core.operations.installation import initialise
from desktop_app.core.sync.identity import own_identity
from desktop_app.core.sync.outbound import make_config
from desktop_app.core.sync.status import sync_status
from desktop_app.core.workspace import Workspace
from desktop_app.ui.package_history_model import PackageHistoryModel
from desktop_app.ui.pages import sync_page
from desktop_app.ui.pages.sync_page import SyncPage
from desktop_app.ui.workers import wait_for_workers

TITLE = "Tuyên truyền biển đảo tại ấp Âu Thọ B"
EVENT = {
    "kind": "event",
    "title": "Hội nghị tuyên truyền biên giới",
    "date": "2024-08-10",
    "participants": [{"name": "Thạch Thị Sà Rum", "gender": "nữ", "phone": "0912345678"}],
}


@pytest.fixture
def workspaces(tmp_path):
    """A province (with its configuration package written) and a unit set up without it."""
    opened: dict[str, Workspace] = {}
    opened["province"] = Workspace.open(tmp_path / "province")
    initialise(opened["province"], "aggregator", "STTTT", "Cán bộ Sở")
    opened["config"] = make_config(opened["province"], tmp_path / "config")  # type: ignore[assignment]
    opened["unit"] = Workspace.open(tmp_path / "unit")
    initialise(opened["unit"], "unit", "31786", "Lâm Thị Hoà")
    yield opened
    assert wait_for_workers(30_000)
    for key in ("province", "unit"):
        opened[key].close()


@pytest.fixture(autouse=True)
def no_usb_drives(monkeypatch):
    monkeypatch.setattr(sync_page, "removable_drives", lambda: [])


@pytest.fixture
def answers(monkeypatch) -> list[str]:
    """QMessageBox.question answers Yes; the questions asked are recorded."""
    asked: list[str] = []

    def yes(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(yes))
    return asked


def _page(qtbot, workspace: Workspace) -> SyncPage:
    page = SyncPage(workspace)
    qtbot.addWidget(page)
    page.show()
    return page


def _idle(qtbot, page: SyncPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)


def _record(workspace: Workspace, data: dict) -> str:
    with workspace.writing() as session:
        activity, _ = create_activity(session, workspace.require_installation(session), data, files_dir=workspace.db.files_dir)
        return activity.id


def _receive(qtbot, page: SyncPage, monkeypatch, files: list[Path], *, confirm: bool = False) -> None:
    """Choose files…, then Import in the preview dialog."""
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(f) for f in files], "")))
    page.choose_files()
    qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=20_000)
    dialog = page.preview_dialog
    if confirm:
        assert not dialog.import_button.isEnabled()
        dialog.confirm_box.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(page.changed, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, page)


def _folder_dialog(monkeypatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))


def test_a_package_goes_from_the_unit_to_the_province_and_a_receipt_comes_back(
    qtbot, workspaces, tmp_path, monkeypatch, message_boxes, answers
):
    unit_ws, province_ws = workspaces["unit"], workspaces["province"]
    unit, province = _page(qtbot, unit_ws), _page(qtbot, province_ws)

    # The unit trusts the province from its configuration package, after the phone call.
    _receive(qtbot, unit, monkeypatch, [w.path for w in workspaces["config"]], confirm=True)
    with unit_ws.reading() as s:
        assert s.scalar(select(Peer.role).where(Peer.status == "registered")) == "aggregator"

    # The unit saves its enrolment file; the province registers it after comparing the fingerprint.
    enrolment = tmp_path / "dang-ky-31786.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(enrolment), "")))
    qtbot.mouseClick(_button(unit, "Save enrolment file…"), Qt.MouseButton.LeftButton)
    _idle(qtbot, unit)
    assert enrolment.exists()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(enrolment), "")))
    with qtbot.waitSignal(province.changed, timeout=20_000):
        qtbot.mouseClick(_button(province, "Register a unit…"), Qt.MouseButton.LeftButton)
    _idle(qtbot, province)
    assert "Xã Hòa Đông" in answers[-1] and unit.fingerprint.text().split("\n")[0] in answers[-1]
    assert province.peers.count() == 1 and "Xã Hòa Đông (31786)" in province.peers.currentText()

    # The unit records an activity and exports it to a folder (the USB stick).
    activity_id = _record(unit_ws, {"kind": "other", "title": TITLE, "date": "2024-05-01"})
    usb = tmp_path / "usb"
    usb.mkdir()
    _folder_dialog(monkeypatch, usb)
    with qtbot.waitSignal(unit.changed, timeout=20_000):
        qtbot.mouseClick(unit.export_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, unit)
    packages = sorted(usb.glob("*.ttdn"))
    assert len(packages) == 1 and packages[0].name.startswith("TTDN-31786-data-")
    assert "Done" in unit.result.text() and packages[0].name in unit.result.text()
    assert unit.history_model.rowCount() == 2  # config received, data sent
    assert unit.history_model.index(0, 1).data() == "Sent"

    # The province previews and imports it.
    _receive(qtbot, province, monkeypatch, packages)
    with province_ws.reading() as s:
        assert s.scalar(select(Activity.title).where(Activity.id == activity_id)) == TITLE
    assert "Imported 1 of 1 files" in province.result.text()
    assert "new: 1" in province.result.text()

    # A receipt goes back and the unit sees it confirmed.
    receipts = tmp_path / "receipts"
    receipts.mkdir()
    _folder_dialog(monkeypatch, receipts)
    qtbot.mouseClick(_button(province, "Receipts…"), Qt.MouseButton.LeftButton)
    _idle(qtbot, province)
    receipt_files = list(receipts.glob("TTDN-STTTT-receipt-*.ttdn"))
    assert len(receipt_files) == 1
    _receive(qtbot, unit, monkeypatch, receipt_files)
    with unit_ws.reading() as s:
        status = sync_status(s)
    assert status.confirmed_at is not None and status.unsent_changes == 0
    assert "never" not in unit.status.text().split("·")[1]
    assert [kind for kind, _ in message_boxes if kind in ("warning", "critical")] == []


def _button(page: SyncPage, text: str):
    from PySide6.QtWidgets import QPushButton

    [button] = [b for b in page.findChildren(QPushButton) if b.text() == text]
    return button


def test_cancelling_the_preview_imports_nothing(qtbot, workspaces, monkeypatch):
    unit = _page(qtbot, workspaces["unit"])
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(w.path) for w in workspaces["config"]], "")))
    unit.choose_files()
    qtbot.waitUntil(lambda: unit.preview_dialog is not None and unit.preview_dialog.isVisible(), timeout=20_000)
    dialog = unit.preview_dialog
    with workspaces["province"].reading() as s:
        province_fingerprint = own_identity(s).keys.fingerprint
    assert dialog.fingerprints == [province_fingerprint]
    shown = " ".join(label.text().replace("\n", " ") for label in dialog.findChildren(QLabel))
    assert province_fingerprint in shown
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, unit)
    with workspaces["unit"].reading() as s:
        assert s.scalar(select(Peer)) is None
    assert unit.history_model.rowCount() == 0


def test_without_the_provinces_key_the_unit_may_send_counts_only(qtbot, workspaces, tmp_path, monkeypatch, answers):
    unit_ws = workspaces["unit"]
    _record(unit_ws, EVENT)
    unit = _page(qtbot, unit_ws)
    _folder_dialog(monkeypatch, tmp_path / "usb")
    unit.choose_folder()
    with qtbot.waitSignal(unit.changed, timeout=20_000):
        unit.export_package()
    _idle(qtbot, unit)
    assert "counts only" in answers[0]
    assert unit.counts_only.isChecked()
    assert len(list((tmp_path / "usb").glob("*.ttdn"))) == 1
    assert unit.last_export.result.personal == "withheld"


def test_prepare_email_writes_and_opens_one_draft_per_volume(qtbot, workspaces, monkeypatch):
    unit_ws = workspaces["unit"]
    _record(unit_ws, {"kind": "other", "title": TITLE, "date": "2024-05-01"})
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    unit = _page(qtbot, unit_ws)
    unit.counts_only.setChecked(True)
    qtbot.mouseClick(unit.email_button, Qt.MouseButton.LeftButton)  # exports first: nothing exported yet
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    _idle(qtbot, unit)
    [draft] = [Path(url.toLocalFile()) for url in opened]
    assert draft.suffix == ".eml" and draft.is_relative_to(unit_ws.data_dir)
    text = draft.read_bytes()
    assert b"X-Unsent: 1" in text
    assert draft.name in unit.result.text()


def test_a_copy_that_fails_to_verify_is_reported_and_can_be_copied_again(qtbot, workspaces, tmp_path, monkeypatch, message_boxes):
    from desktop_app.core.sync import delivery

    unit_ws = workspaces["unit"]
    _record(unit_ws, {"kind": "other", "title": TITLE, "date": "2024-05-01"})
    unit = _page(qtbot, unit_ws)
    unit.counts_only.setChecked(True)
    usb = tmp_path / "usb"
    _folder_dialog(monkeypatch, usb)
    real = delivery.file_sha256
    monkeypatch.setattr(delivery, "file_sha256", lambda p: "0" * 64 if usb in p.parents else real(p))
    unit.choose_folder()
    unit.export_package()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=20_000)
    _idle(qtbot, unit)
    assert message_boxes[-1][0] == "warning"
    assert "differs" in message_boxes[-1][1] or "delivery.mismatch" in message_boxes[-1][1]
    assert "Copy again" in message_boxes[-1][1]
    assert list(usb.glob("*.ttdn")) == []
    assert unit.copy_button.isEnabled()

    monkeypatch.setattr(delivery, "file_sha256", real)
    qtbot.mouseClick(unit.copy_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, unit)
    assert len(list(usb.glob("*.ttdn"))) == 1 and "Done" in unit.result.text()


def test_the_province_revokes_a_units_computer(qtbot, workspaces, tmp_path, monkeypatch, answers):
    from desktop_app.core.sync.identity import enrolment_document, read_enrolment, register_peer

    path = tmp_path / "enrol.json"
    with workspaces["unit"].writing() as s:
        path.write_bytes(enrolment_document(s))
    with workspaces["province"].writing() as s:
        register_peer(s, read_enrolment(path), confirmed=True)
    province = _page(qtbot, workspaces["province"])
    assert province.peers.count() == 1
    with qtbot.waitSignal(province.changed, timeout=20_000):
        qtbot.mouseClick(_button(province, "Revoke…"), Qt.MouseButton.LeftButton)
    with workspaces["province"].reading() as s:
        assert s.scalar(select(Peer.status)) == "revoked"
    assert province.peers.count() == 0


def test_dropping_package_files_starts_a_preview(qtbot, workspaces, tmp_path):
    unit = _page(qtbot, workspaces["unit"])
    files = [w.path for w in workspaces["config"]]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files] + [QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(unit.drop_zone.files_dropped) as blocker:
        unit.drop_zone.dropEvent(event)
    assert blocker.args == [files]
    qtbot.waitUntil(lambda: unit.preview_dialog is not None, timeout=20_000)
    assert unit.preview_dialog.fingerprints
    unit.preview_dialog.reject()
    _idle(qtbot, unit)


def test_history_model_passes_the_model_tester(qtmodeltester, workspaces, tmp_path):
    from desktop_app.core.sync.importer import import_packages

    unit_ws = workspaces["unit"]
    import_packages(unit_ws, [w.path for w in workspaces["config"]], confirm=lambda v: True)
    model = PackageHistoryModel(unit_ws)
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(3)][1:] == ["Received", "Configuration package"]
    assert "/" in model.index(0, 0).data() and ":" in model.index(0, 0).data()
    qtmodeltester.check(model)
    empty = PackageHistoryModel(workspaces["province"])
    assert empty.rowCount() == 1  # the configuration package it sent
    assert empty.index(0, 3).data() == "All units"
    qtmodeltester.check(empty)


def test_the_preview_explains_refusals_gaps_and_missing_volumes(qtbot):
    from collections import Counter

    from desktop_app.core.sync.importer import FileOutcome, ImportReport
    from desktop_app.ui.import_preview_dialog import ImportPreviewDialog

    report = ImportReport(
        dry_run=True,
        files=[
            FileOutcome("/usb/TTDN-31786-data-20240930-0007-1of2.ttdn", "applied", kind="data", sender="Xã Hòa Đông (31786)", sequence=7, volume="1/2"),
            FileOutcome("/usb/broken.ttdn", "rejected", "Gói bị hỏng.", "package.damaged"),
        ],
        outcomes={"activity": Counter(new=2, rejected=1)},
        rejections=[{"table": "activity", "id": "0123456789abcdef", "key": "activity.not_owner", "params": {"id": "0123"}}],
        missing_volumes=[{"sender": "Xã Hòa Đông", "sequence": 7, "count": 2, "missing": [2]}],
        sequence_gaps=[{"sender": "Xã Hòa Đông", "missing": [5, 6]}],
        missing_files=1,
    )
    dialog = ImportPreviewDialog(report, "en")
    qtbot.addWidget(dialog)
    assert [dialog.table.item(r, 5).text() for r in range(2)] == ["Ready to import", "Refused"]
    assert "new: 2" in dialog.totals.text() and "rejected: 1" in dialog.totals.text()
    details = dialog.details.text()
    assert "broken.ttdn: Gói bị hỏng." in details
    assert "Activity 01234567: Activity 0123 belongs to another unit" in details
    assert "Package no. 7 from Xã Hòa Đông: volumes 2 of 2 have not arrived yet." in details
    assert "From Xã Hòa Đông: packages no. 5, 6 have not arrived." in details
    assert "Attached files still missing: 1." in details
    assert dialog.import_button.isEnabled() and dialog.confirm_box is None


def test_nothing_to_import_disables_the_import_button(qtbot):
    from desktop_app.core.sync.importer import FileOutcome, ImportReport
    from desktop_app.ui.import_preview_dialog import ImportPreviewDialog

    report = ImportReport(dry_run=True, files=[FileOutcome("/usb/a.ttdn", "already", "Đã nhận.", kind="data")])
    dialog = ImportPreviewDialog(report, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled() and dialog.nothing.isVisible()
