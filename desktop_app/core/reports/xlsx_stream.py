"""A streaming XLSX (SpreadsheetML) writer: rows go straight into the zip as they come,
so a sheet of 100,000 activities needs no more memory than one row, and costs a string
format per cell instead of a cell object (openpyxl's write-only mode builds an object
and an XML element per cell: ~10x slower).

It writes what the program's workbooks use and nothing more: inline strings, numbers,
dates and date-times (with a number format), a styled header row that stays frozen,
column widths, bold rows. Sheets are written one after the other::

    with StreamingWorkbook(path) as book:
        with book.sheet("Tổng hợp", [("Chỉ tiêu", 44), ("Số liệu", 18)]) as sheet:
            sheet.row(["Tổng số hoạt động", 1234])
"""

from __future__ import annotations

import re
import zipfile
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold
_FLUSH_ROWS = 500

# Cell styles (cellXfs indexes): (bold, number format) -> index; 1 is the header.
_HEADER = 1
_FORMAT_IDS = {DATE_FORMAT: 164, MONEY_FORMAT: 165}
_STYLES: dict[tuple[bool, str | None], int] = {
    (False, None): 0,
    (False, DATE_FORMAT): 2,
    (False, MONEY_FORMAT): 3,
    (True, None): 4,
    (True, DATE_FORMAT): 5,
    (True, MONEY_FORMAT): 6,
}


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # what _text changes


def _text(value: str) -> str:
    if _SPECIAL.search(value) is None:  # most text: nothing to escape or drop
        return value
    return escape(_NOT_XML.sub("", value))


class StreamingSheet:
    """One sheet being written; rows are appended in order."""

    def __init__(self, handle: IO[bytes], columns: Sequence[tuple[str, float]]) -> None:
        self._handle = handle
        self._letters = [column_letter(i) for i in range(1, len(columns) + 1)]
        self._row = 0
        self._pending: list[str] = []
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>' for i, (_, width) in enumerate(columns, 1)
        )
        self._write(
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN_NS}">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'  # printed fit to the page's width
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f"<cols>{cols}</cols><sheetData>"
        )
        self._styles: dict[tuple, list[str]] = {}
        self._append([name for name, _ in columns], [f' s="{_HEADER}"'] * len(columns))

    def row(self, values: Iterable[Any], formats: dict[int, str] | None = None, bold: bool = False) -> None:
        """Append a row; ``formats`` maps a column index (from 0) to DATE_FORMAT or MONEY_FORMAT."""
        values = values if isinstance(values, list) else list(values)
        key = (bold, tuple(formats.items()) if formats else (), len(values))
        styles = self._styles.get(key)
        if styles is None:  # each cell's style attribute, once per kind of row
            ids = [_STYLES[(bold, (formats or {}).get(i))] for i in range(max(len(values), len(self._letters)))]
            styles = self._styles[key] = [f' s="{i}"' if i else "" for i in ids]
        self._append(values, styles)

    def _append(self, values: list[Any], styles: list[str]) -> None:
        self._row += 1
        n = self._row
        cells = []
        add = cells.append
        letters = self._letters
        width = len(letters)
        for i, value in enumerate(values):
            kind = type(value)
            if value is None or (kind is str and not value):
                continue  # an empty cell
            ref, s = f"{letters[i] if i < width else column_letter(i + 1)}{n}", styles[i]
            if kind is str:
                add(f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>')
            elif kind is int or kind is float:
                add(f'<c r="{ref}"{s}><v>{value!r}</v></c>')
            elif kind is bool:
                add(f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, datetime):
                serial = value.toordinal() - _EXCEL_EPOCH + (value.hour * 3600 + value.minute * 60 + value.second) / 86400
                add(f'<c r="{ref}"{s}><v>{serial!r}</v></c>')
            elif isinstance(value, date):
                add(f'<c r="{ref}"{s}><v>{value.toordinal() - _EXCEL_EPOCH}</v></c>')
            elif isinstance(value, (int, float)):
                add(f'<c r="{ref}"{s}><v>{value!r}</v></c>')
            else:
                add(f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{_text(str(value))}</t></is></c>')
        self._pending.append(f'<row r="{n}">{"".join(cells)}</row>')
        if len(self._pending) >= _FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        self._write("".join(self._pending))
        self._pending.clear()

    def _write(self, text: str) -> None:
        self._handle.write(text.encode("utf-8"))

    def close(self) -> None:
        self._flush()
        self._write(
            "</sheetData>"
            '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'  # A4 landscape, one page wide
            "</worksheet>"
        )


class StreamingWorkbook:
    """An XLSX file written sheet by sheet (one open sheet at a time)."""

    def __init__(self, path: Path) -> None:
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._titles: list[str] = []
        self._open = False

    @contextmanager
    def sheet(self, title: str, columns: Sequence[tuple[str, float]]) -> Iterator[StreamingSheet]:
        if self._open:
            raise RuntimeError("one sheet at a time")
        self._titles.append(title[:31])
        self._open = True
        with self._zip.open(f"xl/worksheets/sheet{len(self._titles)}.xml", "w", force_zip64=True) as handle:
            sheet = StreamingSheet(handle, columns)
            yield sheet
            sheet.close()
        self._open = False

    def close(self) -> None:
        sheets = range(1, len(self._titles) + 1)
        header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        self._zip.writestr(
            "[Content_Types].xml",
            header + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in sheets
            )
            + "</Types>",
        )
        self._zip.writestr(
            "_rels/.rels",
            header + f'<Relationships xmlns="{_PKG_REL_NS}"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        self._zip.writestr(
            "xl/workbook.xml",
            header + f'<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><sheets>'
            + "".join(
                f'<sheet name={quoteattr(_NOT_XML.sub("", title))} sheetId="{i}" r:id="rId{i}"/>'
                for i, title in enumerate(self._titles, 1)
            )
            + "</sheets></workbook>",
        )
        self._zip.writestr(
            "xl/_rels/workbook.xml.rels",
            header + f'<Relationships xmlns="{_PKG_REL_NS}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in sheets
            )
            + f'<Relationship Id="rId{len(self._titles) + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        self._zip.writestr("xl/styles.xml", header + _styles())
        self._zip.close()

    def __enter__(self) -> StreamingWorkbook:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self._zip.close()


def _styles() -> str:
    formats = "".join(f'<numFmt numFmtId="{i}" formatCode={quoteattr(code)}/>' for code, i in _FORMAT_IDS.items())
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    thin = '<{0} style="thin"><color rgb="FF999999"/></{0}>'
    border = "".join(thin.format(side) for side in ("left", "right", "top", "bottom"))
    xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
    xfs.append(
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" '
        'applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    )
    by_index = sorted((index, key) for key, index in _STYLES.items() if index)
    for _, (bold, fmt) in by_index:
        num = _FORMAT_IDS.get(fmt, 0) if fmt else 0
        apply = (' applyNumberFormat="1"' if num else "") + (' applyFont="1"' if bold else "")
        xfs.append(f'<xf numFmtId="{num}" fontId="{1 if bold else 0}" fillId="0" borderId="0" xfId="0"{apply}/>')
    return (
        f'<styleSheet xmlns="{_MAIN_NS}"><numFmts count="{len(_FORMAT_IDS)}">{formats}</numFmts>'
        f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="00DDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>'
        f'<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>{border}<diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )
