"""``python -m desktop_app --self-test``: the end-to-end check the frozen program runs too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_self_test_passes_in_a_temporary_folder(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TTDN_DATA_DIR": str(tmp_path / "never-used")}
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--self-test"], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    steps = [line for line in result.stdout.splitlines() if line.startswith("ok ")]
    assert len(steps) == 8
    assert any("main window" in s for s in steps) and any("report PDF" in s for s in steps)
    assert not (tmp_path / "never-used").exists()  # the officer's data folder is never touched


def test_a_failing_step_is_named_and_exits_non_zero(monkeypatch, capsys):
    from desktop_app import selftest

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("desktop_app.core.reports.api.generate_report", broken)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    code = selftest.run()
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL  report PDF: RuntimeError: no fonts" in out
    assert "Tự kiểm tra thất bại ở bước: report PDF" in out


def test_a_command_first_runs_the_cli(capsys, tmp_path):
    from desktop_app.__main__ import is_cli, main

    assert is_cli(["backup", "list"], "/x/__main__.py")
    assert not is_cli(["--data-dir", "x"], "/x/__main__.py")
    assert is_cli([], "C:\\Program Files\\TTDN\\ttdn-cli.exe".replace("\\", "/"))
    assert not is_cli([], "/opt/TTDN/TTDN")
    assert main(["backup", "list", "--data-dir", str(tmp_path), "--json"]) == 0
    assert '"backups": []' in capsys.readouterr().out
