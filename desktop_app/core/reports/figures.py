"""The figures of a report, computed once from the records and used by every output
(PDF, Word, Excel, the dashboard), so no figure is ever typed twice.

Counting rules (also printed in the reports' notes):
* products: the quantity of each product activity (1 when not given), by product type;
* broadcasts and postings: activities, and the times aired they add up to;
* events: event activities; delegates: live participants of live events;
* themes and languages: activities carrying them (an activity counts once per theme);
* an activity belongs to the period of its start date, and to the unit that recorded it —
  as that unit was on the activity's date, or rolled up into its successor (the 2025
  arrangement) when the report asks for it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import (
    Activity,
    CatalogItem,
    OrgUnit,
    Participant,
    PlanTarget,
    PlanTask,
    UnitReport,
    UnitSuccession,
    activity_language,
    activity_theme,
)
from desktop_app.core.domain.periods import Period, parse_period
from desktop_app.core.domain.text import vi_sort_key


@dataclass(frozen=True)
class Scope:
    period: Period
    unit_ids: frozenset[str] | None = None  # None: every unit
    rollup: bool = False  # count old units under their successors


@dataclass(kw_only=True)
class Tally:
    """What is counted for a unit, a task, or the whole report."""

    products: int = 0  # quantity
    product_records: int = 0
    broadcasts: int = 0
    times_aired: int = 0
    events: int = 0
    other: int = 0
    delegates: int = 0
    cost: int = 0

    @property
    def activities(self) -> int:
        return self.product_records + self.broadcasts + self.events + self.other

    def count(self, kind: str, quantity: int | None, times_aired: int | None, cost: int | None) -> None:
        """Add one activity (by its kind) to the tally."""
        self.cost += cost or 0
        if kind == "product":
            self.products += quantity or 1
            self.product_records += 1
        elif kind == "broadcast":
            self.broadcasts += 1
            self.times_aired += times_aired or 0
        elif kind == "event":
            self.events += 1
        else:
            self.other += 1


@dataclass
class UnitRow(Tally):
    unit_id: str
    name: str


@dataclass
class TaskRow(Tally):
    code: str
    name: str
    budget: int | None
    time_text: str | None = None  # as the plan words it
    lead: str | None = None  # the lead unit's name
    targets: dict[str, float] = field(default_factory=dict)  # metric -> value, targets overlapping the period
    by_product_type: dict[str, int] = field(default_factory=dict)
    by_theme: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    delegates_by_category: dict[str, int] = field(default_factory=dict)
    delegates_by_gender: dict[str, int] = field(default_factory=dict)
    delegates_by_ethnicity: dict[str, int] = field(default_factory=dict)


@dataclass
class Figures(Tally):
    scope: Scope
    by_task: list[TaskRow] = field(default_factory=list)
    unplanned: TaskRow | None = None
    by_unit: list[UnitRow] = field(default_factory=list)
    by_product_type: dict[str, int] = field(default_factory=dict)
    by_theme: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    delegates_by_category: dict[str, int] = field(default_factory=dict)
    delegates_by_gender: dict[str, int] = field(default_factory=dict)
    delegates_by_ethnicity: dict[str, int] = field(default_factory=dict)
    delegate_target: float | None = None
    notes: list[dict] = field(default_factory=list)  # difficulties and proposals by unit
    catalog_names: dict[str, dict[str, str]] = field(default_factory=dict)  # catalog -> code -> name, in catalog order


def successor_map(session: Session) -> dict[str, str]:
    """Each unit's final successor (following merges and renames to the end)."""
    direct = {p: s for p, s in session.execute(select(UnitSuccession.predecessor_id, UnitSuccession.successor_id).where(UnitSuccession.deleted.is_(False)))}
    final: dict[str, str] = {}
    for unit in direct:
        seen, current = {unit}, direct[unit]
        while current in direct and direct[current] not in seen:
            seen.add(current)
            current = direct[current]
        final[unit] = current
    return final


def compute_figures(session: Session, scope: Scope) -> Figures:
    period = scope.period
    figures = Figures(scope)
    units = {u.id: u for u in session.scalars(select(OrgUnit))}
    successors = successor_map(session) if scope.rollup else {}
    items = {i.id: i for i in session.scalars(select(CatalogItem).order_by(CatalogItem.sort_order, CatalogItem.code))}
    for item in items.values():
        figures.catalog_names.setdefault(item.catalog, {})[item.code] = item.name_vi

    def reporting_unit(unit_id: str) -> str:
        return successors.get(unit_id, unit_id)

    conditions = [Activity.deleted.is_(False), Activity.date_from >= period.start, Activity.date_from <= period.end]
    if scope.unit_ids is not None:
        conditions.append(Activity.unit_id.in_(scope.unit_ids))
    rows = session.execute(
        select(
            Activity.id,
            Activity.unit_id,
            Activity.kind,
            Activity.plan_task_id,
            Activity.product_type_id,
            Activity.quantity,
            Activity.times_aired,
            Activity.cost,
        ).where(*conditions)
    ).all()
    ids = [r.id for r in rows]
    tasks = {t.id: t for t in session.scalars(select(PlanTask).where(PlanTask.deleted.is_(False)))}
    by_task: dict[str | None, TaskRow] = {}

    def task_row(task_id: str | None) -> TaskRow:
        row = by_task.get(task_id)
        if row is None:
            task = tasks.get(task_id) if task_id else None
            row = by_task[task.id if task else None] = _task_row(task, units) if task else TaskRow("", "", None)
        return row

    task_of: dict[str, TaskRow] = {}  # activity id -> its task's row
    by_unit: dict[str, UnitRow] = {}
    product_types: Counter = Counter()
    for r in rows:
        trow = task_row(r.plan_task_id if r.plan_task_id in tasks else None)
        task_of[r.id] = trow
        unit_id = reporting_unit(r.unit_id)
        unit = units.get(unit_id)
        urow = by_unit.setdefault(unit_id, UnitRow(unit_id, unit.name if unit else unit_id))
        for tally in (figures, trow, urow):
            tally.count(r.kind, r.quantity, r.times_aired, r.cost)
        if r.kind == "product" and r.product_type_id in items:
            code = items[r.product_type_id].code
            quantity = r.quantity or 1
            product_types[code] += quantity
            trow.by_product_type[code] = trow.by_product_type.get(code, 0) + quantity
    figures.by_product_type = dict(product_types)

    def linked(link, attribute: str) -> dict[str, int]:
        counts: Counter = Counter()
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for activity_id, item_id in session.execute(
                select(link.c.activity_id, link.c.item_id).where(link.c.activity_id.in_(chunk))
            ):
                code = items[item_id].code
                counts[code] += 1
                per_task = getattr(task_of[activity_id], attribute)
                per_task[code] = per_task.get(code, 0) + 1
        return dict(counts)

    figures.by_theme = linked(activity_theme, "by_theme")
    figures.by_language = linked(activity_language, "by_language")

    # Delegates: live participants of the live events counted above.
    event_rows = {r.id: r for r in rows if r.kind == "event"}
    gender: Counter = Counter()
    ethnicity: Counter = Counter()
    category: Counter = Counter()
    event_ids = list(event_rows)
    for start in range(0, len(event_ids), 900):
        chunk = event_ids[start : start + 900]
        for activity_id, g, eth, cat in session.execute(
            select(Participant.activity_id, Participant.gender, Participant.ethnicity_id, Participant.category_id).where(
                Participant.deleted.is_(False), Participant.activity_id.in_(chunk)
            )
        ):
            keys = (g or "unknown", items[eth].code if eth in items else "unknown", items[cat].code if cat in items else "unknown")
            figures.delegates += 1
            gender[keys[0]] += 1
            ethnicity[keys[1]] += 1
            category[keys[2]] += 1
            trow = task_of[activity_id]
            trow.delegates += 1
            for counts, key in zip((trow.delegates_by_gender, trow.delegates_by_ethnicity, trow.delegates_by_category), keys):
                counts[key] = counts.get(key, 0) + 1
            by_unit[reporting_unit(event_rows[activity_id].unit_id)].delegates += 1
    figures.delegates_by_gender, figures.delegates_by_ethnicity, figures.delegates_by_category = dict(gender), dict(ethnicity), dict(category)

    target = session.scalar(select(PlanTarget.target_value).where(PlanTarget.metric == "delegates", PlanTarget.deleted.is_(False)).limit(1))
    figures.delegate_target = target
    planned = sorted((t for t in tasks.values() if _overlaps(t, period)), key=lambda t: (t.sort_order, t.code))
    figures.by_task = [task_row(t.id) for t in planned]
    for target_row in session.scalars(select(PlanTarget).where(PlanTarget.deleted.is_(False))):
        if target_row.task_id in by_task and _target_applies(target_row, period):
            targets = by_task[target_row.task_id].targets
            targets[target_row.metric] = targets.get(target_row.metric, 0) + target_row.target_value
    figures.unplanned = by_task.get(None)
    figures.by_unit = sorted(by_unit.values(), key=lambda u: vi_sort_key(u.name))

    for report in session.scalars(select(UnitReport).where(UnitReport.deleted.is_(False))):
        try:
            report_period = parse_period(report.period)
        except Exception:  # a label this version cannot read: skip it, never fail a report
            continue
        if report_period.start > period.end or report_period.end < period.start:
            continue
        if scope.unit_ids is not None and report.unit_id not in scope.unit_ids:
            continue
        unit = units.get(reporting_unit(report.unit_id))
        figures.notes.append(
            {
                "unit": unit.name if unit else report.unit_id,
                "period": report.period,
                "difficulties": report.difficulties,
                "proposals": report.proposals,
                "nothing_to_report": report.nothing_to_report,
            }
        )
    figures.notes.sort(key=lambda n: (vi_sort_key(n["unit"]), n["period"]))
    return figures


def _task_row(task: PlanTask, units: dict[str, OrgUnit]) -> TaskRow:
    lead = units.get(task.lead_unit_id) if task.lead_unit_id else None
    return TaskRow(task.code, task.name, task.budget, time_text=task.time_text, lead=lead.name if lead else None)


def _target_applies(target: PlanTarget, period: Period) -> bool:
    """A target without a period, or whose period overlaps the report's."""
    if not target.period:
        return True
    try:
        own = parse_period(target.period)
    except Exception:
        return True
    return own.start <= period.end and own.end >= period.start


def _overlaps(task: PlanTask, period: Period) -> bool:
    start = task.time_from or date.min
    end = task.time_to or date.max
    return start <= period.end and end >= period.start
