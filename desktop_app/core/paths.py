"""Where the program's files are: its resources and the user's data folder.

Data folder, first match wins:
1. ``--data-dir`` given on the command line;
2. the ``TTDN_DATA_DIR`` environment variable;
3. portable mode: a ``data`` folder beside the program (the .exe, or the source tree);
4. the per-user data directory (on Windows ``%LOCALAPPDATA%\\TTDN``).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "TTDN"
DATA_DIR_ENV = "TTDN_DATA_DIR"
RESOURCES_ENV = "TTDN_RESOURCES"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def program_dir() -> Path:
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", program_dir())) / "resources"
    return program_dir() / "resources"


@dataclass(frozen=True)
class DataLocation:
    path: Path
    source: str  # option | environment | portable | user


def resolve_data_dir(option: str | os.PathLike[str] | None = None, environ=os.environ) -> DataLocation:
    if option:
        return DataLocation(Path(option).expanduser().resolve(), "option")
    env = environ.get(DATA_DIR_ENV)
    if env:
        return DataLocation(Path(env).expanduser().resolve(), "environment")
    portable = program_dir() / "data"
    if portable.is_dir():
        return DataLocation(portable.resolve(), "portable")
    return DataLocation(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False)), "user")


def is_network_path(path: Path) -> bool:
    """True when ``path`` is on a network share, where SQLite's WAL mode is unsafe."""
    text = str(path)
    if os.name == "nt":
        if text.startswith("\\\\"):
            return True
        try:
            import ctypes

            drive = os.path.splitdrive(os.path.abspath(text))[0] + "\\"
            DRIVE_REMOTE = 4
            return ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE  # type: ignore[attr-defined]
        except (AttributeError, OSError):
            return False
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    resolved = str(path.resolve())
    best = ("", "")
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and (resolved == parts[1] or resolved.startswith(parts[1].rstrip("/") + "/")):
            if len(parts[1]) > len(best[0]):
                best = (parts[1], parts[2])
    return best[1] in {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p"}
