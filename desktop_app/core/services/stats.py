"""Counts over the recorded activities and participants (``ttdn stats``).

Tombstoned rows are not counted; participants count only where their event is live.
Catalog items are keyed by code, units by their stable code; a missing value is
"unknown". The shape is documented in README.md.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, Select, cast, func, literal, select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import (
    Activity,
    Attachment,
    CatalogItem,
    OrgUnit,
    Participant,
    activity_channel,
    activity_language,
    activity_theme,
)
from desktop_app.core.domain.periods import Period

UNKNOWN = "unknown"


def _counts(session: Session, query: Select) -> dict[str, int]:
    return {(UNKNOWN if key is None else str(key)): int(n) for key, n in session.execute(query) if n}


def _live_activities(period: Period | None, unit_ids: list[str] | None):
    conditions = [Activity.deleted.is_(False)]
    if period is not None:
        conditions += [Activity.date_from >= period.start, Activity.date_from <= period.end]
    if unit_ids:
        conditions.append(Activity.unit_id.in_(unit_ids))
    return conditions


def compute_stats(session: Session, period: Period | None = None, unit_ids: list[str] | None = None) -> dict[str, Any]:
    live = _live_activities(period, unit_ids)
    live_ids = select(Activity.id).where(*live)

    def by(column, *joins) -> dict[str, int]:
        query = select(column, func.count()).select_from(Activity)
        for target, on in joins:
            query = query.outerjoin(target, on)
        return _counts(session, query.where(*live).group_by(column))

    def by_link(link) -> dict[str, int]:
        query = (
            select(CatalogItem.code, func.count())
            .select_from(link)
            .join(CatalogItem, CatalogItem.id == link.c.item_id)
            .where(link.c.activity_id.in_(live_ids))
            .group_by(CatalogItem.code)
        )
        return _counts(session, query)

    product_type = CatalogItem.__table__.alias("pt")
    month = func.substr(Activity.date_from, 1, 7)
    quarter = func.substr(Activity.date_from, 1, 4).concat(literal("-Q")).concat(
        cast((cast(func.substr(Activity.date_from, 6, 2), Integer) + 2) / 3, Integer)
    )
    totals = session.execute(
        select(func.count(), func.coalesce(func.sum(Activity.cost), 0)).select_from(Activity).where(*live)
    ).one()

    participant_filter = [Participant.deleted.is_(False), Participant.activity_id.in_(live_ids)]

    def participants_by(column) -> dict[str, int]:
        query = select(column, func.count()).select_from(Participant)
        return _counts(session, query.where(*participant_filter).group_by(column))

    def participants_by_item(item_column) -> dict[str, int]:
        item = CatalogItem.__table__.alias()
        query = select(item.c.code, func.count()).select_from(Participant).outerjoin(item, item.c.id == item_column)
        return _counts(session, query.where(*participant_filter).group_by(item.c.code))

    return {
        "activities": {
            "total": int(totals[0]),
            "cost_total": int(totals[1]),
            "by_unit": by(OrgUnit.code, (OrgUnit, OrgUnit.id == Activity.unit_id)),
            "by_kind": by(Activity.kind),
            "by_status": by(Activity.status),
            "by_product_type": {
                k: v
                for k, v in by(product_type.c.code, (product_type, product_type.c.id == Activity.product_type_id)).items()
                if k != UNKNOWN
            },
            "by_theme": by_link(activity_theme),
            "by_language": by_link(activity_language),
            "by_channel": by_link(activity_channel),
            "by_month": by(month),
            "by_quarter": by(quarter),
        },
        "participants": {
            "total": session.scalar(select(func.count()).select_from(Participant).where(*participant_filter)) or 0,
            "by_gender": participants_by(Participant.gender),
            "by_ethnicity": participants_by_item(Participant.ethnicity_id),
            "by_category": participants_by_item(Participant.category_id),
        },
        "attachments": session.scalar(
            select(func.count())
            .select_from(Attachment)
            .where(Attachment.deleted.is_(False), Attachment.activity_id.in_(live_ids))
        )
        or 0,
    }
