"""One window per data folder: a second start asks the running program to come to the front.

The lock is :class:`desktop_app.core.instance_lock.InstanceLock`. The request travels
through the data folder itself: the second start drops a file in ``.instance/`` and
waits for it to be taken; the running program watches that folder (QFileSystemWatcher,
in QtCore) and brings its window forward. This needs no QtNetwork in the bundle (3 MB
of Qt plus the Kerberos libraries it links), and works for whatever can write the folder.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QObject, QFileSystemWatcher, Qt, Signal

log = logging.getLogger(__name__)

REQUESTS = ".instance"
PREFIX = "activate-"
WAIT_S = 3.0


def _requests_dir(data_dir: Path) -> Path:
    return data_dir / REQUESTS


def activate_running(data_dir: Path, wait_s: float = WAIT_S) -> bool:
    """Ask the program that has ``data_dir`` open to show its window; True when it took
    the request within ``wait_s`` (False: nobody answered, say it is open elsewhere)."""
    folder = _requests_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        request = folder / f"{PREFIX}{os.getpid()}"
        tmp = folder / f".{request.name}.tmp"
        tmp.write_text(str(time.time()), encoding="ascii")
        os.replace(tmp, request)
    except OSError as exc:
        log.warning("cannot ask the running program: %s", exc)
        return False
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if not request.exists():
            return True
        time.sleep(0.05)
    request.unlink(missing_ok=True)
    return False


class InstanceServer(QObject):
    """Watches for second starts on the same data folder; emits :attr:`activated`."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = _requests_dir(data_dir)
        self._folder.mkdir(parents=True, exist_ok=True)
        for stale in self._folder.glob(f"{PREFIX}*"):  # we hold the lock: these are from before
            stale.unlink(missing_ok=True)
        self._watcher = QFileSystemWatcher([str(self._folder)], self)
        self._watcher.directoryChanged.connect(self._on_change)

    def _on_change(self, _path: str) -> None:
        taken = False
        for request in self._folder.glob(f"{PREFIX}*"):
            try:
                request.unlink()
                taken = True
            except OSError:
                pass
        if taken:
            self.activated.emit()

    def close(self) -> None:
        self._watcher.removePaths(self._watcher.directories())


def bring_to_front(window) -> None:
    """Show ``window`` on top, restored if minimised."""
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
