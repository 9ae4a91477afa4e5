"""A unit's activity register (an Excel "sổ theo dõi") imported as activities."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.services.participants import ImportResult
from desktop_app.core.services.register import RegisterPreview, import_register
from desktop_app.core.workspace import Workspace

__all__ = ["import_activity_register"]


def import_activity_register(
    workspace: Workspace, path: Path, *, dry_run: bool = False, sheet: str | None = None, convert_legacy: bool = False
) -> tuple[RegisterPreview, ImportResult]:
    """Add each right row of the register as an activity of this unit (``dry_run``: only
    say what would happen)."""
    with (workspace.reading() if dry_run else workspace.writing()) as session:
        return import_register(
            session, workspace.require_installation(session), path, dry_run=dry_run, sheet=sheet, convert_legacy=convert_legacy
        )
