"""The activity table model: Qt's model checks, paging and display texts."""

from __future__ import annotations

from PySide6.QtCore import Qt

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


def test_every_row_is_there_and_pages_are_read_where_the_view_looks(demo_workspace: Workspace) -> None:
    model = ActivityTableModel(demo_workspace, chunk_size=64)
    model.set_filter(ActivityFilter())
    assert (model.rowCount(), model.total()) == (DEMO_COUNT, DEMO_COUNT)  # the scroll bar covers them all
    assert model.loaded_pages() == [0]
    with demo_workspace.reading() as session:
        expected = [r.id for r in list_activities(session, ActivityFilter())]
    assert model.activity_id(DEMO_COUNT - 1) == expected[-1]  # the end, read backwards
    assert model.loaded_pages() == [0, 4]
    assert model.activity_id(150) == expected[150]  # the middle: after the end of page 1
    assert model.activity_id(64) == expected[64]
    assert [model.activity_id(r) for r in range(DEMO_COUNT)] == expected
    assert model.row_of(expected[200]) == 200
    assert model.row_of("no-such-id") is None


def test_a_row_not_read_yet_is_found_by_its_position(demo_workspace: Workspace) -> None:
    model = ActivityTableModel(demo_workspace, chunk_size=16)
    model.set_filter(ActivityFilter(search="khmer"))
    with demo_workspace.reading() as session:
        expected = [r.id for r in list_activities(session, ActivityFilter(search="khmer"))]
    assert model.total() == len(expected) > 30
    assert model.row_of(expected[30]) == 30 and model.loaded_pages() == [0]


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


def test_a_page_far_down_is_the_same_by_offset_in_the_index_or_by_the_keys_of_every_page(demo_workspace: Workspace) -> None:
    """The whole list and a search alone skip to a page by an OFFSET in the list-order
    index; other filters go through the last key of every page. Both give the same rows,
    and the counts read from the indexes are those of the rows (deleted ones left out)."""
    from desktop_app.core.operations.activities import activity_window, delete_activity, list_activities as first_page
    from desktop_app.core.services.activity_list import offset_is_cheap, page_ends

    with demo_workspace.reading() as session:
        doomed = list_activities(session, ActivityFilter(search="khmer"), limit=3)
    for row in doomed:
        delete_activity(demo_workspace, row.id)
    for flt in (ActivityFilter(), ActivityFilter(search="khmer"), ActivityFilter(kinds=["product"])):
        with demo_workspace.reading() as session:
            everything = list_activities(session, flt)
            ends = page_ends(session, flt, 8)
            assert offset_is_cheap(session, flt) == (flt.kinds == [])
        assert first_page(demo_workspace, flt, limit=8).total == len(everything) == count_from_rows(demo_workspace, flt)
        assert not {r.id for r in doomed} & {r.id for r in everything}
        pages = -(-len(everything) // 8)
        assert pages >= 4
        for number in (1, pages // 2, pages - 3):  # not the last two: those are read from the end
            by_offset, _ = activity_window(demo_workspace, flt, number=number, size=8, total=len(everything), after=None, ends=None)
            by_keys, _ = activity_window(demo_workspace, flt, number=number, size=8, total=len(everything), after=None, ends=ends)
            assert by_offset == by_keys == everything[number * 8 : number * 8 + 8]


def count_from_rows(workspace: Workspace, flt: ActivityFilter) -> int:
    """The count as plain SQL over the rows gives it (no index involved)."""
    from sqlalchemy import text

    from desktop_app.core.domain.text import fold

    clauses, params = ["deleted = 0"], {}
    if flt.search:
        clauses.append("search_key LIKE :p")
        params["p"] = f"%{fold(flt.search)}%"
    if flt.kinds:
        clauses.append("kind = :k")
        params["k"] = flt.kinds[0]
    with workspace.reading() as session:
        return session.execute(text(f"SELECT count(*) FROM activity WHERE {' AND '.join(clauses)}"), params).scalar()
