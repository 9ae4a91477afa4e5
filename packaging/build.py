"""Build the trimmed program folder and the baseline, compare them, run the self-test.

    python -m pip install -c constraints.txt -e ".[build]"
    python packaging/build.py [--json] [--skip-hello] [--dist DIR]

1. ``pyinstaller build.spec`` → ``dist/TTDN`` (the GUI ``TTDN`` and the CLI ``ttdn-cli``
   over one copy of the code);
2. ``pyinstaller packaging/hello.py`` (plain one-folder PySide6 "hello", nothing trimmed)
   → ``build/hello-dist/hello``, the baseline, with the same PyInstaller and Python;
3. prints both folder sizes (MiB, as ``du -sm``), their ratio, and the time each takes to
   show its first screen (offscreen, best of 3; the program with a set-up data folder);
4. runs ``TTDN --self-test`` on the built folder.

With ``--json`` the last line is ``{"bundle_mb", "hello_mb", "ratio", "self_test_ok"}``
(the line before it has the start-up times). Exit code 0 when the self-test passed.
Works the same on Windows (``packaging/build-windows.ps1`` calls it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = ".exe" if os.name == "nt" else ""


def folder_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return round(total / 2**20, 1)


def run_pyinstaller(args: list[str], log: Path) -> None:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", *args]
    with open(log, "w", encoding="utf-8") as handle:
        result = subprocess.run(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        sys.stderr.write(log.read_text(encoding="utf-8", errors="replace")[-4000:])
        raise SystemExit(f"PyInstaller failed ({' '.join(args[:1])}); see {log}")


def offscreen_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    env.pop("TTDN_DATA_DIR", None)
    return env


def first_screen_s(command: list[str], env: dict[str, str], runs: int = 3) -> float | None:
    """Seconds from start to exit for a program that quits once its first screen shows
    (best of ``runs``); None when it failed or hung (then the self-test says why)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        try:
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=120)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            return None
        best = min(best, time.perf_counter() - start)
    return round(best, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="last line: JSON with the sizes, ratio and self-test result")
    parser.add_argument("--skip-hello", action="store_true", help="reuse the hello baseline already built")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the program folder goes (default dist/)")
    args = parser.parse_args(argv)

    work = ROOT / "build"
    work.mkdir(exist_ok=True)
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print

    say("Building the program (build.spec)…")
    run_pyinstaller(["build.spec", "--distpath", str(args.dist), "--workpath", str(work / "pyinstaller")], work / "build.log")
    bundle = args.dist / "TTDN"

    hello = work / "hello-dist" / "hello"
    if not (args.skip_hello and hello.is_dir()):
        say("Building the baseline (plain PySide6 hello, one folder)…")
        shutil.rmtree(hello, ignore_errors=True)
        run_pyinstaller(
            ["packaging/hello.py", "--onedir", "--name", "hello", "--distpath", str(hello.parent),
             "--workpath", str(work / "hello-work"), "--specpath", str(work)],
            work / "hello.log",
        )

    bundle_mb, hello_mb = folder_mb(bundle), folder_mb(hello)
    ratio = round(bundle_mb / hello_mb, 3)
    say(f"Program folder {bundle}: {bundle_mb} MB")
    say(f"Hello baseline {hello}: {hello_mb} MB")
    say(f"Ratio: {ratio} (goal ≤ 1.0)")

    say("Running the frozen self-test…")
    self_test = subprocess.run([str(bundle / f"ttdn-cli{EXE}"), "--self-test"], env=offscreen_env(),
                               capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=600)
    self_test_ok = self_test.returncode == 0
    say(self_test.stdout.rstrip())
    if not self_test_ok:
        say(self_test.stderr[-4000:])

    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        cli = [str(bundle / f"ttdn-cli{EXE}")]
        setup = subprocess.run([*cli, "init", "--role", "unit", "--unit", "31786", "--data-dir", str(data)],
                               env=offscreen_env(), capture_output=True)
        if setup.returncode == 0:
            timings["hello_first_screen_s"] = first_screen_s([str(hello / f"hello{EXE}"), "--quit"], offscreen_env())
            timings["first_screen_s"] = first_screen_s(
                [str(bundle / f"TTDN{EXE}"), "--data-dir", str(data), "--exit-when-shown"], offscreen_env()
            )
            if timings["first_screen_s"] and timings["hello_first_screen_s"]:
                timings["first_screen_ratio"] = round(timings["first_screen_s"] / timings["hello_first_screen_s"], 2)
            say(f"First screen: program {timings['first_screen_s']} s, hello {timings['hello_first_screen_s']} s, "
                f"ratio {timings.get('first_screen_ratio')} (goal ≤ 2)")
    if args.json:
        print(json.dumps(timings))
        print(json.dumps({"bundle_mb": bundle_mb, "hello_mb": hello_mb, "ratio": ratio, "self_test_ok": self_test_ok}))
    return 0 if self_test_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
