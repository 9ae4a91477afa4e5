"""Lay a :class:`ReportDocument` out as an editable Word file (offices finish and sign
reports in Word): the PDF's structure, fonts, sizes and margins, the page number as a
field in the header from page 2, the appendix in a landscape section, the charts as
pictures two to a row (the PDF's charts, drawn as PNG)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.core.reports import document as d
from desktop_app.core.reports.fonts import report_fonts
from desktop_app.core.reports.output import atomic_output
from desktop_app.core.reports.pdf_report import BODY, MOTTO, NATIONAL, PAGE_NUMBER_SIZE, balanced
from desktop_app.core.reports.wording import number

FONT = "Times New Roman"  # Word substitutes a metric-compatible font where it is missing
KHMER_FONT = "Khmer UI"  # Word sets Khmer (a complex script) in the "cs" font
A4_W, A4_H = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
LINE = 1.1  # multiple of single spacing, close to the PDF's leading


def _fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    fonts.set(qn("w:cs"), KHMER_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)


def _paragraph(container, text: str = "", size: float = BODY, *, bold: bool = False, italic: bool = False,
               align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True, after: float = 6, keep: bool = False) -> Paragraph:
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(1.27) if indent else Cm(0)
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(0)
    fmt.keep_with_next = keep
    for i, line in enumerate(text.split("\n")):
        run = p.add_run(line)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        if bold:
            run._r.get_or_add_rPr().append(OxmlElement("w:bCs"))
        if i < len(text.split("\n")) - 1:
            run.add_break()
    return p


def _centred(container, text: str, size: float = BODY, **kw) -> Paragraph:
    return _paragraph(container, text, size, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0, **kw)


def _rule(container, width: Emu, space: Emu, before: float = 2) -> None:
    """A short horizontal rule: the top border of a tiny paragraph, centred by its indents."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    margin = Emu(max(0, (space - width) // 2))
    fmt.left_indent = fmt.right_indent = margin
    fmt.first_line_indent = Cm(0)
    fmt.space_before, fmt.space_after = Pt(before), Pt(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(2)
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    border.append(top)
    p._p.get_or_add_pPr().append(border)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table, widths: list[Emu]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _cant_split(row) -> None:
    """The row is never broken across pages."""
    element = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().append(element)


def _keep_row_with_next(row) -> None:
    for cell in row.cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True


def _clear(cell: _Cell) -> _Cell:
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    return cell


def _page_number(section) -> None:
    section.different_first_page_header_footer = True  # no number on page 1
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.font.size = Pt(PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text.strip() == "PAGE" else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


class _Writer:
    def __init__(self, doc: d.ReportDocument, images: dict[str, bytes] | None = None) -> None:
        self.doc = doc
        self.images = images or {}
        self.word = Document()
        self._styles()
        section = self.word.sections[0]
        self._page(section, doc.landscape)
        _page_number(section)

    def _styles(self) -> None:
        normal = self.word.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY)
        _fonts(normal.element.get_or_add_rPr())
        fmt = normal.paragraph_format
        fmt.line_spacing = LINE
        fmt.space_after = Pt(6)
        props = self.word.core_properties
        props.title, props.author, props.subject, props.language = self.doc.title or self.doc.subject, self.doc.author, self.doc.subject, "vi-VN"

    def _page(self, section, wide: bool) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (A4_H, A4_W) if wide else (A4_W, A4_H)
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = TOP, BOTTOM, LEFT, RIGHT
        section.header_distance = Mm(8)
        section.footer_distance = Mm(8)

    @property
    def width(self) -> Emu:
        section = self.word.sections[-1]
        return Emu(section.page_width - section.left_margin - section.right_margin)

    def header(self) -> None:
        h = self.doc.header
        table = self.word.add_table(rows=2, cols=2)
        _no_borders(table)
        fonts, points = report_fonts(), Pt(1)  # metric-compatible with Times New Roman
        widest = max(stringWidth(NATIONAL, fonts.bold, 13), stringWidth(MOTTO, fonts.bold, 14), stringWidth(h.place_date, fonts.italic, 14))
        right = Emu(int(Pt(widest + 8) + Cm(0.4)))  # and Word's cell margins
        left = Emu(self.width - right)
        _widths(table, [left, right])
        cell = _clear(table.cell(0, 0))
        _centred(cell, balanced(h.parent_agency, fonts.regular, 13, left / points - 12), 13)
        issuing = balanced(h.issuing_agency, fonts.bold, 13, left / points - 12)
        _centred(cell, issuing, 13, bold=True)
        widest = max(stringWidth(line, fonts.bold, 13) for line in issuing.split("\n"))
        _rule(cell, Pt(widest * 0.4), left)
        cell = _clear(table.cell(0, 1))
        _centred(cell, NATIONAL, 13, bold=True)
        _centred(cell, MOTTO, 14, bold=True)
        _rule(cell, Pt(stringWidth(MOTTO, fonts.bold, 14)), right)
        _centred(_clear(table.cell(1, 0)), h.number_line, 13).paragraph_format.space_before = Pt(8)
        _centred(_clear(table.cell(1, 1)), h.place_date, 14, italic=True).paragraph_format.space_before = Pt(8)

    def title(self) -> None:
        _centred(self.word, self.doc.doc_type, bold=True).paragraph_format.space_before = Pt(16)
        fonts = report_fonts()
        subject = balanced(self.doc.subject, fonts.bold, BODY, self.width / Pt(1) - 12)
        _centred(self.word, subject, bold=True)
        widest = max(stringWidth(line, fonts.bold, BODY) for line in subject.split("\n"))
        _rule(self.word, Pt(widest * 0.35), self.width, before=3)
        _paragraph(self.word, "", 6, after=6)

    def block(self, block: d.Block) -> None:
        if isinstance(block, d.Heading):
            _paragraph(self.word, block.text, bold=True, italic=block.level == 3, keep=True)
        elif isinstance(block, d.Para):
            align = WD_ALIGN_PARAGRAPH.CENTER if block.centred else WD_ALIGN_PARAGRAPH.JUSTIFY
            _paragraph(self.word, block.text, italic=block.italic, align=align, indent=not block.centred)
        elif isinstance(block, d.Bullet):
            _paragraph(self.word, f"- {block.text}")
        elif isinstance(block, d.Table):
            self.table(block)

    def table(self, t: d.Table) -> None:
        _paragraph(self.word, t.caption, 13, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=4, keep=True).paragraph_format.space_before = Pt(6)
        rows = [t.columns, *t.rows, *([t.total] if t.total is not None else [])]
        table = self.word.add_table(rows=len(rows), cols=len(t.columns))
        table.style = self.word.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        total = self.width if not t.half else Emu(self.width // 2)
        _widths(table, [Emu(int(total * w / sum(t.widths))) for w in t.widths])
        numeric = [all(d.numeric_cell(r[i]) for r in t.rows) for i in range(len(t.columns))]
        for r, (row, values) in enumerate(zip(table.rows, rows)):
            bold = r == 0 or (t.total is not None and r == len(rows) - 1)
            for c, (cell, value) in enumerate(zip(row.cells, values)):  # row.cells: table.cell() rescans the table
                _clear(cell)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                text = number(value) if isinstance(value, (int, float)) else (value or "")
                align = WD_ALIGN_PARAGRAPH.CENTER if r == 0 or c == 0 else (WD_ALIGN_PARAGRAPH.RIGHT if numeric[c] else WD_ALIGN_PARAGRAPH.LEFT)
                p = _paragraph(cell, text, t.font_size, bold=bold, align=align, indent=False, after=0)
                if t.row_height and r:
                    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(max(2, (t.row_height - t.font_size * 1.2) / 2))
        header = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        header.append(repeat)
        for row in table.rows:
            _cant_split(row)
        if t.total is not None and len(table.rows) > 2:  # the totals row stays with the row above it
            _keep_row_with_next(table.rows[-2])
        if t.note:
            _paragraph(self.word, t.note, 11, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False).paragraph_format.space_before = Pt(2)

    def closing(self) -> None:
        doc = self.doc
        last = self.word.paragraphs[-1] if self.word.paragraphs else None
        if last is not None:  # the signer block never stands alone: the closing sentence goes with it
            last.paragraph_format.keep_with_next = True
        table = self.word.add_table(rows=1, cols=2)
        _cant_split(table.rows[0])  # "Nơi nhận" and the signer are kept whole
        _no_borders(table)
        _widths(table, [Emu(self.width // 2), Emu(self.width - self.width // 2)])
        left = _clear(table.cell(0, 0))
        if doc.recipients:
            _paragraph(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=0)
            for line in doc.recipient_lines():
                _paragraph(left, line, 11, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=0)
        else:
            left.add_paragraph()
        right = _clear(table.cell(0, 1))
        sig = doc.signature
        if sig is None:
            right.add_paragraph()
            return
        for line in (sig.authority, sig.title):
            if line:
                _centred(right, line, bold=True)
        for _ in range(4):
            _centred(right, "")
        _centred(right, sig.name, bold=True)

    def appendix(self) -> None:
        doc = self.doc
        if not doc.appendix:
            return
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, True)
        section.different_first_page_header_footer = False
        _centred(self.word, doc.appendix_title, bold=True)
        for i, line in enumerate(doc.appendix_subtitle.split("\n")):
            _centred(self.word, line, 13, bold=i == 0, italic=i > 0)
        for item in d.charts_grouped(doc.appendix):
            if isinstance(item, list):
                self.charts(item)
            else:
                self.block(item)

    def charts(self, charts: list[d.Chart]) -> None:
        """Charts two to a row, each with its caption above it, in a borderless table."""
        shown = [c for c in charts if c.name in self.images]
        half = Emu(self.width // 2)
        for i in range(0, len(shown), 2):
            pair = shown[i : i + 2]
            table = self.word.add_table(rows=2, cols=2)
            _no_borders(table)
            _widths(table, [half, Emu(self.width - half)])
            for row in table.rows:
                _cant_split(row)
            for col, chart in enumerate(pair):
                caption = _clear(table.cell(0, col))
                _centred(caption, chart.caption, 12, bold=True, keep=True)
                cell = _clear(table.cell(1, col))
                p = _centred(cell, "")
                p.add_run().add_picture(BytesIO(self.images[chart.name]), width=Emu(half - Cm(0.6)))
            for col in range(len(pair), 2):
                _clear(table.cell(0, col)).add_paragraph()
                _clear(table.cell(1, col)).add_paragraph()

    def write(self, out: Path) -> Path:
        self.header()
        self.title()
        for block in self.doc.body:
            self.block(block)
        self.closing()
        self.appendix()
        with atomic_output(out) as tmp:
            self.word.save(str(tmp))
        return out


def render_docx(doc: d.ReportDocument, out: Path, images: dict[str, bytes] | None = None) -> Path:
    """Write ``doc`` as a DOCX at ``out`` (atomically); ``images``: the charts as PNG by name."""
    return _Writer(doc, images).write(out)
