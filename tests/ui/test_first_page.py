"""The program's start: the first page of the activity list read light (plain sqlite3,
before SQLAlchemy is loaded) is the page the real list then shows, and the window hands
over to the real model without a row moving. Databases the light read cannot stand for
(to migrate, not set up, missing, not a database) take the normal path."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication

from desktop_app import app as app_module
from desktop_app.core.db.database import DB_FILE
from desktop_app.core.db.migrate import declared_head as migrate_head
from desktop_app.core.operations import first_page
from desktop_app.core.operations.activities import change_activity, delete_activity, list_activities, record_activity
from desktop_app.core.operations.first_page import read_first_screen
from desktop_app.core.operations.installation import describe_installation, initialise
from desktop_app.core.operations.overview import catalog_index
from desktop_app.core.services.activity_list import ActivityFilter
from desktop_app.core.workspace import Workspace
from desktop_app.ui.activity_model import COLUMN_COUNT, PAGE_ROWS, ActivityTableModel
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.workers import wait_for_workers

KHMER_TITLE = "ពិធីបុណ្យអកអំបុក Lễ hội Oóc Om Bóc"  # Khmer then Vietnamese, as units write them
TITLES = [KHMER_TITLE, "Ấp Hòa Đông: tuyên truyền biển đảo", "ấp hòa đông: tuyên truyền biển đảo", "Ăn Tết", "An toàn"]


def _vary(ws: Workspace) -> None:
    """Ties on the date (the title's Vietnamese order and the id decide), Khmer and
    Vietnamese titles, deleted rows, and rows of other units (as a province holds)."""
    newest = list_activities(ws, ActivityFilter(), limit=1).rows[0].date_from
    for title in TITLES:  # on the newest day, among the rows already there
        record_activity(ws, {"kind": "other", "title": title, "date": newest.isoformat()})
    page = list_activities(ws, ActivityFilter(), limit=40)
    change_activity(ws, page.rows[10].id, {"title": KHMER_TITLE + " 2"})
    for row in page.rows[1:20:4]:
        delete_activity(ws, row.id)
    with sqlite3.connect(ws.db.path) as conn:  # other units' rows, as received at a province
        units = [r[0] for r in conn.execute("SELECT id FROM org_unit WHERE kind = 'commune' ORDER BY code LIMIT 3")]
        ids = [r[0] for r in conn.execute("SELECT id FROM activity WHERE deleted = 0 ORDER BY date_from DESC, sort_key, id LIMIT 30")]
        for number, activity_id in enumerate(ids):
            conn.execute("UPDATE activity SET unit_id = ? WHERE id = ?", (units[number % len(units)], activity_id))


@pytest.fixture
def varied(demo_workspace: Workspace) -> Workspace:
    _vary(demo_workspace)
    return demo_workspace


def test_the_light_read_is_the_real_first_page(varied: Workspace) -> None:
    first = read_first_screen(varied.db.path, PAGE_ROWS)
    assert first is not None
    real = list_activities(varied, ActivityFilter(), limit=PAGE_ROWS)
    assert first.total == real.total > PAGE_ROWS
    assert first.rows == real.rows and all(type(a) is type(b) for r, s in zip(first.rows, real.rows) for a, b in zip(r, s))  # rows, order, words
    titles = {row.title for row in first.rows}
    assert len(set(TITLES) & titles) >= 3 and KHMER_TITLE + " 2" in titles
    assert len({row.unit_name for row in first.rows}) >= 3
    me = describe_installation(varied, keys=False)
    assert (first.role, first.unit_label, first.officer) == (me.role, me.unit_label, me.officer)
    index = catalog_index(varied)
    for catalog, names in first.names.items():
        assert names == {code: (ref.name_vi, ref.name_en) for code, ref in index.by_code[catalog].items()}


def _shown(value: object) -> object:
    return value.color().name() if isinstance(value, QBrush) else value  # a status's colour


def _displayed(model: ActivityTableModel, rows: int) -> list[list[object]]:
    """What the table shows of the first ``rows`` rows: texts, tooltips, ids and colours."""
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole, Qt.ItemDataRole.ForegroundRole)
    return [
        [_shown(model.index(row, column).data(role)) for column in range(COLUMN_COUNT) for role in roles]
        for row in range(rows)
    ]


def test_the_table_shows_the_same_before_and_after_the_handover(varied: Workspace, qapp, vietnamese) -> None:
    first = read_first_screen(varied.db.path, PAGE_ROWS)
    light = ActivityTableModel(None, first=first)
    real = ActivityTableModel(varied)
    real.refresh()
    assert light.rowCount() == real.rowCount() == first.total
    assert light.product_type_labels == real.product_type_labels and light.kind_labels == real.kind_labels
    shown = _displayed(light, PAGE_ROWS)
    assert shown == _displayed(real, PAGE_ROWS)
    assert light.index(PAGE_ROWS + 5, 2).data() == ""  # further down: blank until the core is there
    assert light.attach(varied)  # the real reading equals what is shown: nothing moves
    assert _displayed(light, PAGE_ROWS) == shown
    assert light.index(PAGE_ROWS + 5, 2).data() == real.index(PAGE_ROWS + 5, 2).data() != ""


def test_a_change_between_the_light_read_and_the_handover_reloads(demo_workspace: Workspace, qapp) -> None:
    first = read_first_screen(demo_workspace.db.path, PAGE_ROWS)
    model = ActivityTableModel(None, first=first)
    delete_activity(demo_workspace, first.rows[0].id)
    assert not model.attach(demo_workspace)
    assert model.rowCount() == first.total - 1
    assert model.activity_id(0) == first.rows[1].id


def test_databases_the_light_read_cannot_stand_for(tmp_path: Path, demo_workspace: Workspace, monkeypatch) -> None:
    assert read_first_screen(tmp_path / "nothing" / DB_FILE, PAGE_ROWS) is None  # first start
    fresh = Workspace.open(tmp_path / "fresh")
    fresh.close()
    assert read_first_screen(fresh.db.path, PAGE_ROWS) is None  # not set up: the setup dialog
    path = demo_workspace.db.path
    demo_workspace.close()
    for revision, light in (("0004_sync_trust", False), ("9999_from_a_newer_program", False), (migrate_head(), True)):
        with closing(sqlite3.connect(path)) as conn, conn:  # an older file, a newer one, this one
            conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        assert (read_first_screen(path, PAGE_ROWS) is not None) == light
    holder = sqlite3.connect(path, isolation_level=None)  # another program holds the file
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        monkeypatch.setattr(first_page, "BUSY_TIMEOUT_S", 0.1)
        assert read_first_screen(path, PAGE_ROWS) is None  # busy: the normal start waits and explains
    finally:
        holder.close()
    foreign = tmp_path / "foreign.sqlite3"
    foreign.write_bytes(b"not a database at all" * 100)
    assert read_first_screen(foreign, PAGE_ROWS) is None


def _set_up(data: Path, activities: bool = True) -> None:
    from desktop_app.core.operations.demo import generate

    ws = Workspace.open(data)
    try:
        initialise(ws, "unit", "31786", "Lâm Thị Hoà")
        if activities:
            generate(ws, 250, seed=3)
    finally:
        ws.close()


def _start(monkeypatch, qapp: QApplication, data: Path, during) -> list[MainWindow]:
    """Run the program on ``data``: ``during(window)`` runs once the window is up (in its
    event loop), then the window closes."""
    seen: list[MainWindow] = []

    def exec_() -> int:
        window = next(
            w for w in qapp.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and str(data) in w.data_folder.text()
        )  # fmt: skip
        seen.append(window)
        during(window)
        window.close()
        return 0

    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(exec_))
    assert app_module.main(["--data-dir", str(data), "--lang", "vi"]) == 0
    wait_for_workers()
    return seen


def _until(condition, timeout_ms: int = 30_000) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    timer.start(20)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    timer.stop()
    assert condition()


def test_the_start_paints_the_light_page_then_goes_on_with_the_workspace(tmp_path, monkeypatch, qapp, message_boxes) -> None:
    data = tmp_path / "data"
    _set_up(data)
    before: list[tuple[bool, list[str]]] = []
    after: list[list[str]] = []

    def during(window: MainWindow) -> None:
        page = window.pages["activities"]
        titles = lambda: [page.model.index(row, 2).data() for row in range(min(page.model.rowCount(), 30))]  # noqa: E731
        before.append((window._workspace is None, titles()))
        page.new_activity()  # clicked before the core is loaded: done once it is
        assert page.form is None
        _until(lambda: page.form is not None)
        after.append(titles())
        assert page.count_label.text() and window.last_sent.text()  # the status bar too, once attached
        page.form.reject()

    _start(monkeypatch, qapp, data, during)
    assert before[0][0]  # the first screen came before the workspace
    assert before[0][1] and before[0][1] == after[0]  # and the same rows stayed
    assert message_boxes == []


def test_a_database_to_migrate_takes_the_normal_path(tmp_path, monkeypatch, qapp, message_boxes) -> None:
    data = tmp_path / "data"
    _set_up(data)
    with sqlite3.connect(data / DB_FILE) as conn:  # as the previous version left it: before 0008
        conn.execute("DROP INDEX ix_activity_list_order")
        conn.execute("CREATE INDEX ix_activity_search_key ON activity (search_key)")  # dropped by 0009
        conn.execute("UPDATE alembic_version SET version_num = '0004_sync_trust'")
    opened: list[bool] = []
    _start(monkeypatch, qapp, data, lambda window: opened.append(window._workspace is not None))
    assert opened == [True]  # migrated and opened before the window, as always
    with sqlite3.connect(data / DB_FILE) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate_head()
    assert any((data / "backups").glob("*migration*"))  # with its backup first


def test_a_set_up_folder_without_activities_starts_light_too(tmp_path, monkeypatch, qapp, message_boxes) -> None:
    data = tmp_path / "data"
    _set_up(data, activities=False)  # set up, nothing recorded yet: the light page is empty
    counts: list[int] = []

    def during(window: MainWindow) -> None:
        _until(lambda: window._workspace is not None)
        counts.append(window.pages["activities"].model.rowCount())

    _start(monkeypatch, qapp, data, during)
    assert counts == [0]
