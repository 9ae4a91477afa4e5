"""The editable DOCX reopens with python-docx and holds the PDF's layout and figures."""

from __future__ import annotations

import unicodedata

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from reportdata import PERIOD, SETTINGS, TODAY
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.reports import document as d
from desktop_app.core.reports.agency import settings_issuer
from desktop_app.core.reports.figures import Scope, compute_figures
from desktop_app.core.reports.sections import build_periodic
from desktop_app.core.reports.wording import number


def _model(province) -> d.ReportDocument:
    with province.workspace.reading() as s:
        figures = compute_figures(s, Scope(parse_period(PERIOD)))
        return build_periodic(s, figures, SETTINGS, settings_issuer(SETTINGS, TODAY))


def _close(lengths, mms) -> bool:
    return all(abs(length - Mm(mm)) < Mm(0.1) for length, mm in zip(lengths, mms, strict=True))


def _cell_text(value: d.Cell) -> str:
    return number(value) if isinstance(value, (int, float)) else (value or "")


def test_docx_layout(province):
    word = Document(str(province.files["periodic-docx"]))
    first, *rest = word.sections
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert _close((first.page_width, first.page_height), (210, 297))  # stored in twips
    assert _close((first.top_margin, first.bottom_margin, first.left_margin, first.right_margin), (20, 20, 30, 15))
    assert first.different_first_page_header_footer  # no page number on page 1
    assert rest and rest[-1].orientation == WD_ORIENT.LANDSCAPE and _close((rest[-1].page_width,), (297,))
    header_xml = first.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    normal = word.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    top = word.tables[0]
    texts = [line for row in top.rows for c in row.cells for line in c.text.splitlines()]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts and "Độc lập - Tự do - Hạnh phúc" in texts
    assert "Số:      /BC-STTTT" in texts and "Sóc Trăng, ngày 05 tháng 02 năm 2025" in texts
    title = next(p for p in word.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and title.runs[0].font.size == Pt(14)
    body = next(p for p in word.paragraphs if p.text.startswith("Thực hiện Kế hoạch"))
    assert _close((body.paragraph_format.first_line_indent,), (12.7,)) and body.runs[0].font.size == Pt(14)
    everything = "\n".join(p.text for p in word.paragraphs)
    assert everything == unicodedata.normalize("NFC", everything)


def test_docx_holds_the_same_text_and_tables_as_the_model(province):
    model = _model(province)
    word = Document(str(province.files["periodic-docx"]))
    paragraphs = {p.text for p in word.paragraphs}
    for block in model.body:
        if isinstance(block, (d.Heading, d.Para)):
            assert block.text in paragraphs
        elif isinstance(block, d.Bullet):
            assert f"- {block.text}" in paragraphs
    in_body = [b for b in model.body if isinstance(b, d.Table)]
    tables = in_body + [b for b in model.appendix if isinstance(b, d.Table)]
    assert [t.caption for t in in_body] == ["Kinh phí theo nhiệm vụ"]
    closing = word.tables[1 + len(in_body)]
    charts = [b for b in model.appendix if isinstance(b, d.Chart)]
    data_tables = word.tables[1 : 1 + len(in_body)] + word.tables[2 + len(in_body) : len(word.tables) - (len(charts) + 1) // 2]
    assert len(data_tables) == len(tables)
    # the PDF's charts, as pictures two to a row, each under its caption
    pictures = word.inline_shapes
    assert len(charts) >= 5 and len(pictures) == len(charts)
    chart_cells = [c.text for t in word.tables[-((len(charts) + 1) // 2) :] for c in t.rows[0].cells if c.text]
    assert chart_cells == [c.caption for c in charts]
    for table, rendered in zip(tables, data_tables):
        expected = [table.columns, *table.rows, *([table.total] if table.total else [])]
        got = [[c.text for c in row.cells] for row in rendered.rows]
        assert got == [[_cell_text(v) for v in row] for row in expected], table.caption
    left = closing.cell(0, 0).text.splitlines()
    assert left[0] == "Nơi nhận:" and left[-1] == "- Lưu: VT."
    assert "KT. GIÁM ĐỐC" in closing.cell(0, 1).text and "Nguyễn Văn An" in closing.cell(0, 1).text
