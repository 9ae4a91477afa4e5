"""The plan and catalogs as plain rows for display (the Plan and catalogs screen)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import CatalogItem, OrgUnit, Plan, PlanTarget
from desktop_app.core.domain.enums import Catalog


@dataclass(frozen=True)
class TaskRow:
    code: str
    name: str
    lead: str
    partners: list[str]
    time: str
    budget: int | None
    products: str
    themes: list[str]


@dataclass(frozen=True)
class TargetRow:
    task_code: str
    metric: str
    value: float
    period: str | None
    description: str | None


@dataclass(frozen=True)
class PlanView:
    year: int
    title: str
    number: str | None
    legal_refs: list[str]
    funding: str | None
    tasks: list[TaskRow]
    targets: list[TargetRow]


def plan_views(session: Session) -> list[PlanView]:
    """Every live plan, newest first, with its tasks and targets."""
    units = {u.id: (u.short_name or u.name) for u in session.scalars(select(OrgUnit))}
    items = {i.id: i for i in session.scalars(select(CatalogItem))}
    views = []
    for plan in session.scalars(select(Plan).where(Plan.deleted.is_(False)).order_by(Plan.year.desc())):
        tasks = [t for t in plan.tasks if not t.deleted]
        task_rows = []
        for task in tasks:
            partners = [p.name for p in task.partners if p.name]  # the groups as the plan words them
            window = task.time_text or (
                f"{task.time_from:%d/%m/%Y} – {task.time_to:%d/%m/%Y}" if task.time_from and task.time_to else ""
            )
            task_rows.append(
                TaskRow(
                    code=task.code,
                    name=task.name,
                    lead=units.get(task.lead_unit_id, ""),
                    partners=partners,
                    time=window,
                    budget=task.budget,
                    products=task.products_text or "",
                    themes=[items[i.id].code for i in task.themes],
                )
            )
        targets = [
            TargetRow(t.task.code, t.metric, t.target_value, t.period, t.description)
            for task in tasks
            for t in session.scalars(select(PlanTarget).where(PlanTarget.task_id == task.id, PlanTarget.deleted.is_(False)))
        ]
        views.append(
            PlanView(
                plan.year,
                plan.title,
                plan.number,
                [r for r in (plan.legal_refs or "").splitlines() if r.strip()],
                plan.funding,
                task_rows,
                targets,
            )
        )
    return views


def catalog_rows(session: Session, catalog: Catalog) -> list[CatalogItem]:
    return list(
        session.scalars(
            select(CatalogItem).where(CatalogItem.catalog == catalog.value, CatalogItem.deleted.is_(False)).order_by(CatalogItem.sort_order)
        )
    )
