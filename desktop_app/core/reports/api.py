"""One entry point for the CLI and the GUI: ``generate_report(workspace, kind, period, out)``.

Kinds: ``periodic-pdf`` and ``periodic-docx`` (the province's periodic results report, or a
unit's when ``unit`` is given; at a unit installation always its own), ``unit-pdf`` (a
unit's report, ``unit`` required), ``attendance`` (an event's attendance sheet, ``event``
required, no period), ``xlsx`` (the workbook) and ``bundle`` (the ministry's product bundle:
a folder, or a zip when ``out`` ends in .zip). Bad input raises :class:`TtdnError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity, Installation, OrgUnit
from desktop_app.core.domain.enums import Role
from desktop_app.core.domain.periods import Period, parse_period
from desktop_app.core.errors import TtdnError
from desktop_app.core.progress import Progress, no_progress
from desktop_app.core.reports.agency import settings_issuer, unit_issuer
from desktop_app.core.reports.figures import Figures, Scope, compute_figures, planned_tasks, successor_map
from desktop_app.core.reports.settings import ReportSettings, load_settings
from desktop_app.core.services.activity_list import unit_and_descendants
from desktop_app.core.services.ownership import get_activity
from desktop_app.core.services.units import find_unit
from desktop_app.core.workspace import Workspace

SUFFIXES = {
    "periodic-pdf": ".pdf",
    "periodic-docx": ".docx",
    "unit-pdf": ".pdf",
    "attendance": ".pdf",
    "xlsx": ".xlsx",
    "bundle": "",  # a folder, or .zip
}
KINDS = tuple(SUFFIXES)


def output_path(kind: str, out: Path) -> Path:
    """``out`` with the kind's extension added when it has none; a wrong one is refused."""
    expected = SUFFIXES[kind]
    suffix = out.suffix.lower()
    if kind == "bundle":
        return out
    if not suffix:
        return out.with_name(out.name + expected)
    if suffix != expected:
        raise TtdnError("report.bad_extension", path=str(out), expected=expected)
    return out


def report_scope(session: Session, period: Period, unit: OrgUnit | None, rollup: bool) -> Scope:
    if unit is None:
        return Scope(period, None, rollup)
    ids = set(unit_and_descendants(session, unit.id))
    if rollup:  # old units count under their successors: take those that end in this unit
        ids |= {old for old, new in successor_map(session).items() if new in ids}
    return Scope(period, frozenset(ids), rollup)


def plan_figures(
    session: Session, installation: Installation, period: Period, unit_id: str | None = None, rollup: bool = False
) -> Figures:
    """The report's figures for the dashboard, scoped as :func:`generate_report` scopes them
    (a unit installation always sees its own unit)."""
    if installation.role == Role.UNIT:
        unit_id = installation.unit_id
    unit = session.get(OrgUnit, unit_id) if unit_id else None
    return compute_figures(session, report_scope(session, period, unit, rollup))


def generate_report(
    workspace: Workspace,
    kind: str,
    period: str | Period | None,
    out: Path,
    *,
    unit: str | None = None,
    event: str | None = None,
    rollup: bool = False,
    include_personal: bool = False,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = lambda: False,
    settings: ReportSettings | None = None,
    today: date | None = None,
    standing=None,
) -> Path:
    """Produce one report file (or bundle folder) and return its path. ``standing`` gives
    the units late or silent in a period (the sync layer knows; see operations.reports)."""
    if kind not in SUFFIXES:
        raise TtdnError("report.unknown_kind", kind=kind, kinds=", ".join(KINDS))
    out = output_path(kind, Path(out))
    if kind == "attendance":
        if not event:
            raise TtdnError("report.event_required")
    elif period is None or (isinstance(period, str) and not period.strip()):
        raise TtdnError("report.period_required")
    if kind == "unit-pdf" and not unit:
        raise TtdnError("report.unit_required")
    settings = settings or load_settings(workspace.data_dir)
    today = today or date.today()
    steps = 4

    def step(n: int) -> None:
        if cancelled():
            raise TtdnError("operation.cancelled")
        progress(n, steps)

    with workspace.reading() as session:
        installation = workspace.require_installation(session)
        chosen = find_unit(session, unit) if unit else None
        if chosen is None and installation.role == "unit" and kind != "attendance":
            chosen = session.get(OrgUnit, installation.unit_id)  # a unit reports on itself
        if kind == "attendance":
            return _attendance(session, event or "", settings, out, step)
        scope = report_scope(session, period if isinstance(period, Period) else parse_period(period), chosen, rollup)
        step(0)
        if kind == "xlsx":
            from desktop_app.core.reports.xlsx_report import write_xlsx

            return write_xlsx(session, scope, out, include_personal=include_personal, progress=progress, cancelled=cancelled)
        if kind == "bundle":
            from desktop_app.core.reports.bundle import write_bundle

            return write_bundle(session, scope, workspace.db.files_dir, out, progress=progress, cancelled=cancelled)
        return _periodic(session, kind, scope, chosen, settings, today, out, step, installation.unit_id, standing)


def _periodic(session: Session, kind: str, scope: Scope, unit: OrgUnit | None, settings: ReportSettings, today: date, out: Path, step,
              own_unit_id: str, standing=None) -> Path:
    from desktop_app.core.reports.sections import build_periodic
    from desktop_app.core.services.plan_targets import get_direction

    figures = compute_figures(session, scope)
    step(1)
    issuer = unit_issuer(session, unit, settings, today) if unit is not None else settings_issuer(settings, today)
    single = unit is not None and len(figures.by_unit) <= 1
    direction = get_direction(session, unit.id if unit is not None else own_unit_id, scope.period.label)
    document = build_periodic(session, figures, settings, issuer, single_unit=single, direction=direction, standing=standing)
    step(2)
    if kind == "periodic-docx":
        from desktop_app.core.reports.charts import chart_images
        from desktop_app.core.reports.docx_report import render_docx

        render_docx(document, out, chart_images(figures))
    else:
        from desktop_app.core.reports.charts import chart_drawings
        from desktop_app.core.reports.pdf_report import render_pdf

        render_pdf(document, out, chart_drawings(figures))
    step(3)
    step(4)
    return out


@dataclass(frozen=True)
class ReportWarning:
    """Something missing that the signed report needs: shown before it is produced."""

    key: str
    params: dict[str, str]

    def message(self, lang: str = "vi") -> str:
        from desktop_app.core.messages import render

        return render(self.key, self.params, lang)


def report_warnings(
    workspace: Workspace, kind: str, period: str | Period | None, *, unit: str | None = None, settings: ReportSettings | None = None
) -> list[ReportWarning]:
    """What a periodic report (PDF or Word) would lack: the signer's name, the recipients,
    the plan's number and date, a task's allocation, the event carrying out a task with a
    delegate target. Empty for the other kinds."""
    if kind not in ("periodic-pdf", "periodic-docx", "unit-pdf") or period is None:
        return []
    from desktop_app.core.reports.sections import plan_info

    settings = settings or load_settings(workspace.data_dir)
    found: list[ReportWarning] = []
    with workspace.reading() as session:
        installation = workspace.require_installation(session)
        chosen = find_unit(session, unit) if unit else None
        if chosen is None and installation.role == "unit":
            chosen = session.get(OrgUnit, installation.unit_id)
        scope = report_scope(session, period if isinstance(period, Period) else parse_period(period), chosen, False)
        issuer = unit_issuer(session, chosen, settings, date.today()) if chosen is not None else settings_issuer(settings, date.today())
        if not issuer.signature.name.strip():
            found.append(ReportWarning("report.warn_signer", {}))
        if not issuer.recipients:
            found.append(ReportWarning("report.warn_recipients", {}))
        plan = plan_info(session, scope.period)
        if plan is not None and (not plan.has_number or plan.issued_on is None):
            found.append(ReportWarning("report.warn_plan_number", {"number": plan.number or ""}))
        for task in planned_tasks(session, scope):
            if task.budget is None:
                found.append(ReportWarning("report.warn_allocation", {"task": task.code}))
            if "delegates" in task.targets and not task.marked:
                found.append(ReportWarning("report.warn_unmarked", {"task": task.code}))
    return found


def _attendance(session: Session, ref: str, settings: ReportSettings, out: Path, step) -> Path:
    from desktop_app.core.reports.attendance import attendance_document
    from desktop_app.core.reports.pdf_report import render_pdf

    activity: Activity = get_activity(session, ref)
    if activity.deleted:
        raise TtdnError("activity.deleted", id=activity.id)
    if activity.kind != "event":
        raise TtdnError("participant.not_event", id=activity.id)
    step(1)
    document = attendance_document(session, activity, settings)
    step(2)
    render_pdf(document, out)
    step(4)
    return out
