"""Catalog look-ups: codes to items, for validation and display."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import CatalogItem, Plan, PlanTask
from desktop_app.core.domain.enums import Catalog
from desktop_app.core.domain.text import fold


@dataclass(frozen=True)
class ItemRef:
    id: str
    code: str
    name_vi: str
    name_en: str | None
    active: bool


@dataclass(frozen=True)
class TaskRef:
    id: str
    code: str
    plan_id: str
    plan_year: int
    start: object
    end: object


class CatalogIndex:
    """All catalog items and plan tasks of a database, read once."""

    def __init__(self, session: Session) -> None:
        self.by_code: dict[str, dict[str, ItemRef]] = {c.value: {} for c in Catalog}
        self.by_id: dict[str, tuple[str, ItemRef]] = {}
        for item in session.scalars(select(CatalogItem).where(CatalogItem.deleted.is_(False))):
            ref = ItemRef(item.id, item.code, item.name_vi, item.name_en, item.active)
            self.by_code.setdefault(item.catalog, {})[item.code] = ref
            self.by_id[item.id] = (item.catalog, ref)
        self.tasks: dict[str, list[TaskRef]] = {}
        self.tasks_by_id: dict[str, TaskRef] = {}
        rows = session.execute(
            select(PlanTask.id, PlanTask.code, Plan.id, Plan.year, Plan.start_date, Plan.end_date)
            .join(Plan, Plan.id == PlanTask.plan_id)
            .where(PlanTask.deleted.is_(False), Plan.deleted.is_(False))
        )
        for task_id, code, plan_id, year, start, end in rows:
            ref = TaskRef(task_id, code, plan_id, year, start, end)
            self.tasks.setdefault(code, []).append(ref)
            self.tasks_by_id[task_id] = ref

    def item(self, catalog: str, code: str) -> ItemRef | None:
        return self.by_code.get(catalog, {}).get(code)

    def code_of(self, item_id: str | None) -> str | None:
        if item_id is None:
            return None
        found = self.by_id.get(item_id)
        return found[1].code if found else None

    def find_item(self, catalog: str, text: str) -> ItemRef | None:
        """An item by code, or by its Vietnamese or English name (case-, accent-insensitive)."""
        items = self.by_code.get(catalog, {})
        if text in items:
            return items[text]
        key = fold(text)
        for ref in items.values():
            if key in (fold(ref.code), fold(ref.name_vi), fold(ref.name_en)):
                return ref
        return None

    def task_for(self, code: str, on=None) -> TaskRef | None:
        """The plan task with ``code``; where several plans have one, the plan covering ``on``."""
        candidates = self.tasks.get(code, [])
        if on is not None:
            covering = [t for t in candidates if t.start <= on <= t.end]
            if covering:
                return covering[0]
        return max(candidates, key=lambda t: t.plan_year, default=None)
