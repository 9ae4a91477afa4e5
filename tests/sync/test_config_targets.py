"""Allocations, per-unit targets and the marked II.2 event entered at the province reach a
unit in the configuration package (format 1.1); a 1.0 package is still read."""

from __future__ import annotations

import json
import zipfile

from pypdf import PdfReader
from sqlalchemy import select

from desktop_app.core.db.models import PlanTarget, PlanTask
from desktop_app.core.operations import plan_targets
from desktop_app.core.operations.reports import generate_report
from desktop_app.core.reports.settings import ReportSettings
from desktop_app.core.reports.wording import number
from desktop_app.core.sync import package
from desktop_app.core.sync.records import SPECS, from_record, to_record

SETTINGS = ReportSettings(signer_name="Lâm Văn Tư")


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def test_an_allocation_entered_at_the_province_reaches_the_unit_and_both_reports(make_site, tmp_path):
    province = make_site("province", "aggregator", "STTTT")
    plan_targets.set_allocation(province.ws, "II.1", "300.000.000")
    plan_targets.set_allocation(province.ws, "II.1", 8_000_000, unit="31786")
    plan_targets.set_unit_target(province.ws, "II.1", "products", 24, unit="31786", period="2024")
    config = province.config()
    manifest = json.loads(zipfile.ZipFile(config[0]).read("manifest.json"))
    assert manifest["format_version"] == "1.1"
    unit = make_site("hoa_dong", "unit", "31786", config)
    unit.add(kind="product", product_type="TIN", title="Tin: Ngư dân Hòa Đông bám biển", plan_task="II.1", themes=["CD1"],
             languages=["vi"], date="2024-05-02", cost=1_500_000, status="submitted")
    with unit.ws.reading() as s:
        budget = s.scalar(select(PlanTarget.target_value).where(PlanTarget.metric == "budget", PlanTarget.deleted.is_(False)))
        task = s.scalar(select(PlanTask).where(PlanTask.code == "II.1"))
    assert budget == 8_000_000 and task.budget == 300_000_000
    own = _text(generate_report(unit.ws, "periodic-pdf", "2024", tmp_path / "unit.pdf", settings=SETTINGS))
    # the unit's own allocation and target, never the province's
    assert f"Kinh phí được phân bổ: {number(8_000_000)} đồng; đã sử dụng trong kỳ: {number(1_500_000)} đồng" in own
    assert f"còn lại: {number(6_500_000)} đồng" in own
    assert "Chỉ tiêu: 24 sản phẩm; đã thực hiện 1 sản phẩm" in own
    assert number(300_000_000) not in own and "160 đại biểu" not in own
    # the province's report on the unit, once its records arrived, shows the same
    unit.enrol_at(province)
    province.receive(unit.export())
    seen = _text(generate_report(province.ws, "unit-pdf", "2024", tmp_path / "p.pdf", unit="31786", settings=SETTINGS))
    assert f"Kinh phí được phân bổ: {number(8_000_000)} đồng; đã sử dụng trong kỳ: {number(1_500_000)} đồng" in seen
    whole = _text(generate_report(province.ws, "periodic-pdf", "2024", tmp_path / "all.pdf", settings=SETTINGS))
    assert f"Kinh phí được phân bổ: {number(300_000_000)} đồng" in whole


def test_a_marked_event_travels_and_a_1_0_package_is_still_read(make_site, monkeypatch):
    province = make_site("province", "aggregator", "STTTT")
    event = province.add(kind="event", title="Hội nghị tập huấn TTĐN 2024", plan_task="II.2", date="2024-07-20", status="submitted")
    plan_targets.mark_event(province.ws, "II.2", [event])
    unit = make_site("dai_an", "unit", "31627", province.config())
    with unit.ws.reading() as s:
        assert s.scalar(select(PlanTask.event_ids).where(PlanTask.code == "II.2")) == [event]
    monkeypatch.setattr(package, "CONFIG_FORMAT_VERSION", "1.0")
    old = province.config()
    assert json.loads(zipfile.ZipFile(old[0]).read("manifest.json"))["format_version"] == "1.0"
    other = make_site("hoa_dong", "unit", "31786", old)
    with other.ws.reading() as s:
        assert s.scalar(select(PlanTask.event_ids).where(PlanTask.code == "II.2")) == [event]
        row = dict(s.execute(select(PlanTask.__table__).where(PlanTask.code == "II.2")).one()._mapping)
    record = to_record(SPECS["plan_task"], row)
    del record["event_ids"]  # as a 1.0 program wrote it
    assert from_record("plan_task", record).values.get("event_ids") is None
    record["event_ids"] = ["not an id"]
    try:
        from_record("plan_task", record)
    except Exception as exc:  # noqa: BLE001 - the message key is what matters
        assert getattr(exc, "key", "") == "package.bad_record"
    else:
        raise AssertionError("a malformed event_ids was accepted")
