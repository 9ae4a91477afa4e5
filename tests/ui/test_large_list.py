"""100,000 activities in the list: every row is reachable at once (Ctrl+End, the scroll
bar), without reading the rows in between."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.services.activity_list import ActivityFilter, count_activities, list_activities
from desktop_app.core.services.demo import generate
from desktop_app.core.services.installation import initialise
from desktop_app.core.workspace import Workspace
from desktop_app.ui.activity_model import COL_DATE, COL_TITLE
from desktop_app.ui.pages.activities_page import ActivitiesPage

pytestmark = pytest.mark.slow
COUNT = 100_000


@pytest.fixture(scope="module")
def big_workspace(tmp_path_factory) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path_factory.mktemp("big") / "data")
    initialise(ws, "unit", "31786", "Lâm Thị Hoà")
    generate(ws, COUNT, seed=1)
    yield ws
    ws.close()


def visible_rows(page: ActivitiesPage) -> tuple[int, int]:
    viewport = page.table.viewport()
    return page.table.rowAt(0), page.table.rowAt(viewport.height() - 2)


def test_ctrl_end_shows_the_last_of_100000_rows_at_once(qtbot, big_workspace: Workspace) -> None:
    page = ActivitiesPage(big_workspace)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    assert page.model.total() == page.model.rowCount() == COUNT  # the scroll bar covers them all
    scroll = page.table.verticalScrollBar()
    assert scroll.maximum() >= COUNT - 100  # not just the rows of the first page
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, COL_TITLE))
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # once, not 199 times
    qtbot.waitUntil(lambda: visible_rows(page)[1] == COUNT - 1, timeout=5000)
    with big_workspace.reading() as session:
        last = list_activities(session, ActivityFilter(), limit=1, from_end=True)[0]
        oldest = list_activities(session, ActivityFilter(), limit=2, offset=COUNT - 2)
    assert page.table.currentIndex().row() == COUNT - 1 and page.selected_id() == last.id
    assert page.model.index(COUNT - 1, COL_TITLE).data() == last.title == oldest[-1].title
    assert page.model.index(COUNT - 1, COL_DATE).data() == last.date_from.strftime("%d/%m/%Y")
    # Only the first page and the last were read: nothing in between was walked through.
    assert page.model.loaded_pages() == [0, (COUNT - 1) // page.model._chunk]


def test_dragging_the_scroll_bar_to_the_middle_shows_those_rows(qtbot, big_workspace: Workspace) -> None:
    page = ActivitiesPage(big_workspace)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    scroll = page.table.verticalScrollBar()
    scroll.setValue(scroll.maximum() // 2)  # as a drag of the handle ends
    qtbot.waitUntil(lambda: visible_rows(page)[0] > COUNT // 2 - 100)
    top = visible_rows(page)[0]
    with big_workspace.reading() as session:
        expected = list_activities(session, ActivityFilter(), limit=3, offset=top)
        assert count_activities(session, ActivityFilter()) == COUNT
    assert [page.model.activity_id(top + i) for i in range(3)] == [r.id for r in expected]
    assert len(page.model.loaded_pages()) <= 3  # that window (and the first page), not 250 pages


def test_the_selection_stays_across_a_refresh(qtbot, big_workspace: Workspace) -> None:
    page = ActivitiesPage(big_workspace)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    row = 77_777
    page.select_row(row)
    chosen = page.selected_id()
    page.refresh()  # F5, or a change elsewhere
    assert page.selected_id() == chosen and page.table.currentIndex().row() == row
    first, last = visible_rows(page)
    assert first <= row <= last  # and it is still in sight
