"""Running core work off the GUI thread, so the window never freezes.

Database work is serialised on one worker thread (:func:`database_pool`): the screens
never open a database connection on the GUI thread. A :class:`Job`
lives in the GUI thread and re-emits what its worker reports (``progress``, ``finished``,
``failed``) as queued signals, so slots may touch widgets; the worker itself never does.
:func:`run_with_progress` adds a progress window that appears only when the work takes
longer than :data:`PROGRESS_DELAY_MS`, with a Cancel button wired to a
:class:`~desktop_app.core.progress.CancelToken` the core function polls.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QDeadlineTimer, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core.errors import TtdnError
from desktop_app.core.progress import CancelToken

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500
_pool: QThreadPool | None = None
_running: set[Job] = set()  # jobs are kept alive until they end
_closing = False  # set at exit: queued reads are skipped
_current: _Worker | None = None  # what the worker thread runs now
_abandoned = False  # a read was still running when the program closed


def database_pool() -> QThreadPool:
    """The single worker thread every database job runs on, one after another."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(-1)
    return _pool


def wait_for_workers(msecs: int = 30_000) -> bool:
    """Block until queued jobs have run (in tests); False on time-out."""
    return database_pool().waitForDone(msecs)


_on_worker = threading.local()


def on_database_worker() -> bool:
    """Whether the calling code runs on the database worker thread."""
    return getattr(_on_worker, "active", False)


class _Call(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        _on_worker.active = True
        try:
            self.result = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            self.error = exc
        finally:
            _on_worker.active = False
            self.done.set()


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run ``fn(*args, **kwargs)`` on the database worker and wait for its result (its
    exception is raised here). For the short reads and saves a screen needs before it
    goes on (opening a form, saving it); long work uses :func:`run_with_progress`."""
    if on_database_worker():
        return fn(*args, **kwargs)
    task = _Call(fn, args, kwargs)
    database_pool().start(task)
    task.done.wait()
    if task.error is not None:
        raise task.error
    return task.result


def shutdown_workers(msecs: int = 30_000) -> bool:
    """At exit: let every write finish, but do not wait for reads. Reads not started yet
    are skipped, a read in progress is cancelled and left behind (its result would go to a
    window that is gone). True when the worker is idle; False when a read was left
    running: then the process must end without waiting for it (:func:`abandoned_work`)."""
    global _closing, _abandoned
    _closing = True
    for job in list(_running):
        if job.read_only:
            job.cancel()
    pool = database_pool()
    deadline = QDeadlineTimer(msecs)
    while not pool.waitForDone(20):
        current = _current
        if current is not None and current.read_only:
            _abandoned = True
            return False
        if deadline.hasExpired():
            return False
    _closing = False  # idle again (tests open and close many windows in one process)
    return True


def abandoned_work() -> bool:
    """Whether :func:`shutdown_workers` left a read running."""
    return _abandoned


class _Relay(QObject):
    """Signals emitted from the worker thread; queued to the :class:`Job` in the GUI thread."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Worker(QRunnable):
    def __init__(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], relay: _Relay, read_only: bool
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Job holds it
        self._fn, self._args, self._kwargs, self._relay = fn, args, kwargs, relay
        self.read_only = read_only

    def run(self) -> None:
        global _current
        if self.read_only and _closing:
            return
        _current = self
        _on_worker.active = True
        try:
            self._call()
        finally:
            _current = None
            _on_worker.active = False

    def _call(self) -> None:
        try:
            result = self._fn(*self._args, **self._kwargs)
        except TtdnError as exc:
            self._relay.failed.emit(exc)
        except BaseException as exc:  # noqa: BLE001 - reported to the user, never lost
            log.exception("background job failed")
            self._relay.failed.emit(exc)
        else:
            self._relay.finished.emit(result)


class Job(QObject):
    """One piece of background work. Connect to its signals right after starting it."""

    progress = Signal(int, int)
    finished = Signal(object)  # the function's return value
    failed = Signal(object)  # a TtdnError, or an unexpected exception
    ended = Signal()  # after finished or failed

    def __init__(
        self,
        fn: Callable[..., Any],
        *args: Any,
        parent: QObject | None = None,
        with_progress: bool = False,
        read_only: bool = False,
        **kwargs: Any,
    ) -> None:
        """``with_progress`` passes ``progress=`` and ``cancelled=`` to ``fn``; a
        ``read_only`` job changes nothing, so closing the program does not wait for it."""
        super().__init__(parent)
        self.read_only = read_only
        self.token = CancelToken()
        self.running = False
        self.progress_window: ProgressWindow | None = None
        if with_progress:
            kwargs.update(progress=self.report, cancelled=self.token)
        self._relay = _Relay()
        self._relay.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._worker = _Worker(fn, args, kwargs, self._relay, read_only)

    def start(self, pool: QThreadPool | None = None) -> Job:
        self.running = True
        _running.add(self)
        (pool or database_pool()).start(self._worker)
        return self

    def cancel(self) -> None:
        """Ask the work to stop; it ends with ``failed(TtdnError("operation.cancelled"))``."""
        self.token.cancel()

    def report(self, done: int, total: int) -> None:
        """The ``progress`` callback handed to the core function (called in the worker)."""
        self._relay.progress.emit(done, total)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._end()
        self.finished.emit(result)
        self.ended.emit()

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._end()
        self.failed.emit(error)
        self.ended.emit()

    def _end(self) -> None:
        self.running = False
        self.deleteLater()
        QTimer.singleShot(0, lambda: _running.discard(self))  # not from inside our own slot


def quietly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` for :func:`run_with_progress` when it takes no ``progress`` or ``cancelled``."""

    def call(*args: Any, progress: Any = None, cancelled: Any = None, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    return call


def run_in_background(
    fn: Callable[..., Any], *args: Any, parent: QObject | None = None, read_only: bool = False, **kwargs: Any
) -> Job:
    """Run ``fn(*args, **kwargs)`` on the database worker, without a progress window."""
    return Job(fn, *args, parent=parent, read_only=read_only, **kwargs).start()


class ProgressWindow(QObject):
    """Shows a progress dialog for ``job`` once it has run for a moment; closes it at the end."""

    def __init__(self, parent: QWidget | None, title: str, job: Job, cancellable: bool) -> None:
        super().__init__(job)
        self._parent, self._title, self._job, self._cancellable = parent, title, job, cancellable
        self._done, self._total = 0, 0
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        self._timer.start(PROGRESS_DELAY_MS)
        job.progress.connect(self._progress)
        job.ended.connect(self._close)

    def _show(self) -> None:
        if not self._job.running:
            return
        dialog = QProgressDialog(self._title, self.tr("Cancel") if self._cancellable else "", 0, 0, self._parent)
        dialog.setWindowTitle(self._title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        if not self._cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self._cancel)
        self.dialog = dialog
        self._progress(self._done, self._total)
        dialog.show()

    def _progress(self, done: int, total: int) -> None:
        self._done, self._total = done, total
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(min(done, total) if total > 0 else 0)

    def _cancel(self) -> None:
        self._job.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling…"))

    def _close(self) -> None:
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


def run_with_progress(
    parent: QWidget | None,
    title: str,
    fn: Callable[..., Any],
    *args: Any,
    cancellable: bool = True,
    **kwargs: Any,
) -> Job:
    """Run ``fn(*args, progress=…, cancelled=…, **kwargs)`` on the database worker.

    A progress window titled ``title`` appears after :data:`PROGRESS_DELAY_MS` if the work
    is still running (with a Cancel button when ``cancellable``). Returns the started
    :class:`Job`: connect to ``finished`` and ``failed``; nothing blocks."""
    job = Job(fn, *args, parent=parent, with_progress=True, **kwargs)
    job.progress_window = ProgressWindow(parent, title, job, cancellable)
    return job.start()
