"""Progress reporting and cancellation for long work, without Qt.

Long core functions take ``progress(done, total)`` and a ``cancelled()`` callable; the
CLI prints or ignores them, the GUI turns them into signals of a worker thread.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def __call__(self, done: int, total: int) -> None: ...


def no_progress(done: int, total: int) -> None:
    """A progress callback that shows nothing."""


class CancelToken:
    """Set from one thread, polled from another."""

    def __init__(self) -> None:
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def __call__(self) -> bool:
        return self._cancelled
