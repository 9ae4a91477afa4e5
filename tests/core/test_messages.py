"""Every message key the code reports has a Vietnamese and an English text."""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.core.messages import MESSAGES, render

ROOT = Path(__file__).resolve().parents[2] / "desktop_app"
KEY_USE = re.compile(
    r"""(?:TtdnError|NotFound|DatabaseError|Issue|\.error|\.warn|\.reject)\(\s*(?:[a-z_]+,\s*)*["']([a-z_]+\.[a-z_]+)["']"""
)


def test_vietnamese_and_english_have_the_same_keys():
    assert set(MESSAGES["vi"]) == set(MESSAGES["en"])


def test_every_key_used_in_the_code_has_a_message():
    used = set()
    for path in ROOT.rglob("*.py"):
        used |= set(KEY_USE.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 30
    missing = sorted(k for k in used if k not in MESSAGES["vi"])
    assert missing == []


def test_fields_are_shown_with_their_labels():
    assert render("field.required", {"field": "participants[3].phone"}) == "Đại biểu thứ 3 – Số điện thoại: bắt buộc phải nhập."
    assert render("field.required", {"field": "row 7.name"}, "vi").startswith("Dòng 7 – Họ và tên")
    assert render("field.required", {"field": "title"}, "en") == "title: required."
