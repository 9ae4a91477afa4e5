"""The province's units overview (last package, gaps, silent units) and the conflicts page."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from desktop_app.ui.dashboard import ALERT, WARN
from desktop_app.ui.pages.conflicts_page import ConflictsPage
from desktop_app.ui.pages.units_page import COL_GAPS, COL_LAST, COL_REPORTED, COL_UNIT, UnitsPage
from desktop_app.ui.workers import wait_for_workers

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from sites import Site, copy_site  # noqa: E402


@pytest.fixture
def sites(tmp_path):
    """The province; Hòa Đông sends packages 1 and 3 (2 is lost); Vĩnh Hải never sends."""
    made: dict[str, Site] = {}
    province = made["province"] = Site(tmp_path, "province", "aggregator", "STTTT")
    config = province.config()
    unit = made["hoa_dong"] = Site(tmp_path, "hoa_dong", "unit", "31786", config)
    quiet = made["vinh_hai"] = Site(tmp_path, "vinh_hai", "unit", "31795", config)
    unit.enrol_at(province)
    quiet.enrol_at(province)
    unit.add(date="2024-05-01")
    province.receive(unit.export())
    unit.add(date="2024-05-02")
    unit.export()
    unit.add(date="2024-05-03")
    province.receive(unit.export())
    yield made
    assert wait_for_workers(30_000)
    for site in made.values():
        site.close()


def _wait(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)


def _rows(page: UnitsPage) -> dict[str, int]:
    return {page.model.index(r, COL_UNIT).data(): r for r in range(page.model.rowCount())}


def test_units_are_listed_with_their_last_package_and_gaps(qtbot, qtmodeltester, sites):
    page = UnitsPage(sites["province"].ws)
    qtbot.addWidget(page)
    page.show()
    _wait(qtbot, page)
    page.period.set_label("2024-Q2")
    _wait(qtbot, page)
    qtmodeltester.check(page.model)
    rows = _rows(page)
    hoa_dong, vinh_hai = rows["Xã Hòa Đông, Thị xã Vĩnh Châu"], rows["Xã Vĩnh Hải, Thị xã Vĩnh Châu"]
    model = page.model
    assert model.index(hoa_dong, COL_LAST).data().endswith("(no. 3)")
    assert model.index(hoa_dong, COL_GAPS).data() == "2"
    assert model.index(hoa_dong, COL_GAPS).data(Qt.ItemDataRole.BackgroundRole).color() == WARN
    assert model.index(hoa_dong, COL_REPORTED).data() == "Yes"
    assert "packages 2 have not arrived" in model.index(hoa_dong, COL_UNIT).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(vinh_hai, COL_LAST).data() == "none"
    assert model.index(vinh_hai, COL_UNIT).data(Qt.ItemDataRole.BackgroundRole).color() == ALERT
    assert model.index(hoa_dong, COL_UNIT).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "1 silent" in page.summary.text() and "1 with missing packages" in page.summary.text()

    # A longer silence threshold changes nothing for a unit never heard from.
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.silent_days.setValue(90)
    assert page.model.index(_rows(page)["Xã Vĩnh Hải, Thị xã Vĩnh Châu"], COL_UNIT).data(Qt.ItemDataRole.BackgroundRole).color() == ALERT


def test_conflicts_are_listed_and_marked_as_seen(qtbot, qtmodeltester, sites):
    province, pc1 = sites["province"], sites["hoa_dong"]
    activity_id = pc1.add(title="Bản gốc")
    pc2 = sites["copy"] = copy_site(pc1, "copy", register_at=(province,))
    pc1.edit(activity_id, title="Sửa ở máy 1")
    pc2.edit(activity_id, title="Sửa ở máy 2")
    province.receive(pc1.export())
    province.receive(pc2.export())

    page = ConflictsPage(province.ws)
    qtbot.addWidget(page)
    page.show()
    _wait(qtbot, page)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 1 and not page.mark_button.isEnabled()
    kept, replaced = page.model.index(0, 2).data(), page.model.index(0, 4).data()
    assert {kept, replaced} == {"Sửa ở máy 1", "Sửa ở máy 2"}
    assert province.activities()[activity_id][0] == kept
    assert page.model.index(0, 3).data().startswith("Xã Hòa Đông · ")

    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.table.selectionModel().select(page.model.index(0, 0), flags)
    assert page.mark_button.isEnabled()
    with qtbot.waitSignal(page.changed, timeout=20_000):
        qtbot.mouseClick(page.mark_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, page)
    assert page.model.rowCount() == 0 and page.count.text() == "No conflicts."
