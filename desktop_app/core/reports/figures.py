"""The figures of a report, computed once from the records and used by every output
(PDF, Word, Excel, the dashboard), so no figure is ever typed twice.

Counting rules (also printed in the reports' notes):
* what counts: activities sent (or accepted) and not returned for correction —
  :mod:`desktop_app.core.services.counting`, the one rule of every report;
* products: the quantity of each product activity (1 when not given), by product type;
* broadcasts and postings: activities, and the times aired they add up to; a broadcast of
  a plan product belongs to the product's task when it names none of its own;
* events: event activities; delegates: live participants of counted events. A task's
  delegate target counts only the events the province marked as carrying the task out
  (the II.2 conference); other trainings are listed as such;
* themes, languages and channels: activities carrying them (once per theme);
* an activity belongs to the period of its start date, and to the unit that recorded it —
  as that unit was on the activity's date, or rolled up into its successor (the 2025
  arrangement) when the report asks for it;
* targets and allocations: a report of the whole province measures against the plan's own
  targets (those of no unit); a unit's report only against the targets set for its units.

Sums are computed by the database (GROUP BY); Python only folds the grouped rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import case, func, literal, select, union_all
from sqlalchemy.orm import Session, aliased

from desktop_app.core.db.models import (
    Activity,
    Attachment,
    CatalogItem,
    OrgUnit,
    Participant,
    PlanTarget,
    PlanTask,
    UnitReport,
    UnitSuccession,
    activity_channel,
    activity_language,
    activity_theme,
)
from desktop_app.core.db.dialect import scan_column
from desktop_app.core.domain.periods import Period, parse_period
from desktop_app.core.domain.text import vi_sort_key
from desktop_app.core.services.counting import COUNTED, DRAFT, counted, counting_state, delegate_key, first_listing, present_participant
from desktop_app.core.services.plan_targets import BUDGET


# The activities' links to catalog items, by the figure they make (Figures and TaskRow attributes).
LINKS = (("by_theme", activity_theme), ("by_language", activity_language), ("by_channel", activity_channel))


@dataclass(frozen=True)
class Scope:
    period: Period
    unit_ids: frozenset[str] | None = None  # None: every unit (the province's report)
    rollup: bool = False  # count old units under their successors


@dataclass(kw_only=True)
class Tally:
    """What is counted for a unit, a task, or the whole report."""

    products: int = 0  # quantity
    product_records: int = 0
    copies: int = 0  # printed copies (leaflets)
    minutes: float = 0.0  # length of the products (programmes, clips)
    broadcasts: int = 0
    times_aired: int = 0
    audience: int = 0  # reach, where known
    events: int = 0
    other: int = 0
    delegates: int = 0
    cost: int = 0

    @property
    def activities(self) -> int:
        return self.product_records + self.broadcasts + self.events + self.other

    def add(self, kind: str, records: int, quantity: int, aired: int, cost: int, copies: int, minutes: float, audience: int) -> None:
        """Add ``records`` activities of one kind (their summed fields) to the tally."""
        self.cost += cost
        self.copies += copies
        self.minutes += minutes
        self.audience += audience
        if kind == "product":
            self.products += quantity
            self.product_records += records
        elif kind == "broadcast":
            self.broadcasts += records
            self.times_aired += aired
        elif kind == "event":
            self.events += records
        else:
            self.other += records


@dataclass(frozen=True)
class EventRow:
    """An event of the period: the one(s) carrying a task out, or another training."""

    activity_id: str
    title: str
    date_from: date
    unit: str
    delegates: int


@dataclass(frozen=True, slots=True)  # a year's appendix holds tens of thousands
class ProductRow:
    """A product of the period, as the appendix and the ministry's bundle list it."""

    activity_id: str
    date_from: date
    unit_id: str
    unit: str
    unit_code: str
    product_type: str  # code
    title: str
    languages: tuple[str, ...]  # codes
    channels: tuple[str, ...]  # codes
    themes: tuple[str, ...]  # codes
    quantity: int | None
    copies: int | None
    minutes: float | None
    task_code: str
    files: int  # attachments recorded


@dataclass
class UnitRow(Tally):
    unit_id: str
    name: str


@dataclass
class TaskRow(Tally):
    code: str
    name: str
    budget: int | None  # the allocation this report measures against (None: not entered)
    time_text: str | None = None  # as the plan words it
    lead: str | None = None  # the lead unit's name
    targets: dict[str, float] = field(default_factory=dict)  # metric -> value, targets overlapping the period
    by_product_type: dict[str, int] = field(default_factory=dict)
    by_theme: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_unit: dict[str, int] = field(default_factory=dict)  # unit name -> products (who produced what)
    delegates_by_category: dict[str, int] = field(default_factory=dict)  # of the marked events
    delegates_by_gender: dict[str, int] = field(default_factory=dict)
    delegates_by_ethnicity: dict[str, int] = field(default_factory=dict)
    marked: bool = False  # the province marked the event(s) carrying the task out
    target_events: list[EventRow] = field(default_factory=list)
    other_events: list[EventRow] = field(default_factory=list)
    target_delegates: int = 0  # delegates of the marked events (for a unit: those it sent)

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget - self.cost

    def actual(self, metric: str) -> float:
        """What the task achieved, in a target's metric."""
        return {
            "products": self.products,
            "events": len(self.target_events) if self.marked else self.events,
            "delegates": self.target_delegates,
            "broadcasts": self.times_aired,
            "cost": self.cost,
        }.get(metric, 0)


@dataclass
class Figures(Tally):
    scope: Scope
    by_task: list[TaskRow] = field(default_factory=list)
    unplanned: TaskRow | None = None
    by_unit: list[UnitRow] = field(default_factory=list)
    by_product_type: dict[str, int] = field(default_factory=dict)
    by_theme: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    delegates_by_category: dict[str, int] = field(default_factory=dict)
    delegates_by_gender: dict[str, int] = field(default_factory=dict)
    delegates_by_ethnicity: dict[str, int] = field(default_factory=dict)
    delegate_target: float | None = None  # the target measured by this report (None for a unit without one)
    drafts: int = 0  # not counted: drafts in scope
    returned: int = 0  # not counted: returned for correction
    notes: list[dict] = field(default_factory=list)  # difficulties and proposals by unit
    catalog_names: dict[str, dict[str, str]] = field(default_factory=dict)  # catalog -> code -> name, in catalog order

    @property
    def allocated(self) -> int | None:
        budgets = [t.budget for t in self.by_task if t.budget is not None]
        return sum(budgets) if budgets else None

    @property
    def planned_cost(self) -> int:
        return sum(t.cost for t in self.by_task)


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


def scope_conditions(scope: Scope, activity=Activity, session: Session | None = None) -> list:
    """The counted activities of the scope (the period by start date, the units). With
    ``session``, written the way the database reads them fastest (see :func:`scope_share`);
    the rows are the same."""
    return [counted(activity, _column(scope, activity.deleted, session)), *_window(scope, activity, session)]


def scope_live(scope: Scope, activity=Activity, session: Session | None = None) -> list:
    """Every live activity of the scope, counted or not (drafts, returned records)."""
    return [_column(scope, activity.deleted, session).is_(False), *_window(scope, activity, session)]


def scope_day(scope: Scope, session: Session, activity=Activity):
    """The start date as :func:`scope_conditions` reads it with ``session``: to order the
    scope's rows by it without reading them through the date index when the scope is wide."""
    return _column(scope, activity.date_from, session)


def _window(scope: Scope, activity, session: Session | None) -> list:
    day = _column(scope, activity.date_from, session)
    conditions = [day >= scope.period.start, day <= scope.period.end]
    if scope.unit_ids is not None:
        conditions.append(activity.unit_id.in_(scope.unit_ids))
    return conditions


def _column(scope: Scope, column, session: Session | None):
    """A column of the scope's conditions: read without an index when the scope holds much
    of the table (a year's report), through one for a small part (a month)."""
    return column if session is None else scan_column(session, column, lambda: scope_share(session, scope))


def scope_share(session: Session, scope: Scope) -> float:
    """The part of all activity rows that the scope's period and units hold (two counts
    over indexes, kept for the session): a report of a year reads most of the table, a
    month's report a small part of it."""
    shares = session.info.setdefault("report_scope_share", {})
    key = (scope.period.start, scope.period.end, scope.unit_ids)
    if key not in shares:
        total = session.scalar(select(func.count()).select_from(Activity)) or 0
        inside = session.scalar(select(func.count()).select_from(Activity).where(*_window(scope, Activity, None))) or 0
        shares[key] = inside / total if total else 0.0
    return shares[key]


def _effective_task(marked: dict[str, str]):
    """An activity's task: the task an event was marked as carrying out, else its own, or
    (a broadcast) the task of the product it airs."""
    aired = aliased(Activity)
    column = func.coalesce(Activity.plan_task_id, aired.plan_task_id)
    if marked:
        column = case(marked, value=Activity.id, else_=column)
    return aired, column


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

    def unit_name(unit_id: str) -> str:
        unit = units.get(unit_id)
        return unit.name if unit else unit_id

    conditions = scope_conditions(scope, session=session)
    tasks = {t.id: t for t in session.scalars(select(PlanTask).where(PlanTask.deleted.is_(False)))}
    marked = {e: t.id for t in tasks.values() for e in (t.event_ids or [])}
    aired, task_column = _effective_task(marked)
    by_task: dict[str | None, TaskRow] = {}

    def task_row(task_id: str | None) -> TaskRow:
        key = task_id if task_id in tasks else None
        row = by_task.get(key)
        if row is None:
            row = by_task[key] = _task_row(tasks[key], units) if key else TaskRow("", "", None)
        return row

    by_unit: dict[str, UnitRow] = {}
    product_types: Counter = Counter()
    state = counting_state()
    grouped = session.execute(
        select(
            state,
            Activity.unit_id,
            task_column,
            Activity.kind,
            Activity.product_type_id,
            func.count(),
            func.sum(func.coalesce(Activity.quantity, 1)),
            func.sum(func.coalesce(Activity.times_aired, 0)),
            func.sum(func.coalesce(Activity.cost, 0)),
            func.sum(func.coalesce(Activity.copies, 0)),
            func.sum(func.coalesce(Activity.minutes, 0.0)),
            func.sum(func.coalesce(Activity.audience, 0)),
        )
        .select_from(Activity)
        .outerjoin(aired, aired.id == Activity.product_id)
        .where(*scope_live(scope, session=session))  # drafts and returned records are counted apart in the same pass
        .group_by(state, Activity.unit_id, task_column, Activity.kind, Activity.product_type_id)
    )
    for counting, unit_id, task_id, kind, type_id, n, quantity, times, cost, copies, minutes, audience in grouped:
        if counting != COUNTED:
            if counting == DRAFT:
                figures.drafts += n
            else:
                figures.returned += n
            continue
        trow = task_row(task_id)
        unit_id = reporting_unit(unit_id)
        urow = by_unit.setdefault(unit_id, UnitRow(unit_id, unit_name(unit_id)))
        values = (kind, int(n), int(quantity or 0), int(times or 0), int(cost or 0), int(copies or 0), float(minutes or 0), int(audience or 0))
        for tally in (figures, trow, urow):
            tally.add(*values)
        if kind == "product":
            trow.by_unit[urow.name] = trow.by_unit.get(urow.name, 0) + int(quantity or 0)
            if type_id in items:
                code = items[type_id].code
                product_types[code] += int(quantity or 0)
                trow.by_product_type[code] = trow.by_product_type.get(code, 0) + int(quantity or 0)
    figures.by_product_type = dict(product_types)

    # Themes, languages, channels: the counted activities (with their task) read once into a
    # common table expression, which each link table joins (one statement).
    scoped = (
        select(Activity.id.label("id"), task_column.label("task"))
        .select_from(Activity)
        .outerjoin(aired, aired.id == Activity.product_id)
        .where(*conditions)
        .cte("scoped")
    )
    by_link: dict[str, Counter] = {attribute: Counter() for attribute, _ in LINKS}
    parts = [
        select(literal(attribute).label("attribute"), scoped.c.task, link.c.item_id, func.count())
        .select_from(scoped.join(link, link.c.activity_id == scoped.c.id))
        .group_by(scoped.c.task, link.c.item_id)
        for attribute, link in LINKS
    ]
    for attribute, task_id, item_id, n in session.execute(union_all(*parts)):
        code = items[item_id].code if item_id in items else "unknown"
        by_link[attribute][code] += n
        per_task = getattr(task_row(task_id), attribute)
        per_task[code] = per_task.get(code, 0) + n
    figures.by_theme, figures.by_language, figures.by_channel = (dict(by_link[attribute]) for attribute, _ in LINKS)

    # Delegates: live participants of the counted events, per event (few rows).
    ethnicity_item, category_item = CatalogItem.__table__.alias(), CatalogItem.__table__.alias()
    people = session.execute(
        select(Activity.id, Activity.unit_id, task_column, Participant.gender, ethnicity_item.c.code, category_item.c.code,
               func.count(func.distinct(delegate_key())))
        .select_from(Participant)
        .join(Activity, Activity.id == Participant.activity_id)
        .outerjoin(aired, aired.id == Activity.product_id)
        .outerjoin(ethnicity_item, ethnicity_item.c.id == Participant.ethnicity_id)
        .outerjoin(category_item, category_item.c.id == Participant.category_id)
        .where(*present_participant(), first_listing(), Activity.kind == "event", *conditions)
        # the event last: SQLite then reads the participants in one pass rather than the events through their key
        .group_by(Participant.gender, ethnicity_item.c.code, category_item.c.code, Activity.unit_id, task_column, Activity.id)
    ).all()
    per_event: Counter = Counter()
    gender: Counter = Counter()
    ethnicity: Counter = Counter()
    category: Counter = Counter()
    for event_id, unit_id, task_id, g, eth, cat, n in people:
        keys = (g or "unknown", eth or "unknown", cat or "unknown")
        figures.delegates += n
        per_event[event_id] += n
        for counts, key in zip((gender, ethnicity, category), keys):
            counts[key] += n
        trow = task_row(task_id)
        trow.delegates += n
        by_unit[reporting_unit(unit_id)].delegates += n
        if marked.get(event_id) == task_id:
            for counts, key in zip((trow.delegates_by_gender, trow.delegates_by_ethnicity, trow.delegates_by_category), keys):
                counts[key] = counts.get(key, 0) + n
    figures.delegates_by_gender, figures.delegates_by_ethnicity, figures.delegates_by_category = dict(gender), dict(ethnicity), dict(category)

    # Events of the period by task: those carrying the task out, and the others.
    events = session.execute(
        select(Activity.id, Activity.title, Activity.date_from, Activity.unit_id, task_column)
        .select_from(Activity)
        .outerjoin(aired, aired.id == Activity.product_id)
        .where(Activity.kind == "event", *conditions)
        .order_by(Activity.date_from, Activity.id)
    ).all()
    for event_id, title, day, unit_id, task_id in events:
        trow = task_row(task_id)
        row = EventRow(event_id, title, day, unit_name(reporting_unit(unit_id)), per_event.get(event_id, 0))
        (trow.target_events if marked.get(event_id) == task_id else trow.other_events).append(row)
    planned = sorted((t for t in tasks.values() if _overlaps(t, period)), key=lambda t: (t.sort_order, t.code))
    figures.by_task = [task_row(t.id) for t in planned]
    for trow in by_task.values():
        trow.target_delegates = sum(e.delegates for e in trow.target_events)
    _targets(session, scope, tasks, by_task, figures)
    figures.unplanned = by_task.get(None)
    figures.by_unit = sorted(by_unit.values(), key=lambda u: vi_sort_key(u.name))
    figures.notes = _notes(session, scope, units, reporting_unit)
    return figures


def planned_tasks(session: Session, scope: Scope) -> list[TaskRow]:
    """The plan's tasks of the period with the targets and allocations a report measures
    against (what :func:`compute_figures` puts in ``by_task``), without counting anything:
    for what a report would lack before it is made."""
    tasks = {t.id: t for t in session.scalars(select(PlanTask).where(PlanTask.deleted.is_(False)))}
    units = {u.id: u for u in session.scalars(select(OrgUnit))}
    planned = sorted((t for t in tasks.values() if _overlaps(t, scope.period)), key=lambda t: (t.sort_order, t.code))
    by_task: dict[str | None, TaskRow] = {t.id: _task_row(t, units) for t in planned}
    _targets(session, scope, tasks, by_task, Figures(scope, by_task=list(by_task.values())))
    return list(by_task.values())


def _targets(session: Session, scope: Scope, tasks: dict[str, PlanTask], by_task: dict[str | None, TaskRow], figures: Figures) -> None:
    """Attach each target to the task it measures: the plan's own targets for the whole
    province, a unit's targets for its report (never the province's)."""
    province = scope.unit_ids is None
    allocations: dict[str, int] = {}
    for target in session.scalars(select(PlanTarget).where(PlanTarget.deleted.is_(False))):
        if target.task_id not in by_task or not _target_applies(target, scope.period):
            continue
        if (target.unit_id is None) != province or (not province and target.unit_id not in scope.unit_ids):
            continue
        if target.metric == BUDGET:
            allocations[target.task_id] = allocations.get(target.task_id, 0) + int(target.target_value)
            continue
        if target.product_type_id or target.theme_id or target.category_id:
            continue  # a narrower target is not the task's total
        targets = by_task[target.task_id].targets
        targets[target.metric] = targets.get(target.metric, 0) + target.target_value
    for task_id, row in by_task.items():
        if task_id is None:
            continue
        row.budget = tasks[task_id].budget if province else allocations.get(task_id)
        if province and row.budget is None and task_id in allocations:
            row.budget = allocations[task_id]
    if not province:
        _sent_delegates(session, scope, tasks, by_task)
    figures.delegate_target = next((t.targets["delegates"] for t in figures.by_task if "delegates" in t.targets), None)


def _sent_delegates(session: Session, scope: Scope, tasks: dict[str, PlanTask], by_task: dict[str | None, TaskRow]) -> None:
    """For a unit's report: the delegates its units sent to the events carrying a task out."""
    for task_id, row in by_task.items():
        if task_id is None or not tasks[task_id].event_ids:
            continue
        row.target_delegates = session.scalar(
            select(func.count(func.distinct(delegate_key())))
            .select_from(Participant)
            .join(Activity, Activity.id == Participant.activity_id)
            .where(
                *present_participant(),
                Participant.unit_id.in_(scope.unit_ids or ()),
                Activity.id.in_(tasks[task_id].event_ids),
                counted(),
            )
        ) or 0


def linked_ids(link, activity=Activity) -> Any:
    """The activity's linked catalog item ids, space-separated, as a column of an activity
    query (one correlated lookup on the link table's primary key); see :func:`split_ids`."""
    return select(func.aggregate_strings(link.c.item_id, " ")).where(link.c.activity_id == activity.id).scalar_subquery()


def split_ids(linked: str | None) -> list[str]:
    return linked.split(" ") if linked else []


def product_rows(session: Session, scope: Scope) -> list[ProductRow]:
    """Every counted product of the scope, by date, unit and title: one query sorted by the
    database (the units' Vietnamese order as a rank, then the title's stored sort key and
    the id), read in batches, so no sort key or raw row of the whole year is held."""
    units = {u.id: u for u in session.scalars(select(OrgUnit))}
    successors = successor_map(session) if scope.rollup else {}
    items = {i.id: i for i in session.scalars(select(CatalogItem))}
    rank = {i.id: n for n, i in enumerate(sorted(items.values(), key=lambda i: (i.sort_order, i.code)))}
    tasks = {t.id: t.code for t in session.scalars(select(PlanTask))}
    files = (
        select(func.count()).where(Attachment.activity_id == Activity.id, Attachment.deleted.is_(False)).correlate(Activity).scalar_subquery()
    )

    def shown(unit_id: str) -> str:
        return successors.get(unit_id, unit_id)

    def name(unit_id: str) -> str:
        unit = units.get(unit_id)
        return unit.name if unit else unit_id

    # A unit's place in the order: the rank of its (successor's) name key; equal names share one.
    places = {key: n for n, key in enumerate(sorted({vi_sort_key(name(shown(u))) for u in units}))}
    unit_order = {u: places[vi_sort_key(name(shown(u)))] for u in units}
    by_unit = case(unit_order, value=Activity.unit_id, else_=len(places)) if unit_order else literal(0)
    found = session.execute(
        select(Activity.id, Activity.date_from, Activity.unit_id, Activity.product_type_id, Activity.title, Activity.quantity,
               Activity.copies, Activity.minutes, Activity.plan_task_id, files, linked_ids(activity_language),
               linked_ids(activity_channel), linked_ids(activity_theme))
        .where(Activity.kind == "product", *scope_conditions(scope, session=session))
        .order_by(Activity.date_from, by_unit, Activity.sort_key, Activity.id)
        .execution_options(yield_per=2000)
    )

    def codes(linked: str | None) -> tuple[str, ...]:
        return tuple(items[i].code for i in sorted((i for i in split_ids(linked) if i in items), key=rank.__getitem__))

    out = []
    for activity_id, day, unit_id, type_id, title, quantity, copies, minutes, task_id, n_files, languages, channels, themes in found:
        unit_id = shown(unit_id)
        unit = units.get(unit_id)
        out.append(
            ProductRow(
                activity_id, day, unit_id, name(unit_id), unit.code if unit else "", items[type_id].code if type_id in items else "", title,
                codes(languages), codes(channels), codes(themes), quantity, copies, minutes, tasks.get(task_id or "", ""), int(n_files or 0),
            )
        )
    return out


def _notes(session: Session, scope: Scope, units: dict[str, OrgUnit], reporting_unit) -> list[dict]:
    period = scope.period
    notes = []
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
        notes.append(
            {
                "unit": unit.name if unit else report.unit_id,
                "period": report.period,
                "difficulties": report.difficulties,
                "proposals": report.proposals,
                "nothing_to_report": report.nothing_to_report,
            }
        )
    notes.sort(key=lambda n: (vi_sort_key(n["unit"]), n["period"]))
    return notes


def _task_row(task: PlanTask, units: dict[str, OrgUnit]) -> TaskRow:
    lead = units.get(task.lead_unit_id) if task.lead_unit_id else None
    return TaskRow(task.code, task.name, None, time_text=task.time_text, lead=lead.name if lead else None, marked=bool(task.event_ids))


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
