"""Importing participants from Excel: column matching, preview, the error report of a bad
file (nothing stored), a good import, and the warning on TCVN3 text."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.services.activities import create_activity
from desktop_app.core.services.targets import participant_counts
from desktop_app.core.workspace import Workspace
from desktop_app.ui.pages.events_page import EventsPage
from desktop_app.ui.participant_import_dialog import NOT_USED, ParticipantImportDialog, column_letter

# Vietnamese headers in row 3, in an order of their own, with a column the program does not use.
HEADERS = ["STT", "Họ và tên", "Ghi chú", "Năm sinh", "Giới tính", "Dân tộc", "Chức vụ", "Cơ quan, đơn vị",
           "Thành phần", "Số điện thoại"]
GOOD = [
    [1, "Lâm Thị Hoà", "", 1979, "Nữ", "Khmer", "Phó Chủ tịch UBND", "UBND xã Hòa Đông", "Cán bộ làm công tác quản lý", "0912 345 678"],
    [2, "Trần Văn Út", "mới", "1990", "Nam", "Kinh", "Phóng viên", "Báo Sóc Trăng", "BAO_CHI", None],
    [3, "NguyÔn V¨n Nam", None, None, "Nam", "Kinh", None, None, None, None],
]


def _workbook(path: Path, rows: list[list], *, extra_sheet: bool = False) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(["DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ TẬP HUẤN"])
    ws.append([])
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    if extra_sheet:
        other = wb.create_sheet("Khách mời")
        other.append(["Họ và tên", "Giới tính"])
        other.append(["Sơn Thị Mai", "Nữ"])
    wb.save(path)
    return path


@pytest.fixture
def event_id(demo_workspace: Workspace) -> str:
    with demo_workspace.writing() as session:
        activity, _ = create_activity(
            session, demo_workspace.require_installation(session),
            {"kind": "event", "title": "Hội nghị tập huấn", "date": "2024-08-20", "plan_task": "II.2"},
        )
        return activity.id


@pytest.fixture
def dialog(qtbot, demo_workspace: Workspace, event_id: str) -> ParticipantImportDialog:
    dialog = ParticipantImportDialog(demo_workspace, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose(monkeypatch, path: Path | None) -> list[str]:
    filters: list[str] = []

    def fake(parent, caption, folder, filter_text, *args, **kwargs):
        filters.append(filter_text)
        return (str(path) if path else "", filter_text)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    return filters


def _stored(ws: Workspace, event_id: str) -> int:
    with ws.reading() as session:
        return participant_counts(session, event_id)["total"]


def test_columns_are_matched_and_previewed(monkeypatch, tmp_path, dialog: ParticipantImportDialog) -> None:
    filters = _choose(monkeypatch, _workbook(tmp_path / "dai-bieu.xlsx", GOOD))
    dialog.choose_file()
    assert filters == ["Excel (*.xlsx)"]
    assert dialog.mapping() == {"name": 1, "birth_year": 3, "gender": 4, "ethnicity": 5, "position": 6,
                                "organization": 7, "category": 8, "phone": 9}
    combo = dialog.mapping_combos["name"]
    assert combo.currentText() == "B: Họ và tên"
    assert combo.itemText(0) == "(not used)" and combo.count() == len(HEADERS) + 1
    assert "row 3" in dialog.info.text() and "3 participant rows" in dialog.info.text()
    assert dialog.sheet_combo.isHidden()
    table = dialog.preview_table
    assert table.rowCount() == 3
    assert table.item(0, 0).text() == "4"  # the sheet's row number
    assert table.horizontalHeaderItem(1).text() == "Full name" and table.item(1, 1).text() == "Trần Văn Út"
    assert dialog.import_button.isEnabled()

    # Drop the phone column and map the notes column to the position instead.
    phone = dialog.mapping_combos["phone"]
    phone.setCurrentIndex(phone.findData(NOT_USED))
    position = dialog.mapping_combos["position"]
    position.setCurrentIndex(position.findData(2))
    assert "phone" not in dialog.mapping() and dialog.mapping()["position"] == 2
    assert table.columnCount() == 1 + 7
    assert table.item(1, [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index("Position")).text() == "mới"

    name = dialog.mapping_combos["name"]
    name.setCurrentIndex(name.findData(NOT_USED))
    assert not dialog.import_button.isEnabled()


def test_a_bad_row_is_reported_and_nothing_is_stored(monkeypatch, tmp_path, dialog, demo_workspace, event_id) -> None:
    rows = [GOOD[0], [2, "", None, 1800, "Nam", "Sao Hỏa"], GOOD[1]]
    _choose(monkeypatch, _workbook(tmp_path / "loi.xlsx", rows))
    dialog.choose_file()
    dialog.import_button.click()
    report = [dialog.report.item(i).text() for i in range(dialog.report.count())]
    assert "Dòng 5 – Họ và tên: bắt buộc phải nhập." in report
    assert any(line.startswith("Dòng 5 – Năm sinh:") for line in report)
    assert any(line.startswith("Dòng 5 – Dân tộc:") and "Sao Hỏa" in line for line in report)
    assert "Nothing was imported" in dialog.report_label.text()
    assert dialog.imported == 0 and _stored(demo_workspace, event_id) == 0


def test_a_good_file_is_imported_with_a_warning_on_tcvn3(qtbot, monkeypatch, tmp_path, dialog, demo_workspace, event_id) -> None:
    _choose(monkeypatch, _workbook(tmp_path / "dai-bieu.xlsx", GOOD))
    dialog.choose_file()
    dialog.import_button.click()
    assert dialog.imported == 3 and _stored(demo_workspace, event_id) == 3
    assert "Imported 3 participants." in dialog.report_label.text()
    report = [dialog.report.item(i).text() for i in range(dialog.report.count())]
    assert len(report) == 1 and report[0].startswith("Dòng 6 – Họ và tên:") and "TCVN3" in report[0]
    assert not dialog.import_button.isEnabled()  # the same file is not imported twice
    with qtbot.waitSignal(dialog.accepted):
        dialog.close_button.click()


def test_unreadable_files_are_explained_in_the_dialog(monkeypatch, tmp_path, dialog) -> None:
    not_excel = tmp_path / "danh-sach.xlsx"
    not_excel.write_text("không phải Excel", encoding="utf-8")
    _choose(monkeypatch, not_excel)
    dialog.choose_file()
    assert dialog.error.text().startswith("Không mở được bảng tính") and not dialog.error.isHidden()
    assert not dialog.import_button.isEnabled()

    no_header = tmp_path / "khong-tieu-de.xlsx"
    wb = Workbook()
    wb.active.append(["Số thứ tự", "Ghi chú"])
    wb.save(no_header)
    _choose(monkeypatch, no_header)
    dialog.choose_file()
    assert dialog.error.text().startswith("Không tìm thấy dòng tiêu đề")

    _choose(monkeypatch, None)  # cancelled: nothing changes
    dialog.choose_file()
    assert dialog.path_edit.text() == str(no_header)


def test_a_sheet_is_chosen_among_several(monkeypatch, tmp_path, dialog, demo_workspace, event_id) -> None:
    _choose(monkeypatch, _workbook(tmp_path / "hai-trang.xlsx", GOOD, extra_sheet=True))
    dialog.choose_file()
    assert not dialog.sheet_combo.isHidden() and dialog.sheet_combo.count() == 2
    dialog.sheet_combo.setCurrentIndex(1)
    assert dialog.mapping() == {"name": 0, "gender": 1}
    assert dialog.preview_table.rowCount() == 1
    dialog.import_button.click()
    assert dialog.imported == 1 and _stored(demo_workspace, event_id) == 1


def test_the_page_imports_into_the_selected_event(qtbot, monkeypatch, tmp_path, demo_workspace, event_id) -> None:
    page = EventsPage(demo_workspace)
    qtbot.addWidget(page)
    page.select_event(event_id)
    _choose(monkeypatch, _workbook(tmp_path / "dai-bieu.xlsx", GOOD))
    dialog = page.open_import()
    assert dialog is page.dialog and dialog.preview_table.rowCount() == 3
    dialog.import_button.click()
    with qtbot.waitSignal(page.changed):
        dialog.close_button.click()
    assert page.selected_event_id() == event_id
    assert page.event_counts.total_label.text() == "3"
    assert page.progress_label.text().startswith("3/160")


def test_excel_column_letters() -> None:
    assert [column_letter(n) for n in (0, 1, 25, 26, 27, 701, 702)] == ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]
