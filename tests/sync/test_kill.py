"""A process killed at any point of an import leaves the database as it was; importing
again completes."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

from desktop_app.core.db.migrate import backup
from desktop_app.core.operations.demo import generate


def _count(db) -> int:
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return conn.execute("SELECT count(*) FROM activity").fetchone()[0]


def test_killing_an_import_at_any_moment(network, tmp_path):
    unit, province = network["hoa_dong"], network["province"]
    generate(unit.ws, 1500, seed=9)
    [package] = unit.export()
    db = province.ws.db.path
    baseline = backup(db, tmp_path / "baseline", "before-import")  # registered, no data yet
    province.close()
    command = [sys.executable, "-m", "desktop_app.cli", "import", str(package), "--data-dir", str(province.ws.data_dir)]

    def restore() -> None:
        for path in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            path.unlink(missing_ok=True)
        shutil.copy(baseline, db)

    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    duration = time.perf_counter() - start
    assert _count(db) == 1500

    outcomes = []
    for fraction in (0.15, 0.4, 0.65, 0.9, 1.2):
        restore()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        count = _count(db)
        assert count in (0, 1500), count  # all or nothing, never half
        outcomes.append(count)
        again = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
        assert again.returncode == 0, again.stderr
        assert _count(db) == 1500
    assert 0 in outcomes  # the early kills really interrupted an import
    province.ws = type(province.ws).open(province.ws.data_dir)  # for the fixture's teardown
