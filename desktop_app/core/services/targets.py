"""Participant counts of an event, and the plan's delegate target against what was recorded.

Only live rows count: a tombstoned participant, or any participant of a tombstoned event,
is not counted; nor is one marked absent. A person listed twice on one event (the same
folded name and birth year, see ``person_key``) counts once. Gender is keyed by its stored value ("male", "female", "other"),
ethnicity and category by catalog code; a missing value is "unknown" (as in ``stats``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity, CatalogItem, Participant, Plan, PlanTarget, PlanTask
from desktop_app.core.domain.enums import ActivityKind, TargetMetric
from desktop_app.core.services.stats import UNKNOWN


@dataclass(frozen=True)
class Breakdown:
    """How many participants, by gender, ethnicity and category."""

    total: int = 0
    by_gender: dict[str, int] = field(default_factory=dict)
    by_ethnicity: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TargetProgress:
    """Delegates recorded for a plan task against the plan's target (None: no target set)."""

    task_code: str
    target: int | None
    count: int
    by_category: dict[str, int]
    by_gender: dict[str, int]
    by_ethnicity: dict[str, int]
    year: int | None = None


def _breakdown(session: Session, events) -> Breakdown:
    """Counts of the live participants of the live events selected by ``events`` (ids)."""
    live = [Participant.deleted.is_(False), Participant.absent.is_(False), Participant.activity_id.in_(events)]
    people = func.count(distinct(Participant.activity_id + "|" + Participant.person_key))

    def grouped(column) -> dict[str, int]:
        rows = session.execute(select(column, people).select_from(Participant).where(*live).group_by(column))
        return {(UNKNOWN if key is None else str(key)): int(n) for key, n in rows}

    def by_item(item_column) -> dict[str, int]:
        item = CatalogItem.__table__.alias()
        rows = session.execute(
            select(item.c.code, people)
            .select_from(Participant)
            .outerjoin(item, item.c.id == item_column)
            .where(*live)
            .group_by(item.c.code)
        )
        return {(UNKNOWN if key is None else str(key)): int(n) for key, n in rows}

    return Breakdown(
        total=session.scalar(select(people).select_from(Participant).where(*live)) or 0,
        by_gender=grouped(Participant.gender),
        by_ethnicity=by_item(Participant.ethnicity_id),
        by_category=by_item(Participant.category_id),
    )


def participant_counts(session: Session, event_id: str) -> dict[str, Any]:
    """``{"total", "by_gender", "by_ethnicity", "by_category"}`` of one event (zero if it is deleted)."""
    events = select(Activity.id).where(Activity.id == event_id, Activity.deleted.is_(False))
    counts = _breakdown(session, events)
    return {
        "total": counts.total,
        "by_gender": counts.by_gender,
        "by_ethnicity": counts.by_ethnicity,
        "by_category": counts.by_category,
    }


def _task_ids(session: Session, task_code: str, year: int | None) -> tuple[list[str], int | None]:
    """The live tasks with ``task_code`` in the plan of ``year`` (default: the newest plan having it)."""
    rows = session.execute(
        select(PlanTask.id, Plan.year)
        .join(Plan, Plan.id == PlanTask.plan_id)
        .where(PlanTask.code == task_code, PlanTask.deleted.is_(False), Plan.deleted.is_(False))
    ).all()
    if year is None and rows:
        year = max(y for _, y in rows)
    return [task_id for task_id, y in rows if y == year], year


def delegate_progress(session: Session, task_code: str = "II.2", year: int | None = None) -> TargetProgress:
    """Participants of live events linked to the plan task ``task_code`` (or, once marked,
    of the events carrying it out) against its "delegates" target. A target limited to one category or unit is not the task's total
    and is left out; several whole-task targets add up."""
    task_ids, year = _task_ids(session, task_code, year)
    target = session.scalar(
        select(func.sum(PlanTarget.target_value)).where(
            PlanTarget.task_id.in_(task_ids),
            PlanTarget.metric == TargetMetric.DELEGATES.value,
            PlanTarget.deleted.is_(False),
            PlanTarget.category_id.is_(None),
            PlanTarget.unit_id.is_(None),
        )
    )
    # Once the province marked the event(s) carrying the task out (the II.2 conference),
    # only they count towards the target; other trainings filed under the task do not.
    marked = [e for ids in session.scalars(select(PlanTask.event_ids).where(PlanTask.id.in_(task_ids))) for e in (ids or [])]
    events = select(Activity.id).where(
        Activity.id.in_(marked) if marked else Activity.plan_task_id.in_(task_ids),
        Activity.kind == ActivityKind.EVENT.value,
        Activity.deleted.is_(False),
    )
    counts = _breakdown(session, events)
    return TargetProgress(
        task_code=task_code,
        target=int(target) if target is not None else None,
        count=counts.total,
        by_category=counts.by_category,
        by_gender=counts.by_gender,
        by_ethnicity=counts.by_ethnicity,
        year=year,
    )
