"""The workbook reopens with openpyxl: real dates and numbers, styled frozen headers, the
same figures as the report, and names only when personal data may be shared."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from openpyxl import load_workbook
from sqlalchemy import select

import sqlcount
from reportdata import PERIOD
from desktop_app.core.db.models import Participant
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.reports.figures import Scope, compute_figures


def _figures(province):
    with province.workspace.reading() as s:
        return compute_figures(s, Scope(parse_period(PERIOD)))


def test_workbook_figures(province):
    figures = _figures(province)
    wb = load_workbook(province.files["xlsx"])
    assert wb.sheetnames == ["Tổng hợp", "Hoạt động", "Đại biểu (số lượng)", "Theo đơn vị", "Chủ đề theo đơn vị, kỳ", "Sản phẩm theo đơn vị, kỳ"]
    detail = wb["Hoạt động"]
    assert detail.freeze_panes == "A2" and detail["A1"].font.bold and detail.column_dimensions["H"].width == 60
    *rows, total = list(detail.iter_rows(min_row=2, values_only=True))
    assert len(rows) == figures.activities and total[3] == "Tổng cộng" and total[18] == figures.cost
    assert "Nháp" not in {r[19] for r in rows}  # drafts do not count
    assert all(isinstance(r[1], datetime) for r in rows)
    assert detail["B2"].number_format == "DD/MM/YYYY"
    assert sum(r[18] or 0 for r in rows) == figures.cost
    assert Counter(r[5] for r in rows)["Sản phẩm"] == figures.product_records
    summary = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert summary["Tổng số hoạt động"] == figures.activities and summary["Đại biểu"] == figures.delegates
    period = parse_period(PERIOD)
    with province.workspace.reading() as s:
        counted = sqlcount.activities(s, period.start.isoformat(), period.end.isoformat())
        conference = sqlcount.event_participants(s, province.scenario.conference_id)
    assert summary["Tổng số hoạt động"] == len(counted) and summary["Kinh phí (đồng)"] == sum(a.cost or 0 for a in counted)
    assert summary["Chỉ tiêu nhiệm vụ II.2 (đại biểu)"] == 160 and summary["Đã thực hiện nhiệm vụ II.2 (đại biểu)"] == conference
    assert summary["Kinh phí phân bổ nhiệm vụ II.1 (đồng)"] == 300_000_000
    english = {"delegates", "events", "products", "broadcasts", "cost"}
    for sheet in wb:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(c, str) and english & set(c.replace("(", " ").replace(")", " ").split()) for c in row), row
    assert summary["Kinh phí (đồng)"] == figures.cost
    units = list(wb["Theo đơn vị"].iter_rows(min_row=2, values_only=True))
    assert units[-1][0] == "Tổng cộng" and list(units[-1][1:]) == [figures.product_records, figures.products, figures.broadcasts, figures.times_aired, figures.events, figures.delegates, figures.other, figures.activities, figures.cost]
    assert [r[1:] for r in units[:-1]] == [(u.product_records, u.products, u.broadcasts, u.times_aired, u.events, u.delegates, u.other, u.activities, u.cost) for u in figures.by_unit]
    for sheet, counts, catalog in (("Chủ đề theo đơn vị, kỳ", figures.by_theme, "theme"), ("Sản phẩm theo đơn vị, kỳ", figures.by_product_type, "product_type")):
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        total = [c.value for c in ws[ws.max_row]]
        names = figures.catalog_names[catalog]
        assert total[0] == "Tổng cộng"
        assert {code: total[header.index(name)] for code, name in names.items() if total[header.index(name)]} == counts
        assert {r[1] for r in ws.iter_rows(min_row=2, max_row=ws.max_row - 1, values_only=True)} <= {f"Quý {q}/2024" for q in ("I", "II", "III", "IV")}


def test_names_only_when_personal_data_may_be_shared(province):
    figures = _figures(province)
    with province.workspace.reading() as s:
        names = {p.name for p in s.scalars(select(Participant)) if not p.deleted}
    plain = load_workbook(province.files["xlsx"])
    cells = {c for ws in plain for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    assert not names & cells
    sheet = plain["Đại biểu (số lượng)"]
    header = [c.value for c in sheet[1]]
    assert header[3:7] == ["Nam", "Nữ", "Khác, không ghi", "Tổng số"]
    *counts, total = list(sheet.iter_rows(min_row=2, values_only=True))
    for row in counts:  # the gender columns add up to the total, and so do ethnicity and category
        assert row[3] + row[4] + row[5] == row[6]
        groups = [i for i, h in enumerate(header) if h and ("khác, không ghi" in h.lower())]
        assert sum(row[7 : groups[1] + 1]) == row[6] and sum(row[groups[1] + 1 : groups[2] + 1]) == row[6]
    assert total[0] == "Tổng cộng" and total[6] == sum(r[6] for r in counts) == figures.delegates
    assert list(total[3:]) == [sum(r[i] for r in counts) for i in range(3, len(header))]
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    personal = load_workbook(province.files["xlsx-personal"])
    *people, last = list(personal["Đại biểu"].iter_rows(min_row=2, values_only=True))
    assert len(people) == figures.delegates and last[0] == "Tổng cộng"
    assert {r[2] for r in people} <= names and len({r[2] for r in people}) > 1
    leftovers = [p for p in province.out.iterdir() if p.name.endswith(".part")]
    assert leftovers == []
