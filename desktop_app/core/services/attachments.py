"""Attachments: files stored once, by SHA-256, in ``files/`` beside the database.

A file is copied to a temporary name, flushed to disk, verified and renamed into
``files/ab/abcdef…``; the database rows come after, in the caller's transaction. A file
left behind by a rolled-back transaction is harmless: it is found again by its hash.
"""

from __future__ import annotations

import hashlib
import mimetypes
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity, Attachment, Blob, Installation
from desktop_app.core.domain.text import nfc, vi_sort_key
from desktop_app.core.errors import TtdnError
from desktop_app.core.files import blob_path, move_into_place, staged_file
from desktop_app.core.services.ownership import owned_activity

MAX_ATTACHMENT_BYTES = 2 * 1024**3
_CHUNK = 1024 * 1024


def guess_mime(name: str) -> str:
    mime, _ = mimetypes.guess_type(name)
    return mime or "application/octet-stream"


def store_bytes(files_dir: Path, data: bytes) -> str:
    """Store ``data`` in the content-addressed folder; return its SHA-256."""
    sha = hashlib.sha256(data).hexdigest()
    target = blob_path(files_dir, sha)
    if not target.exists():
        with staged_file(target.parent) as (handle, tmp):
            handle.write(data)
        move_into_place(tmp, target, keep_existing=True)
    return sha


def store_file(files_dir: Path, source: Path) -> tuple[str, int]:
    """Copy ``source`` into the store (atomically, verified); return (SHA-256, size)."""
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise TtdnError("attachment.unreadable", path=str(source), detail=str(exc)) from exc
    if size > MAX_ATTACHMENT_BYTES:
        raise TtdnError("attachment.too_large", path=str(source), max_mb=MAX_ATTACHMENT_BYTES // 1024**2)
    try:
        digest = hashlib.sha256()
        with open(source, "rb") as src, staged_file(files_dir) as (dst, tmp):
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
        sha = digest.hexdigest()
        move_into_place(tmp, blob_path(files_dir, sha), keep_existing=True)
        return sha, size
    except OSError as exc:
        raise TtdnError("attachment.unreadable", path=str(source), detail=str(exc)) from exc


def ensure_blob(session: Session, sha256: str, size: int) -> None:
    if session.get(Blob, sha256) is None:
        session.add(Blob(sha256=sha256, size=size))


def attach_file(session: Session, files_dir: Path | None, activity: Activity, source: Path, *, personal: bool = False) -> Attachment:
    """Store ``source`` and attach it. ``personal``: it holds personal data (a signed list of
    delegates, say): its file and name then travel sealed for the province."""
    if files_dir is None:
        raise ValueError("files_dir is required to attach files")
    sha, size = store_file(files_dir, source)
    ensure_blob(session, sha, size)
    name = nfc(source.name)
    attachment = Attachment(
        activity_id=activity.id, sha256=sha, original_name=name, size=size, mime_type=guess_mime(name), personal=personal
    )
    session.add(attachment)
    session.flush()
    return attachment


def export_copy(files_dir: Path, attachment: Attachment, target: Path) -> Path:
    """Copy an attachment out of the store (for "open" and the ministry bundle)."""
    source = blob_path(files_dir, attachment.sha256)
    if not source.exists():
        raise TtdnError("attachment.blob_missing", name=attachment.original_name, sha256=attachment.sha256)
    shutil.copyfile(source, target)
    return target


@dataclass(frozen=True)
class StoredFile:
    """One live attachment, as the GUI lists it."""

    id: str
    name: str
    size: int
    mime_type: str
    sha256: str
    personal: bool = False


def list_attachments(session: Session, activity_id: str) -> list[StoredFile]:
    """The live attachments of an activity, by name in Vietnamese order."""
    rows = session.scalars(
        select(Attachment).where(Attachment.activity_id == activity_id, Attachment.deleted.is_(False))
    )
    files = [StoredFile(a.id, a.original_name, a.size, a.mime_type, a.sha256, a.personal) for a in rows]
    return sorted(files, key=lambda f: (vi_sort_key(f.name), f.id))


def remove_attachment(session: Session, installation: Installation, activity_id: str, attachment_id: str) -> Attachment:
    """Tombstone one attachment of an activity this installation owns (the deletion
    travels in sync packages; the stored file stays, other records may share it).
    Raises TtdnError when the activity is deleted or another unit's."""
    activity = owned_activity(session, installation, activity_id)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.activity_id != activity.id:
        raise ValueError(f"attachment {attachment_id} is not one of activity {activity.id}")
    if not attachment.deleted:  # removing twice is harmless
        attachment.deleted = True
        session.flush()
    return attachment


def set_attachment_personal(session: Session, installation: Installation, attachment_id: str, personal: bool) -> Attachment:
    """Mark an attachment of an activity this installation owns as holding personal data
    (or not); the change travels like any other."""
    from desktop_app.core.services.ownership import require_owned

    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.deleted:
        raise TtdnError("attachment.not_found", id=attachment_id)
    require_owned(installation, attachment.activity)
    if attachment.personal != personal:
        attachment.personal = personal
        session.flush()
    return attachment


def safe_file_name(name: str) -> str:
    """``name`` without folders or characters file systems refuse (names come from other PCs)."""
    base = nfc(name).replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join("_" if ch in '<>:"|?*' or ord(ch) < 32 else ch for ch in base).strip(" .")
    return base or "file"


def temp_copy(files_dir: Path, sha256: str, name: str, folder: Path | None = None) -> Path:
    """Copy a stored file out under its original name, for opening in another program.
    Each stored file gets its own folder under ``folder`` (default: the system's temp)."""
    source = blob_path(files_dir, sha256)
    if not source.exists():
        raise TtdnError("attachment.blob_missing", name=name, sha256=sha256)
    target_dir = (folder or Path(tempfile.gettempdir()) / "ttdn-open") / sha256[:16]
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / safe_file_name(name)
    shutil.copyfile(source, target)
    return target
