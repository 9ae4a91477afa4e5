"""A report as plain data, built once and rendered to PDF and DOCX.

Blocks are deliberately few: headings, paragraphs, bullet lines, tables, charts. Numbers
in tables stay numbers; each renderer formats them (Vietnamese separators) itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

Cell = Union[str, int, float, None]


def numeric_cell(value: Cell) -> bool:
    """Numbers, blanks and percentages: right-aligned in tables."""
    return isinstance(value, (int, float)) or value in (None, "") or (isinstance(value, str) and bool(re.fullmatch(r"[\d.,]+%", value)))


@dataclass(frozen=True)
class Header:
    """The two header blocks of Decree 30: agency left, national title right."""

    parent_agency: str
    issuing_agency: str
    number_line: str  # "Số:      /BC-STTTT"
    place_date: str  # "Sóc Trăng, ngày 05 tháng 02 năm 2025"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: "I. …", 2: "1. …", 3: "1.1. …"


@dataclass(frozen=True)
class Para:
    text: str
    italic: bool = False
    centred: bool = False


@dataclass(frozen=True)
class Bullet:
    text: str  # printed after "- "


@dataclass(frozen=True)
class Table:
    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    widths: list[float]  # relative
    total: list[Cell] | None = None  # a bold last row
    font_size: float = 12
    row_height: float | None = None  # points; the attendance sheet leaves room to sign
    note: str = ""
    half: bool = False  # narrow: two side by side where the page allows


@dataclass(frozen=True)
class Chart:
    """A chart from :mod:`charts` (the PDF draws it; the DOCX carries the tables)."""

    name: str
    caption: str


Block = Union[Heading, Para, Bullet, Table, Chart]


def charts_grouped(blocks: list[Block]) -> list[Block | list[Chart]]:
    """``blocks`` with each run of consecutive charts gathered into one list (laid out two
    to a row by the PDF and the Word file alike)."""
    grouped: list[Block | list[Chart]] = []
    for block in blocks:
        if isinstance(block, Chart) and grouped and isinstance(grouped[-1], list):
            grouped[-1].append(block)
        else:
            grouped.append([block] if isinstance(block, Chart) else block)
    return grouped


@dataclass(frozen=True)
class Signature:
    authority: str  # "KT. GIÁM ĐỐC" (may be empty)
    title: str  # "PHÓ GIÁM ĐỐC"
    name: str


@dataclass
class ReportDocument:
    header: Header
    doc_type: str  # "BÁO CÁO"
    subject: str
    body: list[Block] = field(default_factory=list)
    signature: Signature | None = None
    recipients: list[str] = field(default_factory=list)  # without "- " and ";"
    appendix_title: str = ""
    appendix_subtitle: str = ""
    appendix: list[Block] = field(default_factory=list)  # landscape pages
    landscape: bool = False  # the body too (the attendance sheet)
    title: str = ""  # document properties
    author: str = ""

    def recipient_lines(self) -> list[str]:
        """"- A;" … "- Lưu: VT, X." as printed under "Nơi nhận:"."""
        lines = [r.strip().lstrip("-").strip().rstrip(";.").strip() for r in self.recipients if r.strip()]
        return [f"- {line}{'.' if i == len(lines) - 1 else ';'}" for i, line in enumerate(lines)]

    def all_text(self) -> list[str]:
        """Every text the document prints (tests compare renderers against it)."""
        texts = [self.header.parent_agency, self.header.issuing_agency, self.header.number_line, self.header.place_date]
        texts += [self.doc_type, self.subject]
        for block in [*self.body, *self.appendix]:
            if isinstance(block, (Heading, Para, Bullet)):
                texts.append(block.text)
            elif isinstance(block, Table):
                texts += [block.caption, *block.columns]
        return texts
