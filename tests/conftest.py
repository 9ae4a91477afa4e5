"""Shared fixtures. Every scenario's databases are checked for integrity at teardown."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

# Private keys are protected by a key in the user's configuration folder (Linux): keep the
# tests' keys out of the real one. Subprocesses (the CLI tests) inherit it.
os.environ.setdefault("TTDN_KEYSTORE_DIR", tempfile.mkdtemp(prefix="ttdn-test-keystore-"))

from desktop_app.core.workspace import Workspace


def check_database_file(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check")]
    return problems


@pytest.fixture(autouse=True)
def _integrity_after_each_test(tmp_path):
    yield
    for db in tmp_path.rglob("ttdn.sqlite3"):
        with open(db, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                continue  # a test's deliberately damaged file
        problems = check_database_file(db)
        assert not problems, f"{db}: {problems}"


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def workspace(data_dir):
    ws = Workspace.open(data_dir)
    yield ws
    ws.close()


@pytest.fixture
def unit_ws(workspace):
    """A unit installation at Xã Hòa Đông (Vĩnh Châu)."""
    from desktop_app.core.operations.installation import initialise

    initialise(workspace, "unit", "31786", "Lâm Thị Hoà")
    return workspace


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys, monkeypatch, data_dir):
    """Run ``ttdn`` in-process against ``data_dir``: cli("activity", "list", "--json")."""
    from desktop_app.cli import main

    def run(*args: str, stdin: str | None = None, data: Path | None = None) -> CliResult:
        argv = [*args, "--data-dir", str(data or data_dir)]
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main(argv)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
