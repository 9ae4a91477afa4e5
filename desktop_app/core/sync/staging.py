"""Records staged to a temporary file as they are written, so that a package member's
SHA-256 and size are known before the zip (manifest first) is assembled, and no table is
held in memory. The file lives in a scratch folder of the data folder that the caller
removes (export's ``.sealing-`` folder)."""

from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

from desktop_app.core.sync.codec import JSONL, RecordWriter
from desktop_app.core.sync.container import Member
from desktop_app.core.write_errors import plain_write_error


class _Sink:
    """A binary stream that writes through to a file, hashing and counting; optionally it
    also measures what deflate makes of the bytes (volume planning of JSON lines)."""

    def __init__(self, handle, measure_deflate: bool) -> None:
        self.handle = handle
        self.sha = hashlib.sha256()
        self.size = 0
        self._deflate = zlib.compressobj(6, zlib.DEFLATED, -15) if measure_deflate else None
        self.deflated = 0

    def write(self, data: bytes) -> int:
        self.handle.write(data)
        self.sha.update(data)
        self.size += len(data)
        if self._deflate is not None:
            self.deflated += len(self._deflate.compress(data))
        return len(data)

    def packed(self) -> int:
        if self._deflate is None:
            return self.size
        return self.deflated + len(self._deflate.flush())


class StagedRecords:
    """One table's member, written record by record to a file in ``folder``."""

    def __init__(self, folder: Path, table: str, layout: str = JSONL, *, measure: bool = True) -> None:
        self.folder = folder
        self.shown = folder.parent  # what a message names: the data folder, not our scratch folder
        self.layout = layout
        try:
            fd, path = tempfile.mkstemp(dir=folder, prefix=f".{table}-", suffix=".part")
            self.path = Path(path)
            self._handle = os.fdopen(fd, "wb", buffering=1024 * 1024)
        except OSError as exc:
            raise plain_write_error(exc, self.shown) from exc
        self._sink = _Sink(self._handle, measure and layout == JSONL)
        self.writer = RecordWriter(table, self._sink, layout)

    @property
    def count(self) -> int:
        return self.writer.count

    def write(self, record: dict[str, Any]) -> None:
        try:
            self.writer.write(record)
        except OSError as exc:
            raise plain_write_error(exc, self.shown) from exc

    def finish(self) -> Member | None:
        """The member to put in the package (None if no record was written; the file is
        then removed)."""
        try:
            self.writer.close()
            self._handle.close()
        except OSError as exc:
            raise plain_write_error(exc, self.shown) from exc
        if self.count == 0:
            self.path.unlink(missing_ok=True)
            return None
        return Member(
            self.writer.name,
            path=self.path,
            digest=self._sink.sha.hexdigest(),
            deflate=self.layout == JSONL,  # column blocks are compressed already
            packed=self._sink.packed(),
        )

    def discard(self) -> None:
        try:
            self._handle.close()
        except OSError:
            pass
        self.path.unlink(missing_ok=True)
