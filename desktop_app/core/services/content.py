"""Shipped content: organisational units, catalogs and the 2024 plan, from ``resources/catalog``.

Each file carries a version. At start-up a file whose version is newer than the one
applied is loaded: rows are identified by ids derived from their natural keys, new rows
are added and rows still as shipped are updated. A row edited here (or set by the
province's configuration package) is kept and reported, and no activity, event or other
user record is touched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import (
    SHIPPED_ORIGIN,
    CatalogItem,
    ContentState,
    OrgUnit,
    Plan,
    PlanTarget,
    PlanTask,
    PlanTaskPartner,
    Synced,
    UnitSuccession,
)
from desktop_app.core.db.types import natural_uuid, utcnow
from desktop_app.core.domain.enums import Catalog, UnitKind
from desktop_app.core.errors import TtdnError

CONTENT_FILES = ("units", "catalogs", "plan-2024")


@dataclass
class ContentReport:
    applied: dict[str, int] = field(default_factory=dict)  # file -> version applied
    added: int = 0
    updated: int = 0
    kept: list[str] = field(default_factory=list)  # rows edited here and left alone


def unit_id(code: str) -> str:
    return natural_uuid("org_unit", code)


def catalog_item_id(catalog: str, code: str) -> str:
    return natural_uuid("catalog_item", catalog, code)


def plan_id(key: str) -> str:
    return natural_uuid("plan", key)


def plan_task_id(plan_key: str, code: str) -> str:
    return natural_uuid("plan_task", plan_key, code)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def read_content(resources: Path, name: str) -> dict[str, Any]:
    path = resources / "catalog" / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TtdnError("content.unreadable", path=str(path), detail=str(exc)) from exc


class _Loader:
    def __init__(self, session: Session, version: int, report: ContentReport) -> None:
        self.session = session
        self.version = version
        self.report = report

    def upsert(self, model: type[Synced], row_id: str, values: dict[str, Any]) -> Synced:
        row = self.session.get(model, row_id)
        if row is None:
            row = model(
                id=row_id,
                origin_id=SHIPPED_ORIGIN,
                ver_origin=SHIPPED_ORIGIN,
                ver_counter=self.version,
                vv={SHIPPED_ORIGIN: self.version},
                **values,
            )
            self.session.add(row)
            self.report.added += 1
            return row
        if row.ver_origin != SHIPPED_ORIGIN:
            self.report.kept.append(f"{model.__tablename__}:{row_id}")
            return row
        changed = False
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
                changed = True
        if changed or row.deleted:
            row.deleted = False
            row.ver_counter = self.version
            row.vv = {**row.vv, SHIPPED_ORIGIN: self.version}
            row.updated_at = utcnow()
            self.report.updated += 1
        return row


def _load_units(loader: _Loader, doc: dict[str, Any]) -> None:
    kinds = {k.value for k in UnitKind}
    for entry in doc["units"]:
        if entry["kind"] not in kinds:
            raise TtdnError("content.bad_value", field="kind", value=entry["kind"])
        parent = entry.get("parent")
        loader.upsert(
            OrgUnit,
            unit_id(entry["code"]),
            {
                "code": entry["code"],
                "gso_code": entry.get("gso_code"),
                "name": entry["name"],
                "short_name": entry.get("short_name"),
                "kind": entry["kind"],
                "parent_id": unit_id(parent) if parent else None,
                "valid_from": _date(entry.get("valid_from")),
                "valid_to": _date(entry.get("valid_to")),
                "note": entry.get("note"),
            },
        )
    loader.session.flush()
    for entry in doc.get("successions", []):
        pred, succ = unit_id(entry["predecessor"]), unit_id(entry["successor"])
        loader.upsert(
            UnitSuccession,
            natural_uuid("unit_succession", entry["predecessor"], entry["successor"]),
            {
                "predecessor_id": pred,
                "successor_id": succ,
                "effective_date": _date(entry["effective_date"]),
                "change": entry["change"],
            },
        )


def _load_catalogs(loader: _Loader, doc: dict[str, Any]) -> None:
    known = {c.value for c in Catalog}
    for catalog, entries in doc["catalogs"].items():
        if catalog not in known:
            raise TtdnError("content.bad_value", field="catalog", value=catalog)
        for position, entry in enumerate(entries):
            loader.upsert(
                CatalogItem,
                catalog_item_id(catalog, entry["code"]),
                {
                    "catalog": catalog,
                    "code": entry["code"],
                    "name_vi": entry["vi"],
                    "name_en": entry.get("en"),
                    "sort_order": position,
                    "active": entry.get("active", True),
                },
            )


def _load_plan(loader: _Loader, doc: dict[str, Any]) -> None:
    spec = doc["plan"]
    key = spec["key"]
    loader.upsert(
        Plan,
        plan_id(key),
        {
            "year": spec["year"],
            "number": spec.get("number"),
            "title": spec["title"],
            "issuer_unit_id": unit_id(spec["issuer"]) if spec.get("issuer") else None,
            "legal_refs": "\n".join(spec.get("legal_refs", [])),
            "start_date": _date(spec["start_date"]),
            "end_date": _date(spec["end_date"]),
            "funding": spec.get("funding"),
        },
    )
    loader.session.flush()
    for position, entry in enumerate(spec["tasks"]):
        task = loader.upsert(
            PlanTask,
            plan_task_id(key, entry["code"]),
            {
                "plan_id": plan_id(key),
                "code": entry["code"],
                "name": entry["name"],
                "lead_unit_id": unit_id(entry["lead"]) if entry.get("lead") else None,
                "time_from": _date(entry.get("time_from")),
                "time_to": _date(entry.get("time_to")),
                "time_text": entry.get("time_text"),
                "budget": entry.get("budget"),
                "products_text": entry.get("products_text"),
                "description": entry.get("description"),
                "sort_order": position,
            },
        )
        if task.ver_origin != SHIPPED_ORIGIN:
            continue
        partners: list[PlanTaskPartner] = []
        for group in entry.get("partners", []):
            partners.append(PlanTaskPartner(position=len(partners), name=group["name"]))
            for code in group.get("units", []):
                partners.append(PlanTaskPartner(position=len(partners), unit_id=unit_id(code)))
        current = [(p.name, p.unit_id) for p in task.partners]
        if current != [(p.name, p.unit_id) for p in partners]:
            task.partners.clear()
            loader.session.flush()
            task.partners.extend(partners)
        task.product_types = [
            loader.session.get(CatalogItem, catalog_item_id(Catalog.PRODUCT_TYPE, c))
            for c in entry.get("product_types", [])
        ]
        task.themes = [loader.session.get(CatalogItem, catalog_item_id(Catalog.THEME, c)) for c in entry.get("themes", [])]
        for target in entry.get("targets", []):
            loader.upsert(
                PlanTarget,
                natural_uuid("plan_target", key, entry["code"], target["key"]),
                {
                    "task_id": task.id,
                    "metric": target["metric"],
                    "target_value": float(target["value"]),
                    "period": target.get("period"),
                    "description": target.get("description"),
                    "product_type_id": _optional_item(Catalog.PRODUCT_TYPE, target.get("product_type")),
                    "theme_id": _optional_item(Catalog.THEME, target.get("theme")),
                    "category_id": _optional_item(Catalog.PARTICIPANT_CATEGORY, target.get("category")),
                    "unit_id": unit_id(target["unit"]) if target.get("unit") else None,
                },
            )


def _optional_item(catalog: str, code: str | None) -> str | None:
    return catalog_item_id(catalog, code) if code else None


_LOADERS = {"units": _load_units, "catalogs": _load_catalogs, "plan-2024": _load_plan}


def pending_content(session: Session, resources: Path) -> dict[str, dict[str, Any]]:
    """Content files newer than what this database has applied."""
    applied = {s.name: s.version for s in session.scalars(select(ContentState))}
    pending = {}
    for name in CONTENT_FILES:
        doc = read_content(resources, name)
        if int(doc["version"]) > applied.get(name, 0):
            pending[name] = doc
    return pending


def apply_content(session: Session, resources: Path) -> ContentReport:
    """Apply every pending content file; the caller's transaction makes it all-or-nothing.
    The session must carry a ``load`` change context."""
    report = ContentReport()
    for name, doc in pending_content(session, resources).items():
        version = int(doc["version"])
        _LOADERS[name](_Loader(session, version, report), doc)
        session.merge(ContentState(name=name, version=version, applied_at=utcnow()))
        session.flush()
        report.applied[name] = version
    return report
