"""Files to grids: .xlsx (openpyxl, merged cells filled), .docx tables (python-docx) and
.csv (UTF-8, UTF-8 with BOM or Windows-1258, comma/semicolon/tab separated).

A :class:`Grid` is one sheet or one Word table: rows of plain cell values (str, int,
float, date/datetime or None), with every cell of a merged range holding the range's
value, so a header spanning two columns labels both of them.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_app.core.domain.legacy_encoding import convert_legacy, detect_legacy_encoding
from desktop_app.core.errors import TtdnError

SUPPORTED = (".xlsx", ".xlsm", ".docx", ".csv")
MAX_ROWS = 20000
MAX_COLUMNS = 60


@dataclass
class Grid:
    name: str
    rows: list[list[Any]]
    legacy: str | None = None  # "tcvn3" / "vni" when the text looks typed in that encoding
    converted: bool = False
    merged: set[tuple[int, int]] = field(default_factory=set)  # (row, col) filled from a merge

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, col: int) -> Any:
        values = self.rows[row]
        return values[col] if col < len(values) else None


def clean_cell(value: Any) -> Any:
    """Strings trimmed, NFC and with inner runs of spaces collapsed (line breaks kept);
    empty strings become None; whole floats become ints."""
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value.replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n"))
        lines = [" ".join(line.split()) for line in value.split("\n")]
        text = "\n".join(line for line in lines if line)
        return text or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, date, datetime)) or value is None:
        return value
    return clean_cell(str(value))


def _unreadable(path: Path, detail: str) -> TtdnError:
    return TtdnError("table.unreadable", path=str(path), detail=detail)


def _read_xlsx(path: Path) -> list[Grid]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError, TypeError) as exc:
        raise _unreadable(path, str(exc) or type(exc).__name__) from exc
    grids = []
    try:
        for ws in workbook.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible" and len(workbook.worksheets) > 1:
                continue
            max_row = min(ws.max_row or 0, MAX_ROWS)
            max_col = min(ws.max_column or 0, MAX_COLUMNS)
            rows = [
                [clean_cell(v) for v in row]
                for row in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True)
            ]
            merged: set[tuple[int, int]] = set()
            for rng in ws.merged_cells.ranges:
                top, left = rng.min_row - 1, rng.min_col - 1
                if top >= len(rows) or left >= max_col:
                    continue
                value = rows[top][left]
                for r in range(top, min(rng.max_row, len(rows))):
                    for c in range(left, min(rng.max_col, max_col)):
                        if (r, c) != (top, left):
                            rows[r][c] = value
                            merged.add((r, c))
            grids.append(Grid(ws.title, rows, merged=merged))
    finally:
        workbook.close()
    return grids


def _read_docx(path: Path) -> list[Grid]:
    from zipfile import BadZipFile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise _unreadable(path, str(exc)) from exc
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _unreadable(path, str(exc) or type(exc).__name__) from exc
    grids = []
    for number, table in enumerate(document.tables, start=1):
        rows: list[list[Any]] = []
        merged: set[tuple[int, int]] = set()
        above: list[Any] = []
        for r, row in enumerate(table.rows[:MAX_ROWS]):
            # python-docx repeats a merged cell's object over every grid cell it covers,
            # across (gridSpan) and down (vMerge): its text fills them all.
            elements = [cell._tc for cell in row.cells[:MAX_COLUMNS]]
            for c, element in enumerate(elements):
                if (c and elements[c - 1] is element) or (c < len(above) and above[c] is element):
                    merged.add((r, c))
            rows.append([clean_cell(cell.text) for cell in row.cells[:MAX_COLUMNS]])
            above = elements
        grids.append(Grid(f"Bảng {number}", rows, merged=merged))
    if not grids:
        raise TtdnError("table.no_table", path=str(path))
    return grids


def decode_text(data: bytes) -> tuple[str, str]:
    """Text of a CSV file and the encoding it was read with: UTF-8 (with or without BOM),
    UTF-16 with BOM, else Windows-1258 (the Vietnamese ANSI code page of Excel on Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1258 writes tones as combining marks: NFC joins them to their letters.
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")), "cp1258"


def _read_csv(path: Path) -> list[Grid]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, str(exc)) from exc
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _unreadable(path, "binary")
    text, _encoding = decode_text(data)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(",;\t", key=sample.count)
    rows = [[clean_cell(v) for v in row[:MAX_COLUMNS]] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return [Grid(path.stem, rows[:MAX_ROWS])]


def read_grids(path: Path) -> list[Grid]:
    """Every sheet (or Word table) of ``path``, with the legacy encoding detected."""
    path = Path(path)
    if not path.is_file():
        raise TtdnError("table.missing", path=str(path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        grids = _read_xlsx(path)
    elif suffix == ".docx":
        grids = _read_docx(path)
    elif suffix == ".csv":
        grids = _read_csv(path)
    elif suffix in (".xls", ".doc"):
        raise TtdnError("table.old_format", path=str(path), suffix=suffix)
    else:
        raise TtdnError("table.unsupported", path=str(path), suffix=suffix or "?")
    for grid in grids:
        grid.legacy = detect_legacy_encoding(v for row in grid.rows for v in row if isinstance(v, str))
    return grids


def converted(grid: Grid) -> Grid:
    """``grid`` with its TCVN3/VNI text turned into Unicode (as the officer confirmed)."""
    if not grid.legacy or grid.converted:
        return grid
    rows = [[convert_legacy(v, grid.legacy) if isinstance(v, str) else v for v in row] for row in grid.rows]
    return replace(grid, rows=rows, converted=True)
