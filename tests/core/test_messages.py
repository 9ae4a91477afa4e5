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


def test_what_is_wrong_with_a_package_record_is_said_in_the_readers_language():
    """Every detail the record checks give (``records._bad``) has Vietnamese words: an
    officer reading why a package was refused sees no English in the sentence."""
    import ast
    import inspect

    from desktop_app.core.messages import labels, render
    from desktop_app.core.sync import personal, records

    details: set[str] = set()
    for module in (records, personal):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_bad" and len(node.args) == 3:
                detail = node.args[2]
                if isinstance(detail, ast.Constant):
                    details.add(detail.value)
                elif isinstance(detail, ast.JoinedStr):  # f"unknown value {value!r}"
                    details.add(detail.values[0].value.strip())
            if isinstance(node, ast.Call) and any(k.arg == "detail" for k in node.keywords):
                value = next(k.value for k in node.keywords if k.arg == "detail")
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    details.add(value.value)
    assert len(details) > 15
    assert details <= set(labels("record_problem", "vi")), details - set(labels("record_problem", "vi"))
    said = render("package.bad_record", {"table": "participant", "field": "birth_year", "detail": "integer expected"}, "vi")
    assert said == "Gói bị hỏng hoặc bị sửa: bản ghi đại biểu có trường Năm sinh không hợp lệ (phải là số nguyên)."
    assert "'Ấp 3'" in render("package.bad_record", {"table": "activity", "field": "kind", "detail": "unknown value 'Ấp 3'"}, "vi")
