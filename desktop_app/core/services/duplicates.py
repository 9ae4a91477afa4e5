"""Likely duplicates: the same unit recording the same title on the same day.

Two PCs of one unit, or one officer entering a record twice, are the usual causes. The
check is a hint for the form, never a refusal: a daily news slot may well repeat a title.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity
from desktop_app.core.domain.text import fold


def likely_duplicates(
    session: Session, unit_id: str, title: str | None, date_from: date | None, exclude_id: str | None = None
) -> list[tuple[str, str, date]]:
    """Live activities of ``unit_id`` on ``date_from`` whose title folds to the same text
    as ``title`` ("Hòa"/"Hoà"/"HOA" alike), as (id, title, date); ``exclude_id`` is the
    record being edited."""
    key = fold(title)
    if not key or date_from is None:
        return []
    # The (unit_id, date_from) index narrows to one day; search_key starts with the folded
    # title (then place and description), so the prefix test drops most others in SQL.
    query = (
        select(Activity.id, Activity.title, Activity.date_from)
        .where(
            Activity.unit_id == unit_id,
            Activity.date_from == date_from,
            Activity.deleted.is_(False),
            Activity.search_key.startswith(key, autoescape=True),
        )
        .order_by(Activity.created_at, Activity.id)
    )
    if exclude_id is not None:
        query = query.where(Activity.id != exclude_id)
    return [(row_id, row_title, day) for row_id, row_title, day in session.execute(query) if fold(row_title) == key]
