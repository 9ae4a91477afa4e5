"""The figures from GROUP BY equal the plain Python count of :mod:`reference`, figure by
figure (every unit, task, breakdown, event and product row), on data that has what the
grouping could get wrong: several units and a merged commune, drafts, returned records and
a corrected one, deleted activities and delegates, absent and twice-listed delegates,
broadcasts of plan products without a task of their own, activities with several themes,
the edges of a quarter, and activities outside the year."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

import reference
from scenario import prepare
from desktop_app.core.db import dialect
from desktop_app.core.db.models import Activity, CatalogItem, OrgUnit, Participant, activity_theme
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.operations.demo import generate
from desktop_app.core.operations.installation import initialise
from desktop_app.core.reports.api import report_scope
from desktop_app.core.reports.figures import Scope, compute_figures, product_rows
from desktop_app.core.services.units import find_unit


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    from desktop_app.core.workspace import Workspace

    ws = Workspace.open(tmp_path_factory.mktemp("reference"))
    initialise(ws, "aggregator", "STTTT")
    generate(ws, 1800, seed=21)
    scenario = prepare(ws)
    with ws.writing() as s:
        live = lambda kind: s.scalars(  # noqa: E731
            select(Activity).where(Activity.kind == kind, Activity.deleted.is_(False), Activity.status == "submitted").order_by(Activity.id)
        ).all()
        products, broadcasts, events, others = live("product"), live("broadcast"), live("event"), live("other")
        planned = [p for p in products if p.plan_task_id]
        for i, b in enumerate(broadcasts[:40]):  # broadcasts of plan products; half without a task of their own
            b.product_id = planned[i].id
            if i % 2:
                b.plan_task_id = None
        for a in products[-15:] + others[-5:]:
            a.deleted = True
        for a in products[-25:-15]:
            a.status = "returned"
        for a in broadcasts[-10:]:
            a.status = "accepted"
        corrected = s.get(Activity, scenario.returned_ids[0])  # returned, then corrected: its new version counts again
        corrected.title = corrected.title + " (đã sửa)"
        edges = [date(2024, 6, 30), date(2024, 7, 1), date(2024, 9, 30), date(2024, 10, 1), date(2023, 12, 31), date(2025, 1, 1)]
        for a, day in zip(products[100:106], edges):
            a.date_from = day
        themes = s.scalars(select(CatalogItem.id).where(CatalogItem.catalog == "theme").order_by(CatalogItem.code)).all()
        for a in products[200:260]:  # every theme on some products
            have = set(s.scalars(select(activity_theme.c.item_id).where(activity_theme.c.activity_id == a.id)))
            for theme in themes:
                if theme not in have:
                    s.execute(activity_theme.insert().values(activity_id=a.id, item_id=theme))
        people = s.scalars(
            select(Participant).join(Activity, Activity.id == Participant.activity_id)
            .where(Activity.kind == "event", Activity.deleted.is_(False), Participant.deleted.is_(False)).order_by(Participant.id)
        ).all()
        assert len(people) > 60
        for p in people[:10]:
            p.absent = True
        for p in people[10:18]:
            p.deleted = True
        for p in people[20:26]:  # listed twice on the same event: counts once
            s.add(Participant(activity_id=p.activity_id, name=p.name, birth_year=p.birth_year, organization=p.organization,
                              gender=p.gender, ethnicity_id=p.ethnicity_id, category_id=p.category_id, unit_id=p.unit_id))
        assert events
    return ws


SCOPES = [("2024", False), ("2024-Q3", False), ("2024-08", False), ("2024", True)]


def _compare(session, scope: Scope) -> dict:
    figures = compute_figures(session, scope)
    got = reference.actual(figures, product_rows(session, scope))
    want = reference.expected(session, scope.period.start.isoformat(), scope.period.end.isoformat(), scope.unit_ids, scope.rollup)
    for key in want:
        assert got[key] == want[key], key
    names = [u.name for u in figures.by_unit]
    from desktop_app.core.domain.text import vi_sort_key

    assert names == sorted(names, key=vi_sort_key)
    return want


@pytest.mark.parametrize("period,rollup", SCOPES)
def test_the_province_figures_equal_the_plain_count(province, period, rollup):
    with province.reading() as s:
        want = _compare(s, Scope(parse_period(period), rollup=rollup))
    assert want["drafts"] and want["products"] and want["by_task"]
    assert want["returned"] or period == "2024-08"
    assert len(want["by_unit"]) > 5 and sum(want["by_theme"].values()) > want["totals"][1] // 2


@pytest.mark.parametrize("unit", ["951", "31675"])  # Trần Đề district with its communes; a commune
def test_a_unit_report_equals_the_plain_count(province, unit):
    with province.reading() as s:
        scope = report_scope(s, parse_period("2024"), find_unit(s, unit), False)
        want = _compare(s, scope)
    assert want["totals"] != reference.Tally().as_tuple()


@pytest.mark.parametrize("share", [-1.0, 2.0])  # always a plain scan; never
def test_the_scan_or_index_choice_never_changes_a_figure(province, monkeypatch, share):
    monkeypatch.setattr(dialect, "WIDE_RANGE_SHARE", share)
    with province.reading() as s:
        _compare(s, Scope(parse_period("2024-Q3")))
        _compare(s, Scope(parse_period("2024-08"), rollup=True))


def test_the_data_has_what_the_grouping_could_get_wrong(province):
    with province.reading() as s:
        want = reference.expected(s, "2024-01-01", "2024-12-31")
        aired = s.scalars(select(Activity).where(Activity.kind == "broadcast", Activity.product_id.is_not(None),
                                                 Activity.plan_task_id.is_(None))).all()
        merged = s.scalar(select(OrgUnit).where(OrgUnit.name == "Xã Cù Lao Dung"))
    assert aired and merged is not None
    tasks = want["by_task"]
    assert tasks[""]["tally"][0] or tasks[""]["tally"][8]  # something outside the plan
    assert any(t["target_events"] for t in tasks.values()) and any(t["other_events"] for t in tasks.values())
