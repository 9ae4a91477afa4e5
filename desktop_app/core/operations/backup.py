"""Backups for the GUI and the CLI: the storage layer's functions (``core.db.backup``)
and the restore, the one backup step that needs the whole workspace (a new installation)."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop_app.core.db.backup import (  # noqa: F401 - the edges' API
    DB_NAME,
    POOL,
    BackupInfo,
    blob_path,
    copy_file_atomic,
    copy_to,
    create_backup,
    find_backup,
    list_backups,
    newest_good_backup,
    quick_check,
    stamp,
    verify_backup,
)
from desktop_app.core.errors import TtdnError
from desktop_app.core.progress import Progress, no_progress  # noqa: F401
from desktop_app.core.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety: Path | None  # the backup (or raw copy) of the data as it was before
    origin_id: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"restored": self.restored.as_dict(), "previous_data": str(self.safety) if self.safety else None,
                "origin_id": self.origin_id}


def _keep_damaged(data_dir: Path, backups_dir: Path, now: datetime) -> Path:
    """A raw copy of a database the backup API cannot read (kept for whoever repairs it)."""
    folder = backups_dir / f"damaged-{stamp(now)}"
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        source = data_dir / (DB_NAME + suffix)
        if source.exists():  # renamed: nothing mistakes it for a usable database
            shutil.copyfile(source, folder / (source.name + ".damaged"))
    return folder


def restore_backup(data_dir: Path, info: BackupInfo, *, progress: Progress = no_progress) -> RestoreResult:
    """Replace the data folder's database and attached files with the backup ``info``.

    The backup is verified first (nothing changes if it is damaged); the current data is
    kept as a backup ("restore"), or as a raw copy if it is itself too damaged to back up.
    The restored database is migrated and gets a new origin, so its counters are never
    reused. No program may have the folder open (the caller holds the instance lock).
    """
    problems = verify_backup(info)
    if problems:
        raise TtdnError("backup.damaged", name=info.path.name, detail="; ".join(problems))
    backups_dir = data_dir / "backups"
    db = data_dir / DB_NAME
    now = datetime.now()
    safety: Path | None = None
    if db.exists() and db.stat().st_size > 0:
        try:
            safety = create_backup(db, backups_dir, "restore", files_dir=data_dir / "files", now=now, rotate=False).path
        except TtdnError as exc:
            if exc.key != "backup.source_damaged":
                raise
            safety = _keep_damaged(data_dir, backups_dir, now)
    pool = info.path.parent / POOL
    files_dir = data_dir / "files"
    total = len(info.files) + 1
    for done, f in enumerate(info.files, start=1):
        target = blob_path(files_dir, f["sha256"])
        if not target.is_file():
            copy_file_atomic(blob_path(pool, f["sha256"]), target)
        progress(done, total)
    staged = data_dir / (DB_NAME + ".restoring")
    copy_file_atomic(info.db_path, staged)
    # A stale WAL beside the new file would be replayed into it: remove it first.
    for suffix in ("-wal", "-shm", "-journal"):
        (data_dir / (DB_NAME + suffix)).unlink(missing_ok=True)
    os.replace(staged, db)
    progress(total, total)
    log.info("restored backup %s", info.path.name)
    workspace = Workspace.open(data_dir, renew="restored", daily_backup=False)
    try:
        inst = workspace.installation()
        origin = inst.origin_id if inst else None
    finally:
        workspace.close()
    return RestoreResult(restored=info, safety=safety, origin_id=origin)
