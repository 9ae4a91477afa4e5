"""Importing an activity register from the activities page: outcomes per row shown before
anything is stored, a bad row corrected in place, rows already recorded not added again."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.workspace import Workspace
from desktop_app.ui.pages.activities_page import ActivitiesPage
from desktop_app.ui.register_import_dialog import COLUMNS, FIRST, INCLUDE, OUTCOME
from desktop_app.ui.participants_model import ERROR_BACKGROUND
from tests.tabular.sheets import save_xlsx

ROWS = [
    ["SỔ THEO DÕI TIN, BÀI NĂM 2024"],
    ["STT", "Ngày phát", "Tên tin, bài", "Thể loại", "Thời lượng (phút)", "Số lần phát", "Kênh", "Ngôn ngữ", "Chủ đề"],
    [1, datetime(2024, 3, 5), "Ngư dân bám biển giữ chủ quyền", "Tin", 3, 2, "Đài truyền thanh xã", "Tiếng Việt", "1"],
    [2, "12/03/2024", "Cảnh giác lừa đảo qua mạng", "Bài", "5:30", 3, "Zalo", "Việt, Khmer", "CD4"],
    [3, "31/02/2024", "Lễ hội Oóc Om Bóc", "Video", 10, 1, "Facebook", "Khmer", "2"],
    [None, "Tổng cộng", None, None, 18.5, 6],
]


def test_register_rows_are_checked_corrected_and_imported_once(qtbot, monkeypatch, tmp_path, demo_workspace: Workspace) -> None:
    path = save_xlsx(ROWS, tmp_path / "so.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    page = ActivitiesPage(demo_workspace)
    qtbot.addWidget(page)
    dialog = page.open_register_import()
    qtbot.waitUntil(lambda: dialog._loaded is not None and not dialog.busy, timeout=20000)
    table = dialog.table
    assert table.rowCount() == 3
    outcomes = [table.item(r, OUTCOME).text() for r in range(3)]
    assert outcomes[0].startswith("to add") and outcomes[1].startswith("to add")
    assert outcomes[2].startswith("cannot be imported") and "31/02/2024" in outcomes[2]
    assert table.item(2, OUTCOME).background().color() == ERROR_BACKGROUND
    table.item(2, FIRST + COLUMNS.index("date")).setText("29/02/2024")
    dialog.check_again()
    qtbot.waitUntil(lambda: not dialog.busy and table.item(2, OUTCOME).text().startswith("to add"), timeout=20000)
    dialog.run_import()
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=20000)
    assert dialog.last_result.added == 3
    again = page.open_register_import()
    qtbot.waitUntil(lambda: again._loaded is not None and not again.busy, timeout=20000)
    assert [again.table.item(r, OUTCOME).text().split(":")[0] for r in range(2)] == ["already recorded", "already recorded"]
    assert again.table.item(2, OUTCOME).text().startswith("cannot be imported")  # the file still has 31/02
    again.table.item(2, INCLUDE).setCheckState(Qt.CheckState.Unchecked)
    again.check_again()
    qtbot.waitUntil(lambda: not again.busy and again.table.item(2, OUTCOME).text().startswith("left out"), timeout=20000)
    assert not again.import_button.isEnabled()
