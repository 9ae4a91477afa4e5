"""Where the table is in a sheet: the header among title rows, the data rows, and what
the other rows are.

Office lists put agency names, "DANH SÁCH ĐẠI BIỂU…" and "(Kèm theo Công văn số…)"
above the table; headers over one to three rows (merged cells, "Năm sinh" over "Nam" and
"Nữ"), often followed by a row of column numbers; group rows ("I. CẤP HUYỆN",
"1. Xã Đại Ân 2") between the people; the header repeated on later pages; and a totals
row ("Tổng cộng: 158 đại biểu") then a place-and-date line and signatures below. The
functions here are generic over a :class:`Vocabulary` (which header words name which
field), so participant lists and activity registers share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from desktop_app.core.domain.text import fold
from desktop_app.core.errors import TtdnError
from desktop_app.core.tabular.sources import Grid

HEADER_SEARCH_ROWS = 40
MAX_HEADER_ROWS = 3

# Row kinds.
DATA, GROUP, BLANK, HEADER, NUMBERING, SUBTOTAL, TOTAL, FOOTER, EXCLUDED = (
    "data", "group", "blank", "header", "numbering", "subtotal", "total", "footer", "excluded"
)

_NUMBER_TOKEN = re.compile(r"^\(?(\d{1,2}|[a-z])\)?$")
GROUP_PREFIX = re.compile(r"^(?P<num>[IVXLC]+|[A-Z]|\d{1,2}(?:\.\d{1,2})*)\s*[.)/-]\s*(?P<text>\S.*)$")
_ROMAN = re.compile(r"^[IVXLC]+\.?$")
_TOTAL = re.compile(r"^(tong cong|tong so|tong)\b")
_SUBTOTAL = re.compile(r"^(cong|cong lai)\b")
_FOOTER = re.compile(
    r"^(nguoi lap|nguoi ky|nguoi duyet|nguoi tong hop|xac nhan|thu truong|t\.?m\.?\s|t/m|kt\.|k/t|ky ten|noi nhan|"
    r"ghi chu\s*:|danh sach (nay|co|gom)|an dinh danh sach|tong hop:)"
    # A signer's title on a line of its own ("GIÁM ĐỐC", "KT. CHỦ TỊCH").
    r"|^(pho )?(giam doc|chu tich|truong ban|truong phong|thu truong|thu truong don vi|truong dai)$"
)
_DATE_LINE = re.compile(r"\bngay\b.{0,12}\bthang\b.{0,12}\bnam\b")
_ORG_WORDS = re.compile(
    r"^(xa|phuong|thi tran|huyen|thi xa|thanh pho|tinh|cap|khoi|ban|so|uy ban|ubnd|trung tam|dai|phong|bao|"
    r"co quan|don vi|cong an|bo chi huy|don bien phong|hoi|mat tran|mttq|truong|doan|van phong|cac)\b"
)


@dataclass(frozen=True)
class Vocabulary:
    """How header labels name fields. ``classify`` takes a column's folded header parts
    (top to bottom) and returns the field or None; ``required`` must be found for a row
    to be the header; ``quiet`` fields do not make a row a person (STT, notes, signature)."""

    classify: Callable[[list[str]], str | None]
    required: str
    quiet: frozenset[str] = frozenset()


@dataclass
class RowInfo:
    index: int  # 0-based row of the grid (the sheet row is index + 1)
    kind: str
    text: str | None = None  # a group row's text, a stop row's text
    level: int = 0  # group rows: 1 (I., II., A.) or 2 (1., 2.)
    groups: tuple[str | None, str | None] = (None, None)  # group texts in force for a data row


@dataclass
class Layout:
    grid: Grid
    header: tuple[int, int]  # 0-based first and last header rows
    labels: list[str]  # one per column
    fields: list[str | None]  # the field each column was recognised as
    mapping: dict[str, int]  # field -> column, as used (recognised or chosen)
    rows: list[RowInfo] = field(default_factory=list)
    stop: RowInfo | None = None

    @property
    def data_rows(self) -> list[RowInfo]:
        return [r for r in self.rows if r.kind == DATA]

    @property
    def data_range(self) -> tuple[int, int] | None:
        """Sheet rows (1-based) of the first and last data row."""
        rows = self.data_rows
        return (rows[0].index + 1, rows[-1].index + 1) if rows else None

    def describe(self) -> dict[str, Any]:
        first, last = self.header
        return {
            "sheet": self.grid.name,
            "header_rows": [first + 1, last + 1],
            "data_range": list(self.data_range) if self.data_range else None,
            "stopped_at": {"row": self.stop.index + 1, "kind": self.stop.kind, "text": self.stop.text} if self.stop else None,
            "columns": {f: {"column": c, "label": self.labels[c] if c < len(self.labels) else ""} for f, c in self.mapping.items()},
            "legacy_encoding": self.grid.legacy,
            "converted": self.grid.converted,
        }



def first_match(parts: list[str], patterns) -> str | None:
    """The name of the first of ``patterns`` ((name, regex) pairs) that a header's folded
    ``parts`` name: tried on the whole header first, then on its parts from the bottom up."""
    whole = " ".join(parts)
    for name, pattern in patterns:
        if pattern.search(whole):
            return name
    for part in reversed(parts):
        for name, pattern in patterns:
            if pattern.search(part):
                return name
    return None


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _folded(value: Any) -> str:
    return fold(text_of(value)).strip(" :*.")


def is_numbering_row(values: list[Any]) -> bool:
    """A row of column numbers under the header: "1 2 3 …", "(1) (2) …" or "A B C …"."""
    cells = [_folded(v) for v in values if v is not None and text_of(v).strip()]
    return len(cells) >= 3 and all(_NUMBER_TOKEN.match(c) for c in cells) and len(set(cells)) == len(cells)


def _single_fields(vocab: Vocabulary, values: list[Any]) -> dict[int, str]:
    found: dict[int, str] = {}
    for column, value in enumerate(values):
        if isinstance(value, str):
            name = vocab.classify([_folded(value)])
            if name:
                found[column] = name
    return found


def _is_header_start(vocab: Vocabulary, values: list[Any]) -> bool:
    found = _single_fields(vocab, values)
    return vocab.required in found.values() and len(set(found.values())) >= 2


def _column_parts(grid: Grid, first: int, last: int, column: int) -> list[str]:
    parts: list[str] = []
    for row in range(first, last + 1):
        value = grid.cell(row, column)
        if value is not None and text_of(value).strip() and (not parts or parts[-1] != text_of(value)):
            parts.append(text_of(value))
    return parts


def _is_header_continuation(vocab: Vocabulary, grid: Grid, first: int, row: int, required_col: int) -> bool:
    values = grid.rows[row]
    if not any(v is not None for v in values):
        return False
    new_texts = []
    for column, value in enumerate(values):
        if value is None:
            continue
        if not isinstance(value, str):
            return False  # a number or a date: data
        if (row, column) in grid.merged or any(grid.cell(r, column) == value for r in range(first, row)):
            continue
        if GROUP_PREFIX.match(value) or re.search(r"\d{4}", value):
            return False
        new_texts.append((column, value))
    required_value = grid.cell(row, required_col)
    if required_value is not None and all(grid.cell(r, required_col) != required_value for r in range(first, row)):
        return False
    for column, value in new_texts:
        parts = [_folded(p) for p in _column_parts(grid, first, row - 1, column)] + [_folded(value)]
        if vocab.classify(parts):
            return True
    return False


def find_header(vocab: Vocabulary, grid: Grid) -> tuple[int, int] | None:
    """0-based first and last rows of the header (numbering row included), or None."""
    for start in range(min(HEADER_SEARCH_ROWS, len(grid.rows))):
        if not _is_header_start(vocab, grid.rows[start]):
            continue
        required_col = next(c for c, f in _single_fields(vocab, grid.rows[start]).items() if f == vocab.required)
        last = start
        while last + 1 < len(grid.rows) and last - start + 1 < MAX_HEADER_ROWS:
            if not _is_header_continuation(vocab, grid, start, last + 1, required_col):
                break
            last += 1
        if last + 1 < len(grid.rows) and is_numbering_row(grid.rows[last + 1]):
            last += 1
        return start, last
    return None


def column_fields(vocab: Vocabulary, grid: Grid, header: tuple[int, int]) -> tuple[list[str], list[str | None]]:
    first, last = header
    if is_numbering_row(grid.rows[last]) and last > first:
        last -= 1
    labels, fields = [], []
    used: set[str] = set()
    for column in range(grid.width):
        parts = _column_parts(grid, first, last, column)
        labels.append(" / ".join(parts))
        name = vocab.classify([_folded(p) for p in parts]) if parts else None
        if name in used:
            name = None  # the first column with a field wins
        if name:
            used.add(name)
        fields.append(name)
    return labels, fields


def _kind_of_stop(first_text: str) -> str | None:
    if _TOTAL.match(first_text):
        return TOTAL
    if _FOOTER.match(first_text) or _DATE_LINE.search(first_text):
        return FOOTER
    return None


def _group(vocab: Vocabulary, values: list[Any], mapping: dict[str, int], grid: Grid, row: int) -> tuple[str, int] | None:
    """(text, level) when the row is a group heading rather than a record."""
    required_col = mapping.get(vocab.required)
    stt_col = mapping.get("stt")
    texts = [text_of(v) for v in values if v is not None and text_of(v).strip()]
    if not texts:
        return None
    main = grid.cell(row, required_col) if required_col is not None else None
    main = text_of(main) if main is not None else ""
    stt = text_of(grid.cell(row, stt_col)) if stt_col is not None and grid.cell(row, stt_col) is not None else ""
    group_text = main or stt or texts[0]
    # Other fields hold values (not just the same merged text): a record.
    for name, column in mapping.items():
        if name in vocab.quiet or column in (required_col, stt_col):
            continue
        value = grid.cell(row, column)
        if value is not None and text_of(value) not in (group_text, stt) and (row, column) not in grid.merged:
            return None
    if stt and main and stt != main:
        if _ROMAN.match(stt) or re.match(r"^[A-Z]\.?$", stt):
            return main, 1
        if stt.rstrip(".").isdigit() and not _ORG_WORDS.match(fold(main)):
            return None  # a numbered person with only a name
    match = GROUP_PREFIX.match(group_text)
    if match and not re.match(r"^\d{1,2}$", stt or "-"):
        num = match.group("num")
        level = 1 if (_ROMAN.match(num) or re.match(r"^[A-Z]$", num)) else 2
        return match.group("text").strip(), level
    if match and stt and stt == group_text:
        return match.group("text").strip(), 2
    # Without a number: level 0, placed by the caller under the numbered group in force.
    distinct = set(texts)
    folded = fold(group_text)
    if len(distinct) == 1 and len(texts) >= 3:
        return group_text, 0
    if _ORG_WORDS.match(folded):
        return group_text, 0
    if group_text.isupper() and len(group_text.split()) >= 2 and not stt:
        return group_text, 0
    return None


def _is_repeated_header(vocab: Vocabulary, values: list[Any], fields: list[str | None]) -> bool:
    found = _single_fields(vocab, values)
    same = [c for c, f in found.items() if c < len(fields) and fields[c] == f]
    return len(same) >= 2


def analyse(
    vocab: Vocabulary,
    grid: Grid,
    *,
    header: tuple[int, int] | None = None,
    mapping: dict[str, int] | None = None,
    last_row: int | None = None,
    first_row: int | None = None,
) -> Layout:
    """Find (or take) the header and classify every row below it. ``header`` (0-based rows),
    ``mapping`` (field -> column), ``first_row`` and ``last_row`` (0-based, the data range)
    are the officer's corrections."""
    if header is None:
        header = find_header(vocab, grid)
        if header is None and mapping is None:
            raise TtdnError("table.no_header", sheet=grid.name)
        header = header or (0, 0)
    first, last = header
    if not (0 <= first <= last < max(len(grid.rows), 1)):
        raise TtdnError("table.bad_header", first=first + 1, last=last + 1, rows=len(grid.rows))
    labels, fields = column_fields(vocab, grid, header)
    if mapping is None:
        mapping = {name: column for column, name in enumerate(fields) if name}
    layout = Layout(grid, header, labels, fields, dict(mapping))
    groups: list[str | None] = [None, None]
    numbered_top = False  # the top group in force came with a number (I., A.)
    start = last + 1 if first_row is None else max(first_row, last + 1)
    end = len(grid.rows) - 1 if last_row is None else min(last_row, len(grid.rows) - 1)
    for index in range(start, end + 1):
        values = grid.rows[index]
        texts = [text_of(v) for v in values if v is not None and text_of(v).strip()]
        if not texts:
            layout.rows.append(RowInfo(index, BLANK))
            continue
        first_text = fold(texts[0])
        stop = _kind_of_stop(first_text)
        if stop is None and len(texts) <= 2:
            stop = _kind_of_stop(fold(" ".join(texts)))
        if stop and not texts[0].rstrip(".").isdigit():
            if last_row is None:
                layout.stop = RowInfo(index, stop, " ".join(texts))
                break
            layout.rows.append(RowInfo(index, stop, " ".join(texts)))  # inside the officer's range: skipped
            continue
        if _SUBTOTAL.match(first_text):
            layout.rows.append(RowInfo(index, SUBTOTAL, " ".join(texts)))
            continue
        if is_numbering_row(values):
            layout.rows.append(RowInfo(index, NUMBERING))
            continue
        if _is_repeated_header(vocab, values, fields):
            layout.rows.append(RowInfo(index, HEADER))
            continue
        group = _group(vocab, values, layout.mapping, grid, index)
        if group:
            text, level = group
            if level == 0:  # unnumbered: under a numbered top group, else a top group itself
                level = 2 if numbered_top else 1
            else:
                numbered_top = numbered_top if level == 2 else True
            if level == 1:
                groups = [text, None]
            else:
                groups[1] = text
            layout.rows.append(RowInfo(index, GROUP, text, level))
            continue
        layout.rows.append(RowInfo(index, DATA, groups=(groups[0], groups[1])))
    return layout


def best_grid(vocab: Vocabulary, grids: list[Grid]) -> Grid:
    """The sheet (or Word table) that holds the list: the first with a recognised header,
    preferring the one with the most rows below it."""
    scored = []
    for number, grid in enumerate(grids):
        header = find_header(vocab, grid)
        if header is not None:
            scored.append((len(grid.rows) - header[1], -number, grid))
    if not scored:
        return grids[0]
    return max(scored, key=lambda s: (s[0], s[1]))[2]
