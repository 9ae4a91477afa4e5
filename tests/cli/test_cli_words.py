"""Every command's help, and the words of ``ttdn stats``, in the officer's language: in
Vietnamese no English placeholder (DATA_DIR, file) nor an argument without its
explanation; in English no Vietnamese sentence."""

from __future__ import annotations

import argparse
import re

import pytest

from desktop_app.cli import build_parser

VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)
# Vietnamese words the English help quotes on purpose (names accepted as codes, titles).
QUOTED = ("sản phẩm", "đã gửi", "Bảng N", "Lưu: VT", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC")


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ("ttdn",)):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))


def arguments(parser: argparse.ArgumentParser):
    return [a for a in parser._actions if not isinstance(a, (argparse._SubParsersAction, argparse._HelpAction))]


def test_every_argument_is_explained_with_vietnamese_placeholders(monkeypatch):
    monkeypatch.setenv("TTDN_LANG", "vi")
    unexplained, english = [], []
    for path, parser in commands(build_parser()):
        for action in arguments(parser):
            if not action.help:
                unexplained.append((" ".join(path), action.dest))
        # argparse would print the argument's own name (DATA_DIR, file) where a value goes
        english += [(" ".join(path), a.dest) for a in arguments(parser) if a.nargs != 0 and a.metavar is None and a.choices is None]
    assert unexplained == [] and english == []
    usage = dict((" ".join(p), x) for p, x in commands(build_parser()))["ttdn participants import"].format_usage()
    assert "[--data-dir THƯ_MỤC]" in usage and usage.rstrip().endswith("MÃ_SỰ_KIỆN TỆP")


def test_the_english_help_has_no_vietnamese_sentences(monkeypatch):
    monkeypatch.setenv("TTDN_LANG", "en")
    found = []
    for path, parser in commands(build_parser()):
        texts = [parser.description or "", *(a.help or "" for a in parser._actions)]
        texts += [c.help or "" for a in parser._actions if isinstance(a, argparse._SubParsersAction) for c in a._choices_actions]
        texts += [str(a.metavar) for a in parser._actions if a.metavar]
        for text in texts:
            for quoted in QUOTED:
                text = text.replace(quoted, "")
            if VIETNAMESE.search(text):
                found.append((" ".join(path), text))
    assert found == []


@pytest.mark.parametrize(("lang", "words", "not_words"), [
    ("vi", ("[Hoạt động]", "Tổng số: 5", "Theo loại: Hoạt động khác=2; Sản phẩm=3", "[Đại biểu]"), ("total", "by_kind", "product=")),
    ("en", ("[Activities]", "Total: 5", "By kind: Other activity=2; Product=3"), ("Tổng", "by_kind")),
])
def test_stats_speak_the_language(cli, unit, monkeypatch, lang, words, not_words):
    import json

    for n in range(3):
        record = {"kind": "product", "title": f"Tin {n}", "date": "2024-05-02", "product_type": "TIN", "languages": ["vi"]}
        assert cli("activity", "add", stdin=json.dumps(record)).code == 0
    for n in range(2):
        assert cli("activity", "add", stdin=json.dumps({"kind": "other", "title": f"Việc {n}", "date": "2024-05-02"})).code == 0
    monkeypatch.setenv("TTDN_LANG", lang)
    out = cli("stats").out
    assert all(w in out for w in words), out
    assert not any(w in out for w in not_words), out


def test_an_activity_is_shown_in_words(cli, unit, monkeypatch):
    import json

    record = {"kind": "event", "title": "Hội nghị tuyên truyền biển đảo", "date": "2024-06-10", "place": "Hội trường xã"}
    created = json.loads(cli("activity", "add", "--json", stdin=json.dumps(record)).out)["created"][0]
    out = cli("activity", "show", created["id"][:8]).out
    for words in ("Loại hoạt động:", "Sự kiện, hội nghị", "Trạng thái:", "Nháp", "Ngày:", "10/06/2024", "Địa điểm:",
                  "Hội trường xã", "Đơn vị:", "Xã Hòa Đông (31786)", "Đã xóa:", "không", "(chưa có)"):
        assert words in out, (words, out)
    assert not any(word in out for word in ("kind:", "draft", "False", "None", "{'code'"))
    monkeypatch.setenv("TTDN_LANG", "en")
    out = cli("activity", "show", created["id"][:8]).out
    assert "Kind:" in out and "Event or meeting" in out and "Times aired:" in out and "Loại" not in out


def test_report_settings_are_shown_in_words(cli, unit):
    out = cli("report-settings", "--signer-name", "Nguyễn Văn An").out
    assert "Người ký:" in out and "Nguyễn Văn An" in out and "Nơi nhận:" in out and "signer_name" not in out
