"""How the records of one table are laid out in a package member, both ways.

This is the seam between the package's bytes and the code that writes or applies rows:
the exporter hands records (plain dicts, as :func:`records.to_record` makes them) to a
writer; the importer iterates the records of a member without knowing its layout, one at
a time, so neither side holds a whole table in memory.

Format 1.0 lays a table out as ``data/<table>.jsonl``: one canonical JSON record per
line. A later minor version may add other layouts here (the reader keeps reading 1.0).
"""

from __future__ import annotations

from typing import Any, BinaryIO, Iterator

from desktop_app.core.errors import TtdnError
from desktop_app.core.sync.container import MAX_LINE_BYTES, canonical_json, parse_json

JSONL_SUFFIX = ".jsonl"


def member_table(name: str) -> str | None:
    """The table whose records member ``name`` holds, or None if it holds no records."""
    if name.startswith("data/") and name.endswith(JSONL_SUFFIX):
        return name[5 : -len(JSONL_SUFFIX)]
    return None


def iter_records(name: str, stream: BinaryIO) -> Iterator[tuple[int, Any]]:
    """(position, decoded record) for each record of member ``name``, read from ``stream``
    (a binary stream of the member's bytes) with the container's limits: a line longer
    than ``MAX_LINE_BYTES`` or JSON that is not strict UTF-8 raises TtdnError. The caller
    checks the member's size and hash (the stream may hash as it is read) and each
    record's shape."""
    if not name.endswith(JSONL_SUFFIX):
        raise TtdnError("package.unexpected_member", member=name)
    number = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 2)
        if not line:
            return
        number += 1
        if line.endswith(b"\n"):
            line = line[:-1]
        elif len(line) > MAX_LINE_BYTES:
            raise TtdnError("package.line_too_long", member=name, line=number)
        if len(line) > MAX_LINE_BYTES:
            raise TtdnError("package.line_too_long", member=name, line=number)
        if not line:
            continue
        yield number, parse_json(line, f"{name}:{number}")


def member_name(table: str) -> str:
    """The member a writer of this version puts ``table``'s records in."""
    return f"data/{table}{JSONL_SUFFIX}"


class RecordWriter:
    """Writes the records of one table to a binary stream, one at a time."""

    def __init__(self, table: str, stream: BinaryIO) -> None:
        self.table = table
        self.name = member_name(table)
        self.stream = stream
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        self.stream.write(canonical_json(record) + b"\n")
        self.count += 1

    def close(self) -> None:
        """Finish the member (a layout with a trailer writes it here)."""
