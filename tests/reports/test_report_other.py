"""A unit's own report, the attendance sheet, the entry point's errors, settings, fonts,
charts and wording."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from reportdata import KHMER_TITLE, PERIOD, SETTINGS
from desktop_app.core.db.models import Activity, CatalogItem, Participant
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.errors import TtdnError
from desktop_app.core.reports import fonts
from desktop_app.core.reports.api import generate_report
from desktop_app.core.reports.charts import chart_drawings, to_svg
from desktop_app.core.reports.figures import Scope, compute_figures
from desktop_app.core.reports.settings import ReportSettings, load_settings, save_settings
from desktop_app.core.reports.wording import number, period_phrase, place_date
from desktop_app.core.services.activity_list import unit_and_descendants
from desktop_app.core.services.units import find_unit
from pdfscan import page_text, scan
import sqlcount


def _text(path: Path) -> str:
    pages, _ = scan(path)
    return "\n".join(page_text(p) for p in pages).replace("\xa0", " ")


def test_unit_report_has_the_units_header_and_its_own_figures(province):
    text = _text(province.files["unit-pdf"])
    for expected in ("UBND HUYỆN TRẦN ĐỀ", "UBND XÃ LIÊU TÚ", "Số:      /BC-UBND", "Liêu Tú, ngày 05 tháng 02 năm 2025", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"):
        assert expected in text
    with province.workspace.reading() as s:
        ids = set(unit_and_descendants(s, find_unit(s, "31675").id))
        period = parse_period(PERIOD)
        acts = sqlcount.activities(s, period.start.isoformat(), period.end.isoformat(), ids)
    assert f"đã ghi nhận {number(len(acts))} hoạt động" in text.replace("\n", " ")
    assert f"Tổng kinh phí thực hiện: {number(sum(a.cost or 0 for a in acts))} đồng." in text.replace("\n", " ")
    assert "Kết quả theo đơn vị" not in text


def test_attendance_sheet(province):
    pages, embedded = scan(province.files["attendance"])
    assert all(p.width > p.height for p in pages)
    assert "NotoSansKhmer-Regular" in embedded or "NotoSansKhmer-Bold" in embedded  # the Khmer title
    text = "\n".join(page_text(p) for p in pages)
    assert text == unicodedata.normalize("NFC", text)
    with province.workspace.reading() as s:
        people = [p for p in s.scalars(select(Participant).where(Participant.activity_id == province.event_id)) if not p.deleted]
        items = {i.id: i for i in s.scalars(select(CatalogItem))}
    for heading in ("STT", "Họ và tên", "Chức vụ", "Đơn vị", "Thành phần", "Ký tên", "DANH SÁCH ĐẠI BIỂU"):
        assert heading in text
    assert "/BC-" not in text  # a list to sign carries no report number
    lines = [" ".join(r.text for r in line) for p in pages for line in p.lines()]
    rows = [ln for ln in lines if ln.split(" ", 1)[0].isdigit()]
    for person in people:
        assert any(person.name in ln for ln in rows), person.name
    # the summary by category, gender and ethnicity equals the records
    category = Counter(items[p.category_id].name_vi for p in people)
    gender = Counter(p.gender for p in people)
    ethnicity = Counter(items[p.ethnicity_id].name_vi for p in people)
    summary = [" ".join(ln.split()[1:]) for ln in lines]  # without the STT column
    for name, count in [*category.items(), *ethnicity.items(), ("Nam", gender["male"]), ("Nữ", gender["female"])]:
        if len(name) > 60:  # wrapped in its cell; the total below still covers it
            continue
        assert any(ln.startswith(f"{name} {number(count)} ") for ln in summary), (name, count)
    assert sum(1 for ln in lines if ln.startswith(f"Tổng cộng {number(len(people))}")) == 4  # four summary tables
    assert KHMER_TITLE.split(" — ")[0].lower()[:20] in text.lower().replace("\n", " ")


def test_entry_point_errors_and_progress(province, tmp_path):
    ws = province.workspace
    cases = [
        (("nonsense", PERIOD, tmp_path / "x.pdf"), {}, "report.unknown_kind"),
        (("attendance", None, tmp_path / "x.pdf"), {}, "report.event_required"),
        (("unit-pdf", PERIOD, tmp_path / "x.pdf"), {}, "report.unit_required"),
        (("periodic-pdf", None, tmp_path / "x.pdf"), {}, "report.period_required"),
        (("periodic-pdf", PERIOD, tmp_path / "x.docx"), {}, "report.bad_extension"),
        (("periodic-pdf", "2024-Q9", tmp_path / "x.pdf"), {}, "period.invalid"),
        (("unit-pdf", PERIOD, tmp_path / "x.pdf"), {"unit": "không có"}, "unit.not_found"),
    ]
    with ws.reading() as s:
        product = s.scalar(select(Activity.id).where(Activity.kind == "product").limit(1))
    cases.append((("attendance", None, tmp_path / "x.pdf"), {"event": product}, "participant.not_event"))
    for args, kw, key in cases:
        with pytest.raises(TtdnError) as err:
            generate_report(ws, *args, settings=SETTINGS, **kw)
        assert err.value.key == key
    calls = []
    out = generate_report(ws, "periodic-pdf", PERIOD, tmp_path / "bao-cao", settings=SETTINGS, progress=lambda d, t: calls.append((d, t)))
    assert out.name == "bao-cao.pdf" and out.read_bytes().startswith(b"%PDF-1.4") and calls[-1][0] == calls[-1][1]
    with pytest.raises(TtdnError) as err:
        generate_report(ws, "xlsx", PERIOD, tmp_path / "huy.xlsx", settings=SETTINGS, cancelled=lambda: True)
    assert err.value.key == "operation.cancelled"
    assert not (tmp_path / "huy.xlsx").exists() and not list(tmp_path.glob("*.part"))
    (tmp_path / "khac").mkdir()
    (tmp_path / "khac" / "thu.txt").write_text("x")
    with pytest.raises(TtdnError) as err:
        generate_report(ws, "bundle", PERIOD, tmp_path / "khac", settings=SETTINGS)
    assert err.value.key == "report.output_exists"


def test_settings_round_trip(tmp_path):
    assert load_settings(tmp_path) == ReportSettings()
    changed = ReportSettings(signer_name=unicodedata.normalize("NFD", "Trần Thị Hòa"), recipients=["A", "Lưu: VT, TTBCXB"])
    save_settings(tmp_path, changed)
    loaded = load_settings(tmp_path)
    assert loaded.signer_name == "Trần Thị Hòa" and loaded.recipients == ["A", "Lưu: VT, TTBCXB"]
    assert loaded.number_line() == "Số:      /BC-STTTT"
    raw = json.loads((tmp_path / "reports.json").read_text(encoding="utf-8"))
    raw["future_field"] = 1
    (tmp_path / "reports.json").write_text(json.dumps(raw), encoding="utf-8")
    assert load_settings(tmp_path).signer_name == "Trần Thị Hòa"
    (tmp_path / "reports.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(TtdnError) as err:
        load_settings(tmp_path)
    assert err.value.key == "report_settings.invalid"


def test_wording():
    assert place_date("Sóc Trăng", date(2025, 2, 5)) == "Sóc Trăng, ngày 05 tháng 02 năm 2025"
    assert place_date("Sóc Trăng", date(2024, 1, 31)) == "Sóc Trăng, ngày 31 tháng 01 năm 2024"
    assert place_date("Liêu Tú", date(2024, 3, 9)) == "Liêu Tú, ngày 09 tháng 3 năm 2024"
    assert place_date("Liêu Tú", date(2024, 12, 10)) == "Liêu Tú, ngày 10 tháng 12 năm 2024"
    assert [period_phrase(parse_period(p)) for p in ("2024", "2024-Q3", "2024-H1", "2024-02", "01/03/2024..31/05/2024")] == [
        "năm 2024", "quý III năm 2024", "6 tháng đầu năm 2024", "tháng 02 năm 2024", "từ ngày 01/03/2024 đến ngày 31/05/2024"
    ]
    assert number(1062400000) == "1.062.400.000" and number(12.5) == "12,5"


def test_times_new_roman_only_when_it_covers_vietnamese(tmp_path):
    bundled = Path(fonts.report_fonts().files[0]).parent if fonts.report_fonts().source == "bundled" else None
    resources = Path(__file__).resolve().parents[2] / "resources" / "fonts"
    liberation = tuple(resources / n for n in ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"))
    khmer_only = tuple(resources / "NotoSansKhmer-Regular.ttf" for _ in range(4))
    missing = tuple(tmp_path / f"times{i}.ttf" for i in range(4))
    assert fonts.find_times_new_roman([missing, khmer_only]) is None
    assert fonts.find_times_new_roman([missing, khmer_only, liberation]) == liberation
    assert (resources / "OFL-LiberationSerif.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") == 1
    assert bundled is None or bundled == resources


def test_charts_render_to_svg(province):
    with province.workspace.reading() as s:
        figures = compute_figures(s, Scope(parse_period(PERIOD)))
    drawings = chart_drawings(figures)
    assert {"products", "themes", "languages", "kinds", "gender", "ethnicity"} <= set(drawings)
    svg = to_svg(drawings["languages"]).decode("utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and "Tiếng Khmer" in svg


def test_rolled_up_into_the_2025_successors(province, tmp_path):
    ws = province.workspace
    merged = ("Xã An Thạnh 2", "Xã Đại Ân 1", "Xã An Thạnh 3", "Xã An Thạnh Nam")
    as_recorded = _text(generate_report(ws, "periodic-pdf", PERIOD, tmp_path / "a.pdf", settings=SETTINGS))
    rolled = _text(generate_report(ws, "periodic-pdf", PERIOD, tmp_path / "b.pdf", settings=SETTINGS, rollup=True))
    assert all(name in as_recorded for name in merged) and "Xã Cù Lao Dung" not in as_recorded
    assert not any(f"{name}," in rolled for name in merged) and "Xã Cù Lao Dung" in rolled
    with ws.reading() as s:
        period = parse_period(PERIOD)
        old = {find_unit(s, code).id for code in ("31627", "31630", "31633", "31636")}
        count = len(sqlcount.activities(s, period.start.isoformat(), period.end.isoformat(), old))
    successor = _text(generate_report(ws, "unit-pdf", PERIOD, tmp_path / "c.pdf", settings=SETTINGS, unit="XA_CU_LAO_DUNG_2025", rollup=True))
    assert f"đã ghi nhận {number(count)} hoạt động" in successor.replace("\n", " ")
