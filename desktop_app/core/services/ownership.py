"""Finding an activity by the id a user typed, and the one ownership rule: only the
unit that recorded an activity changes it (the province adds reviews as its own records).

Kept apart from ``activities`` so that attachments and participants, which
``activities`` uses, can check ownership without importing it back.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.core.db.models import Activity, Installation
from desktop_app.core.errors import NotFound, TtdnError


def resolve_activity_id(session: Session, ref: str) -> str:
    """A full id, or a unique prefix of at least 8 characters (as the CLI shows them)."""
    ref = ref.strip().lower()
    if len(ref) == 36:
        return ref
    if len(ref) < 8:
        raise NotFound("activity.not_found", id=ref)
    ids = list(session.scalars(select(Activity.id).where(Activity.id.startswith(ref)).limit(2)))
    if len(ids) != 1:
        raise NotFound("activity.ambiguous" if ids else "activity.not_found", id=ref)
    return ids[0]


def get_activity(session: Session, ref: str) -> Activity:
    activity = session.get(
        Activity,
        resolve_activity_id(session, ref),
        options=[selectinload(Activity.themes), selectinload(Activity.languages), selectinload(Activity.channels)],
    )
    if activity is None:
        raise NotFound("activity.not_found", id=ref)
    return activity


def require_owned(installation: Installation, activity: Activity) -> None:
    if activity.deleted:
        raise TtdnError("activity.deleted", id=activity.id)
    if activity.unit_id != installation.unit_id:
        raise TtdnError("activity.not_owner", id=activity.id)


def owned_activity(session: Session, installation: Installation, ref: str) -> Activity:
    """The live activity ``ref`` of this installation's unit, or a TtdnError saying why not."""
    activity = get_activity(session, ref)
    require_owned(installation, activity)
    return activity
