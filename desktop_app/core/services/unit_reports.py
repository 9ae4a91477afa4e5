"""A unit's words for a period: difficulties, proposals, or an explicit "nothing to report".

One record per unit and period, with an id derived from both, so two PCs of one unit (and
the province) meet on the same record; the province gathers them into its report."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop_app.core.db.models import Installation, UnitReport
from desktop_app.core.db.types import natural_uuid
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.domain.rules import text_limit
from desktop_app.core.domain.text import nfc
from desktop_app.core.errors import Issue, ValidationFailed

MAX_TEXT = text_limit("unit_report", "difficulties")


def unit_report_id(unit_id: str, period_label: str) -> str:
    return natural_uuid("unit_report", unit_id, period_label)


def save_unit_report(
    session: Session,
    installation: Installation,
    period: str,
    *,
    difficulties: str | None = None,
    proposals: str | None = None,
    nothing_to_report: bool = False,
) -> UnitReport:
    label = parse_period(period).label
    texts = {"difficulties": difficulties, "proposals": proposals}
    issues = [
        Issue("field.too_long", {"field": name, "max": MAX_TEXT}, name)
        for name, text in texts.items()
        if text and len(text) > MAX_TEXT
    ]
    if nothing_to_report and any((t or "").strip() for t in texts.values()):
        issues.append(Issue("unit_report.nothing_and_text", {"field": "nothing_to_report"}, "nothing_to_report"))
    if issues:
        raise ValidationFailed(issues)
    report_id = unit_report_id(installation.unit_id, label)
    report = session.get(UnitReport, report_id)
    if report is None:
        report = UnitReport(id=report_id, unit_id=installation.unit_id, period=label)
        session.add(report)
    report.difficulties = nfc(difficulties.strip()) if difficulties and difficulties.strip() else None
    report.proposals = nfc(proposals.strip()) if proposals and proposals.strip() else None
    report.nothing_to_report = nothing_to_report
    report.deleted = False
    session.flush()
    return report
