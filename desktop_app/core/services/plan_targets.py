"""What the province sets on the plan for the reports: the allocation of each task (for the
whole plan, or per unit), per-unit targets (products per commune per quarter, delegates a
district sends), the event(s) that carry a task out (the II.2 conference), the plan's
number and date; and the per-period "phương hướng, nhiệm vụ" text of a report.

Plan rows are the province's configuration: only an aggregator changes them, and they
reach the units in the configuration package. Every change is versioned like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity, Installation, OrgUnit, Plan, PlanTarget, PlanTask, ReportDirection
from desktop_app.core.db.types import natural_uuid, utcnow
from desktop_app.core.domain.enums import Role, TargetMetric
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.domain.text import nfc
from desktop_app.core.errors import TtdnError
from desktop_app.core.services.activities import get_activity
from desktop_app.core.services.units import find_unit

BUDGET = "budget"  # a plan target's metric that is an allocation (VND), not a figure to reach
UNIT_METRICS = tuple(m.value for m in TargetMetric)
MAX_AMOUNT = 10**13  # VND
MAX_DIRECTION = 20_000


@dataclass(frozen=True)
class AllocationRow:
    task_code: str
    task_name: str
    unit: str | None  # None: the task's allocation for the whole plan
    period: str | None
    amount: int


def _require_province(installation: Installation) -> None:
    if installation.role != Role.AGGREGATOR:
        raise TtdnError("plan.province_only")


def plan_for_year(session: Session, year: int | None = None) -> Plan:
    query = select(Plan).where(Plan.deleted.is_(False)).order_by(Plan.year.desc())
    if year is not None:
        query = query.where(Plan.year == year)
    plan = session.scalars(query).first()
    if plan is None:
        raise TtdnError("plan.missing")
    return plan


def find_task(session: Session, code: str, year: int | None = None) -> PlanTask:
    plan = plan_for_year(session, year)
    task = session.scalar(select(PlanTask).where(PlanTask.plan_id == plan.id, PlanTask.code == code.strip(), PlanTask.deleted.is_(False)))
    if task is None:
        raise TtdnError("plan.unknown_task", field="--task", value=code)
    return task


def _amount(value: int | float | str, field: str) -> int:
    if isinstance(value, str):
        text = value.strip().replace(".", "").replace(" ", "")
        if not text.isdigit():
            raise TtdnError("number.invalid", field=field, value=value)
        value = int(text)
    if isinstance(value, float):
        if not value.is_integer():
            raise TtdnError("number.not_integer", field=field, value=value)
        value = int(value)
    if value < 0:
        raise TtdnError("number.negative", field=field)
    if value > MAX_AMOUNT:
        raise TtdnError("number.too_large", field=field, max=f"{MAX_AMOUNT:,}".replace(",", "."))
    return value


def _period_label(period: str | None) -> str | None:
    return parse_period(period).label if period and period.strip() else None


def set_allocation(
    session: Session, installation: Installation, task_code: str, amount: int | str | None, *, unit: str | None = None, period: str | None = None
) -> None:
    """The allocation (VND) of a task: for the whole plan (no unit), or for one unit (and
    period). ``None`` removes it."""
    _require_province(installation)
    task = find_task(session, task_code)
    value = None if amount is None else _amount(amount, "--amount")
    if unit is None and period is None:
        task.budget = value
        session.flush()
        return
    _set_target(session, task, BUDGET, value, unit, period)


def set_unit_target(
    session: Session, installation: Installation, task_code: str, metric: str, value: float | str | None, *, unit: str, period: str | None = None
) -> None:
    """A target of one unit for a task (``None`` removes it); a unit's report measures the
    unit against these only."""
    _require_province(installation)
    if metric not in UNIT_METRICS:
        raise TtdnError("field.bad_choice", field="--metric", value=metric, options=", ".join(UNIT_METRICS))
    task = find_task(session, task_code)
    amount = None if value is None else _amount(value, "--value")
    _set_target(session, task, metric, amount, unit, period)


def _set_target(session: Session, task: PlanTask, metric: str, value: int | None, unit_ref: str | None, period: str | None) -> None:
    unit = find_unit(session, unit_ref) if unit_ref else None
    label = _period_label(period)
    target_id = natural_uuid("plan_target", task.id, metric, unit.id if unit else "", label or "")
    target = session.get(PlanTarget, target_id)
    if value is None:
        if target is not None and not target.deleted:
            target.deleted = True
            session.flush()
        return
    if target is None:
        target = PlanTarget(id=target_id, task_id=task.id, metric=metric, unit_id=unit.id if unit else None, period=label)
        session.add(target)
    target.target_value = float(value)
    target.deleted = False
    session.flush()


def allocations(session: Session) -> list[AllocationRow]:
    """Every allocation: the tasks' own, then per unit, in plan order."""
    rows: list[AllocationRow] = []
    units = {u.id: u for u in session.scalars(select(OrgUnit))}
    tasks = session.scalars(select(PlanTask).join(Plan).where(PlanTask.deleted.is_(False), Plan.deleted.is_(False)).order_by(Plan.year, PlanTask.sort_order)).all()
    for task in tasks:
        if task.budget is not None:
            rows.append(AllocationRow(task.code, task.name, None, None, task.budget))
        for target in session.scalars(select(PlanTarget).where(PlanTarget.task_id == task.id, PlanTarget.metric == BUDGET, PlanTarget.deleted.is_(False))):
            unit = units.get(target.unit_id or "")
            rows.append(AllocationRow(task.code, task.name, unit.name if unit else None, target.period, int(target.target_value)))
    return rows


def mark_task_events(session: Session, installation: Installation, task_code: str, event_refs: list[str]) -> list[str]:
    """Mark the event(s) that carry a task out (replacing earlier marks; an empty list
    clears them). Each must be a live event."""
    _require_province(installation)
    task = find_task(session, task_code)
    ids: list[str] = []
    for ref in event_refs:
        activity: Activity = get_activity(session, ref)
        if activity.deleted:
            raise TtdnError("activity.deleted", id=activity.id)
        if activity.kind != "event":
            raise TtdnError("plan.mark_not_event", title=activity.title)
        if activity.id not in ids:
            ids.append(activity.id)
    task.event_ids = ids or None
    session.flush()
    return ids


def set_plan_reference(session: Session, installation: Installation, *, number_text: str | None = None, issued_on: date | None = None, year: int | None = None) -> Plan:
    """The plan's number ("123/KH-UBND") and date, as reports cite them."""
    _require_province(installation)
    plan = plan_for_year(session, year)
    if number_text is not None:
        text = nfc(number_text.strip())
        if not any(c.isdigit() for c in text):
            raise TtdnError("plan.bad_number", value=number_text)
        plan.number = text
    if issued_on is not None:
        plan.issued_on = issued_on
    session.flush()
    return plan


# --- the direction for the next period -------------------------------------------------


def get_direction(session: Session, unit_id: str, period: str) -> str | None:
    label = parse_period(period).label
    row = session.scalar(select(ReportDirection).where(ReportDirection.unit_id == unit_id, ReportDirection.period == label))
    return row.text if row is not None else None


def save_direction(session: Session, unit_id: str, period: str, text: str | None) -> None:
    """Keep the direction text of a unit's report for a period (empty: back to the default)."""
    label = parse_period(period).label
    row = session.scalar(select(ReportDirection).where(ReportDirection.unit_id == unit_id, ReportDirection.period == label))
    clean = nfc(text.strip()) if text and text.strip() else ""
    if len(clean) > MAX_DIRECTION:
        raise TtdnError("field.too_long", field="--text", max=MAX_DIRECTION)
    if not clean:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = ReportDirection(unit_id=unit_id, period=label, text=clean)
        session.add(row)
    row.text = clean
    row.updated_at = utcnow()
    session.flush()
