"""Writing report files atomically: into a temporary file beside the target, flushed,
then renamed over it. A failed or cancelled report leaves the old file (or none)."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from desktop_app.core.errors import TtdnError


@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem[:40]}-", suffix=".part")
        os.close(fd)
        os.chmod(name, 0o644)  # mkstemp's 0600 would hide the report from other accounts
    except OSError as exc:
        raise TtdnError("report.output_unwritable", path=str(target), detail=str(exc)) from exc
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise TtdnError("report.output_unwritable", path=str(target), detail=str(exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
