"""The command line as a new user meets it: Vietnamese words (argparse's own too) or
English with TTDN_LANG=en, names accepted where codes are, refusals that write nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop_app.cli import build_parser, main
from desktop_app.core.domain.enums import ActivityKind, ActivityStatus, Role
from desktop_app.core.messages import LABELS

ENGLISH_WORDS = ("usage:", "options:", "show this help message", "invalid choice", "error:")


def test_help_is_vietnamese_with_argparse_words_too(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("cách dùng: ttdn") and "tùy chọn:" in out and "in hướng dẫn này rồi thoát" in out
    assert not any(word in out for word in ENGLISH_WORDS)


def test_a_wrong_choice_is_explained_in_vietnamese(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["activity", "list", "--kind", "xyz"])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert "lỗi: tham số --kind: không có \"xyz\"" in err and "product (Sản phẩm)" in err
    assert not any(word in err for word in ENGLISH_WORDS)


def test_english_with_ttdn_lang(capsys, monkeypatch):
    monkeypatch.setenv("TTDN_LANG", "en")
    with pytest.raises(SystemExit):
        main(["activity", "list", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: ttdn activity list") and "options:" in out and "most activities to print" in out
    assert "số hoạt động" not in out and "tùy chọn" not in out and "cách dùng" not in out


def test_the_gui_entry_point_help_is_vietnamese():
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--help"], capture_output=True, text=True, encoding="utf-8",
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "TTDN_LANG": "vi"}, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("cách dùng: python -m desktop_app") and "tùy chọn:" in result.stdout


@pytest.mark.parametrize(("typed", "code"), [("san-pham", "product"), ("Sản phẩm", "product"), ("su kien", "event"),
                                             ("product", "product"), ("EVENT", "event"), ("hoat-dong-khac", "other")])
def test_vietnamese_names_are_accepted_where_codes_are(typed, code):
    args = build_parser().parse_args(["activity", "list", "--kind", typed])
    assert args.kind == [code]


def test_argparse_choices_come_from_the_enums():
    parser = build_parser()
    assert build_parser().parse_args(["init", "--role", "so", "--unit", "x"]).role == Role.AGGREGATOR
    for status in ActivityStatus:
        assert parser.parse_args(["activity", "list", "--status", status.value]).status == [status.value]
    for kind in ActivityKind:
        assert parser.parse_args(["activity", "list", "--kind", kind.value]).kind == [kind.value]


def test_global_options_before_or_after_the_command(tmp_path, cli):
    first = main(["--data-dir", str(tmp_path / "a"), "--json", "init", "--role", "unit", "--unit", "31786"])
    assert first == 0 and (tmp_path / "a" / "ttdn.sqlite3").exists()
    args = build_parser().parse_args(["--data-dir", "D", "--json", "info"])
    assert args.data_dir == "D" and args.json is True
    args = build_parser().parse_args(["info", "--data-dir", "D", "--json"])
    assert args.data_dir == "D" and args.json is True
    assert build_parser().parse_args(["info"]).json is False


def test_a_refused_init_leaves_no_database(tmp_path, capsys):
    folder = tmp_path / "new"
    assert main(["init", "--role", "unit", "--unit", "99999", "--data-dir", str(folder)]) == 1
    assert "99999" in capsys.readouterr().err
    assert not folder.exists()
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "note.txt").write_text("mine")
    assert main(["init", "--role", "unit", "--unit", "99999", "--data-dir", str(existing)]) == 1
    assert sorted(p.name for p in existing.iterdir()) == ["note.txt"]


def test_info_on_a_new_folder_creates_nothing_and_says_what_to_do(tmp_path, capsys):
    folder = tmp_path / "new"
    assert main(["info", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "chưa được thiết lập" in out and "ttdn init" in out
    assert not folder.exists()


def test_info_prints_words_not_keys(cli, unit):
    out = cli("info").out
    assert "Vai trò:" in out and "đơn vị" in out and "Đã thiết lập:" in out and "có" in out
    assert "initialised" not in out and "True" not in out and "role: unit" not in out


def test_the_role_is_shown_in_vietnamese_at_init(cli):
    out = cli("init", "--role", "aggregator", "--unit", "STTTT").out
    assert "vai trò Sở (tổng hợp)" in out and "aggregator" not in out


def test_importing_a_file_that_does_not_exist_says_so(cli, unit, tmp_path):
    missing = tmp_path / "goi.ttdn"
    result = cli("import", str(missing))
    assert result.code == 1 and f"Không có tệp {missing}" in result.err
    assert "đã có" not in result.out + result.err


def test_out_into_a_folder_that_does_not_exist_is_refused(cli, unit, tmp_path):
    target = tmp_path / "no-such-folder" / "so-lieu.xlsx"
    result = cli("report", "xlsx", "--period", "2024", "--out", str(target))
    assert result.code == 1 and "Không có thư mục" in result.err
    assert not target.parent.exists()


def test_os_errors_are_words_with_the_path(cli, unit, tmp_path):
    result = cli("activity", "add", str(tmp_path / "khong-co.json"))
    assert result.code == 1 and "khong-co.json" in result.err and "không có tệp hoặc thư mục này" in result.err
    assert "Errno" not in result.err and "No such file" not in result.err


def test_units_search_lists_the_district_and_its_communes(cli):
    found = cli("units", "--search", "vinh chau", "--json").json
    codes = {u["code"] for u in found}
    assert "950" in codes and {"31783", "31786", "31810"} <= codes  # Vĩnh Châu, Phường 1, Hòa Đông, Lai Hòa


def test_a_closed_pipe_ends_quietly(tmp_path):
    command = [sys.executable, "-m", "desktop_app.cli", "units", "--data-dir", str(tmp_path / "d")]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.read(10)
    reader.stdout.close()  # as `| head -c 10` does
    err = reader.stderr.read().decode("utf-8")
    assert reader.wait() == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_every_enum_and_record_kind_has_words_in_both_languages():
    from desktop_app.core.sync.records import SPECS

    for lang in ("vi", "en"):
        table = LABELS[lang]
        assert set(table["kind"]) == {k.value for k in ActivityKind}
        assert set(table["status"]) == {s.value for s in ActivityStatus}
        assert set(table["role"]) == {r.value for r in Role}
        assert set(SPECS) <= set(table["record"])
    assert LABELS["vi"]["kind"] != LABELS["en"]["kind"]
