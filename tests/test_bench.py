"""The benchmark suite runs and speaks JSON (no times asserted: the machine decides those)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_prints_one_json_object_per_figure_asked_for():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--size", "20", "--only", "package_size,search", "--repeat", "1", "--json"],
        capture_output=True, text=True, timeout=600, check=True,
    )
    figures = json.loads(done.stdout)
    assert [f["name"] for f in figures] == ["package_size", "search"]
    size, search = figures
    assert size["subject_bytes"] > 0 and size["baseline_bytes"] > 0
    assert size["ratio"] == size["subject_bytes"] / size["baseline_bytes"]
    assert size["met"] == (size["ratio"] <= 0.8)
    assert search["subject_s"] > 0 and search["baseline_s"] > 0 and isinstance(search["met"], bool)
    assert {"goal", "ratio"} <= set(search)


def test_bench_refuses_an_unknown_figure():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--only", "nope"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2 and "unknown figure nope" in done.stderr
