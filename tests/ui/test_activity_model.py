"""The activity table model: Qt's model checks, paging and display texts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from desktop_app.core.services.activity_list import ActivityFilter, count_activities, list_activities
from desktop_app.core.workspace import Workspace
from desktop_app.ui.activity_model import COL_DATE, COL_STATUS, COL_TITLE, COL_UNIT, ActivityTableModel


DEMO_COUNT = 300  # demo activities in the demo_workspace fixture
UNIT_NAME = "Xã Hòa Đông"


def test_model_passes_qt_model_tester(qtmodeltester, demo_workspace: Workspace) -> None:
    model = ActivityTableModel(demo_workspace)
    model.set_filter(ActivityFilter())
    assert model.rowCount() == DEMO_COUNT
    qtmodeltester.check(model)


def test_paged_model_passes_python_model_tester(qtmodeltester, demo_workspace: Workspace) -> None:
    model = ActivityTableModel(demo_workspace, chunk_size=64)
    model.set_filter(ActivityFilter(search="khmer"))
    qtmodeltester.check(model, force_py=True)


def test_rows_are_fetched_in_chunks(demo_workspace: Workspace) -> None:
    model = ActivityTableModel(demo_workspace, chunk_size=128)
    model.set_filter(ActivityFilter())
    assert (model.rowCount(), model.total()) == (128, DEMO_COUNT)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 256
    model.fetchMore(QModelIndex())
    assert model.rowCount() == DEMO_COUNT
    assert not model.canFetchMore(QModelIndex())


def test_display_texts_follow_the_core_order(demo_workspace: Workspace) -> None:
    model = ActivityTableModel(demo_workspace)
    model.set_filter(ActivityFilter())
    with demo_workspace.reading() as session:
        first = list_activities(session, ActivityFilter(), limit=1)[0]
        assert count_activities(session, ActivityFilter()) == model.total()
    assert model.data(model.index(0, COL_DATE)) == first.date_from.strftime("%d/%m/%Y")
    assert model.data(model.index(0, COL_TITLE)) == first.title
    assert model.data(model.index(0, COL_UNIT)) == UNIT_NAME
    assert model.data(model.index(0, COL_STATUS)) in model.status_labels.values()
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == first.id == model.activity_id(0)
    assert model.headerData(COL_TITLE, Qt.Orientation.Horizontal) == "Title"
    assert model.headerData(0, Qt.Orientation.Vertical) is None
