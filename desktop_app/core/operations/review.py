"""The province's review of what units send: the queue, one decision, what a unit got back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.core.operations._tx import changing
from desktop_app.core.services import activities as service
from desktop_app.core.services.activity_list import unit_and_descendants
from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.services.ownership import get_activity
from desktop_app.core.services.review import QueueRow, ReviewView, review_activity, review_of, review_queue, reviews_for_unit
from desktop_app.core.workspace import Workspace

__all__ = ["QueueRow", "ReviewDetails", "ReviewView", "decide", "queue", "received_reviews", "review_details"]


def decide(workspace: Workspace, activity_id: str, decision: str, comment: str | None = None) -> str:
    """Record the province's decision ("accepted" or "returned", with a comment saying what
    to correct) on the activity as it is now. Only an aggregator reviews."""
    with changing(workspace) as (session, inst):
        review_activity(session, inst, activity_id, decision, comment)
    return decision


def queue(workspace: Workspace, unit_id: str | None, include_reviewed: bool, limit: int) -> list[QueueRow]:
    """Submitted activities waiting for review (of one unit and the units under it)."""
    with workspace.reading() as session:
        units = unit_and_descendants(session, unit_id) if unit_id else None
        return review_queue(session, units, include_reviewed, limit=limit)


def received_reviews(workspace: Workspace) -> list[ReviewView]:
    """At a unit: the province's decisions on its activities."""
    with workspace.reading() as session:
        return reviews_for_unit(session)


@dataclass(frozen=True)
class ReviewDetails:
    record: dict[str, Any]
    review: ReviewView | None


def review_details(workspace: Workspace, activity_id: str, index: CatalogIndex | None = None) -> ReviewDetails:
    with workspace.reading() as session:
        record = service.activity_to_dict(session, get_activity(session, activity_id), index)
        return ReviewDetails(record, review_of(session, activity_id))
