"""Backups of a data folder: online copies of the database with its attached files.

A backup is a folder ``backups/ttdn-YYYYmmdd-HHMMSS-<reason>/`` holding ``ttdn.sqlite3``
(written with SQLite's online backup API, so pages still in the WAL are included) and
``manifest.json`` (when, why, schema, counts, the database's SHA-256 and the attached
files it needs). Attached files are immutable and named by their SHA-256, so all backups
share one pool, ``backups/files/ab/abcdef…`` (hard links where the disk allows, copies
otherwise): a backup costs the database plus the files added since the last one.

Backups never hold private keys: the copy's ``local_key`` row is deleted with
``secure_delete`` on (the freed pages are zeroed). A restored installation therefore makes
new keys, gets a new origin (its counters are never reused) and is registered again.

Automatic backups are taken before every import, migration and restore, and once a day
when the program is used; they are kept in rotation (:data:`KEEP`). Restoring is in
:mod:`desktop_app.core.operations.backup` (it reopens the workspace with a new origin).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Iterable

from desktop_app import __version__
from desktop_app.core.errors import TtdnError
from desktop_app.core.files import file_sha256
from desktop_app.core.db.layout import DB_NAME
from desktop_app.core.progress import Progress, no_progress

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
POOL = "files"
FORMAT = "ttdn-backup"
FORMAT_VERSION = 1
PREFIX = "ttdn-"
# Rotation: the newest of each of the last 7 days, 4 ISO weeks and 12 months, plus the
# newest few whatever their age (the one just taken before an import is always kept).
KEEP = {"daily": 7, "weekly": 4, "monthly": 12, "latest": 3}
_NAME_RE = re.compile(r"^ttdn-(\d{8}-\d{6})-([a-z0-9-]+?)(?:-(\d+))?$")
_PAGES_PER_STEP = 2048

REASONS = {
    "daily": ("hằng ngày", "daily"),
    "import": ("trước khi nhận gói", "before an import"),
    "migration": ("trước khi nâng cấp dữ liệu", "before a schema upgrade"),
    "restore": ("trước khi khôi phục", "before a restore"),
    "manual": ("do người dùng tạo", "made by the user"),
}


@dataclass(frozen=True)
class BackupInfo:
    """One backup, as its manifest describes it."""

    path: Path
    created_at: datetime  # local time of the computer that took it
    reason: str
    schema: str | None
    app_version: str
    db_sha256: str
    db_size: int
    files: list[dict[str, Any]] = field(default_factory=list)  # [{"sha256", "size"}]
    missing_files: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    origin_id: str | None = None

    @property
    def db_path(self) -> Path:
        return self.path / DB_NAME

    @property
    def files_size(self) -> int:
        return sum(int(f["size"]) for f in self.files)

    def reason_label(self, lang: str = "vi") -> str:
        labels = REASONS.get(self.reason)
        return labels[0 if lang == "vi" else 1] if labels else self.reason

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.path.name,
            "path": str(self.path),
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "reason": self.reason,
            "schema": self.schema,
            "app_version": self.app_version,
            "db_size": self.db_size,
            "files": len(self.files),
            "files_size": self.files_size,
            "missing_files": len(self.missing_files),
            "counts": self.counts,
        }

    def manifest(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "reason": self.reason,
            "schema": self.schema,
            "app_version": self.app_version,
            "database": {"name": DB_NAME, "sha256": self.db_sha256, "size": self.db_size},
            "files": self.files,
            "missing_files": self.missing_files,
            "counts": self.counts,
            "origin_id": self.origin_id,
            "private_keys": "removed",
        }

    @classmethod
    def read(cls, folder: Path) -> BackupInfo:
        """The backup in ``folder``; :class:`TtdnError` ``backup.not_a_backup`` if it is none."""
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError("format")
            if int(data.get("format_version", 0)) > FORMAT_VERSION:
                raise TtdnError("backup.newer_format", path=str(folder))
            database = data["database"]
            return cls(
                path=folder,
                created_at=datetime.fromisoformat(data["created_at"]),
                reason=str(data["reason"]),
                schema=data.get("schema"),
                app_version=str(data.get("app_version", "")),
                db_sha256=str(database["sha256"]),
                db_size=int(database["size"]),
                files=[{"sha256": str(f["sha256"]), "size": int(f["size"])} for f in data.get("files", [])],
                missing_files=[str(s) for s in data.get("missing_files", [])],
                counts={str(k): int(v) for k, v in (data.get("counts") or {}).items()},
                origin_id=data.get("origin_id"),
            )
        except TtdnError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise TtdnError("backup.not_a_backup", path=str(folder), detail=str(exc)) from exc


# --- helpers ------------------------------------------------------------------------------


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def copy_file_atomic(source: Path, target: Path) -> None:
    """Copy through a temporary name, flushed, then renamed: never half-written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    try:
        shutil.copyfile(source, tmp)
        _fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _link_or_copy(source: Path, target: Path) -> None:
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)  # the pool and the data folder are on the same disk
    except OSError:
        copy_file_atomic(source, target)


def blob_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256


def snapshot(source: Path, target: Path, *, progress: Progress = no_progress) -> None:
    """Copy the live database ``source`` to ``target`` with the online backup API, then
    make the copy self-contained (rollback journal, no WAL) and remove the private keys."""

    def step(_status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total)

    with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src, closing(
        sqlite3.connect(str(target))
    ) as dest:
        src.execute("PRAGMA busy_timeout = 10000")
        src.backup(dest, pages=_PAGES_PER_STEP, progress=step)
        dest.isolation_level = None
        dest.execute("PRAGMA journal_mode = DELETE")
        dest.execute("PRAGMA secure_delete = ON")
        tables = {r[0] for r in dest.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "local_key" in tables:
            dest.execute("DELETE FROM local_key")
    _fsync_file(target)


def _scalar(conn: sqlite3.Connection, sql: str, default: Any = None) -> Any:
    try:
        row = conn.execute(sql).fetchone()
    except sqlite3.DatabaseError:
        return default
    return row[0] if row else default


def _describe(db: Path) -> tuple[str | None, dict[str, int], list[tuple[str, int]], str | None]:
    """Schema revision, counts, attached files and origin of the database copy ``db``."""
    with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        schema = _scalar(conn, "SELECT version_num FROM alembic_version")
        counts = {
            "activities": int(_scalar(conn, "SELECT count(*) FROM activity WHERE NOT deleted", 0)),
            "participants": int(_scalar(conn, "SELECT count(*) FROM participant WHERE NOT deleted", 0)),
            "attachments": int(_scalar(conn, "SELECT count(*) FROM attachment WHERE NOT deleted", 0)),
        }
        try:
            blobs = [(str(r[0]), int(r[1])) for r in conn.execute("SELECT sha256, size FROM blob ORDER BY sha256")]
        except sqlite3.DatabaseError:
            blobs = []
        origin = _scalar(conn, "SELECT origin_id FROM installation")
    return schema, counts, blobs, origin


def stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


# --- creating ------------------------------------------------------------------------------


def create_backup(
    db_path: Path,
    backups_dir: Path,
    reason: str,
    *,
    files_dir: Path | None = None,
    now: datetime | None = None,
    progress: Progress = no_progress,
    rotate: bool = True,
) -> BackupInfo:
    """Back up the database at ``db_path`` (and its attached files) into ``backups_dir``."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        raise TtdnError("backup.no_database", path=str(db_path))
    files_dir = files_dir if files_dir is not None else db_path.parent / "files"
    now = now or datetime.now()
    backups_dir.mkdir(parents=True, exist_ok=True)
    name = f"{PREFIX}{stamp(now)}-{reason}"
    folder, n = backups_dir / name, 1
    while folder.exists():
        n += 1
        folder = backups_dir / f"{name}-{n}"
    partial = backups_dir / f".partial-{folder.name}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        copy = partial / DB_NAME
        try:
            snapshot(db_path, copy, progress=progress)
        except sqlite3.DatabaseError as exc:
            raise TtdnError("backup.source_damaged", path=str(db_path), detail=str(exc)) from exc
        damage = quick_check(copy)
        if damage:  # a copy of damaged data would push good backups out of the rotation
            raise TtdnError("backup.source_damaged", path=str(db_path), detail="; ".join(damage[:3]))
        schema, counts, blobs, origin = _describe(copy)
        pool = backups_dir / POOL
        present, missing = [], []
        for sha, size in blobs:
            source = blob_path(files_dir, sha)
            if source.is_file():
                _link_or_copy(source, blob_path(pool, sha))
                present.append({"sha256": sha, "size": size})
            elif blob_path(pool, sha).is_file():
                present.append({"sha256": sha, "size": size})
            else:
                missing.append(sha)
        info = BackupInfo(
            path=folder,
            created_at=now.replace(microsecond=0),
            reason=reason,
            schema=schema,
            app_version=__version__,
            db_sha256=file_sha256(copy),
            db_size=copy.stat().st_size,
            files=present,
            missing_files=missing,
            counts=counts,
            origin_id=origin,
        )
        (partial / MANIFEST).write_text(json.dumps(info.manifest(), ensure_ascii=False, indent=1), encoding="utf-8")
        _fsync_file(partial / MANIFEST)
        os.replace(partial, folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    log.info("backup written: %s (%s, %d bytes, %d files)", folder.name, reason, info.db_size, len(present))
    if rotate:
        prune(backups_dir, now=now)
    return info


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """Every readable backup in ``backups_dir``, newest first."""
    found = []
    for folder in backups_dir.glob(f"{PREFIX}*") if backups_dir.is_dir() else []:
        if folder.is_dir() and (folder / MANIFEST).is_file():
            try:
                found.append(BackupInfo.read(folder))
            except TtdnError as exc:
                log.warning("unreadable backup %s: %s", folder.name, exc.key)
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def find_backup(backups_dir: Path, ref: str) -> BackupInfo:
    """A backup by its folder name (or a unique beginning of it), or by a path."""
    candidate = Path(ref)
    if candidate.is_dir() and (candidate / MANIFEST).is_file():
        return BackupInfo.read(candidate)
    matches = [b for b in list_backups(backups_dir) if b.path.name == ref] or [
        b for b in list_backups(backups_dir) if b.path.name.startswith(ref)
    ]
    if len(matches) != 1:
        raise TtdnError("backup.not_found" if not matches else "backup.ambiguous", name=ref)
    return matches[0]


def backup_due(backups_dir: Path, now: datetime | None = None) -> bool:
    """True when no backup was taken today (the daily backup is due)."""
    today = (now or datetime.now()).date()
    return not any(b.created_at.date() == today for b in list_backups(backups_dir))


def select_kept(backups: Iterable[BackupInfo], now: datetime, keep: dict[str, int] = KEEP) -> set[Path]:
    """The backups rotation keeps: the newest of each of the last days, weeks and months."""
    ordered = sorted(backups, key=lambda b: (b.created_at, b.path.name), reverse=True)
    kept = {b.path for b in ordered[: keep["latest"]]}
    buckets: list[tuple[str, Callable[[datetime], Any]]] = [
        ("daily", lambda t: t.date()),
        ("weekly", lambda t: t.isocalendar()[:2]),
        ("monthly", lambda t: (t.year, t.month)),
    ]
    for kind, bucket_of in buckets:
        seen: list[Any] = []
        for b in ordered:
            bucket = bucket_of(b.created_at)
            if bucket in seen:
                continue
            if len(seen) >= keep[kind]:
                break
            seen.append(bucket)
            kept.add(b.path)
    # Anything dated in the future (a wrong clock) is kept rather than judged.
    kept |= {b.path for b in ordered if b.created_at > now + timedelta(days=1)}
    return kept


def prune(backups_dir: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups rotation does not keep, and pool files no backup needs."""
    backups = list_backups(backups_dir)
    kept = select_kept(backups, now or datetime.now())
    removed = []
    for b in backups:
        if b.path not in kept:
            shutil.rmtree(b.path, ignore_errors=True)
            removed.append(b.path)
    if removed:
        needed = {f["sha256"] for b in backups if b.path in kept for f in b.files}
        pool = backups_dir / POOL
        for path in pool.glob("*/*") if pool.is_dir() else []:
            if path.is_file() and path.name not in needed:
                path.unlink(missing_ok=True)
        log.info("rotation removed %d backups", len(removed))
    return removed


# --- checking and restoring --------------------------------------------------------------


def verify_backup(info: BackupInfo, *, pool: Path | None = None, thorough: bool = True) -> list[str]:
    """Problems with ``info`` (empty: it can be restored). ``thorough`` also checks
    every attached file's SHA-256, not only that it is there with the right size."""
    from desktop_app.core.db import migrate

    problems: list[str] = []
    db = info.db_path
    if not db.is_file():
        return [f"{DB_NAME} missing"]
    if db.stat().st_size != info.db_size or file_sha256(db) != info.db_sha256:
        problems.append(f"{DB_NAME} altered or damaged (checksum)")
    try:
        with closing(sqlite3.connect(f"{db.resolve().as_uri()}?immutable=1", uri=True)) as conn:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems.append("integrity_check: " + "; ".join(result[:5]))
    except sqlite3.DatabaseError as exc:
        problems.append(f"database unreadable: {exc}")
    try:
        migrate.check_known(info.schema)
    except TtdnError:
        problems.append(f"schema {info.schema} is newer than this program")
    pool = pool if pool is not None else info.path.parent / POOL
    for f in info.files:
        path = blob_path(pool, f["sha256"])
        if not path.is_file() or path.stat().st_size != f["size"]:
            problems.append(f"attached file {f['sha256'][:12]} missing")
        elif thorough and file_sha256(path) != f["sha256"]:
            problems.append(f"attached file {f['sha256'][:12]} damaged")
    return problems


def newest_good_backup(backups_dir: Path) -> BackupInfo | None:
    """The newest backup that passes :func:`verify_backup` (attached files by size only)."""
    for info in list_backups(backups_dir):
        if not verify_backup(info, thorough=False):
            return info
    return None


def quick_check(db_path: Path) -> list[str]:
    """SQLite's ``quick_check`` on the database (empty: fine). Read-only, fast."""
    if not db_path.exists():
        return []
    try:
        with closing(sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            conn.execute("PRAGMA busy_timeout = 10000")
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


# --- copying to a USB stick -----------------------------------------------------------------


def copy_to(info: BackupInfo, destination: Path, *, progress: Progress = no_progress) -> Path:
    """Copy the backup ``info`` with its attached files to ``destination`` (e.g. a USB
    stick) as a self-contained folder ``TTDN-sao-luu/<name>`` that :func:`find_backup`
    and :func:`restore_backup` accept; every copied file is read back and checked."""
    root = destination / "TTDN-sao-luu"
    target = root / info.path.name
    partial = root / f".partial-{info.path.name}"
    shutil.rmtree(partial, ignore_errors=True)
    pool = info.path.parent / POOL
    total = len(info.files) + 2
    try:
        partial.mkdir(parents=True)
        copy_file_atomic(info.db_path, partial / DB_NAME)
        progress(1, total)
        for done, f in enumerate(info.files, start=2):
            dest = blob_path(root / POOL, f["sha256"])
            if not dest.is_file() or dest.stat().st_size != f["size"]:
                copy_file_atomic(blob_path(pool, f["sha256"]), dest)
            progress(done, total)
        shutil.copyfile(info.path / MANIFEST, partial / MANIFEST)
        if target.exists():
            shutil.rmtree(target)
        os.replace(partial, target)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise TtdnError("file.unwritable", path=str(target), detail=str(exc)) from exc
    copied = BackupInfo.read(target)
    problems = verify_backup(copied)
    progress(total, total)
    if problems:
        raise TtdnError("backup.copy_mismatch", path=str(target), detail="; ".join(problems))
    return target
