"""A unit's "difficulties and proposals" (or "nothing to report") for a period."""

from __future__ import annotations

from typing import Any

from desktop_app.core.operations._tx import changing
from desktop_app.core.services.unit_reports import save_unit_report
from desktop_app.core.workspace import Workspace


def record_difficulties(
    workspace: Workspace,
    period: str,
    *,
    difficulties: str | None = None,
    proposals: str | None = None,
    nothing_to_report: bool = False,
) -> dict[str, Any]:
    with changing(workspace) as (session, inst):
        report = save_unit_report(
            session, inst, period, difficulties=difficulties, proposals=proposals, nothing_to_report=nothing_to_report
        )
        return {
            "id": report.id,
            "period": report.period,
            "difficulties": report.difficulties,
            "proposals": report.proposals,
            "nothing_to_report": report.nothing_to_report,
        }
