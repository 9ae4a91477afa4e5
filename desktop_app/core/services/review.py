"""The province's review of units' activities: accept, or return for correction with a comment.

A review is the province's own record (one per activity, its id derived from the activity's),
naming the version of the activity it judged. It travels to the unit in the next receipt.
When the unit corrects the activity and sends it again, the new version no longer matches
the review, so the activity is back in the province's queue.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import String, cast, exists, func, select, true
from sqlalchemy.orm import Session

from desktop_app.core.db import dialect
from desktop_app.core.db.models import Activity, Installation, OrgUnit, Review
from desktop_app.core.db.types import natural_uuid
from desktop_app.core.domain.enums import ActivityStatus, Role
from desktop_app.core.domain.text import fold, nfc
from desktop_app.core.errors import TtdnError
from desktop_app.core.services.ownership import get_activity
from desktop_app.core.services.units import display_name

DECISIONS = ("accepted", "returned")
MAX_COMMENT = 5000


@dataclass(frozen=True)
class QueueRow:
    """A submitted activity waiting for (or, on request, having had) the province's review."""

    activity_id: str
    date_from: date
    kind: str
    title: str
    unit_id: str
    unit_name: str  # with its parent: names are not unique
    version: str
    decision: str | None  # the latest review's decision, of this or an older version
    reviewed_version: str | None

    @property
    def reviewed(self) -> bool:
        """The latest review judged the activity as it is now."""
        return self.reviewed_version == self.version

    @property
    def corrected(self) -> bool:
        """Returned before, and changed by the unit since."""
        return self.decision == "returned" and not self.reviewed


@dataclass(frozen=True)
class ReviewView:
    """A review as a unit (or the province) reads it."""

    activity_id: str
    activity_title: str
    activity_date: date
    decision: str
    comment: str | None
    reviewer: str | None
    reviewed_at: datetime
    changed_since: bool  # the activity has a newer version than the one reviewed


def review_id(activity_id: str) -> str:
    return natural_uuid("review", activity_id)


def version_of(activity: Activity) -> str:
    return f"{activity.ver_origin}:{activity.ver_counter}"


_CURRENT_VERSION = Activity.ver_origin + ":" + cast(Activity.ver_counter, String)


def review_activity(
    session: Session, installation: Installation, activity_id: str, decision: str, comment: str | None = None
) -> Review:
    """Record the province's decision on the activity as it is now (one review per activity:
    a later decision replaces the earlier one). Only an aggregator reviews; returning an
    activity needs a comment saying what to correct."""
    if installation.role != Role.AGGREGATOR:
        raise TtdnError("review.not_aggregator")
    if decision not in DECISIONS:
        raise TtdnError("review.bad_decision", value=decision)
    text = nfc(comment.strip()) if comment and comment.strip() else None
    if decision == "returned" and text is None:
        raise TtdnError("review.comment_required")
    if text is not None and len(text) > MAX_COMMENT:
        raise TtdnError("review.comment_too_long", max=MAX_COMMENT)
    activity = get_activity(session, activity_id)
    if activity.deleted:
        raise TtdnError("activity.deleted", id=activity.id)
    if activity.status == ActivityStatus.DRAFT:
        raise TtdnError("review.not_submitted", title=activity.title)
    review = session.get(Review, review_id(activity.id))
    if review is None:
        review = Review(id=review_id(activity.id), activity_id=activity.id)
        session.add(review)
    review.activity_version = version_of(activity)
    review.decision = decision
    review.comment = text
    review.reviewer = installation.officer_name
    review.deleted = False
    session.flush()
    return review


def _latest_review(activity_id):
    """A correlated subquery over the newest live review of ``activity_id``."""
    return (
        select(Review)
        .where(Review.activity_id == activity_id, Review.deleted.is_(False))
        .order_by(Review.updated_at.desc(), Review.id)
        .limit(1)
        .correlate(Activity)
    )


def _unreviewed():
    """No live review judged the activity's current version."""
    return ~exists().where(Review.activity_id == Activity.id, Review.deleted.is_(False), Review.activity_version == _CURRENT_VERSION)


def review_counts(session: Session, start: date, end: date) -> dict[str, tuple[int, int]]:
    """Per unit, for activities dated ``start``..``end``: (waiting for review, returned and
    not corrected yet)."""
    live = (Activity.deleted.is_(False), Activity.date_from >= start, Activity.date_from <= end)
    waiting = session.execute(
        select(Activity.unit_id, func.count())
        .where(*live, Activity.status == ActivityStatus.SUBMITTED.value, _unreviewed())
        .group_by(Activity.unit_id)
    ).all()
    returned = session.execute(
        select(Activity.unit_id, func.count(func.distinct(Activity.id)))
        .join(Review, Review.activity_id == Activity.id)
        .where(*live, Review.deleted.is_(False), Review.decision == "returned", Review.activity_version == _CURRENT_VERSION)
        .group_by(Activity.unit_id)
    ).all()
    counts: dict[str, tuple[int, int]] = {unit: (n, 0) for unit, n in waiting}
    for unit, n in returned:
        counts[unit] = (counts.get(unit, (0, 0))[0], n)
    return counts


def review_queue(
    session: Session,
    unit_ids: Collection[str] | None = None,
    include_reviewed: bool = False,
    limit: int | None = None,
    search: str | None = None,
) -> list[QueueRow]:
    """Submitted, live activities with no review of their current version (oldest first,
    as they wait); ``include_reviewed`` lists the reviewed ones too; ``search`` keeps those
    whose folded text contains the folded phrase (through the search index)."""
    decision = _latest_review(Activity.id).with_only_columns(Review.decision).scalar_subquery()
    reviewed_version = _latest_review(Activity.id).with_only_columns(Review.activity_version).scalar_subquery()
    query = (
        select(
            Activity.id,
            Activity.date_from,
            Activity.kind,
            Activity.title,
            Activity.unit_id,
            OrgUnit.name,
            _CURRENT_VERSION,
            decision,
            reviewed_version,
        )
        .join(OrgUnit, OrgUnit.id == Activity.unit_id)
        .where(Activity.deleted.is_(False), Activity.status == ActivityStatus.SUBMITTED.value)
        .order_by(Activity.date_from, Activity.sort_key, Activity.id)
    )
    if unit_ids is not None:
        query = query.where(Activity.unit_id.in_(list(unit_ids)))
    if not include_reviewed:
        query = query.where(_unreviewed())
    if phrase := fold(search):
        query = query.where(dialect.folded_contains(session, Activity.search_key, phrase))
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    names = {u.id: display_name(session, u) for u in session.scalars(select(OrgUnit).where(OrgUnit.id.in_({r.unit_id for r in rows})))}
    return [QueueRow(*row[:5], names.get(row.unit_id, row.name), *row[6:]) for row in rows]


def review_of(session: Session, activity_id: str) -> ReviewView | None:
    """The latest review of an activity, or None."""
    rows = _review_views(session, Review.activity_id == activity_id, limit=1)
    return rows[0] if rows else None


def reviews_for_unit(session: Session, unit_ids: Collection[str] | None = None) -> list[ReviewView]:
    """The province's reviews held here (at a unit: those of its activities, which arrive
    in receipts), newest first, with whether the activity was changed since."""
    condition = Activity.unit_id.in_(list(unit_ids)) if unit_ids is not None else true()
    newest: dict[str, ReviewView] = {}
    for view in _review_views(session, condition):
        newest.setdefault(view.activity_id, view)
    return list(newest.values())


def _review_views(session: Session, condition, limit: int | None = None) -> list[ReviewView]:
    query = (
        select(
            Review.activity_id,
            Activity.title,
            Activity.date_from,
            Review.decision,
            Review.comment,
            Review.reviewer,
            Review.updated_at,
            Review.activity_version != _CURRENT_VERSION,
        )
        .join(Activity, Activity.id == Review.activity_id)
        .where(Review.deleted.is_(False), condition)
        .order_by(Review.updated_at.desc(), Review.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [ReviewView(*row) for row in session.execute(query)]
