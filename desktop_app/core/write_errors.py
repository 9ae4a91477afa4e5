"""Plain messages for plain write failures: read-only media, a full disk or stick, a
pulled stick, a file locked by another program. Each becomes a TtdnError whose message
says what happened and what to do (exit 1 from the CLI), never a traceback."""

from __future__ import annotations

import errno
from pathlib import Path

from desktop_app.core.errors import TtdnError

# Windows system error codes (OSError.winerror) that errno does not tell apart.
_WIN_READ_ONLY = {19}  # ERROR_WRITE_PROTECT
_WIN_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_WIN_GONE = {2, 3, 15, 21, 55, 1117, 1167, 483}  # not found/ready, device gone, I/O device error
_WIN_LOCKED = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION

_READ_ONLY = {errno.EROFS}
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_GONE = {errno.EIO, errno.ENODEV, errno.ENXIO, errno.ESTALE, errno.ENOENT, getattr(errno, "ENOMEDIUM", -1)}
_LOCKED = {errno.EBUSY, errno.ETXTBSY}
_DENIED = {errno.EACCES, errno.EPERM}


def write_failure_key(exc: OSError) -> str:
    winerror = getattr(exc, "winerror", None)
    if winerror is not None:
        for codes, key in ((_WIN_READ_ONLY, "file.read_only"), (_WIN_FULL, "file.disk_full"), (_WIN_LOCKED, "file.locked"), (_WIN_GONE, "file.device_gone")):
            if winerror in codes:
                return key
    for codes, key in ((_READ_ONLY, "file.read_only"), (_FULL, "file.disk_full"), (_LOCKED, "file.locked"), (_GONE, "file.device_gone"), (_DENIED, "file.no_permission")):
        if exc.errno in codes:
            return key
    return "file.unwritable"


def plain_write_error(exc: OSError, path: Path) -> TtdnError:
    """The TtdnError to report for ``exc`` raised while writing ``path``."""
    error = TtdnError(write_failure_key(exc), path=str(path), detail=exc.strerror or str(exc))
    error.__cause__ = exc
    return error


def remove_quietly(path: Path) -> None:
    """Remove a temporary file of ours; a drive that is gone or read-only leaves it for the
    next write to that place to clean up."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
