"""Benchmark: export and import of a unit's package, against a baseline measured in the
same run on the same records.

Baseline: reading the package's JSON lines and inserting them, unchecked, into a scratch
SQLite table with one executemany per table — the least any import must do. Our import
also verifies the signature and every hash, checks every record's shape, ownership and
references, decides versions, writes links, audit entries and the store. Target: import
ratio <= 15.

    python bench/bench_sync.py [--activities 20000]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from desktop_app.core.operations.demo import generate
from desktop_app.core.operations.installation import initialise
from desktop_app.core.sync.export import export_data
from desktop_app.core.sync.identity import enrolment_document, read_enrolment, register_peer
from desktop_app.core.sync.importer import import_packages
from desktop_app.core.sync.outbound import make_config
from desktop_app.core.workspace import Workspace


def baseline(package: Path, scratch: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(scratch)
    with zipfile.ZipFile(package) as zf:
        for name in zf.namelist():
            if name.endswith(".jsonl"):
                rows = [json.loads(line) for line in zf.read(name).splitlines()]
                table = name[5:-6]
                conn.execute(f"CREATE TABLE {table} (id TEXT PRIMARY KEY, body TEXT)")
                conn.executemany(f"INSERT INTO {table} VALUES (?, ?)", [(r["id"], json.dumps(r)) for r in rows])
    conn.commit()
    conn.close()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        province = Workspace.open(root / "province")
        initialise(province, "aggregator", "STTTT")
        [config] = [w.path for w in make_config(province, root / "out")]
        unit = Workspace.open(root / "unit")
        import_packages(unit, [config], confirm=lambda v: True)
        initialise(unit, "unit", "31786")
        with unit.writing() as s:
            (root / "enrol.json").write_bytes(enrolment_document(s))
        with province.writing() as s:
            register_peer(s, read_enrolment(root / "enrol.json"), confirmed=True)
        generate(unit, args.activities, seed=1)

        start = time.perf_counter()
        result = export_data(unit, root / "out" / "data", max_volume_mb=None)
        export_s = time.perf_counter() - start
        [package] = [w.path for w in result.files]
        rows = sum(result.counts.values())

        base = baseline(package, root / "scratch.sqlite3")
        start = time.perf_counter()
        report = import_packages(province, [package])
        import_s = time.perf_counter() - start
        assert report.count("new") == rows
        start = time.perf_counter()
        import_packages(province, [package])
        again_s = time.perf_counter() - start

        print(f"records: {rows} ({args.activities} activities), package {package.stat().st_size / 1e6:.1f} MB")
        print(f"export: {export_s:.2f} s ({rows / export_s:,.0f} records/s)")
        print(f"baseline (unchecked insert): {base:.2f} s")
        print(f"import: {import_s:.2f} s, ratio {import_s / base:.1f} (target <= 15): {'OK' if import_s / base <= 15 else 'OVER TARGET'}")
        print(f"import again (all unchanged): {again_s:.2f} s, ratio {again_s / base:.1f}")
        province.close()
        unit.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
