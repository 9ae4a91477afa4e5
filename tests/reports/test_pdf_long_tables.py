"""A long appendix table in the PDF: laid out a page at a time (pdf_report._PagedTable), it
must print every row once, in order, with the header on every page and the totals row
never alone, exactly where one ReportLab table of all the rows would put them; and its
memory must not grow with the rows."""

from __future__ import annotations

import tracemalloc
from datetime import date, timedelta

import pytest

from desktop_app.core.reports import pdf_report
from desktop_app.core.reports.document import Header, ReportDocument
from desktop_app.core.reports.figures import ProductRow
from desktop_app.core.reports.fonts import has_khmer
from desktop_app.core.reports.sections import product_table
from pdfscan import scan

NAMES = {
    "product_type": {"tin": "Tin", "bai": "Bài", "video": "Video clip"},
    "language": {"vi": "Tiếng Việt", "km": "Tiếng Khmer"},
    "channel": {"radio": "Đài truyền thanh xã", "web": "Cổng/Trang thông tin điện tử", "loa": "Tuyên truyền lưu động, xe loa"},
}
UNITS = ["Xã Hòa Đông", "Thị trấn Lịch Hội Thượng (Huyện Trần Đề)", "Xã An Thạnh 1"]
TYPES = list(NAMES["product_type"])
CHANNELS = list(NAMES["channel"])


def products(n: int) -> list[ProductRow]:
    """``n`` products whose rows are one to four lines high (long titles, Khmer, lists)."""
    rows = []
    for i in range(n):
        title = f"Sản phẩm {i + 1}: tuyên truyền chủ quyền biên giới biển"
        if i % 7 == 0:
            title += " và phòng chống tin giả, lừa đảo qua mạng viễn thông ở vùng đồng bào dân tộc thiểu số" * 2
        if i % 11 == 0:
            title += " (ព្រំដែន សន្តិសុខ)"
        rows.append(
            ProductRow(
                activity_id=f"a{i}", date_from=date(2024, 1, 1) + timedelta(days=i % 366), unit_id=f"u{i % 3}", unit=UNITS[i % 3],
                unit_code="", product_type=TYPES[i % 3], title=title, languages=("vi", "km") if i % 5 == 0 else ("vi",),
                channels=tuple(CHANNELS[: 1 + i % 3]), themes=(), quantity=1 + i % 4, copies=500 if i % 13 == 0 else None,
                minutes=float(i % 30) if i % 3 == 2 else None, task_code="", files=i % 2,
            )
        )
    return rows


def document(n: int) -> ReportDocument:
    header = Header("UBND TỈNH SÓC TRĂNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số:      /BC-STTTT", "Sóc Trăng, ngày 05 tháng 02 năm 2025")
    table = product_table(products(n), NAMES)
    return ReportDocument(header, "BÁO CÁO", "Kết quả năm 2024", appendix_title="PHỤ LỤC", appendix_subtitle="Số liệu",
                          appendix=[table])


def runs(path) -> list[tuple]:
    pages, _ = scan(path)
    return [(p.number, round(r.x0, 2), round(r.y, 2), r.font, r.size, r.text) for p in pages for r in p.runs]


@pytest.fixture(scope="module")
def long_pdfs(tmp_path_factory):
    """The same 600-product document laid out page by page (the program) and as one table."""
    out = tmp_path_factory.mktemp("long")
    paged = pdf_report.render_pdf(document(600), out / "paged.pdf")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pdf_report, "_PagedTable", lambda grid: grid.whole())
        whole = pdf_report.render_pdf(document(600), out / "whole.pdf")
    return paged, whole


def test_paged_layout_is_one_tables_layout(long_pdfs):
    """Every text run on the same page at the same place in the same font as when the
    whole table is one ReportLab table split by ReportLab."""
    paged, whole = long_pdfs
    assert runs(paged) == runs(whole)


def test_every_row_once_in_order_with_the_header_on_each_page(long_pdfs):
    pages, _ = scan(long_pdfs[0])
    expected = products(600)
    table_pages = [p for p in pages if any(r.text == "Tiêu đề" for r in p.runs)]
    assert len(table_pages) > 20  # the table crosses many page boundaries
    numbers: list[int] = []
    titles: list[str] = []
    for page in table_pages:
        header = next(r for r in page.runs if r.text == "STT")
        title_head = next(r for r in page.runs if r.text == "Tiêu đề")
        # the STT column: the numbers centred under "STT", below the header
        stt = sorted((r for r in page.runs if r.text.isdigit() and r.y < header.y and abs((r.x0 + r.x1) / 2 - (header.x0 + header.x1) / 2) < 3),
                     key=lambda r: -r.y)
        assert stt, f"page {page.number} has the header but no row"
        numbers += [int(r.text) for r in stt]
        # the title column, top to bottom (its Latin runs: shaped Khmer glyphs are not its text)
        column = [r for r in page.runs if title_head.x0 - 100 < r.x0 < title_head.x0 and r.y < header.y - 2 and r.x1 < title_head.x1 + 100
                  and not r.font.startswith("NotoSansKhmer") and not r.text.startswith("Tổng cộng")]
        lines: dict[float, list] = {}
        for r in column:  # a shaped line comes in several runs (kerning), each with its own spaces
            lines.setdefault(round(r.y, 1), []).append(r)
        titles += ["".join(r.text for r in sorted(lines[y], key=lambda r: r.x0)) for y in sorted(lines, reverse=True)]
    assert numbers == list(range(1, 601))

    def latin(text: str) -> str:  # Khmer is shaped (its glyphs are not its text) and brings its brackets
        return " ".join(w for w in text.replace("(", " ").replace(")", " ").split() if not has_khmer(w))

    assert latin(" ".join(titles)) == latin(" ".join(p.title for p in expected))
    last = table_pages[-1]
    total = next(r for r in last.runs if r.text.startswith("Tổng cộng: 600 sản phẩm"))
    assert total.font.endswith("Bold")
    assert any(r.text == "600" for r in last.runs)  # the last row went with the totals


def _traced_peak(n: int, path) -> int:
    doc = document(n)
    tracemalloc.start()
    try:
        pdf_report.render_pdf(doc, path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_rendering_memory_does_not_grow_with_the_rows(tmp_path):
    """Eight times the rows: a MB or two more (the pages' content, which ReportLab keeps until
    the file is written), not the ~25 KB a row that one ReportLab table of the rows holds."""
    pdf_report.render_pdf(document(20), tmp_path / "warm.pdf")  # fonts registered, modules loaded
    small = _traced_peak(100, tmp_path / "small.pdf")
    large = _traced_peak(800, tmp_path / "large.pdf")
    assert large - small < 8 * 2**20, (small, large)


def test_pages_compressed_as_they_end_make_the_same_file(tmp_path, monkeypatch):
    """The canvas that compresses each page when it ends writes the very bytes ReportLab
    writes when it compresses them all at the end (invariant mode: no date or random id)."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    monkeypatch.setattr(rl_config, "invariant", 1)
    early = pdf_report.render_pdf(document(120), tmp_path / "early.pdf").read_bytes()
    monkeypatch.setattr(pdf_report, "_CompressingCanvas", Canvas)
    late = pdf_report.render_pdf(document(120), tmp_path / "late.pdf").read_bytes()
    assert b"/FlateDecode" in early
    assert early == late


@pytest.mark.parametrize("n", [600, 9_999, 10_000, 123_456])
def test_the_last_row_number_fits_its_column_on_one_line(n):
    """A year of a whole province has tens of thousands of products: "49.512" in the STT
    column must not break over two lines ("49.51" / "2")."""
    builder = pdf_report._Builder(document(1), {})
    table = product_table(products(1), NAMES)
    many = type(table)(table.caption, table.columns, table.rows * n, product_table(products(1) * n, NAMES).widths,
                       total=table.total, font_size=table.font_size)
    grid = pdf_report._Grid(builder, many, builder.landscape_width)
    assert grid.cell(n, 0) == pdf_report.number(n)  # drawn as one line
    if n < 10_000:
        assert many.widths == table.widths  # the look of every smaller report is unchanged
