"""Making a report (the report package's own ``generate_report`` over the workspace) and
what the reports screen offers to choose from."""

from __future__ import annotations

from desktop_app.core.domain.periods import Period
from desktop_app.core.reports.api import KINDS, SUFFIXES, generate_report
from desktop_app.core.services.activity_list import ActivityFilter, ActivityRow, list_activities, unit_and_descendants
from desktop_app.core.workspace import Workspace

__all__ = ["KINDS", "SUFFIXES", "events_in", "generate_report"]


def events_in(workspace: Workspace, period: Period, unit_id: str | None, limit: int) -> list[ActivityRow]:
    """The events of a period (of a unit and those under it), for the attendance sheet."""
    with workspace.reading() as session:
        units = unit_and_descendants(session, unit_id) if unit_id else None
        return list_activities(session, ActivityFilter(kinds=["event"], period=period, unit_ids=units), limit=limit)
