"""The province's entries on the plan for the reports (allocations, per-unit targets, the
event carrying out a task, the plan's number and date) and a report's direction text for
a period; each in its own transaction. See :mod:`desktop_app.core.services.plan_targets`."""

from __future__ import annotations

from datetime import date

from desktop_app.core.domain.periods import parse_date
from desktop_app.core.services import plan_targets as core
from desktop_app.core.services.plan_targets import AllocationRow
from desktop_app.core.workspace import Workspace

__all__ = ["AllocationRow", "allocations", "direction", "mark_event", "save_direction", "set_allocation", "set_plan_reference", "set_unit_target"]


def set_allocation(workspace: Workspace, task: str, amount: int | str | None, unit: str | None = None, period: str | None = None) -> None:
    with workspace.writing() as session:
        core.set_allocation(session, workspace.require_installation(session), task, amount, unit=unit, period=period)


def set_unit_target(workspace: Workspace, task: str, metric: str, value: float | str | None, unit: str, period: str | None = None) -> None:
    with workspace.writing() as session:
        core.set_unit_target(session, workspace.require_installation(session), task, metric, value, unit=unit, period=period)


def mark_event(workspace: Workspace, task: str, events: list[str]) -> list[str]:
    with workspace.writing() as session:
        return core.mark_task_events(session, workspace.require_installation(session), task, events)


def set_plan_reference(workspace: Workspace, number: str | None = None, issued_on: str | date | None = None) -> None:
    day = parse_date(issued_on) if isinstance(issued_on, str) else issued_on
    with workspace.writing() as session:
        core.set_plan_reference(session, workspace.require_installation(session), number_text=number, issued_on=day)


def allocations(workspace: Workspace) -> list[AllocationRow]:
    with workspace.reading() as session:
        return core.allocations(session)


def direction(workspace: Workspace, period: str, unit_id: str | None = None) -> str | None:
    """The direction text kept for a period (of this installation's unit by default)."""
    with workspace.reading() as session:
        unit_id = unit_id or workspace.require_installation(session).unit_id
        return core.get_direction(session, unit_id, period)


def save_direction(workspace: Workspace, period: str, text: str | None, unit_id: str | None = None) -> None:
    with workspace.db.transaction() as session:
        unit_id = unit_id or workspace.require_installation(session).unit_id
        core.save_direction(session, unit_id, period, text)


def plan_choices(workspace: Workspace) -> dict:
    """What the plan editor offers: the newest plan's task codes, the units, the events of
    the plan's period (by date) and, per task, the events marked now."""
    from sqlalchemy import select

    from desktop_app.core.db.models import Activity
    from desktop_app.core.services.units import display_name, list_units

    with workspace.reading() as session:
        plan = core.plan_for_year(session)
        tasks = [(t.code, t.name) for t in plan.tasks if not t.deleted]
        marked = {t.code: list(t.event_ids or []) for t in plan.tasks if not t.deleted}
        units = [(display_name(session, u), u.code) for u in list_units(session)]
        events = [
            (f"{a.date_from:%d/%m/%Y} – {a.title}", a.id)
            for a in session.scalars(
                select(Activity)
                .where(Activity.kind == "event", Activity.deleted.is_(False), Activity.date_from >= plan.start_date, Activity.date_from <= plan.end_date)
                .order_by(Activity.date_from, Activity.id)
            )
        ]
    return {"tasks": tasks, "marked": marked, "units": units, "events": events}
