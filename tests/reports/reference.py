"""The report's figures computed the plain way: every row of the tables read with plain SQL
(no program code), and the counting rules applied one activity, one link and one delegate
at a time in Python. What ``compute_figures`` and ``product_rows`` get from GROUP BY and
joins must equal this, figure by figure, for any scope.

The rules, as the reports state them (issue 10):
* an activity counts when live, not a draft, not "returned" and not returned by a live
  review of its current version ("origin:counter"); drafts and returned records of the
  scope are counted apart;
* its task: the task whose marked events include it, else its own, else (a broadcast) the
  task of the product it airs; a task that is not live makes it "outside the plan";
* it belongs to the period of its start date and to its unit, or that unit's final
  successor when rolling up;
* products add their quantity (1 when not given); broadcasts add their times aired;
* themes, languages, channels: one per link of a counted activity;
* delegates: live participants not marked absent of counted events, a person (person_key)
  once per event; a unit's report counts towards a marked task the delegates its units sent.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import text

from desktop_app.core.domain.text import vi_sort_key

KIND_FIELDS = ("products", "product_records", "copies", "minutes", "broadcasts", "times_aired", "audience", "events", "other", "delegates", "cost")


def _rows(session, sql: str) -> list:
    return session.execute(text(sql)).all()


@dataclass
class Tally:
    values: Counter = field(default_factory=Counter)

    def add(self, a) -> None:
        v = self.values
        v["cost"] += a.cost or 0
        v["copies"] += a.copies or 0
        v["minutes"] += a.minutes or 0.0
        v["audience"] += a.audience or 0
        if a.kind == "product":
            v["products"] += a.quantity or 1
            v["product_records"] += 1
        elif a.kind == "broadcast":
            v["broadcasts"] += 1
            v["times_aired"] += a.times_aired or 0
        elif a.kind == "event":
            v["events"] += 1
        else:
            v["other"] += 1

    def as_tuple(self) -> tuple:
        return tuple(round(self.values[f], 6) if f == "minutes" else self.values[f] for f in KIND_FIELDS)


def tally_tuple(t) -> tuple:
    """The same tuple from the program's Tally (Figures, TaskRow, UnitRow)."""
    return tuple(round(getattr(t, f), 6) if f == "minutes" else getattr(t, f) for f in KIND_FIELDS)


def expected(session, start: str, end: str, unit_ids: frozenset[str] | None = None, rollup: bool = False) -> dict:
    acts = {a.id: a for a in _rows(session, "SELECT * FROM activity")}
    reviews = _rows(session, "SELECT activity_id, decision, activity_version, deleted FROM review")
    tasks = {t.id: t for t in _rows(session, "SELECT * FROM plan_task WHERE deleted = 0")}
    items = {i.id: i for i in _rows(session, "SELECT id, code, catalog, sort_order FROM catalog_item")}
    units = {u.id: u for u in _rows(session, "SELECT id, name, code FROM org_unit")}
    people = _rows(session, "SELECT * FROM participant")
    files = Counter(f.activity_id for f in _rows(session, "SELECT activity_id FROM attachment WHERE deleted = 0"))
    links = {name: _rows(session, f"SELECT activity_id, item_id FROM activity_{name}") for name in ("theme", "language", "channel")}
    successor: dict[str, str] = {}
    if rollup:
        direct = {p: s for p, s in _rows(session, "SELECT predecessor_id, successor_id FROM unit_succession WHERE deleted = 0")}
        for unit in direct:
            current, seen = direct[unit], {unit}
            while current in direct and direct[current] not in seen:
                seen.add(current)
                current = direct[current]
            successor[unit] = current

    returned_versions = {(r.activity_id, r.activity_version) for r in reviews if not r.deleted and r.decision == "returned"}
    marked = {e: t.id for t in tasks.values() for e in json.loads(t.event_ids or "[]")}

    def state(a) -> str:
        if a.status == "draft":
            return "draft"
        if a.status == "returned" or (a.id, f"{a.ver_origin}:{a.ver_counter}") in returned_versions:
            return "returned"
        return "counted"

    def in_scope(a) -> bool:
        return not a.deleted and start <= str(a.date_from) <= end and (unit_ids is None or a.unit_id in unit_ids)

    def task_of(a) -> str | None:
        task = marked.get(a.id) or a.plan_task_id or (acts[a.product_id].plan_task_id if a.product_id in acts else None)
        return task if task in tasks else None

    def reporting(unit_id: str) -> str:
        return successor.get(unit_id, unit_id)

    def unit_name(unit_id: str) -> str:
        return units[unit_id].name if unit_id in units else unit_id

    def code(item_id: str | None) -> str:
        return items[item_id].code if item_id in items else "unknown"

    scoped = [a for a in acts.values() if in_scope(a)]
    counted = [a for a in scoped if state(a) == "counted"]
    counted_ids = {a.id for a in counted}
    total, by_unit, by_task = Tally(), defaultdict(Tally), defaultdict(Tally)
    task_parts: dict = defaultdict(lambda: defaultdict(Counter))  # task -> part -> key -> n
    report: dict = defaultdict(Counter)
    for a in counted:
        task = task_of(a)
        unit = reporting(a.unit_id)
        for t in (total, by_unit[unit], by_task[task]):
            t.add(a)
        if a.kind == "product":
            task_parts[task]["by_unit"][unit_name(unit)] += a.quantity or 1
            if a.product_type_id in items:
                report["by_product_type"][code(a.product_type_id)] += a.quantity or 1
                task_parts[task]["by_product_type"][code(a.product_type_id)] += a.quantity or 1
    for name, rows in links.items():
        for activity_id, item_id in rows:
            if activity_id in counted_ids:
                report[f"by_{name}"][code(item_id)] += 1
                task_parts[task_of(acts[activity_id])][f"by_{name}"][code(item_id)] += 1

    # Delegates: a person once per counted event.
    present = [p for p in people if not p.deleted and not p.absent and p.person_key is not None]
    per_event: dict[str, dict[str, tuple]] = defaultdict(dict)
    for p in present:
        a = acts.get(p.activity_id)
        if a is not None and a.id in counted_ids and a.kind == "event":
            per_event[a.id].setdefault(p.person_key, (p.gender or "unknown", code(p.ethnicity_id) if p.ethnicity_id else "unknown",
                                                       code(p.category_id) if p.category_id else "unknown"))
    delegates = Counter()
    for event_id, persons in per_event.items():
        a = acts[event_id]
        task = task_of(a)
        n = len(persons)
        total.values["delegates"] += n
        by_unit[reporting(a.unit_id)].values["delegates"] += n
        by_task[task].values["delegates"] += n
        for gender, ethnicity, category in persons.values():
            for part, key in (("delegates_by_gender", gender), ("delegates_by_ethnicity", ethnicity), ("delegates_by_category", category)):
                report[part][key] += 1
                if marked.get(event_id) == task:
                    task_parts[task][part][key] += 1
        delegates[event_id] = n
    events = defaultdict(lambda: {"target": [], "other": []})
    for a in sorted((a for a in counted if a.kind == "event"), key=lambda a: (str(a.date_from), a.id)):
        task = task_of(a)
        row = (a.id, a.title, str(a.date_from), unit_name(reporting(a.unit_id)), delegates.get(a.id, 0))
        events[task]["target" if marked.get(a.id) == task else "other"].append(row)
    target_delegates = {task: sum(e[-1] for e in rows["target"]) for task, rows in events.items()}
    if unit_ids is not None:  # a unit's report: the delegates its units sent to the marked events
        for task_id, task in tasks.items():
            marked_events = set(json.loads(task.event_ids or "[]"))
            if marked_events:
                sent = {(p.activity_id, p.person_key) for p in present if p.unit_id in unit_ids and p.activity_id in marked_events
                        and p.activity_id in acts and not acts[p.activity_id].deleted and state(acts[p.activity_id]) == "counted"}
                target_delegates[task_id] = len(sent)

    planned = [t for t in tasks.values() if (t.time_from is None or str(t.time_from) <= end) and (t.time_to is None or str(t.time_to) >= start)]
    task_keys = [t.id for t in planned] + ([None] if None in by_task or None in events else [])

    def codes(activity_id: str, name: str) -> tuple:
        ids = [i for a, i in links[name] if a == activity_id and i in items]
        return tuple(items[i].code for i in sorted(ids, key=lambda i: (items[i].sort_order, items[i].code)))

    products = []
    for a in counted:
        if a.kind != "product":
            continue
        unit = reporting(a.unit_id)
        products.append((
            a.id, str(a.date_from), unit, unit_name(unit), units[unit].code if unit in units else "",
            code(a.product_type_id) if a.product_type_id in items else "", a.title,
            codes(a.id, "language"), codes(a.id, "channel"), codes(a.id, "theme"), a.quantity, a.copies, a.minutes,
            tasks[a.plan_task_id].code if a.plan_task_id in tasks else "", files.get(a.id, 0),
        ))
    products.sort(key=lambda p: (p[1], vi_sort_key(p[3]), vi_sort_key(p[6]), p[0]))
    return {
        "totals": total.as_tuple(),
        "drafts": sum(1 for a in scoped if state(a) == "draft"),
        "returned": sum(1 for a in scoped if state(a) == "returned"),
        **{part: dict(report[part]) for part in ("by_product_type", "by_theme", "by_language", "by_channel", "delegates_by_gender",
                                                   "delegates_by_ethnicity", "delegates_by_category")},
        "by_unit": {unit: (unit_name(unit), t.as_tuple()) for unit, t in by_unit.items()},
        "by_task": {
            (tasks[key].code if key else ""): {
                "tally": by_task[key].as_tuple(),
                **{part: dict(task_parts[key][part]) for part in TASK_PARTS},
                "target_events": events[key]["target"],
                "other_events": events[key]["other"],
                "target_delegates": target_delegates.get(key, 0),
            }
            for key in task_keys
        },
        "products": products,
    }


TASK_PARTS = ("by_product_type", "by_theme", "by_language", "by_channel", "by_unit", "delegates_by_gender", "delegates_by_ethnicity",
              "delegates_by_category")


def actual(figures, products) -> dict:
    """The program's figures in the shape of :func:`expected`."""
    tasks = list(figures.by_task) + ([figures.unplanned] if figures.unplanned else [])
    return {
        "totals": tally_tuple(figures),
        "drafts": figures.drafts,
        "returned": figures.returned,
        **{part: getattr(figures, part) for part in ("by_product_type", "by_theme", "by_language", "by_channel", "delegates_by_gender",
                                                       "delegates_by_ethnicity", "delegates_by_category")},
        "by_unit": {u.unit_id: (u.name, tally_tuple(u)) for u in figures.by_unit},
        "by_task": {
            t.code: {
                "tally": tally_tuple(t),
                **{part: getattr(t, part) for part in TASK_PARTS},
                "target_events": [(e.activity_id, e.title, e.date_from.isoformat(), e.unit, e.delegates) for e in t.target_events],
                "other_events": [(e.activity_id, e.title, e.date_from.isoformat(), e.unit, e.delegates) for e in t.other_events],
                "target_delegates": t.target_delegates,
            }
            for t in tasks
        },
        "products": [
            (p.activity_id, p.date_from.isoformat(), p.unit_id, p.unit, p.unit_code, p.product_type, p.title, p.languages, p.channels,
             p.themes, p.quantity, p.copies, p.minutes, p.task_code, p.files)
            for p in products
        ],
    }
