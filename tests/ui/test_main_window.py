"""The main window over a unit's workspace: header, count, search."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.core.services.activity_list import ActivityFilter, count_activities
from desktop_app.core.workspace import Workspace
from desktop_app.ui.activity_model import COL_TITLE
from desktop_app.ui.main_window import MainWindow


DEMO_COUNT = 300  # demo activities in the demo_workspace fixture
UNIT_NAME = "Xã Hòa Đông"


def _count(workspace: Workspace, search: str) -> int:
    with workspace.reading() as session:
        return count_activities(session, ActivityFilter(search=search))


def test_shows_the_unit_and_all_activities(qtbot, demo_workspace: Workspace) -> None:
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    assert UNIT_NAME in window.unit_label.text()
    assert UNIT_NAME in window.windowTitle()
    assert "Unit" in window.role_label.text() and "Lâm Thị Hoà" in window.role_label.text()
    assert window.model.rowCount() == DEMO_COUNT
    assert str(DEMO_COUNT) in window.count_label.text()
    assert str(demo_workspace.data_dir) in window.folder_label.text()
    assert window.table.verticalHeader().sectionResizeMode(0) == window.table.verticalHeader().ResizeMode.Fixed


def test_search_filters_rows_after_a_pause(qtbot, demo_workspace: Workspace) -> None:
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    expected = _count(demo_workspace, "khmer")
    assert 0 < expected < DEMO_COUNT

    qtbot.keyClicks(window.search, "KHMER")
    qtbot.waitUntil(lambda: window.model.rowCount() == expected, timeout=3000)
    assert str(expected) in window.count_label.text()
    titles = [window.model.index(r, COL_TITLE).data() for r in range(window.model.rowCount())]
    assert all("khmer" in t.lower() for t in titles)

    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == DEMO_COUNT, timeout=3000)


def test_search_ignores_diacritics_and_tone_placement(qtbot, demo_workspace: Workspace) -> None:
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    qtbot.keyClicks(window.search, "hoa dong")  # titles have both "Hòa Đông" and "Hoà Đông"
    qtbot.waitUntil(lambda: window.search.text() == "hoa dong" and not window._search_timer.isActive())
    assert window.model.rowCount() == DEMO_COUNT

    window.search.setText("no such words anywhere")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=3000)
    assert window.model.total() == 0


def test_table_view_fetches_more_when_scrolled(qtbot, demo_workspace: Workspace) -> None:
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.model._chunk = 100  # a small chunk so that 300 activities need paging
    window.model.refresh()
    window.show()
    assert window.model.rowCount() == 100
    for _ in range(5):
        window.table.scrollToBottom()
        qtbot.wait(0)
    qtbot.waitUntil(lambda: window.model.rowCount() == DEMO_COUNT, timeout=3000)
    assert window.table.indexAt(window.table.viewport().rect().topLeft()).flags() & Qt.ItemFlag.ItemIsEnabled
