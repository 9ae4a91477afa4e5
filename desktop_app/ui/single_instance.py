"""One window per data folder: the first start listens on a local socket named after the
folder; a second start (which finds the folder's lock taken) asks it to come to the front.

The lock itself is :class:`desktop_app.core.instance_lock.InstanceLock`; this module only
carries the "come to the front" request (QLocalServer/QLocalSocket: a named pipe on
Windows, a socket file on Linux).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
TIMEOUT_MS = 1500


def server_name(data_dir: Path) -> str:
    """One name per data folder (and per user: the socket lives in the user's space)."""
    key = str(data_dir.resolve()).casefold().encode("utf-8")
    return "ttdn-" + hashlib.sha256(key).hexdigest()[:24]


def activate_running(data_dir: Path) -> bool:
    """Ask the program that has ``data_dir`` open to show its window; True if it answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(ACTIVATE)
    socket.waitForBytesWritten(TIMEOUT_MS)  # False when flushed already: not an error
    ok = socket.waitForReadyRead(4 * TIMEOUT_MS) and socket.readAll().data().startswith(b"ok")
    socket.disconnectFromServer()
    return bool(ok)


class InstanceServer(QObject):
    """Listens for second starts on the same data folder; emits :attr:`activated`."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        name = server_name(data_dir)
        # We hold the folder's lock, so a socket left by a crash is stale: remove it.
        QLocalServer.removeServer(name)
        if not self.server.listen(name):
            log.warning("cannot listen for second starts: %s", self.server.errorString())
        self.server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_request(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_request(self, socket: QLocalSocket) -> None:
        if socket.readAll().data().startswith(ACTIVATE.strip()):
            socket.write(b"ok\n")
            socket.flush()
            self.activated.emit()

    def close(self) -> None:
        self.server.close()


def bring_to_front(window) -> None:
    """Show ``window`` on top, restored if minimised."""
    from PySide6.QtCore import Qt

    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
