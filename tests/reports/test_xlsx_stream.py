"""The streaming XLSX writer: what goes in reads back the same with openpyxl."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from desktop_app.core.reports.xlsx_stream import DATE_FORMAT, MONEY_FORMAT, StreamingWorkbook, column_letter


def test_values_styles_and_layout_read_back(tmp_path):
    path = tmp_path / "t.xlsx"
    with StreamingWorkbook(path) as book:
        with book.sheet("Hoạt động <1> & kỳ", [("Tiêu đề", 60), ("Ngày", 12), ("Kinh phí", 15)]) as sheet:
            sheet.row(["  Tin <b>Vĩnh Châu</b> & \"Đại Ân\"\x0b", date(2024, 3, 1), 1_500_000], {1: DATE_FORMAT, 2: MONEY_FORMAT})
            sheet.row([None, datetime(2024, 7, 1, 12, 30), 2.5], {1: DATE_FORMAT})
            sheet.row(["Tổng cộng", "", 1_500_002.5], bold=True)
        with book.sheet("Khmer", [("ខ្មែរ", 20)]) as sheet:
            sheet.row(["ព័ត៌មាន"])
            sheet.row([True])
    wb = load_workbook(path)
    assert wb.sheetnames == ["Hoạt động <1> & kỳ", "Khmer"]
    ws = wb.worksheets[0]
    assert list(ws.iter_rows(values_only=True)) == [
        ("Tiêu đề", "Ngày", "Kinh phí"),
        ('  Tin <b>Vĩnh Châu</b> & "Đại Ân"', datetime(2024, 3, 1), 1_500_000),
        (None, datetime(2024, 7, 1, 12, 30), 2.5),
        ("Tổng cộng", None, 1_500_002.5),
    ]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("DDEBF7") and ws["A1"].alignment.wrap_text
    assert ws.column_dimensions["A"].width == 60 and ws.column_dimensions["C"].width == 15
    assert ws["B2"].number_format == DATE_FORMAT and ws["C2"].number_format == MONEY_FORMAT
    assert ws["A4"].font.b and not ws["A2"].font.b
    assert list(wb["Khmer"].iter_rows(values_only=True)) == [("ខ្មែរ",), ("ព័ត៌មាន",), (True,)]


def test_one_sheet_at_a_time(tmp_path):
    with StreamingWorkbook(tmp_path / "t.xlsx") as book:
        with book.sheet("A", [("x", 5)]):
            with pytest.raises(RuntimeError):
                with book.sheet("B", [("y", 5)]):
                    pass


def test_column_letters():
    assert [column_letter(i) for i in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
