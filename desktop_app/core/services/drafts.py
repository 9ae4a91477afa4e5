"""Unsaved form contents kept on disk, so a power cut does not lose a half-typed record.

One JSON file per form in ``<data dir>/drafts/``: ``new.json`` for a new activity,
``<activity id>.json`` for an edit. Written atomically (a flushed temporary file and a
rename), so a cut during the write leaves the previous draft, never half a file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop_app.core.files import write_json_atomic

DRAFTS_DIR = "drafts"
_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class Draft:
    data: dict[str, Any]
    saved_at: datetime  # local time


def draft_path(data_dir: Path, key: str) -> Path:
    """The file of draft ``key`` ("new" or an activity id; nothing that could leave the folder)."""
    if not _KEY.match(key):
        raise ValueError(f"bad draft key: {key!r}")
    return Path(data_dir) / DRAFTS_DIR / f"{key}.json"


def save_draft(data_dir: Path, key: str, data: dict[str, Any]) -> Path:
    path = draft_path(data_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(path, {"saved_at": datetime.now().isoformat(timespec="seconds"), "data": data})
    return path


def load_draft(data_dir: Path, key: str) -> Draft | None:
    """The draft saved under ``key``, or None (none, or unreadable: a draft is only a help)."""
    try:
        raw = json.loads(draft_path(data_dir, key).read_text(encoding="utf-8"))
        data, saved_at = raw["data"], datetime.fromisoformat(raw["saved_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Draft(data, saved_at) if isinstance(data, dict) else None


def discard_draft(data_dir: Path, key: str) -> None:
    draft_path(data_dir, key).unlink(missing_ok=True)
