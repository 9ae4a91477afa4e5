"""The trigram search index: kept in step with activities by every write path, and giving
exactly what the folded LIKE gives (same rows, same order)."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from desktop_app.core.db import dialect, migrate
from desktop_app.core.db.database import DB_FILE
from desktop_app.core.db.models import Activity
from desktop_app.core.services.activities import create_activity, update_activity
from desktop_app.core.services.activity_list import ActivityFilter, count_activities, first_page, list_activities
from desktop_app.core.operations.demo import generate
from desktop_app.core.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def index_matches(ws: Workspace, phrase: str) -> set[str]:
    """Activity ids the index alone returns for ``phrase``."""
    with ws.reading() as session:
        rows = session.execute(
            text(
                f"SELECT a.id FROM {dialect.SEARCH_TABLE} s JOIN activity a ON a.rowid = s.rowid"
                f" WHERE {dialect.SEARCH_TABLE} MATCH :q"
            ),
            {"q": f'"{phrase}"'},
        )
        return {r[0] for r in rows}


def check_index(ws: Workspace) -> None:
    """FTS5's own check that the index holds exactly the table's keys."""
    with ws.db.engine.begin() as conn:
        conn.exec_driver_sql(
            f"INSERT INTO {dialect.SEARCH_TABLE}({dialect.SEARCH_TABLE}, rank) VALUES ('integrity-check', 1)"
        )


def like_rows(session, flt: ActivityFilter):
    """The same list through the plain folded LIKE (the dialect's index switched off)."""
    from desktop_app.core.services import activity_list

    original = activity_list.dialect.uses_index
    try:
        activity_list.dialect.uses_index = lambda bind, phrase: False
        return list_activities(session, flt), count_activities(session, flt)
    finally:
        activity_list.dialect.uses_index = original


def test_create_update_and_delete_keep_the_index_in_step(unit_ws):
    with unit_ws.writing() as session:
        inst = unit_ws.require_installation(session)
        activity, _ = create_activity(session, inst, {"kind": "other", "title": "Họp dân ấp Đại Ân", "date": "2024-03-01"})
        activity_id = activity.id
    assert index_matches(unit_ws, "dai an") == {activity_id}

    with unit_ws.writing() as session:
        inst = unit_ws.require_installation(session)
        update_activity(session, inst, activity_id, {"title": "Tuyên truyền chủ quyền biển ở Vĩnh Châu"})
    assert index_matches(unit_ws, "dai an") == set()
    assert index_matches(unit_ws, "vinh chau") == {activity_id}

    with unit_ws.writing() as session:
        session.execute(update(Activity).where(Activity.id == activity_id).values(search_key="chi co o day"))
    assert index_matches(unit_ws, "vinh chau") == set()
    assert index_matches(unit_ws, "co o d") == {activity_id}

    with unit_ws.writing() as session:
        session.execute(text("DELETE FROM activity WHERE id = :id"), {"id": activity_id})
    assert index_matches(unit_ws, "co o d") == set()
    check_index(unit_ws)


@pytest.mark.parametrize(
    "query", ["vinh chau", "Vĩnh Châu", "hoa dong", "dai an", "VINH", "khong co gi ca", "an", "đ", "50%", 'a"b', "bien gioi"]
)
def test_indexed_search_gives_the_rows_and_order_of_the_folded_like(unit_ws, query):
    generate(unit_ws, 400, seed=3)
    with unit_ws.reading() as session:
        for flt in (ActivityFilter(search=query), ActivityFilter(search=query, include_deleted=True)):
            expected_rows, expected_count = like_rows(session, flt)
            assert list_activities(session, flt) == expected_rows
            assert count_activities(session, flt) == expected_count
            assert first_page(session, flt, 7) == (expected_count, expected_rows[:7])
    check_index(unit_ws)


def test_search_finds_the_demo_data_the_scan_finds(unit_ws):
    generate(unit_ws, 300, seed=5)
    with unit_ws.reading() as session:
        keys = session.scalars(select(Activity.search_key).where(Activity.deleted.is_(False))).all()
        phrase = " ".join(keys[0].split()[1:3])  # two words from the middle of a title
        found = count_activities(session, ActivityFilter(search=phrase))
    assert found == sum(phrase in k for k in keys) > 0


def test_phrase_shorter_than_a_trigram_does_not_use_the_index(workspace):
    with workspace.reading() as session:
        short = dialect.folded_contains(session, Activity.search_key, "an")
        long = dialect.folded_contains(session, Activity.search_key, "dai an")
    assert dialect.SEARCH_TABLE not in str(short)
    assert dialect.SEARCH_TABLE in str(long)


def test_an_old_database_gets_an_index_of_its_rows(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "ttdn-0001.sqlite3", data / DB_FILE)
    with closing(sqlite3.connect(data / DB_FILE)) as conn:
        expected = {r[0] for r in conn.execute("SELECT id FROM activity WHERE search_key LIKE '%dai an%'")}
    assert expected
    ws = Workspace.open(data)
    try:
        assert index_matches(ws, "dai an") == expected
        check_index(ws)
    finally:
        ws.close()


REBUILD_ACTIVITY = '''"""test: rebuild the activity table, which drops its triggers"""
from alembic import op
import sqlalchemy as sa

revision = "9005"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("activity", recreate="always") as batch:
        batch.add_column(sa.Column("test_extra", sa.Integer(), nullable=True))


def downgrade():
    pass
'''


def test_a_later_migration_that_rebuilds_activities_keeps_search_working(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "ttdn-0001.sqlite3", data / DB_FILE)
    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, migrations)
    (migrations / "versions" / "9005_test.py").write_text(
        REBUILD_ACTIVITY.format(head=migrate.head_revision()), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)
    ws = Workspace.open(data)
    try:
        with ws.reading() as session:
            expected = set(session.scalars(select(Activity.id).where(Activity.search_key.contains("dai an"))))
        assert expected and index_matches(ws, "dai an") == expected
        check_index(ws)
        with ws.writing() as session:  # the triggers are back
            session.execute(update(Activity).values(search_key=Activity.search_key + " moi them"))
        assert len(index_matches(ws, "moi them")) == len(ws_count(ws))
    finally:
        ws.close()


def ws_count(ws: Workspace) -> list[str]:
    with ws.reading() as session:
        return list(session.scalars(select(Activity.id)))

