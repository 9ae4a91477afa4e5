"""Suggestions that save an officer typing: the product type a title names ("Tin: …"),
the plan task an event type or product type belongs to, the channels and languages a unit
usually records, and a copy of an activity for a new date (a weekly radio item).

Nothing here stores anything: the form shows the suggestion, the officer keeps or changes
it, and saving goes through the usual validation.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.core.db.models import Activity, Plan, PlanTask
from desktop_app.core.domain.enums import Catalog
from desktop_app.core.domain.text import fold
from desktop_app.core.services.activities import activity_to_dict, get_activity
from desktop_app.core.services.catalogs import CatalogIndex

# A title that starts with a product type's name and a colon: "Tin: …", "Bài: …", "Video clip - …".
_PREFIX = re.compile(r"^\s*([^:–\-]{1,40}?)\s*[:–\-]\s*\S")
USUAL_SAMPLE = 30  # the unit's latest activities of a kind that say what it usually ticks
USUAL_SHARE = 0.5  # ticked in at least this share of them
# What a copy keeps: the content and how it ran, not what belongs to one day (audience,
# participants, files, review status).
COPIED_FIELDS = (
    "kind", "title", "plan_task", "product_type", "event_type", "product", "themes", "languages", "channels",
    "place", "quantity", "copies", "minutes", "times_aired", "cost", "description",
)  # fmt: skip


@dataclass(frozen=True)
class TaskChoice:
    """A plan task as the forms offer it: "II.2 – Bồi dưỡng nghiệp vụ …"."""

    code: str
    name: str
    start: date | None
    end: date | None
    product_types: frozenset[str]  # catalog codes the plan lists for the task
    products_key: str  # the folded name and products text, to match an event type against

    @property
    def label(self) -> str:
        return f"{self.code} – {self.name}" if self.name else self.code


class Suggestions:
    """Read once when a form opens; every method is then a look-up."""

    def __init__(self, session: Session, index: CatalogIndex | None = None) -> None:
        self.index = index or CatalogIndex(session)
        tasks = session.scalars(
            select(PlanTask)
            .join(Plan, Plan.id == PlanTask.plan_id)
            .where(PlanTask.deleted.is_(False), Plan.deleted.is_(False))
            .order_by(Plan.year.desc(), PlanTask.sort_order, PlanTask.code)
            .options(selectinload(PlanTask.product_types), selectinload(PlanTask.plan))
        )
        self.tasks: list[TaskChoice] = [
            TaskChoice(
                code=t.code,
                name=t.name or "",
                start=t.time_from or t.plan.start_date,
                end=t.time_to or t.plan.end_date,
                product_types=frozenset(i.code for i in t.product_types),
                products_key=fold(f"{t.name or ''} {t.products_text or ''}"),
            )
            for t in tasks
        ]

    def task_names(self) -> dict[str, str]:
        """Each task code with its name (the newest plan's wording)."""
        names: dict[str, str] = {}
        for task in self.tasks:
            names.setdefault(task.code, task.name)
        return names

    def plan_periods(self) -> list[tuple[date, date]]:
        return sorted({(t.start, t.end) for t in self.tasks if t.start and t.end})

    def product_type_for_title(self, title: str) -> str | None:
        """The product type a title starts with: "Tin: Ngư dân …" -> TIN, "Bài: …" -> BAI."""
        match = _PREFIX.match(title or "")
        if not match:
            return None
        ref = self.index.find_item(Catalog.PRODUCT_TYPE.value, match.group(1))
        return ref.code if ref is not None and ref.active else None

    def _one_task(self, candidates: list[TaskChoice], on: date | None) -> str | None:
        if on is not None:
            covering = [t for t in candidates if t.start is None or t.end is None or t.start <= on <= t.end]
            candidates = covering or candidates
        codes = {t.code for t in candidates}
        return codes.pop() if len(codes) == 1 else None

    def task_for_product_type(self, code: str | None, on: date | None = None) -> str | None:
        """The one task whose plan lists this product type (II.1 for a news item)."""
        if not code:
            return None
        return self._one_task([t for t in self.tasks if code in t.product_types], on)

    def task_for_event_type(self, code: str | None, on: date | None = None) -> str | None:
        """The one task whose plan words name this kind of event: "Hội nghị tập huấn, bồi
        dưỡng nghiệp vụ" is what task II.2 of the 2024 plan is about."""
        ref = self.index.item(Catalog.EVENT_TYPE.value, code) if code else None
        if ref is None:
            return None
        head = fold(ref.name_vi.split(",")[0])  # "hoi nghi tap huan"
        if len(head) < 6:
            return None
        return self._one_task([t for t in self.tasks if head in t.products_key], on)


def usual_choices(session: Session, unit_id: str, kind: str, index: CatalogIndex | None = None) -> dict[str, list[str]]:
    """The channels and languages the unit ticks in most of its latest activities of
    ``kind`` (a commune radio's "Truyền thanh xã", "Tiếng Việt" and "Khmer"), as codes."""
    recent = list(
        session.scalars(
            select(Activity)
            .where(Activity.unit_id == unit_id, Activity.kind == kind, Activity.deleted.is_(False))
            .order_by(Activity.date_from.desc(), Activity.created_at.desc())
            .limit(USUAL_SAMPLE)
            .options(selectinload(Activity.channels), selectinload(Activity.languages))
        )
    )
    usual: dict[str, list[str]] = {}
    for field in ("channels", "languages"):
        counts = Counter(item.code for activity in recent for item in getattr(activity, field))
        usual[field] = sorted(code for code, n in counts.items() if n >= max(1, USUAL_SHARE * len(recent)))
    return usual


def copy_for_new_date(
    session: Session, activity_id: str, day: date | None = None, index: CatalogIndex | None = None
) -> dict[str, Any]:
    """The JSON of a new activity like ``activity_id`` on ``day`` (default: a week after
    it, the rhythm of a weekly programme), a draft, without its audience, participants
    and files. A range keeps its length. Nothing is stored."""
    source = get_activity(session, activity_id)
    stored = activity_to_dict(session, source, index)
    day = day or source.date_from + timedelta(days=7)
    data = {name: stored[name] for name in COPIED_FIELDS}
    data["date"] = day.isoformat()
    data["date_to"] = (day + (source.date_to - source.date_from)).isoformat() if source.date_to else None
    data["status"] = "draft"
    return data
