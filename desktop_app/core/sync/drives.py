"""Removable drives (USB sticks) plugged in now, offered as destinations for packages.

Best effort on every platform: a drive that cannot be inspected is left out, and when the
system cannot list drives at all (an OSError) the list is empty, with a warning logged
(the user can always choose a folder). Anything else is a bug and is raised, not hidden.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)

LINUX_ROOTS = ("/media/", "/run/media/", "/mnt/")
PSEUDO_FILESYSTEMS = {"tmpfs", "devtmpfs", "proc", "sysfs", "overlay", "autofs", "squashfs", "cgroup", "cgroup2", "fuse.portal"}
DRIVE_REMOVABLE = 2


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str
    free_bytes: int


def removable_drives(mounts_file: Path = Path("/proc/mounts")) -> list[Drive]:
    """The removable drives mounted now; ``[]`` when none or when the system cannot list
    them (logged as a warning)."""
    try:
        if sys.platform == "win32":
            return _windows_drives()
        if sys.platform == "darwin":
            return _mac_drives(Path("/Volumes"))
        return linux_drives(mounts_file.read_text(encoding="utf-8", errors="replace"))
    except OSError as exc:  # a list of suggestions must never stop the program
        log.warning("cannot list removable drives: %s", exc)
        return []


def _free_bytes(path: str, statvfs: Callable[[str], os.statvfs_result] | None = None) -> int | None:
    try:
        st = (statvfs or os.statvfs)(path)
    except OSError:
        return None
    return st.f_bavail * st.f_frsize


def _unescape_mount(text: str) -> str:
    """/proc/mounts writes spaces, tabs, newlines and backslashes as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        text = text.replace(code, char)
    return text


def linux_drives(mounts: str, statvfs: Callable[[str], os.statvfs_result] | None = None) -> list[Drive]:
    """Drives mounted under /media, /run/media or /mnt, from the text of /proc/mounts."""
    drives: list[Drive] = []
    seen: set[str] = set()
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point, fs_type = _unescape_mount(parts[1]), parts[2]
        if fs_type in PSEUDO_FILESYSTEMS or not mount_point.startswith(LINUX_ROOTS) or mount_point in seen:
            continue
        free = _free_bytes(mount_point, statvfs)
        if free is None:
            continue
        seen.add(mount_point)
        drives.append(Drive(Path(mount_point), Path(mount_point).name, free))
    return drives


def _mac_drives(volumes: Path) -> list[Drive]:
    drives = []
    for entry in sorted(volumes.iterdir()):
        if entry.is_symlink() or not entry.is_dir():  # the start-up disk is a link to /
            continue
        free = _free_bytes(str(entry))
        if free is not None:
            drives.append(Drive(entry, entry.name, free))
    return drives


def _windows_drives() -> list[Drive]:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    drives = []
    for index in range(26):
        if not mask & (1 << index):
            continue
        root = f"{chr(ord('A') + index)}:\\"
        if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != DRIVE_REMOVABLE:
            continue
        label = ctypes.create_unicode_buffer(261)
        if not kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), label, 261, None, None, None, None, 0):
            continue  # an empty card reader slot
        free = ctypes.c_ulonglong(0)
        if not kernel32.GetDiskFreeSpaceExW(ctypes.c_wchar_p(root), ctypes.byref(free), None, None):
            continue
        drives.append(Drive(Path(root), label.value or root[:2], free.value))
    return drives
