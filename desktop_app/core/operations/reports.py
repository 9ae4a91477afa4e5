"""Making a report (the report package's own ``generate_report`` over the workspace, with
what the sync layer knows of the units filled in), what a report would lack before it is
made, and what the reports screen offers to choose from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop_app.core.domain.periods import Period
from desktop_app.core.reports import api
from desktop_app.core.reports.api import KINDS, SUFFIXES, ReportWarning
from desktop_app.core.services.activity_list import ActivityFilter, ActivityRow, list_activities, unit_and_descendants
from desktop_app.core.sync.overview import units_overview
from desktop_app.core.workspace import Workspace

__all__ = ["KINDS", "SUFFIXES", "ReportWarning", "events_in", "generate_report", "report_warnings", "units_standing"]


def units_standing(session: Session, period: Period) -> tuple[list[str], list[str]]:
    """The units whose records for the period arrived after the deadline, and those that
    have sent nothing for it and are not heard from (the units overview's rules)."""
    late, silent = [], []
    for row in units_overview(session, period):
        if row.own:
            continue
        if row.silent and not row.reported:
            silent.append(row.name)
        elif row.timely is False:
            late.append(row.name)
    return late, silent


def generate_report(workspace: Workspace, kind: str, period: str | Period | None, out: Path, **options: Any) -> Path:
    """:func:`desktop_app.core.reports.api.generate_report`, with the units' standing."""
    return api.generate_report(workspace, kind, period, out, standing=units_standing, **options)


def report_warnings(workspace: Workspace, kind: str, period: str | Period | None, **options: Any) -> list[ReportWarning]:
    """What the signed report would lack (shown before it is produced)."""
    return api.report_warnings(workspace, kind, period, **options)


def events_in(workspace: Workspace, period: Period, unit_id: str | None, limit: int) -> list[ActivityRow]:
    """The events of a period (of a unit and those under it), for the attendance sheet."""
    with workspace.reading() as session:
        units = unit_and_descendants(session, unit_id) if unit_id else None
        return list_activities(session, ActivityFilter(kinds=["event"], period=period, unit_ids=units), limit=limit)
