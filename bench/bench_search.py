"""Benchmark: diacritic-insensitive search and the first page of the activity list over
100,000 activities, against a baseline measured in the same run on the same database.

Baseline: the plain SQL a naive program would run — a case-sensitive ``LIKE`` on the raw
title, which cannot match "vinh chau" to "Vĩnh Châu" at all. Our search must not cost much
more than that scan (target: ratio <= 2.0), even though it folds case, diacritics and đ.

    python bench/bench_search.py [--activities 100000] [--repeat 7]

Prints one line per measurement with the median milliseconds and the ratio to baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from desktop_app.core.domain.periods import parse_period
from desktop_app.core.services.activity_list import ActivityFilter, count_activities, list_activities
from desktop_app.core.operations.demo import generate
from desktop_app.core.operations.installation import initialise
from desktop_app.core.workspace import Workspace


def median_ms(fn, repeat: int) -> float:
    fn()  # warm the page cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--data-dir", help="reuse a data folder already filled by ttdn demo")
    args = parser.parse_args()

    tmp = None
    if args.data_dir:
        ws = Workspace.open(Path(args.data_dir))
    else:
        tmp = tempfile.TemporaryDirectory()
        ws = Workspace.open(Path(tmp.name) / "data")
        initialise(ws, "aggregator", "STTTT")
        start = time.perf_counter()
        generate(ws, args.activities, seed=1)
        print(f"demo: {args.activities} activities in {time.perf_counter() - start:.1f} s")

    raw = sqlite3.connect(ws.db.path)

    def baseline():
        raw.execute("SELECT count(*) FROM activity WHERE title LIKE '%Vĩnh Châu%'").fetchone()
        raw.execute(
            "SELECT id, title FROM activity WHERE title LIKE '%Vĩnh Châu%' ORDER BY date_from DESC LIMIT 100"
        ).fetchall()

    def search(text: str, period: str | None = None):
        def run():
            flt = ActivityFilter(search=text, period=parse_period(period) if period else None)
            with ws.reading() as session:
                count_activities(session, flt)
                list_activities(session, flt, limit=100)

        return run

    base = median_ms(baseline, args.repeat)
    print(f"baseline (raw LIKE on title, count + first 100): {base:.1f} ms")
    cases = [
        ("search 'vinh chau'", search("vinh chau")),
        ("search 'hoa dong' in 2024-Q3", search("hoa dong", "2024-Q3")),
        ("first page, no filter", search("")),
    ]
    worst = 0.0
    for label, fn in cases:
        ms = median_ms(fn, args.repeat)
        ratio = ms / base
        worst = max(worst, ratio)
        print(f"{label}: {ms:.1f} ms, ratio {ratio:.2f}")
    print(f"worst ratio {worst:.2f} (target <= 2.0): {'OK' if worst <= 2.0 else 'OVER TARGET'}")
    raw.close()
    ws.close()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
