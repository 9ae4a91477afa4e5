"""Finding organisational units by code, id or name."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import OrgUnit
from desktop_app.core.domain.text import fold
from desktop_app.core.domain.units import unit_label
from desktop_app.core.errors import TtdnError


def find_unit(session: Session, ref: str) -> OrgUnit:
    """The unit whose code or id is ``ref``, else the only one whose name matches it."""
    ref = ref.strip()
    unit = session.scalar(select(OrgUnit).where(or_(OrgUnit.code == ref, OrgUnit.id == ref)))
    if unit is not None and not unit.deleted:
        return unit
    key = fold(ref)
    if key:
        matches = list(
            session.scalars(
                select(OrgUnit).where(OrgUnit.deleted.is_(False), OrgUnit.search_key.contains(key, autoescape=True))
            )
        )
        exact = [u for u in matches if fold(u.name) == key or fold(u.short_name) == key]
        if len(exact) == 1:
            return exact[0]
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = ", ".join(f"{u.code} ({display_name(session, u)})" for u in matches[:8])
            raise TtdnError("unit.ambiguous", ref=ref, candidates=names)
    raise TtdnError("unit.not_found", ref=ref)


def display_name(session: Session, unit: OrgUnit) -> str:
    """Name plus parent: names are not unique ("Phường 1" exists in many towns)."""
    parent = session.get(OrgUnit, unit.parent_id) if unit.parent_id else None
    return unit_label(unit.name, unit.kind, parent.name if parent is not None else None)


def list_units(session: Session, search: str | None = None, on: date | None = None) -> list[OrgUnit]:
    query = select(OrgUnit).where(OrgUnit.deleted.is_(False))
    if search:
        query = query.where(OrgUnit.search_key.contains(fold(search), autoescape=True))
    if on is not None:
        query = query.where(
            or_(OrgUnit.valid_from.is_(None), OrgUnit.valid_from <= on),
            or_(OrgUnit.valid_to.is_(None), OrgUnit.valid_to >= on),
        )
    return list(session.scalars(query.order_by(OrgUnit.sort_key)))
