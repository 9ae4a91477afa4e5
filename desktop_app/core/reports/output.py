"""Writing report files atomically: into a temporary file beside the target, flushed,
then renamed over it. A failed or cancelled report leaves the old file (or none)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from desktop_app.core.errors import TtdnError
from desktop_app.core.files import atomic_path


@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``."""
    try:
        with atomic_path(target) as tmp:
            yield tmp
    except OSError as exc:
        raise TtdnError("report.output_unwritable", path=str(target), detail=str(exc)) from exc
