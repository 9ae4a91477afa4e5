"""Backups: online copies with the attached files, rotation, verification and restore."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.db import backup
from desktop_app.core.operations.backup import restore_backup
from desktop_app.core.db.models import Activity, Installation, LocalKey
from desktop_app.core.errors import TtdnError
from desktop_app.core.services.activities import create_activity
from desktop_app.core.sync.identity import ensure_keys
from desktop_app.core.workspace import Workspace


def _add(ws: Workspace, title: str, attachments: list[str] | None = None, base: Path | None = None) -> str:
    with ws.writing() as session:
        activity, _ = create_activity(
            session,
            ws.require_installation(session),
            {"kind": "other", "title": title, "date": "2024-05-01", "attachments": attachments or []},
            base_dir=base,
            files_dir=ws.db.files_dir,
        )
        return activity.id


def _titles(ws: Workspace) -> set[str]:
    with ws.reading() as session:
        return set(session.scalars(select(Activity.title).where(Activity.deleted.is_(False))))


def _damage(db: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk does."""
    size = db.stat().st_size
    with open(db, "r+b") as handle:
        for offset in range(4096 * 2, size - 4096, 4096 * 3):
            handle.seek(offset)
            handle.write(b"\xde\xad\xbe\xef" * 1024)


def test_backup_damage_and_restore_with_a_new_origin(unit_ws, tmp_path):
    source = tmp_path / "input"
    source.mkdir()
    (source / "ảnh hội nghị.jpg").write_bytes(b"\xff\xd8 photo of the meeting" * 100)
    _add(unit_ws, "Tin: Ngư dân Vĩnh Châu bám biển", ["ảnh hội nghị.jpg"], source)
    with unit_ws.writing() as session:
        ensure_keys(session)
        row = session.get(LocalKey, 1)
        secret, old_pub = (row.sealed or row.sign_private), row.sign_pub
        old_origin = session.scalar(select(Installation)).origin_id
    saved = unit_ws.backup("manual")
    assert saved.counts["activities"] == 1 and len(saved.files) == 1
    assert backup.verify_backup(saved) == []
    assert secret.encode() not in saved.db_path.read_bytes()  # private keys never in a backup, even sealed
    with closing(sqlite3.connect(saved.db_path)) as conn:
        assert conn.execute("SELECT count(*) FROM local_key").fetchone()[0] == 0
    _add(unit_ws, "Bài viết sau lần sao lưu")
    unit_ws.close()

    data = unit_ws.data_dir
    for blob in (data / "files").rglob("*"):
        if blob.is_file():
            blob.unlink()  # the attached file is lost with the disk, too
    for suffix in ("-wal", "-shm"):
        (data / f"ttdn.sqlite3{suffix}").unlink(missing_ok=True)
    _damage(data / "ttdn.sqlite3")
    assert backup.quick_check(data / "ttdn.sqlite3") != []  # the start-up check notices

    good = backup.newest_good_backup(data / "backups")
    assert good is not None and good.path == saved.path
    result = restore_backup(data, good)

    ws = Workspace.open(data)
    try:
        assert ws.db.check_integrity() == []
        assert backup.quick_check(ws.db.path) == []
        assert _titles(ws) == {"Tin: Ngư dân Vĩnh Châu bám biển"}
        with ws.reading() as session:
            inst = session.scalar(select(Installation))
            assert inst.origin_id != old_origin and inst.origin_id == result.origin_id
            keys = session.get(LocalKey, 1)
            assert keys is not None and keys.sign_pub != old_pub  # new keys: the province registers it again
        assert any(p.is_file() for p in (data / "files").rglob("*"))  # the attachment came back
        assert result.safety is not None and result.safety.name.startswith("damaged-")  # the damaged file is kept
        new_id = _add(ws, "Ghi sau khi khôi phục")
        with ws.reading() as session:
            assert session.get(Activity, new_id).ver_origin == result.origin_id
    finally:
        ws.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(unit_ws):
    _add(unit_ws, "Hoạt động trước")
    saved = unit_ws.backup("manual")
    _add(unit_ws, "Hoạt động sau")
    unit_ws.close()
    with open(saved.db_path, "r+b") as handle:
        handle.seek(5000)
        handle.write(b"xxxx")
    before = (unit_ws.data_dir / "ttdn.sqlite3").stat().st_mtime_ns
    with pytest.raises(TtdnError) as info:
        restore_backup(unit_ws.data_dir, saved)
    assert info.value.key == "backup.damaged"
    assert "khác" in info.value.message("vi")  # says to choose another backup
    assert (unit_ws.data_dir / "ttdn.sqlite3").stat().st_mtime_ns == before
    ws = Workspace.open(unit_ws.data_dir)
    try:
        assert _titles(ws) == {"Hoạt động trước", "Hoạt động sau"}
    finally:
        ws.close()
    unit_ws.db = ws.db


def test_restoring_keeps_the_current_data_as_a_backup(unit_ws):
    _add(unit_ws, "Một")
    first = unit_ws.backup("manual")
    _add(unit_ws, "Hai")
    unit_ws.close()
    result = restore_backup(unit_ws.data_dir, first)
    kept = backup.BackupInfo.read(result.safety)
    assert kept.reason == "restore" and kept.counts["activities"] == 2
    restore_backup(unit_ws.data_dir, kept)  # and that one can be restored in turn
    ws = Workspace.open(unit_ws.data_dir)
    try:
        assert _titles(ws) == {"Một", "Hai"}
    finally:
        ws.close()
    unit_ws.db = ws.db


def test_a_damaged_database_is_not_backed_up(unit_ws, tmp_path):
    import shutil

    unit_ws.close()
    damaged = tmp_path / "hong.sqlite3"
    shutil.copy(unit_ws.db.path, damaged)
    _damage(damaged)
    with pytest.raises(TtdnError) as info:
        backup.create_backup(damaged, tmp_path / "bk", "daily")
    assert info.value.key == "backup.source_damaged"
    assert "khôi phục" in info.value.message("vi")
    assert backup.list_backups(tmp_path / "bk") == []


def test_daily_backup_once_a_day_when_used(unit_ws):
    data = unit_ws.data_dir
    unit_ws.close()
    for _ in range(2):
        Workspace.open(data).close()
    daily = [b for b in backup.list_backups(data / "backups") if b.reason == "daily"]
    assert len(daily) == 1


def _fake(path: Path, when: datetime) -> backup.BackupInfo:
    return backup.BackupInfo(path=path / when.strftime("%Y%m%d"), created_at=when, reason="daily", schema=None,
                             app_version="", db_sha256="", db_size=0)


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    now = datetime(2026, 12, 1, 9, 0)
    backups = [_fake(tmp_path, now - timedelta(days=d)) for d in range(500)]
    kept = backup.select_kept(backups, now)
    kept_days = sorted((b.created_at.date() for b in backups if b.path in kept), reverse=True)
    assert kept_days[:7] == [(now - timedelta(days=d)).date() for d in range(7)]
    months = {(d.year, d.month) for d in kept_days}
    assert len(months) == 12  # one per month for a year, nothing older
    assert min(kept_days) >= (now - timedelta(days=366)).date()
    weeks = {d.isocalendar()[:2] for d in kept_days}
    assert len(weeks) >= 4
    assert len(kept) <= 7 + 4 + 12


def test_rotation_on_disk_removes_old_backups_and_unneeded_files(unit_ws, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    start = datetime(2026, 1, 1, 8, 0)
    for day in range(60):
        if day == 0:
            (source / "cu.txt").write_text("tệp cũ", encoding="utf-8")
            _add(unit_ws, "Có tệp", ["cu.txt"], source)
        unit_ws.backup("daily", now=start + timedelta(days=day))
    found = backup.list_backups(unit_ws.db.backups_dir)
    assert len(found) <= 7 + 4 + 12
    assert found[0].created_at == start + timedelta(days=59)
    pool_files = [p for p in (unit_ws.db.backups_dir / "files").rglob("*") if p.is_file()]
    assert len(pool_files) == 1  # shared by every backup, stored once


def test_copy_to_a_usb_stick_and_restore_from_it(unit_ws, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "bài viết.docx").write_bytes(b"PK word file")
    _add(unit_ws, "Có tệp Word", ["bài viết.docx"], source)
    info = unit_ws.backup("manual")
    stick = tmp_path / "USB"
    stick.mkdir()
    copied = backup.copy_to(info, stick)
    assert copied.parent.name == "TTDN-sao-luu"
    assert backup.verify_backup(backup.find_backup(unit_ws.db.backups_dir, str(copied))) == []
    # A new PC: restore from the stick into an empty data folder.
    fresh = tmp_path / "may-moi"
    restore_backup(fresh, backup.BackupInfo.read(copied))
    ws = Workspace.open(fresh)
    try:
        assert _titles(ws) == {"Có tệp Word"}
        assert any(p.is_file() for p in (fresh / "files").rglob("*"))
    finally:
        ws.close()


def test_a_backup_file_is_a_consistent_sqlite_database(unit_ws):
    _add(unit_ws, "Chỉ có trong WAL")  # still in the WAL: the online backup sees it
    info = unit_ws.backup("manual")
    with closing(sqlite3.connect(info.db_path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM activity WHERE title = 'Chỉ có trong WAL'").fetchone()[0] == 1
