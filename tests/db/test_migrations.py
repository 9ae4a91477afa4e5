"""Storage: migrations, pragmas, refusing databases we must not touch, upgrading old ones."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from desktop_app.core.db import dialect, migrate
from desktop_app.core.db.database import DB_FILE, Database
from desktop_app.core.db.models import Base
from desktop_app.core.errors import DatabaseError
from desktop_app.core.services.stats import compute_stats
from desktop_app.core.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migrations_produce_exactly_the_models_schema(tmp_path):
    path = tmp_path / DB_FILE
    migrate.upgrade(path, tmp_path / "backups")
    db = Database(tmp_path)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True, "include_name": dialect.include_name})
        assert compare_metadata(context, Base.metadata) == []
    db.close()


def test_every_connection_gets_the_pragmas(workspace):
    for _ in range(3):
        with workspace.db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        workspace.db.engine.dispose()  # next connection is a new one


def test_foreign_keys_are_enforced(workspace):
    with pytest.raises(Exception):
        with workspace.db.engine.begin() as conn:
            conn.execute(text("INSERT INTO activity_theme (activity_id, item_id) VALUES ('nope', 'nope')"))


def test_database_from_a_newer_version_is_refused_and_left_untouched(data_dir, cli):
    assert cli("init", "--role", "unit", "--unit", "31786").code == 0
    db_path = data_dir / DB_FILE
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(db_path)
    files_before = sorted(p.name for p in data_dir.iterdir())

    result = cli("activity", "list")
    assert result.code == 1
    assert "phiên bản mới hơn" in result.err and "9999_from_the_future" in result.err
    assert _digest(db_path) == before
    assert sorted(p.name for p in data_dir.iterdir()) == files_before  # no backup, no WAL left

    with pytest.raises(DatabaseError) as info:
        Workspace.open(data_dir)
    assert info.value.key == "db.too_new"
    assert _digest(db_path) == before


def test_a_foreign_sqlite_file_is_not_touched(data_dir):
    data_dir.mkdir()
    path = data_dir / DB_FILE
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
    before = _digest(path)
    with pytest.raises(DatabaseError) as info:
        Workspace.open(data_dir)
    assert info.value.key == "db.not_ours"
    assert _digest(path) == before


def test_a_damaged_file_is_reported(data_dir):
    data_dir.mkdir()
    (data_dir / DB_FILE).write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError) as info:
        Workspace.open(data_dir)
    assert info.value.key == "db.unreadable"
    assert "backups" in info.value.message("vi")


def test_database_from_the_first_migration_upgrades_to_head_intact(tmp_path):
    """A real database written at revision 0001 (with demo data) opens with this version."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "ttdn-0001.sqlite3", data / DB_FILE)
    shutil.copytree(FIXTURES / "ttdn-0001-files", data / "files")
    expected = json.loads((FIXTURES / "ttdn-0001-stats.json").read_text(encoding="utf-8"))
    assert migrate.read_revision(data / DB_FILE) == "0001"

    ws = Workspace.open(data)
    try:
        assert migrate.read_revision(data / DB_FILE) == migrate.head_revision()
        with ws.reading() as session:
            assert compute_stats(session) == expected
        assert ws.db.check_integrity() == []
    finally:
        ws.close()


SECOND_MIGRATION = '''"""test: rebuild the activity table (a parent with ON DELETE CASCADE children)"""
from alembic import op
import sqlalchemy as sa

revision = "9002"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("activity", recreate="always") as batch:
        batch.add_column(sa.Column("test_extra", sa.Integer(), nullable=True))


def downgrade():
    pass
'''


def test_upgrade_backs_up_first_and_keeps_cascade_children(tmp_path, monkeypatch):
    """A batch rebuild of a parent table must not cascade-delete its children: the
    migration connection has foreign keys off before any transaction opens."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "ttdn-0001.sqlite3", data / DB_FILE)
    with closing(sqlite3.connect(data / DB_FILE)) as conn:
        themes_before = conn.execute("SELECT count(*) FROM activity_theme").fetchone()[0]
    assert themes_before > 0

    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, migrations)
    (migrations / "versions" / "9002_test.py").write_text(
        SECOND_MIGRATION.format(head=migrate.head_revision()), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)

    backup = migrate.upgrade(data / DB_FILE, data / "backups")

    assert backup is not None and backup.exists()
    assert migrate.read_revision(backup) == "0001"
    with closing(sqlite3.connect(data / DB_FILE)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9002"
        assert conn.execute("SELECT count(*) FROM activity_theme").fetchone()[0] == themes_before
        columns = [r[1] for r in conn.execute("PRAGMA table_info(activity)")]
        assert "test_extra" in columns
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_backup_copies_what_is_still_in_the_wal(unit_ws, tmp_path):
    from desktop_app.core.services.activities import create_activity

    with unit_ws.writing() as session:
        inst = unit_ws.require_installation(session)
        create_activity(
            session,
            inst,
            {"kind": "other", "title": "Chỉ có trong WAL", "date": "2024-03-01"},
        )
    # The engine keeps the WAL open: the row is not yet in the main file.
    copy = migrate.backup(unit_ws.db.path, tmp_path / "bk", "test")
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT count(*) FROM activity WHERE title = 'Chỉ có trong WAL'").fetchone()[0] == 1


def test_the_head_read_from_the_files_is_alembics():
    assert migrate.declared_head() == migrate.head_revision()
