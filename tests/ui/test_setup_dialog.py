"""First-run setup: choosing the role and unit sets up the installation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop_app.core.workspace import Workspace
from desktop_app.ui.setup_dialog import SetupDialog


UNIT_CODE = "31786"
UNIT_NAME = "Xã Hòa Đông"


def _click_ok(qtbot, dialog: SetupDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _labels(dialog: SetupDialog) -> list[str]:
    return [dialog.unit_list.item(i).text() for i in range(dialog.unit_list.count())]


def test_choosing_a_unit_sets_up_the_installation(qtbot, empty_workspace: Workspace, message_boxes) -> None:
    dialog = SetupDialog(empty_workspace, lang="en")
    qtbot.addWidget(dialog)
    dialog.show()
    everything = dialog.unit_list.count()

    qtbot.keyClicks(dialog.unit_search, "hoa dong")  # no diacritics: still found
    assert 0 < dialog.unit_list.count() < everything
    matches = [i for i, text in enumerate(_labels(dialog)) if text.startswith(UNIT_NAME + ",")]
    assert len(matches) == 1, _labels(dialog)
    dialog.unit_list.setCurrentRow(matches[0])
    dialog.officer.setText("Lâm Thị Hoà")  # QTest key clicks cannot type non-Latin-1 text

    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        _click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with empty_workspace.reading() as session:
        inst = empty_workspace.installation(session)
        assert (inst.role, inst.unit.code, inst.officer_name) == ("unit", UNIT_CODE, "Lâm Thị Hoà")
    # The new key's fingerprint is shown, to be read to the province on the phone.
    [(kind, text)] = message_boxes
    assert kind == "information" and len(text.split("\n")[3].split()) == 8


def test_setting_up_from_the_provinces_configuration_package(qtbot, tmp_path, empty_workspace: Workspace, message_boxes, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop_app.core.operations.installation import initialise
    from desktop_app.core.sync.outbound import make_config

    province = Workspace.open(tmp_path / "province")
    initialise(province, "aggregator", "STTTT")
    [written] = make_config(province, tmp_path / "usb")
    province.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(written.path), "")))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))

    dialog = SetupDialog(empty_workspace, lang="en")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.from_config, Qt.MouseButton.LeftButton)
    assert dialog.config_note.isVisible() or "Configuration received" in dialog.config_note.text()
    with empty_workspace.reading() as session:
        from desktop_app.core.sync.identity import aggregator_peer

        assert aggregator_peer(session) is not None  # the province is trusted now


def test_units_show_parent_and_end_of_validity(qtbot, empty_workspace: Workspace) -> None:
    dialog = SetupDialog(empty_workspace, lang="en")
    qtbot.addWidget(dialog)
    labels = _labels(dialog)
    assert "Xã Hòa Đông, Thị xã Vĩnh Châu" in labels
    assert "Xã An Thạnh 2, Huyện Cù Lao Dung (until 30/06/2025)" in labels


def test_ok_without_a_unit_explains_inline(qtbot, empty_workspace: Workspace) -> None:
    dialog = SetupDialog(empty_workspace, lang="en")
    qtbot.addWidget(dialog)
    dialog.show()
    _click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.isVisible() and dialog.error.text()
    assert empty_workspace.installation() is None


def test_core_error_is_shown_inline_in_vietnamese(qtbot, demo_workspace: Workspace, message_boxes) -> None:
    dialog = SetupDialog(demo_workspace)  # already set up: the core refuses
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.unit_list.setCurrentRow(0)
    _click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "đã được thiết lập" in dialog.error.text()
    assert message_boxes == []


def test_aggregator_role(qtbot, empty_workspace: Workspace) -> None:
    dialog = SetupDialog(empty_workspace, lang="en")
    qtbot.addWidget(dialog)
    dialog.aggregator_role.setChecked(True)
    qtbot.keyClicks(dialog.unit_search, "STTTT")
    assert dialog.unit_list.count() == 1
    dialog.unit_list.setCurrentRow(0)
    dialog.accept()
    with empty_workspace.reading() as session:
        inst = empty_workspace.installation(session)
        assert (inst.role, inst.unit.code) == ("aggregator", "STTTT")


def test_double_click_on_a_unit_accepts(qtbot, empty_workspace: Workspace) -> None:
    dialog = SetupDialog(empty_workspace, lang="en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.unit_search, "31786")
    centre = dialog.unit_list.visualItemRect(dialog.unit_list.item(0)).center()
    qtbot.mouseClick(dialog.unit_list.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # views need a press first
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        qtbot.mouseDClick(dialog.unit_list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with empty_workspace.reading() as session:
        assert empty_workspace.installation(session).unit.code == UNIT_CODE
