"""What the read-only screens show: the units overview, conflicts, the plan and its
catalogs, the dashboard's figures, the units to choose from, the statistics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from desktop_app.core.domain.enums import Catalog
from desktop_app.core.domain.periods import Period, parse_period
from desktop_app.core.operations._tx import reading
from desktop_app.core.reports.api import plan_figures
from desktop_app.core.reports.figures import Figures
from desktop_app.core.services.activity_list import unit_and_descendants
from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.services.plan_view import PlanView, catalog_rows, plan_views
from desktop_app.core.services.stats import compute_stats
from desktop_app.core.services.units import display_name, find_unit, list_units
from desktop_app.core.sync.overview import ConflictRow, UnitOverviewRow, conflicts, mark_conflicts_seen, units_overview
from desktop_app.core.workspace import Workspace

__all__ = [
    "CatalogRow",
    "ConflictRow",
    "UnitChoice",
    "UnitOverviewRow",
    "catalog_index",
    "catalogs",
    "dashboard_figures",
    "mark_seen",
    "open_conflicts",
    "plans",
    "plan_year",
    "statistics",
    "unit_choices",
    "units_status",
]


def units_status(workspace: Workspace, period: Period | str, silent_days: int) -> list[UnitOverviewRow]:
    with workspace.reading() as session:
        return units_overview(session, period, silent_days)


def open_conflicts(workspace: Workspace) -> list[ConflictRow]:
    with workspace.reading() as session:
        return conflicts(session)


def mark_seen(workspace: Workspace, ids: Iterable[int]) -> int:
    with workspace.writing() as session:
        return mark_conflicts_seen(session, list(ids))


def plans(workspace: Workspace) -> list[PlanView]:
    with workspace.reading() as session:
        return plan_views(session)


def plan_year(workspace: Workspace) -> int:
    """The latest plan's year (the period the pages start on), else this year."""
    return max((view.year for view in plans(workspace)), default=date.today().year)


@dataclass(frozen=True)
class CatalogRow:
    code: str
    name_vi: str
    name_en: str | None
    active: bool


def catalogs(workspace: Workspace, kinds: Iterable[Catalog]) -> dict[Catalog, list[CatalogRow]]:
    with workspace.reading() as session:
        return {
            kind: [CatalogRow(i.code, i.name_vi, i.name_en, i.active) for i in catalog_rows(session, kind)]
            for kind in kinds
        }


def catalog_index(workspace: Workspace) -> CatalogIndex:
    with workspace.reading() as session:
        return CatalogIndex(session)


def dashboard_figures(workspace: Workspace, period: Period, unit_id: str | None, rollup: bool) -> Figures:
    with reading(workspace) as (session, inst):
        return plan_figures(session, inst, period, unit_id, rollup)


@dataclass(frozen=True)
class UnitChoice:
    id: str
    code: str
    name: str
    label: str  # the name with its parent: names are not unique
    valid_from: date | None
    valid_to: date | None
    kind: str
    gso_code: str | None


def unit_choices(workspace: Workspace, search: str | None = None, on: date | None = None) -> list[UnitChoice]:
    """Units matching ``search`` (diacritics and case ignored), in Vietnamese order."""
    with workspace.reading() as session:
        return [
            UnitChoice(u.id, u.code, u.name, display_name(session, u), u.valid_from, u.valid_to, u.kind, u.gso_code)
            for u in list_units(session, search, on)
        ]


def statistics(workspace: Workspace, period: str | None, unit: str | None) -> dict[str, Any]:
    with workspace.reading() as session:
        scope = parse_period(period) if period else None
        unit_ids = unit_and_descendants(session, find_unit(session, unit).id) if unit else None
        return compute_stats(session, scope, unit_ids)
