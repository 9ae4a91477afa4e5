"""Writing files so that a power cut or a pulled USB stick never leaves half a file.

Every file the program writes goes through a temporary file in the target's folder, is
flushed to the device and then renamed over the target in one step; on any error the
temporary file is removed and the old target (or none) stays. The one pattern, used by
the database folder (origin file, drafts, settings), reports, attachments, packages and
USB delivery.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

PARTIAL_SUFFIX = ".part"
_CHUNK = 1024 * 1024


def _default_mode() -> int:
    """The mode an ordinary ``open(..., "w")`` would give (mkstemp makes files private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable where the platform allows (not on Windows)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_in(folder: Path, prefix: str) -> tuple[int, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=PARTIAL_SUFFIX)
    return fd, Path(name)


def _prefix(target: Path) -> str:
    return f".{target.name[:40]}-"


@contextmanager
def staged_file(folder: Path, prefix: str = ".incoming-") -> Iterator[tuple[BinaryIO, Path]]:
    """A private temporary file in ``folder``: yields (handle, path). On success it is
    flushed to disk and kept for the caller to :func:`move_into_place`; on error removed."""
    fd, tmp = _temp_in(folder, prefix)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle, tmp
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def move_into_place(tmp: Path, target: Path, *, keep_existing: bool = False) -> None:
    """Rename a staged file over ``target``; with ``keep_existing`` (content-addressed
    stores, where an existing file has the same bytes) drop it when the target exists."""
    try:
        if keep_existing and target.exists():
            tmp.unlink()
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_writer(target: Path, *, durable_folder: bool = False) -> Iterator[BinaryIO]:
    """Yield a binary handle; when the block ends without error the bytes written replace
    ``target`` (with an ordinary file's permissions). ``durable_folder`` also syncs the
    folder so the rename survives a pulled stick."""
    with staged_file(target.parent, _prefix(target)) as (handle, tmp):
        yield handle
    os.chmod(tmp, _default_mode())
    move_into_place(tmp, target)
    if durable_folder:
        sync_folder(target.parent)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path for a library that writes by file name (ReportLab,
    openpyxl, python-docx); on success it is synced and replaces ``target``."""
    fd, tmp = _temp_in(target.parent, _prefix(target))
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, _default_mode())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    move_into_place(tmp, target)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` through a flushed temporary file and a rename: never half-written.
    A read-only or full drive, a pulled stick or a locked file is a plain TtdnError."""
    from desktop_app.core.write_errors import plain_write_error

    try:
        with atomic_writer(path) as handle:
            handle.write(data)
    except OSError as exc:
        raise plain_write_error(exc, path) from exc


def write_json_atomic(path: Path, data: object) -> None:
    write_bytes_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


# --- the content-addressed store (attachments, package media) ---------------------------


def blob_path(files_dir: Path, sha256: str) -> Path:
    return files_dir / sha256[:2] / sha256


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
