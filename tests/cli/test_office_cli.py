"""`ttdn participants import|template` and `ttdn register import` on office files."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from tests.tabular.sheets import PEOPLE, save_xlsx, to_tcvn3
from tests.tabular.test_people_import import two_row_gender_layout


@pytest.fixture
def event(cli):
    assert cli("init", "--role", "unit", "--unit", "31786", "--officer", "Lâm Thị Hoà").code == 0
    record = {"kind": "event", "title": "Hội nghị tập huấn", "date": "2024-08-20", "plan_task": "II.2"}
    result = cli("event", "add", "--json", stdin=json.dumps(record, ensure_ascii=False))
    assert result.code == 0, result.err
    return result.json["created"][0]["id"] if "created" in result.json else result.json["id"]


def test_dry_run_then_import_then_again_with_the_default(cli, event, tmp_path):
    rows, merges = two_row_gender_layout(PEOPLE)
    path = str(save_xlsx(rows, tmp_path / "ds.xlsx", merges))
    dry = cli("participants", "import", event, path, "--dry-run", "--json")
    assert dry.code == 0, dry.err
    assert dry.json["dry_run"] and dry.json["added"] == len(PEOPLE)
    assert dry.json["table"]["header_rows"] == [7, 9] and dry.json["table"]["stopped_at"]["kind"] == "total"
    assert [r["status"] for r in dry.json["rows"]] == ["added"] * len(PEOPLE)
    assert cli("stats", "--json").json["participants"]["total"] == 0
    first = cli("participants", "import", event, path)
    assert first.code == 0 and f"{len(PEOPLE)} thêm" in first.out
    again = cli("participants", "import", event, path, "--json")
    assert again.json["added"] == 0 and again.json["duplicate"] == len(PEOPLE)
    assert cli("stats", "--json").json["participants"]["total"] == len(PEOPLE)
    replaced = cli("participants", "import", event, path, "--replace", "--json")
    assert replaced.json["removed"] == len(PEOPLE) and replaced.json["added"] == len(PEOPLE)


def test_legacy_text_needs_the_officers_confirmation(cli, event, tmp_path):
    rows, merges = two_row_gender_layout(PEOPLE)
    legacy = [[to_tcvn3(v) if isinstance(v, str) else v for v in row] for row in rows]
    path = str(save_xlsx(legacy, tmp_path / "cu.xlsx", merges))
    refused = cli("participants", "import", event, path)
    assert refused.code == 1 and "TCVN3" in refused.err and "--convert-legacy" in refused.err
    done = cli("participants", "import", event, path, "--convert-legacy", "--json")
    assert done.code == 0 and done.json["added"] == len(PEOPLE)
    assert done.json["rows"][0]["name"] == "Nguyễn Văn An"


def test_the_template_reads_back_as_its_example(cli, event, tmp_path):
    out = tmp_path / "mau.xlsx"
    assert cli("participants", "template", str(out)).code == 0
    result = cli("participants", "import", event, str(out), "--json")
    assert result.code == 0 and result.json["added"] == 1 and result.json["rows"][0]["name"] == "Nguyễn Văn An"


def test_register_import_skips_rows_already_recorded(cli, event, tmp_path):
    rows = [
        ["TRUNG TÂM VĂN HÓA - THỂ THAO - TRUYỀN THANH HUYỆN TRẦN ĐỀ"],
        ["SỔ THEO DÕI TIN, BÀI PHÁT SÓNG NĂM 2024"],
        [],
        ["STT", "Ngày phát", "Tên tin, bài", "Thể loại", "Thời lượng (phút)", "Số lần phát", "Kênh", "Ngôn ngữ", "Chủ đề"],
        [1, datetime(2024, 3, 5), "Ngư dân Trần Đề bám biển giữ chủ quyền", "Tin", 3, 2, "Đài truyền thanh xã", "Tiếng Việt", "1"],
        [2, "12/03/2024", "Cảnh giác lừa đảo qua mạng", "Bài", "5:30", 3, "Zalo, Facebook", "Việt, Khmer", "CD4"],
        [3, "20/03/2024", "Lễ hội Oóc Om Bóc", "Phóng sự", 10, 1, "Đài truyền thanh xã", "Khmer", "2"],
        [4, "20/03/2024", "Lễ hội Oóc Om Bóc", "Phóng sự", 10, 1, "Đài truyền thanh xã", "Khmer", "2"],
        [5, "ngày 31/02", "Sai ngày", "Tin", 2, 1, None, None, None],
        [None, "Tổng cộng", None, None, 28.5, 7],
    ]
    path = str(save_xlsx(rows, tmp_path / "so.xlsx"))
    dry = cli("register", "import", path, "--dry-run", "--json")
    assert dry.code == 0, dry.err
    assert [(r["row"], r["status"]) for r in dry.json["rows"]] == [(5, "added"), (6, "added"), (7, "added"), (8, "duplicate_in_file"), (9, "rejected")]
    first = cli("register", "import", path, "--json")
    assert first.json["added"] == 3
    listed = cli("activity", "list", "--json").json
    items = listed if isinstance(listed, list) else listed.get("activities", listed.get("items", []))
    by_title = {a["title"]: a for a in items}
    assert set(by_title) >= {"Ngư dân Trần Đề bám biển giữ chủ quyền", "Cảnh giác lừa đảo qua mạng", "Lễ hội Oóc Om Bóc"}
    again = cli("register", "import", path, "--json")
    assert again.json["added"] == 0 and again.json["duplicate"] == 3
