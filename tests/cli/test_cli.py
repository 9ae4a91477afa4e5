"""The ``ttdn`` command line, as an officer or a script would use it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata

import pytest


@pytest.fixture
def unit(cli):
    result = cli("init", "--role", "unit", "--unit", "31786", "--officer", "Lâm Thị Hoà", "--json")
    assert result.code == 0, result.err
    return result.json


def add(cli, record, *extra) -> dict:
    result = cli("activity", "add", "--json", *extra, stdin=json.dumps(record, ensure_ascii=False))
    assert result.code == 0, result.err + result.out
    return result.json["created"][0]


def titles(result) -> set[str]:
    return {a["title"] for a in result.json["activities"]}


def test_init_sets_up_the_unit(unit):
    assert unit["role"] == "unit"
    assert unit["unit"]["code"] == "31786"
    assert unit["unit"]["name"] == "Xã Hòa Đông, Thị xã Vĩnh Châu"
    assert len(unit["origin_id"]) == 32


def test_init_twice_is_refused(cli, unit):
    result = cli("init", "--role", "unit", "--unit", "31786")
    assert result.code == 1 and "đã được thiết lập" in result.err


def test_init_with_an_unknown_or_ambiguous_unit(cli):
    result = cli("init", "--role", "unit", "--unit", "99999", "--json")
    assert result.code == 1 and result.json["error"]["key"] == "unit.not_found"
    result = cli("init", "--role", "unit", "--unit", "Lịch Hội Thượng")
    assert result.code == 1 and "31678" in result.err and "31679" in result.err


def test_commands_before_init_say_what_to_do(cli):
    result = cli("activity", "add", stdin='{"kind": "other", "title": "x", "date": "2024-01-05"}')
    assert result.code == 1 and "ttdn init" in result.err


def test_nfd_title_is_stored_nfc_and_found_without_diacritics(cli, unit):
    nfd = unicodedata.normalize("NFD", "Tin: Tuyên truyền chống lừa đảo ở Vĩnh Châu")
    created = add(cli, {"kind": "product", "title": nfd, "date": "12/03/2024", "product_type": "TIN",
                        "themes": ["CD4"], "languages": ["vi"]})
    assert created["title"] == unicodedata.normalize("NFC", nfd)
    shown = cli("activity", "show", created["id"][:8], "--json").json
    assert shown["title"] == unicodedata.normalize("NFC", nfd) and shown["themes"] == ["CD4"]
    for query in ("vinh chau", "VĨNH CHÂU", unicodedata.normalize("NFD", "Vĩnh Châu")):
        assert titles(cli("activity", "list", "--search", query, "--json")) == {created["title"]}


def test_search_folds_d_and_tone_placement(cli, unit):
    base = {"kind": "other", "date": "2024-04-01"}
    add(cli, {**base, "title": "Họp dân ấp Đại Ân về chủ quyền biển"})
    add(cli, {**base, "title": "Tuyên truyền tại xã Hòa Đông"})
    add(cli, {**base, "title": "Tuyên truyền tại xã Hoà Đông (kiểu bỏ dấu cũ)"})
    add(cli, {**base, "title": "Hoạt động ở Phường 2"})
    assert titles(cli("activity", "list", "--search", "dai an", "--json")) == {"Họp dân ấp Đại Ân về chủ quyền biển"}
    assert titles(cli("activity", "list", "--search", "hoa dong", "--json")) == {
        "Tuyên truyền tại xã Hòa Đông",
        "Tuyên truyền tại xã Hoà Đông (kiểu bỏ dấu cũ)",
    }
    assert titles(cli("activity", "list", "--search", "Hòa Đông", "--json")) == titles(
        cli("activity", "list", "--search", "hoa dong", "--json")
    )
    assert cli("activity", "list", "--search", "khong co gi", "--json").json["total"] == 0


def test_list_filters_by_period_unit_and_kind(cli, unit):
    add(cli, {"kind": "other", "title": "Quý một", "date": "2024-02-01"})
    add(cli, {"kind": "other", "title": "Quý ba", "date": "2024-08-01"})
    add(cli, {"kind": "event", "title": "Hội nghị quý ba", "date": "2024-08-02"})
    assert titles(cli("activity", "list", "--period", "2024-Q3", "--json")) == {"Quý ba", "Hội nghị quý ba"}
    assert titles(cli("activity", "list", "--period", "Q3/2024", "--kind", "event", "--json")) == {"Hội nghị quý ba"}
    # The district includes its communes; another district does not.
    assert cli("activity", "list", "--unit", "950", "--json").json["total"] == 3
    assert cli("activity", "list", "--unit", "945", "--json").json["total"] == 0
    bad = cli("activity", "list", "--period", "quý 3", "--json")
    assert bad.code == 1 and bad.json["error"]["key"] == "period.invalid"


def test_add_reports_every_problem_and_stores_nothing(cli, unit):
    result = cli("activity", "add", "--json", stdin=json.dumps(
        [{"kind": "product", "title": "Được", "date": "2024-01-02", "product_type": "TIN", "languages": ["vi"]},
         {"kind": "product", "title": "", "date": "2024-13-40", "cost": -1}]))
    assert result.code == 1
    error = result.json["error"]
    assert error["key"] == "validation.failed"
    assert {i["field"] for i in error["issues"] if i["severity"] == "error"} == {
        "title", "date", "cost", "product_type", "languages"}
    assert all(i["message"] for i in error["issues"])
    assert cli("activity", "list", "--json").json["total"] == 0  # the valid first record was not kept


def test_bad_json_input_has_a_clear_message(cli, unit, tmp_path):
    path = tmp_path / "hoat-dong.json"
    path.write_text('{"kind": "other", "title": "thiếu ngoặc"', encoding="utf-8")
    result = cli("activity", "add", str(path))
    assert result.code == 1 and "không phải JSON hợp lệ" in result.err and "dòng 1" in result.err


def test_activity_with_attachment_from_a_file(cli, unit, tmp_path, data_dir):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "to-roi.pdf").write_bytes(b"%PDF-1.4 demo leaflet")
    (tmp_path / "in" / "a.json").write_text(json.dumps({
        "kind": "product", "title": "Tờ rơi phòng chống tin giả", "date": "2024-06-01",
        "product_type": "TO_ROI", "copies": 500, "themes": ["CD4"], "languages": ["vi", "km"],
        "attachments": ["to-roi.pdf"]}, ensure_ascii=False), encoding="utf-8")
    result = cli("activity", "add", str(tmp_path / "in" / "a.json"), "--json")
    assert result.code == 0, result.err
    attachment = result.json["created"][0]["attachments"][0]
    assert attachment["name"] == "to-roi.pdf" and attachment["mime_type"] == "application/pdf"
    stored = data_dir / "files" / attachment["sha256"][:2] / attachment["sha256"]
    assert stored.read_bytes() == b"%PDF-1.4 demo leaflet"


def test_update_and_delete(cli, unit):
    created = add(cli, {"kind": "other", "title": "Bản cũ", "date": "2024-03-03"})
    result = cli("activity", "update", created["id"], "--json", stdin='{"title": "Bản mới", "cost": "1.500.000"}')
    assert result.code == 0, result.err
    assert result.json["title"] == "Bản mới" and result.json["cost"] == 1_500_000
    assert result.json["version"] != created["version"]
    assert cli("activity", "delete", created["id"], "--json").json["deleted"] == created["id"]
    assert cli("activity", "list", "--json").json["total"] == 0
    assert cli("activity", "list", "--include-deleted", "--json").json["activities"][0]["deleted"] is True
    again = cli("activity", "delete", created["id"])
    assert again.code == 1 and "đã bị xóa" in again.err


def test_event_with_participants_and_a_spreadsheet(cli, unit, tmp_path):
    from openpyxl import Workbook

    event = {"title": "Hội nghị tập huấn thông tin đối ngoại", "date": "2024-08-20", "date_to": "2024-08-21",
             "plan_task": "II.2", "event_type": "TAP_HUAN", "place": "TP Sóc Trăng",
             "participants": [{"name": "Kim Thị Sà Rum", "gender": "nữ", "ethnicity": "Khmer", "category": "TTDN_XA"}]}
    result = cli("event", "add", "--json", stdin=json.dumps(event, ensure_ascii=False))
    assert result.code == 0, result.err
    created = result.json["created"][0]
    assert created["kind"] == "event" and created["participants"] == 1

    wb = Workbook()
    wb.active.append(["Họ và tên", "Giới tính", "Dân tộc", "Thành phần"])
    wb.active.append(["Danh Sang", "Nam", "Khmer", "TRUYEN_THANH_XA"])
    wb.active.append(["Quách Mỹ Linh", "Nữ", "Hoa", "BAO_CHI"])
    wb.save(tmp_path / "ds.xlsx")
    result = cli("participants", "import", created["id"], str(tmp_path / "ds.xlsx"), "--json")
    assert result.code == 0, result.err
    assert result.json["imported"] == 2

    stats = cli("stats", "--json").json["participants"]
    assert stats["total"] == 3
    assert stats["by_gender"] == {"female": 2, "male": 1}
    assert stats["by_ethnicity"] == {"KHMER": 2, "HOA": 1}
    assert stats["by_category"] == {"TTDN_XA": 1, "TRUYEN_THANH_XA": 1, "BAO_CHI": 1}


def test_units_lookup(cli):
    result = cli("units", "--search", "lich hoi thuong", "--json")
    assert {u["code"] for u in result.json} == {"31678", "31679"}
    assert all(u["display_name"].endswith("Huyện Trần Đề") for u in result.json)


@pytest.mark.parametrize("role,unit_code", [("unit", "31627"), ("aggregator", "STTTT")])
def test_demo_stats_equal_what_was_generated(cli, role, unit_code):
    assert cli("init", "--role", role, "--unit", unit_code).code == 0
    generated = cli("demo", "--activities", "3000", "--seed", "5", "--json").json["generated"]
    stats = cli("stats", "--json").json
    assert stats == generated
    assert generated["activities"]["total"] == 3000
    assert set(generated["activities"]["by_theme"]) == {"CD1", "CD2", "CD3", "CD4"}
    assert set(generated["activities"]["by_language"]) == {"vi", "km", "zh"}
    assert len(generated["activities"]["by_month"]) == 12
    assert generated["participants"]["total"] > 0 and generated["attachments"] > 0
    if role == "unit":
        assert generated["activities"]["by_unit"] == {unit_code: 3000}
    else:
        assert len(generated["activities"]["by_unit"]) > 30
        assert generated["participants"]["total"] >= 150  # the II.2 training conference is among them


def test_demo_is_deterministic_for_a_seed(cli, tmp_path):
    results = []
    for name in ("a", "b"):
        folder = tmp_path / name
        assert cli("init", "--role", "unit", "--unit", "31627", data=folder).code == 0
        assert cli("demo", "--activities", "200", "--seed", "11", data=folder).code == 0
        results.append(cli("activity", "list", "--limit", "1000", "--json", data=folder).json)
    assert results[0] == results[1]


@pytest.mark.slow
def test_hundred_thousand_activities(cli):
    assert cli("init", "--role", "aggregator", "--unit", "STTTT").code == 0
    generated = cli("demo", "--activities", "100000", "--seed", "1", "--json").json["generated"]
    assert cli("stats", "--json").json == generated
    found = cli("activity", "list", "--search", "vinh chau", "--limit", "5", "--json").json
    assert found["total"] > 0 and all("Vĩnh Châu" in a["title"] or "vĩnh châu" in a["title"].lower() for a in found["activities"])


def test_the_installed_console_script_runs(tmp_path):
    exe = shutil.which("ttdn")
    command = [exe] if exe else [sys.executable, "-m", "desktop_app.cli"]
    result = subprocess.run(
        [*command, "init", "--role", "unit", "--unit", "Xã Đại Ân 1", "--data-dir", str(tmp_path / "d"), "--json"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["unit"]["code"] == "31627"


def test_difficulties_and_proposals_per_period(cli, unit):
    first = cli("difficulties", "--period", "Q3/2024", "--difficulties", "Thiếu thiết bị ghi âm", "--json").json
    again = cli("difficulties", "--period", "2024-Q3", "--proposals", "Đề nghị hỗ trợ máy ghi âm", "--json").json
    assert first["id"] == again["id"] and again["period"] == "2024-Q3"  # one record per unit and period
    assert again["difficulties"] is None and again["proposals"] == "Đề nghị hỗ trợ máy ghi âm"
    bad = cli("difficulties", "--period", "2024-Q3", "--difficulties", "x", "--nothing-to-report", "--json")
    assert bad.code == 1 and bad.json["error"]["issues"][0]["key"] == "unit_report.nothing_and_text"
    assert cli("stats", "--json").json["activities"]["total"] == 0


def test_reports_from_the_command_line(cli, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    assert cli("init", "--role", "aggregator", "--unit", "STTTT").code == 0
    assert cli("demo", "--activities", "400", "--seed", "2").code == 0
    pdf = cli("report", "periodic-pdf", "--period", "2024", "--out", str(tmp_path / "bao-cao.pdf"), "--json").json["path"]
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "BÁO CÁO" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    xlsx = cli("report", "xlsx", "--period", "2024-Q3", "--out", str(tmp_path / "so-lieu.xlsx"), "--json").json["path"]
    assert "Hoạt động" in load_workbook(xlsx).sheetnames
    missing = cli("report", "periodic-docx", "--out", str(tmp_path / "x.docx"), "--json")
    assert missing.code == 1 and missing.json["error"]["key"] == "report.period_required"
    wrong = cli("report", "periodic-pdf", "--period", "2024", "--out", str(tmp_path / "x.docx"))
    assert wrong.code == 1 and ".pdf" in wrong.err


def test_plan_allocations_targets_the_ii2_event_and_the_signer_from_the_command_line(cli, tmp_path):
    from pypdf import PdfReader

    assert cli("init", "--role", "aggregator", "--unit", "STTTT").code == 0
    assert cli("demo", "--activities", "300", "--seed", "4").code == 0
    out = tmp_path / "bao-cao.pdf"
    first = cli("report", "periodic-pdf", "--period", "2024", "--out", str(out), "--strict", "--json")
    assert first.code == 1 and not out.exists()  # nothing made while something is missing
    for expected in ("Chưa có họ tên người ký", "Nhiệm vụ II.1 chưa có kinh phí phân bổ", "Chưa xác định hội nghị thực hiện nhiệm vụ II.2",
                     "Kế hoạch chưa có số và ngày ban hành"):
        assert expected in first.err
    events = cli("activity", "list", "--kind", "event", "--search", "tap huan", "--limit", "50", "--json").json["activities"]
    conference = events[0]  # the plan's training conference of the demonstration data
    assert cli("plan", "mark-event", "--task", "II.2", conference["id"][:8]).code == 0
    assert cli("plan", "allocate", "--task", "II.1", "--amount", "300.000.000").code == 0
    assert cli("plan", "allocate", "--task", "II.2", "--amount", "200000000").code == 0
    assert cli("plan", "allocate", "--task", "II.1", "--unit", "31675", "--amount", "12000000").code == 0
    assert cli("plan", "target", "--task", "II.1", "--metric", "products", "--value", "40", "--unit", "31675").code == 0
    assert cli("plan", "reference", "--number", "123/KH-UBND", "--date", "05/03/2024").code == 0
    assert cli("report-settings", "--signer-name", "Nguyễn Văn An", "--recipient", "Bộ TT&TT - Cục TTĐN (b/c)",
               "--recipient", "Lưu: VT").code == 0
    assert cli("direction", "--period", "2024", "--text", "Tổ chức hội nghị tập huấn năm 2025.\nTăng sản phẩm tiếng Khmer.").code == 0
    listed = cli("plan", "allocations", "--json").json
    assert {(r["task"], r["unit"], r["amount"]) for r in listed} >= {("II.1", None, 300_000_000), ("II.1", "Xã Liêu Tú", 12_000_000)}
    done = cli("report", "periodic-pdf", "--period", "2024", "--out", str(out), "--strict", "--json")
    assert done.code == 0 and done.json["warnings"] == [], done.err
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(out)).pages)
    assert "Kế hoạch số 123/KH-UBND ngày 05/03/2024" in text and "Nguyễn Văn An" in text
    assert "Kinh phí được phân bổ: 500.000.000 đồng" in text and "Tổ chức hội nghị tập huấn năm 2025." in text
    assert "- Lưu: VT." in text
    bad = cli("plan", "mark-event", "--task", "II.2", next(e for e in cli("activity", "list", "--kind", "product", "--limit", "1", "--json").json["activities"])["id"], "--json")
    assert bad.code == 1 and bad.json["error"]["key"] == "plan.mark_not_event"
    wrong = cli("plan", "allocate", "--task", "II.9", "--amount", "1", "--json")
    assert wrong.code == 1 and wrong.json["error"]["key"] == "plan.unknown_task"
