"""The command line holds activities to the kind rule (``domain/kinds.py``) as the form does:
a field the kind does not have is refused with a message saying what to do, and nothing is
stored."""

from __future__ import annotations

import json


def add(cli, record, *extra):
    return cli("activity", "add", *extra, stdin=json.dumps(record, ensure_ascii=False))


def test_a_broadcast_with_minutes_is_refused_in_vietnamese_and_nothing_is_stored(cli, unit):
    result = add(cli, {"kind": "broadcast", "title": "Phát lại chuyên mục biển đảo", "date": "2024-05-02",
                       "languages": ["vi"], "times_aired": 2, "minutes": 15})
    assert result.code == 1
    assert "Thời lượng (phút): hoạt động loại “Phát sóng, đăng tải” không có mục này" in result.err
    assert "chỉ loại “Sản phẩm” mới có" in result.err and "Hãy để trống mục này" in result.err
    assert cli("activity", "list", "--json").json["total"] == 0


def test_the_json_answer_carries_the_key_and_english_speaks_english(cli, unit, monkeypatch):
    record = {"kind": "other", "title": "Tuyên truyền lưu động", "date": "2024-05-02", "audience": 4000}
    error = add(cli, record, "--json").json["error"]
    [issue] = [i for i in error["issues"] if i["severity"] == "error"]
    assert (issue["key"], issue["field"]) == ("activity.field_not_for_kind", "audience")
    monkeypatch.setenv("TTDN_LANG", "en")
    result = add(cli, record)
    assert result.code == 1 and "an activity of kind “Other activity” has no such field" in result.err
    assert "không có mục này" not in result.err


def test_what_offices_record_is_accepted_and_a_kind_change_is_checked(cli, unit):
    other = add(cli, {"kind": "other", "title": "Treo băng rôn tuyên truyền", "date": "2024-05-02",
                      "cost": 1_200_000, "place": "Chợ Hòa Đông"}, "--json")
    assert other.code == 0, other.err
    created = other.json["created"][0]
    assert (created["cost"], created["place"]) == (1_200_000, "Chợ Hòa Đông")
    # an "other" activity turned into a product: its place has to go, a product type come
    changed = cli("activity", "update", created["id"][:8], stdin=json.dumps({"kind": "product", "languages": ["vi"]}))
    assert changed.code == 1
    assert "Địa điểm: hoạt động loại “Sản phẩm” không có mục này" in changed.err
    changed = cli("activity", "update", created["id"][:8], "--json", stdin=json.dumps(
        {"kind": "product", "languages": ["vi"], "place": None, "product_type": "KHAC"}))
    assert changed.code == 0, changed.err
    assert (changed.json["kind"], changed.json["place"], changed.json["cost"]) == ("product", None, 1_200_000)
