"""Copying package files to a USB stick or a folder, and proving the copy is good.

A cheap USB stick can accept a write and keep garbage, and a stick pulled out too early
leaves a half-written file. Each file is written under a temporary name, flushed to the
device and renamed; then it is read back from the destination and its SHA-256 compared
with the source before the copy counts as delivered.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable

from desktop_app.core.errors import TtdnError
from desktop_app.core.files import atomic_writer, file_sha256
from desktop_app.core.progress import Progress, no_progress
from desktop_app.core.files import PARTIAL_SUFFIX
from desktop_app.core.write_errors import plain_write_error, remove_quietly

CHUNK = 1024 * 1024


def _copy_synced(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through a flushed temporary file and a rename."""
    with open(source, "rb") as src, atomic_writer(target, durable_folder=True) as dst:
        while block := src.read(CHUNK):
            dst.write(block)
        dst.flush()
        os.fsync(dst.fileno())
        _drop_cache(dst.fileno())


def _drop_cache(fd: int) -> None:
    """Forget the cached pages of a synced file, so reading it back reads the device
    (Linux; elsewhere the read-back may come from the cache)."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        try:
            advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass


def deliver(
    files: list[Path],
    target_dir: Path,
    *,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[Path]:
    """Copy ``files`` into ``target_dir`` and verify each copy; return the copies' paths.

    A copy that cannot be written raises a plain error (``file.read_only``,
    ``file.disk_full``, ``file.device_gone``, ``file.locked``, …) and one read back
    differently ``delivery.mismatch``; either way the copies made by this call are removed
    (all the files of a package or none), as are temporary files an earlier, interrupted
    delivery left in ``target_dir``."""
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise plain_write_error(exc, target_dir) from exc
    remove_stale_partials(target_dir)
    delivered: list[Path] = []
    made: list[Path] = []
    try:
        _deliver_each(files, target_dir, delivered, made, progress, cancelled)
    except BaseException:
        for path in made:
            remove_quietly(path)
        raise
    progress(len(files), len(files))
    return delivered


def _deliver_each(
    files: list[Path],
    target_dir: Path,
    delivered: list[Path],
    made: list[Path],
    progress: Progress,
    cancelled: Callable[[], bool],
) -> None:
    for done, source in enumerate(files):
        if cancelled():
            raise TtdnError("operation.cancelled")
        progress(done, len(files))
        target = target_dir / source.name
        if target.resolve() == source.resolve():
            delivered.append(target)  # already there (the destination is the source folder)
            continue
        expected = file_sha256(source)
        try:
            _copy_synced(source, target)
        except OSError as exc:
            raise plain_write_error(exc, target) from exc
        made.append(target)
        try:
            actual = file_sha256(target)
        except OSError as exc:
            raise plain_write_error(exc, target) from exc
        if actual != expected:
            raise TtdnError("delivery.mismatch", name=source.name, folder=str(target_dir))
        delivered.append(target)


def _ours(name: str) -> bool:
    """A temporary file a write of ours leaves when interrupted: ``files.atomic_writer``'s
    for a package (``.TTDN-…-xxxxxxxx.part``), or those of earlier versions of the program
    (``.ttdn-xxxxxxxx.partial``, ``TTDN-….ttdn.part``)."""
    return (
        (name.startswith(".TTDN-") and name.endswith(PARTIAL_SUFFIX))
        or (name.startswith(".ttdn-") and name.endswith(".partial"))
        or (name.startswith("TTDN-") and name.endswith(".ttdn" + PARTIAL_SUFFIX))
    )


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove temporary files an interrupted write of ours left in ``folder`` (a pulled
    stick, a killed program); anything else in the folder is left alone."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if _ours(entry.name) and entry.is_file() and not entry.is_symlink():
            remove_quietly(entry)
            if not entry.exists():
                removed.append(entry)
    return removed


def staging_folder(base: Path, keep: int = 3) -> Path:
    """A new, empty, numbered folder under ``base`` (inside the data folder) for files on
    their way out; only the newest ``keep`` earlier ones are kept. Numbered rather than
    dated: commune PC clocks are often wrong."""
    base.mkdir(parents=True, exist_ok=True)
    numbered = sorted((int(p.name), p) for p in base.iterdir() if p.is_dir() and p.name.isdigit())
    for _number, stale in numbered[: max(0, len(numbered) - keep)]:
        shutil.rmtree(stale, ignore_errors=True)
    folder = base / f"{(numbered[-1][0] if numbered else 0) + 1:04d}"
    folder.mkdir()
    return folder
