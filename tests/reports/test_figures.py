"""Every figure equals an independent count over the records."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from desktop_app.core.db.models import Activity, CatalogItem, Participant, activity_language, activity_theme
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.reports.figures import Scope, compute_figures, successor_map
from desktop_app.core.operations.demo import generate
from desktop_app.core.operations.installation import initialise


def test_figures_match_the_records(workspace):
    initialise(workspace, "aggregator", "STTTT")
    generate(workspace, 2500, seed=8)
    period = parse_period("2024-Q3")
    with workspace.reading() as s:
        figures = compute_figures(s, Scope(period))
        acts = [a for a in s.scalars(select(Activity)) if not a.deleted and period.contains(a.date_from)]
        codes = {i.id: i.code for i in s.scalars(select(CatalogItem))}
        ids = {a.id for a in acts}
        themes = Counter(codes[i] for a, i in s.execute(select(activity_theme.c.activity_id, activity_theme.c.item_id)) if a in ids)
        languages = Counter(codes[i] for a, i in s.execute(select(activity_language.c.activity_id, activity_language.c.item_id)) if a in ids)
        events = {a.id for a in acts if a.kind == "event"}
        people = [p for p in s.scalars(select(Participant)) if not p.deleted and p.activity_id in events]
    assert figures.activities == len(acts)
    assert figures.products == sum(a.quantity or 1 for a in acts if a.kind == "product")
    assert figures.broadcasts == sum(1 for a in acts if a.kind == "broadcast")
    assert figures.times_aired == sum(a.times_aired or 0 for a in acts if a.kind == "broadcast")
    assert figures.events == len(events)
    assert figures.cost == sum(a.cost or 0 for a in acts)
    assert figures.by_theme == dict(themes)
    assert figures.by_language == dict(languages)
    assert figures.delegates == len(people)
    assert figures.delegates_by_gender == dict(Counter(p.gender for p in people))
    assert sum(u.activities for u in figures.by_unit) == len(acts)
    assert sum(u.delegates for u in figures.by_unit) == len(people)
    assert sum(t.products for t in figures.by_task) + (figures.unplanned.products if figures.unplanned else 0) == figures.products
    assert figures.delegate_target == 160


def test_rolling_up_into_the_2025_successors(workspace):
    initialise(workspace, "aggregator", "STTTT")
    generate(workspace, 1500, seed=3)
    with workspace.reading() as s:
        as_recorded = compute_figures(s, Scope(parse_period("2024")))
        rolled = compute_figures(s, Scope(parse_period("2024"), rollup=True))
        successors = successor_map(s)
    merged = {"Xã An Thạnh 2", "Xã Đại Ân 1", "Xã An Thạnh 3", "Xã An Thạnh Nam"}
    before = {u.name: u.activities for u in as_recorded.by_unit}
    after = {u.name: u.activities for u in rolled.by_unit}
    assert merged <= set(before) and not merged & set(after)
    assert after["Xã Cù Lao Dung"] == sum(before[n] for n in merged)
    assert sum(after.values()) == sum(before.values()) == rolled.activities
    assert len(set(successors.values())) == 2  # Cần Thơ city and xã Cù Lao Dung
