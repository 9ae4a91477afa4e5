"""Every figure equals an independent SQL count over the records; drafts and returned
records do not count; targets are measured where they belong."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

import sqlcount
from scenario import COMMUNE, COMMUNE_BUDGET, COMMUNE_PRODUCTS, DISTRICT_TRAINING, TASK_BUDGET, prepare
from desktop_app.core.db.models import CatalogItem, activity_channel, activity_language, activity_theme
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.reports.api import report_scope
from desktop_app.core.reports.figures import Scope, compute_figures, successor_map
from desktop_app.core.operations.demo import generate
from desktop_app.core.operations.installation import initialise
from desktop_app.core.services.units import find_unit


def test_figures_match_the_records(workspace):
    initialise(workspace, "aggregator", "STTTT")
    generate(workspace, 2500, seed=8)
    scenario = prepare(workspace)
    period = parse_period("2024-Q3")
    start, end = period.start.isoformat(), period.end.isoformat()
    with workspace.reading() as s:
        figures = compute_figures(s, Scope(period))
        acts = sqlcount.activities(s, start, end)
        every = sqlcount.all_activities(s, start, end)
        people = sqlcount.participants(s, start, end)
        codes = {i.id: i.code for i in s.scalars(select(CatalogItem))}
        ids = {a.id for a in acts}
        themes = Counter(codes[i] for a, i in s.execute(select(activity_theme.c.activity_id, activity_theme.c.item_id)) if a in ids)
        languages = Counter(codes[i] for a, i in s.execute(select(activity_language.c.activity_id, activity_language.c.item_id)) if a in ids)
        channels = Counter(codes[i] for a, i in s.execute(select(activity_channel.c.activity_id, activity_channel.c.item_id)) if a in ids)
        conference_people = sqlcount.event_participants(s, scenario.conference_id)
    drafts = [a for a in every if a.status == "draft"]
    assert drafts and len(acts) < len(every)
    assert not ids & {a.id for a in drafts}
    returned_in_period = [i for i in scenario.returned_ids if i in {a.id for a in every}]
    assert not ids & set(scenario.returned_ids)
    assert figures.drafts == len(drafts) and figures.returned == len(returned_in_period)
    assert figures.activities == len(acts) == len(every) - len(drafts) - len(returned_in_period)
    assert figures.products == sum(a.quantity or 1 for a in acts if a.kind == "product")
    assert figures.copies == sum(a.copies or 0 for a in acts)
    assert figures.broadcasts == sum(1 for a in acts if a.kind == "broadcast")
    assert figures.times_aired == sum(a.times_aired or 0 for a in acts if a.kind == "broadcast")
    assert figures.events == sum(1 for a in acts if a.kind == "event")
    assert figures.cost == sum(a.cost or 0 for a in acts)
    assert figures.by_theme == dict(themes)
    assert figures.by_language == dict(languages)
    assert figures.by_channel == dict(channels)
    assert figures.delegates == len(people)
    assert figures.delegates_by_gender == dict(Counter(p.gender or "unknown" for p in people))
    assert sum(u.activities for u in figures.by_unit) == len(acts)
    assert sum(u.delegates for u in figures.by_unit) == len(people)
    assert sum(t.products for t in figures.by_task) + (figures.unplanned.products if figures.unplanned else 0) == figures.products
    # II.2: only the marked conference's delegates count towards the plan's 160
    ii2 = next(t for t in figures.by_task if t.code == "II.2")
    assert figures.delegate_target == 160 == ii2.targets["delegates"]
    assert ii2.marked and [e.activity_id for e in ii2.target_events] == [scenario.conference_id]
    assert ii2.target_delegates == conference_people == sum(ii2.delegates_by_gender.values())
    assert [e.title for e in ii2.other_events] == [DISTRICT_TRAINING] and ii2.other_events[0].delegates == 12
    assert ii2.delegates == conference_people + 12  # all the task's delegates, reported apart
    assert {t.code: t.budget for t in figures.by_task} == TASK_BUDGET


def test_a_unit_is_measured_against_its_own_targets_only(workspace):
    initialise(workspace, "aggregator", "STTTT")
    generate(workspace, 600, seed=5)
    prepare(workspace)
    period = parse_period("2024")
    with workspace.reading() as s:
        commune = compute_figures(s, report_scope(s, period, find_unit(s, COMMUNE), False))
        other = compute_figures(s, report_scope(s, period, find_unit(s, "31786"), False))
        acts = sqlcount.activities(s, period.start.isoformat(), period.end.isoformat(), commune.scope.unit_ids)
    assert commune.delegate_target is None and other.delegate_target is None
    ii1 = next(t for t in commune.by_task if t.code == "II.1")
    ii2 = next(t for t in commune.by_task if t.code == "II.2")
    assert ii1.targets == {"products": COMMUNE_PRODUCTS} and ii2.targets == {}
    assert ii1.budget == COMMUNE_BUDGET and ii1.remaining == COMMUNE_BUDGET - ii1.cost
    assert ii1.cost == sum(a.cost or 0 for a in acts if a.plan_task_id == next(x.plan_task_id for x in acts if x.kind == "product"))
    assert ii2.budget is None  # the province's allocation is not the commune's
    assert all(not t.targets and t.budget is None for t in other.by_task)


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
