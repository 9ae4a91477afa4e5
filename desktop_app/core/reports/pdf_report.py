"""Lay a :class:`ReportDocument` out as a PDF in the Decree-30 format (DOMAIN.md §5):
A4, margins 20/20/30/15 mm, serif 14 pt body, justified, 1.27 cm first-line indent,
6 pt after paragraphs, header blocks, page numbers centred in the top margin from page 2,
and an appendix on landscape pages."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.graphics.shapes import Drawing
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFBase85Encode, PDFName, PDFStream, PDFZCompress
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.paraparser import ParaFrag
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app.core.reports import document as d
from desktop_app.core.reports.fonts import ReportFonts, has_khmer, markup, report_fonts
from desktop_app.core.reports.output import atomic_output
from desktop_app.core.reports.wording import number

TOP, BOTTOM, LEFT, RIGHT = 20 * mm, 20 * mm, 30 * mm, 15 * mm
BODY = 14.0
LEADING = 1.25  # of the font size: single spacing of Times New Roman is about 1.15
INDENT = 1.27 * cm
AFTER = 6.0
PAGE_NUMBER_SIZE = 14.0
PAGE_NUMBER_FROM_TOP = 12 * mm  # baseline, inside the 20 mm top margin
RULE = 0.6  # line width of the rules, points
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
_SPACES = re.compile(" {2,}")


def balanced(text: str, font: str, size: float, width: float) -> str:
    """``text`` broken into as few lines as fit ``width``, of even length ("SỞ THÔNG TIN VÀ /
    TRUYỀN THÔNG" rather than a lone last word)."""

    def wrap(limit: float) -> list[str]:
        lines: list[str] = []
        for word in text.split():
            if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= limit:
                lines[-1] += f" {word}"
            else:
                lines.append(word)
        return lines

    if "\n" in text or stringWidth(text, font, size) <= width:
        return text
    count = len(wrap(width))
    low, high = width / count, width
    for _ in range(20):
        middle = (low + high) / 2
        low, high = (low, middle) if len(wrap(middle)) <= count else (middle, high)
    return "\n".join(wrap(high))


class ShapedParagraph(Paragraph):
    """A paragraph of shaped text (Khmer) marked with its original text as ``/ActualText``:
    shaped glyphs (reordered vowels, subscript consonants) have no one-to-one Unicode
    mapping, so without it the text layer cannot be searched or copied. The parts of a
    paragraph split across pages carry no mark (their text is not known here)."""

    actual_text: str | None = None

    def draw(self) -> None:
        if not self.actual_text:
            return super().draw()
        code = self.canv._code
        code.append(f"/Span <</ActualText <{actual_text_hex(self.actual_text)}>>> BDC")
        super().draw()
        code.append("EMC")


def actual_text_hex(text: str) -> str:
    """A PDF text string in UTF-16BE with its byte-order mark, as hex."""
    return "FEFF" + text.encode("utf-16-be").hex().upper()


class _Styles:
    """Paragraph styles by (size, bold, italic, alignment, indent), made on demand."""

    def __init__(self, fonts: ReportFonts) -> None:
        self.fonts = fonts
        self._cache: dict[tuple, ParagraphStyle] = {}
        self._frags: dict[str, ParaFrag] = {}

    def get(self, size: float = BODY, *, bold: bool = False, italic: bool = False, align: int = TA_JUSTIFY,
            indent: float = INDENT, after: float = AFTER, before: float = 0, shaped: bool = False, keep: bool = False) -> ParagraphStyle:
        key = (size, bold, italic, align, indent, after, before, shaped, keep)
        if key not in self._cache:
            self._cache[key] = ParagraphStyle(
                f"s{len(self._cache)}",
                fontName=self.fonts.serif(bold, italic),
                fontSize=size,
                leading=round(size * LEADING, 2),
                alignment=align,
                firstLineIndent=indent,
                spaceAfter=after,
                spaceBefore=before,
                shaping=1 if shaped else 0,
                keepWithNext=1 if keep else 0,
                textColor=colors.black,
            )
        return self._cache[key]

    def plain(self, text: str, style: ParagraphStyle) -> ParaFrag | None:
        """A paragraph of ``text`` without parsing it, when nothing in it is markup: the one
        fragment ReportLab's parser would make of it (a copy of the style's fragment with
        this text). Parsing is most of the cost of making a paragraph (~0.1 ms), and a
        long table has tens of thousands of them. None when the text needs the parser."""
        if "&" in text or "<" in text or ">" in text or " ".join(text.split()) != text or not text:
            return None
        if style.name not in self._frags:
            self._frags[style.name] = Paragraph("x", style).frags[0]
        return self._frags[style.name].clone(text=text)


class _Builder:
    def __init__(self, doc: d.ReportDocument, charts: dict[str, Drawing]) -> None:
        self.doc = doc
        self.charts = charts
        self.fonts = report_fonts()
        self.styles = _Styles(self.fonts)
        size = landscape(A4) if doc.landscape else A4
        self.width = size[0] - LEFT - RIGHT
        self.landscape_width = landscape(A4)[0] - LEFT - RIGHT

    def p(self, text: str, size: float = BODY, *, cell: bool = False, **style) -> Paragraph:
        """A paragraph of ``text`` (a table cell's when ``cell``: see :class:`_CellParagraph`)."""
        bold = style.get("bold", False)
        shaped = has_khmer(text)
        text = _SPACES.sub(lambda m: "\u00a0" * len(m.group()), text)  # a blank left for the clerk stays blank
        plain = " ".join(text.split("\n"))
        text = "<br/>".join(markup(line, self.fonts, bold=bold) for line in text.split("\n"))
        if shaped:
            para = (_ShapedCellParagraph if cell else ShapedParagraph)(text, self.styles.get(size, shaped=True, **style))
            para.actual_text = plain
            return para
        chosen = self.styles.get(size, **style)
        frag = self.styles.plain(text, chosen)
        return (_CellParagraph if cell else Paragraph)(text, chosen, frags=None if frag is None else [frag])

    def centred(self, text: str, size: float = BODY, **style) -> Paragraph:
        return self.p(text, size, align=TA_CENTER, indent=0, after=0, **style)

    def rule(self, width: float, before: float = 1, after: float = 0) -> HRFlowable:
        return HRFlowable(width=width, thickness=RULE, color=colors.black, spaceBefore=before, spaceAfter=after, hAlign="CENTER")

    def table_style(self, commands: list) -> TableStyle:
        """A table style whose text cells use the serif (never ReportLab's Helvetica)."""
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fonts.regular), *commands])

    # --- parts -------------------------------------------------------------------------

    def header(self) -> list[Flowable]:
        h, f = self.doc.header, self.fonts
        right_w = max(
            stringWidth(NATIONAL, f.bold, 13), stringWidth(MOTTO, f.bold, 14), stringWidth(h.place_date, f.italic, 14)
        ) + 8
        left_w = self.width - right_w
        parent = balanced(h.parent_agency, f.regular, 13, left_w - 4)
        issuing = balanced(h.issuing_agency, f.bold, 13, left_w - 4)
        issuing_w = max(stringWidth(line, f.bold, 13) for line in issuing.split("\n"))
        left = [self.centred(parent, 13), self.centred(issuing, 13, bold=True), self.rule(issuing_w * 0.4, 4)]
        right = [self.centred(NATIONAL, 13, bold=True), self.centred(MOTTO, 14, bold=True), self.rule(stringWidth(MOTTO, f.bold, 14), 4)]
        table = Table(
            [[left, right], [self.centred(h.number_line, 13), self.centred(h.place_date, 14, italic=True)]],
            colWidths=[left_w, right_w],
        )
        table.setStyle(
            self.table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 1), (-1, 1), 8),
                    ("TOPPADDING", (0, 1), (0, 1), 8 + 14 - 13),  # "Số" on the date line's baseline
                ]
            )
        )
        return [table]

    def title(self) -> list[Flowable]:
        subject = balanced(self.doc.subject, self.fonts.bold, BODY, self.width)
        subject_w = max(stringWidth(line, self.fonts.bold, BODY) for line in subject.split("\n"))
        return [
            Spacer(1, 16),
            self.centred(self.doc.doc_type, BODY, bold=True),
            self.centred(subject, BODY, bold=True),
            self.rule(subject_w * 0.35, 5, 12),
        ]

    def block(self, block: d.Block, width: float) -> list[Flowable]:
        if isinstance(block, d.Heading):
            return [self.p(block.text, bold=True, italic=block.level == 3, before=2 if block.level == 1 else 0, keep=True)]
        if isinstance(block, d.Para):
            if block.centred:
                return [self.p(block.text, align=TA_CENTER, indent=0, italic=block.italic)]
            return [self.p(block.text, italic=block.italic)]
        if isinstance(block, d.Bullet):
            return [self.p(f"- {block.text}")]
        if isinstance(block, d.Table):
            return self.table(block, width)
        if isinstance(block, d.Chart):
            return self.chart(block, width)
        raise TypeError(block)

    def table(self, t: d.Table, width: float, keep: bool = True) -> list[Flowable]:
        width = width if not t.half else min(width, self.landscape_width / 2)
        grid = _Grid(self, t, width)
        caption = self.p(t.caption, 13, bold=True, align=TA_LEFT, indent=0, after=4, before=6)
        if keep and len(t.rows) < 12:
            parts: list[Flowable] = [KeepTogether([caption, grid.whole()])]
        elif keep:  # a long table starts on a new page rather than leave its caption alone at the foot
            parts = [CondPageBreak(4 * cm), caption, _PagedTable(grid)]
        else:  # a cell of another table: laid out whole
            parts = [CondPageBreak(4 * cm), caption, grid.whole()]
        if t.note:
            parts.append(self.p(t.note, 11, italic=True, align=TA_LEFT, indent=0, before=2))
        return parts

    def chart(self, c: d.Chart, width: float) -> list[Flowable]:
        drawing = self.charts.get(c.name)
        if drawing is None:
            return []
        caption = self.p(c.caption, 13, bold=True, align=TA_CENTER, indent=0, after=2, before=8)
        return [KeepTogether([caption, drawing])]

    def charts_in_pairs(self, blocks: list[d.Chart], width: float) -> list[Flowable]:
        """Charts two to a row on the wide appendix pages."""
        out: list[Flowable] = []
        shown = [b for b in blocks if b.name in self.charts]
        for i in range(0, len(shown), 2):
            pair = shown[i : i + 2]
            cells = [[self.p(b.caption, 12, bold=True, align=TA_CENTER, indent=0, after=2) for b in pair]]
            cells.append([self.charts[b.name] for b in pair])
            table = Table(cells, colWidths=[width / 2] * len(pair))
            table.setStyle(self.table_style([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out += [Spacer(1, 8), KeepTogether([table])]
        return out

    def closing(self) -> list[Flowable]:
        doc, width = self.doc, self.width
        left: list[Flowable] = []
        if doc.recipients:
            left.append(self.p("Nơi nhận:", 12, bold=True, italic=True, align=TA_LEFT, indent=0, after=0))
            left += [self.p(line, 11, align=TA_LEFT, indent=0, after=0) for line in doc.recipient_lines()]
        right: list[Flowable] = []
        sig = doc.signature
        if sig is not None:
            right += [self.centred(line, BODY, bold=True) for line in (sig.authority, sig.title) if line]
            right.append(Spacer(1, 64))
            right.append(self.centred(sig.name or " ", BODY, bold=True))
        if not left and not right:
            return []
        # One row: "Nơi nhận" and the signer are never split.
        table = Table([[left or "", right or ""]], colWidths=[width * 0.5, width * 0.5])
        table.setStyle(self.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        return [Spacer(1, 6), table]

    def appendix(self) -> list[Flowable]:
        doc, width = self.doc, self.landscape_width
        if not doc.appendix:
            return []
        flow: list[Flowable] = [] if doc.landscape else [NextPageTemplate("landscape")]
        flow += [PageBreak(), self.centred(doc.appendix_title, BODY, bold=True)]
        for i, line in enumerate(doc.appendix_subtitle.split("\n")):
            flow.append(self.centred(line, 13, bold=i == 0, italic=i > 0))
        flow.append(Spacer(1, 8))
        blocks = d.charts_grouped(doc.appendix)
        while blocks:
            block = blocks.pop(0)
            if isinstance(block, list):
                flow += self.charts_in_pairs(block, width)
            elif isinstance(block, d.Table) and block.half and blocks and isinstance(blocks[0], d.Table) and blocks[0].half:
                flow += [Spacer(1, 6), self.side_by_side([block, blocks.pop(0)], width)]
            else:
                flow += self.block(block, width)
        return flow

    def side_by_side(self, tables: list[d.Table], width: float) -> Flowable:
        gap = 24.0
        cells = [self.table(t, (width - gap) / 2, keep=False) for t in tables]
        outer = Table([[cells[0], "", cells[1]]], colWidths=[(width - gap) / 2, gap, (width - gap) / 2])
        outer.setStyle(self.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), *[(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]]))
        return KeepTogether([outer])

    def story(self) -> list[Flowable]:
        flow = self.header() + self.title()
        for block in self.doc.body:
            flow += self.block(block, self.width)
        closing = self.closing()
        if closing and flow:  # the signer block never stands alone: it keeps the closing sentence
            flow.append(KeepTogether([flow.pop(), *closing]))
        elif closing:
            flow += closing
        return flow + self.appendix()


class _CellParagraph(Paragraph):
    """A table cell's paragraph: wrapped once per width (a table measures a row to place
    it, again to split the page and again to draw it; the lines are the same each time)."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped is None or self._wrapped[0] != availWidth:
            self._wrapped = (availWidth, super().wrap(availWidth, availHeight))
        return self._wrapped[1]


class _ShapedCellParagraph(_CellParagraph, ShapedParagraph):
    pass


class _MeasuredTable(Table):
    """A table measured once per available size: ReportLab measures a table's rows when
    the frame asks its size, again when it splits it and again when it places the first
    part; the rows' heights are the same each time."""

    _measured: tuple[float, float] | None = None

    def _calc(self, availWidth: float, availHeight: float) -> None:
        if self._measured != (availWidth, availHeight):
            super()._calc(availWidth, availHeight)
            self._measured = (availWidth, availHeight)


class _Grid:
    """What the PDF makes of a :class:`d.Table`: the header, each row's cells (made on
    demand), the totals row and the table style, so a long table can be built a page at a
    time (:class:`_PagedTable`) as well as whole.

    A cell whose text fits its column on one line is a plain string, drawn by the table in
    the cell's font, size and leading at the very place the one-line paragraph was (the
    table places both with the same vertical centring); other cells, Khmer text and the
    header are paragraphs. A paragraph costs about 0.1 ms to parse and more to break into
    lines, on each of the three passes a table makes over a row."""

    PAD = 3.0

    def __init__(self, builder: "_Builder", t: d.Table, width: float) -> None:
        self.builder, self.t = builder, t
        size = t.font_size
        fonts = builder.fonts
        self.size, self.leading = size, builder.styles.get(size, indent=0, after=0).leading
        scale = width / sum(t.widths)
        self.col_widths = [w * scale for w in t.widths]
        self.inner = [w - 2 * self.PAD for w in self.col_widths]
        self.numeric = [all(d.numeric_cell(r[i]) for r in t.rows) for i in range(len(t.columns))]
        self.aligns = [TA_RIGHT if self.numeric[i] and i > 0 else (TA_CENTER if i == 0 else TA_LEFT) for i in range(len(t.columns))]
        self.header = [self._paragraph(c, bold=True, align=TA_CENTER) for c in t.columns]
        self.fonts = (fonts.regular, fonts.bold)
        names = {TA_RIGHT: "RIGHT", TA_CENTER: "CENTER", TA_LEFT: "LEFT"}
        cells = [
            ("FONTSIZE", (0, 0), (-1, -1), size),
            ("LEADING", (0, 0), (-1, -1), self.leading),
            *[("ALIGN", (i, 1), (i, -1), names[a]) for i, a in enumerate(self.aligns)],
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), self.PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.PAD),
            ("TOPPADDING", (0, 1), (-1, -1), self.PAD),
            ("BOTTOMPADDING", (0, 1), (-1, -1), self.PAD),
            *([("FONTNAME", (0, -1), (-1, -1), fonts.bold)] if t.total is not None else []),
        ]
        # The cells' styles as ReportLab works them out from those commands, once: a header
        # row, a data row and the totals row, shared by every row of every part of the
        # table (a style object per cell, set command by command, was most of the cost of
        # a table made page by page).
        blank = [""] * len(t.columns)
        sample = Table([blank] * (3 if t.total is not None else 2), colWidths=self.col_widths)
        sample.setStyle(builder.table_style(cells))
        self.row_styles = sample._cellStyles
        self.lines = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])

    def __len__(self) -> int:
        return len(self.t.rows)

    def _paragraph(self, text: str, bold: bool, align: int) -> Paragraph:
        return self.builder.p(text, self.size, cell=True, bold=bold, align=align, indent=0, after=0)

    def cell(self, value: d.Cell, col: int, bold: bool = False, plain: bool = True) -> str | Paragraph:
        text = number(value) if isinstance(value, (int, float)) else (value or "")
        if plain and self._fits(text, bold, col):
            return text
        return self._paragraph(text, bold, self.aligns[col])

    def _fits(self, text: str, bold: bool, col: int) -> bool:
        """``text`` is drawn the same as a string and as a paragraph: one line, no Khmer (which
        is shaped), nothing a paragraph would change (runs of spaces, line breaks, markup)."""
        if not text:
            return True
        if " ".join(text.split()) != text or has_khmer(text):
            return False
        return stringWidth(text, self.fonts[bold], self.size) <= self.inner[col] - 0.01

    def row(self, i: int) -> list:
        values = self.t.rows[i]
        height = self.t.row_height
        last = len(values) - 1
        cells = [self.cell(v, c, plain=not height or c != last) for c, v in enumerate(values)]
        if height:  # room to sign: a minimum height, kept by an invisible strut in the last cell
            strut = Spacer(1, height - 6)
            cells[-1] = strut if values[-1] in (None, "") else [cells[-1], strut]
        return cells

    def total(self) -> list | None:
        return None if self.t.total is None else [self.cell(v, i, bold=True) for i, v in enumerate(self.t.total)]

    def make(self, rows: list[list], last: bool, heights: list[float | None] | None = None) -> Table:
        """A table of the header and ``rows``; with the totals row when ``last``. ``heights``:
        the rows' heights where already measured (None where not)."""
        total = self.total() if last else None
        cells = [self.header, *rows, *([total] if total else [])]
        # rowSplitRange: a page break never leaves the totals row alone (the last data row goes with
        # it); in the last part of a long table as in the whole table
        split_range = (1, len(cells) - 2) if total and len(self) >= 2 else None
        header, data, *totals = self.row_styles
        styles = [header, *[data] * len(rows), *(totals if total else [])]
        measured = None if heights is None else [None, *heights, *([None] if total else [])]
        table = _MeasuredTable(cells, colWidths=self.col_widths, rowHeights=measured, repeatRows=1, rowSplitRange=split_range,
                               normalizedData=1, cellStyles=styles)
        table.setStyle(self.lines)
        return table

    def whole(self) -> Table:
        return self.make([self.row(i) for i in range(len(self))], True)


class _PagedTable(Flowable):
    """A long table laid out a page at a time, exactly as one ``Table`` of all its rows
    would be (the same rows on each page, the header repeated, the totals row never alone:
    each page's part is what ReportLab's own split of the table gives), without building it
    whole. ReportLab measures every row of a table before placing the first (and keeps a
    style object per cell), so the 49,000-row product list of a 100,000-activity year held
    ~1.3 GB; here only the rows of the next page or two exist, each measured once."""

    AHEAD = 48  # rows made at once: more than a landscape page holds at any font size used

    def __init__(self, grid: _Grid, start: int = 0, ready: list[list] | None = None, heights: list[float | None] | None = None) -> None:
        super().__init__()
        self.grid, self.start = grid, start
        self.ready = ready if ready is not None else []  # cells of rows start, start + 1, ...
        self.heights = heights if heights is not None else []  # their heights, once measured
        self.hAlign = "CENTER"
        self._table: Table | None = None
        self._for: tuple[float, float] | None = None
        self._size = (0.0, 0.0)

    def _chunk(self, width: float, height: float) -> Table:
        """The table of the next rows, enough to overflow ``height`` (or all that are left)."""
        if self._table is not None and self._for == (width, height):
            return self._table
        grid, want = self.grid, self.AHEAD
        while True:
            end = min(len(grid), self.start + max(want, len(self.ready)))
            new = [grid.row(i) for i in range(self.start + len(self.ready), end)]
            self.ready += new
            self.heights += [None] * len(new)
            last = end == len(grid)
            table = grid.make(self.ready, last, self.heights)
            self._size = table.wrapOn(self.canv, width, height)
            self.heights = table._rowHeights[1 : 1 + len(self.ready)]
            if self._size[1] > height or last:
                break
            want *= 2
        self._table, self._for = table, (width, height)
        return table

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._chunk(availWidth, availHeight)
        return self._size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table = self._chunk(availWidth, availHeight)
        parts = table.splitOn(self.canv, availWidth, availHeight)
        if len(parts) < 2:
            return parts
        used = parts[0]._nrows - 1  # less the repeated header
        return [parts[0], _PagedTable(self.grid, self.start + used, self.ready[used:], self.heights[used:])]

    def draw(self) -> None:
        assert self._table is not None
        self._table.drawOn(self.canv, 0, 0)


class _CompressingCanvas(Canvas):
    """A canvas that compresses each page's content as the page ends, with the filters and
    dictionary ReportLab gives it when it writes the file (the same bytes come out), instead
    of holding every page's text until then: a 5,000-page appendix kept ~60 MB of page
    content in memory. A page it does not recognise is left to ReportLab."""

    def showPage(self) -> None:
        super().showPage()
        pages = getattr(getattr(self._doc, "Pages", None), "pages", None)
        page = pages[-1] if pages else None
        if page is None or not getattr(page, "compression", 0) or page.Contents or not isinstance(getattr(page, "stream", None), str) or not page.stream:
            return
        filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
        content = page.stream
        for f in reversed(filters):  # as PDFStream.format applies them
            content = f.encode(content)
        stream = PDFStream(content=content)
        stream.dictionary["Filter"] = PDFArray([PDFName(f.pdfname) for f in filters])
        stream.__Comment__ = "page stream"
        page.Contents = stream
        page.stream = None


def _page_number(fonts: ReportFonts):
    def draw(canvas, doc) -> None:
        page = canvas.getPageNumber()
        if page == 1:
            return
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(fonts.regular, PAGE_NUMBER_SIZE)
        canvas.drawCentredString(LEFT + (width - LEFT - RIGHT) / 2, height - PAGE_NUMBER_FROM_TOP, str(page))
        canvas.restoreState()

    return draw


def _frame(size: tuple[float, float], name: str) -> Frame:
    return Frame(LEFT, BOTTOM, size[0] - LEFT - RIGHT, size[1] - TOP - BOTTOM, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)


def render_pdf(doc: d.ReportDocument, out: Path, charts: dict[str, Drawing] | None = None) -> Path:
    """Write ``doc`` as a PDF at ``out`` (atomically)."""
    builder = _Builder(doc, charts or {})
    story = builder.story()
    draw = _page_number(builder.fonts)
    portrait, wide = A4, landscape(A4)
    templates = [
        PageTemplate("portrait", [_frame(portrait, "portrait")], onPage=draw, pagesize=portrait),
        PageTemplate("landscape", [_frame(wide, "landscape")], onPage=draw, pagesize=wide),
    ]
    if doc.landscape:
        templates.reverse()
    with atomic_output(out) as tmp:
        template = BaseDocTemplate(
            str(tmp),
            pagesize=templates[0].pagesize,
            leftMargin=LEFT,
            rightMargin=RIGHT,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            title=doc.title or doc.subject,
            author=doc.author,
            subject=doc.subject,
            creator="TTĐN",
            initialFontName=builder.fonts.regular,
            lang="vi-VN",
        )
        template.addPageTemplates(templates)
        template.build(story, canvasmaker=_CompressingCanvas)
    return out
