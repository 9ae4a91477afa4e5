"""One program per data folder: an operating-system lock on ``ttdn.lock`` in the folder.

The lock is the kernel's (``flock`` on POSIX, ``msvcrt.locking`` on Windows), so it is
released by the system when the process ends, however it ends: a lock file left by a
crash or a power cut is simply taken over by the next start. The file's text (process,
computer, start time) only serves to tell the officer who holds it.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop_app.core.errors import TtdnError

LOCK_FILE = "ttdn.lock"


@dataclass(frozen=True)
class Holder:
    pid: int | None
    host: str | None
    started_at: str | None
    program: str | None

    def describe(self, lang: str = "vi") -> str:
        parts = []
        if self.host:
            parts.append(("máy " if lang == "vi" else "computer ") + self.host)
        if self.pid:
            parts.append(("tiến trình " if lang == "vi" else "process ") + str(self.pid))
        if self.started_at:
            parts.append(("mở lúc " if lang == "vi" else "since ") + self.started_at.replace("T", " "))
        return ", ".join(parts) or ("không rõ" if lang == "vi" else "unknown")


class InstanceLocked(TtdnError):
    def __init__(self, path: Path, holder: Holder) -> None:
        super().__init__("instance.locked", path=str(path), detail=holder.describe("vi"))
        self.holder = holder

    def message(self, lang: str = "vi") -> str:
        from desktop_app.core.messages import render

        return render(self.key, {**self.params, "detail": self.holder.describe(lang)}, lang)


def _try_lock(fd: int) -> bool:
    if os.name == "nt":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            pass
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def read_holder(data_dir: Path) -> Holder:
    try:  # from byte 1: on Windows byte 0 is locked against reading too
        with open(data_dir / LOCK_FILE, "rb") as handle:
            handle.seek(1)
            text = handle.read(4096).decode("utf-8", "replace")
        data: dict[str, Any] = json.loads(text or "{}")
    except (OSError, ValueError):
        data = {}
    return Holder(data.get("pid"), data.get("host"), data.get("started_at"), data.get("program"))


class InstanceLock:
    """``with InstanceLock(folder):`` — raises :class:`InstanceLocked` when another
    program (or another start of this one) has the folder open."""

    def __init__(self, data_dir: Path, program: str = "TTDN") -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_FILE
        self.program = program
        self._fd: int | None = None
        self.recovered = False  # True: a lock file was there but no process held it (crash)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        if self._fd is not None:
            return self
        self.data_dir.mkdir(parents=True, exist_ok=True)
        existed = self.path.exists() and self.path.stat().st_size > 1  # details left: a crash
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        if not _try_lock(fd):
            os.close(fd)
            raise InstanceLocked(self.data_dir, read_holder(self.data_dir))
        self.recovered = existed
        # Byte 0 is the locked byte (Windows locks a range); the holder's details follow.
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_at": datetime.now().isoformat(timespec="seconds"),
            "program": self.program,
            "executable": Path(sys.executable).name,
        }
        payload = b"\n" + json.dumps(info).encode("utf-8")
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, payload)
        os.ftruncate(fd, len(payload))  # never below byte 0, which Windows keeps locked
        os.fsync(fd)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 1)  # an orderly exit leaves only the lock byte
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
