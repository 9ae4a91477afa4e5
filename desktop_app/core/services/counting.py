"""What counts in a report: the one rule every report, chart, dashboard figure and the
ministry's bundle apply.

An activity counts when it was submitted (or accepted by the province) and has not been
returned for correction: its status is neither a draft nor "returned", and no live review
of the province returned the version held here. A record the unit corrects after a return
counts again once it is sent (its new version is no longer the one returned). A delegate
counts when present (not marked absent), once per event.
"""

from __future__ import annotations

from sqlalchemy import String, and_, case, cast, exists, not_
from sqlalchemy.sql.elements import ColumnElement

from desktop_app.core.db.models import Activity, Participant, Review
from desktop_app.core.domain.enums import ActivityStatus

# Printed in every report's notes.
COUNTING_NOTE = "Số liệu tính các hoạt động đã gửi, không tính bản nháp và hoạt động bị trả lại."
NOT_COUNTED_STATUSES = (ActivityStatus.DRAFT.value, ActivityStatus.RETURNED.value)
# What a live activity is to the reports (see counting_state).
COUNTED, DRAFT, RETURNED = "counted", "draft", "returned"


def current_version(activity=Activity) -> ColumnElement:
    """The activity's version as reviews name it: "origin:counter"."""
    return activity.ver_origin + ":" + cast(activity.ver_counter, String)


def returned(activity=Activity) -> ColumnElement:
    """A live review returned the activity as it is now."""
    return exists().where(
        Review.activity_id == activity.id,
        Review.deleted.is_(False),
        Review.decision == "returned",
        Review.activity_version == current_version(activity),
    )


def counted(activity=Activity, deleted: ColumnElement | None = None) -> ColumnElement:
    """The SQL condition of an activity that counts (live, sent, not returned). ``deleted``:
    the activity's deleted column as the query should read it (see reports.figures)."""
    deleted = activity.deleted if deleted is None else deleted
    return and_(deleted.is_(False), activity.status.not_in(NOT_COUNTED_STATUSES), not_(returned(activity)))


def is_draft(activity=Activity) -> ColumnElement:
    return and_(activity.deleted.is_(False), activity.status == ActivityStatus.DRAFT.value)


def is_returned(activity=Activity) -> ColumnElement:
    """Live, not a draft, and returned (by status or by the province's review of this version)."""
    return and_(
        activity.deleted.is_(False),
        activity.status != ActivityStatus.DRAFT.value,
        (activity.status == ActivityStatus.RETURNED.value) | returned(activity),
    )


def counting_state(activity=Activity) -> ColumnElement:
    """The same rule as one SQL value, for a live activity: DRAFT (is_draft), RETURNED
    (is_returned) or COUNTED (counted). The three cases split the live activities exactly,
    so one GROUP BY over them gives the figures and what was left out."""
    return case(
        (activity.status == ActivityStatus.DRAFT.value, DRAFT),
        ((activity.status == ActivityStatus.RETURNED.value) | returned(activity), RETURNED),
        else_=COUNTED,
    )


def present_participant() -> list[ColumnElement]:
    """A delegate who counts: live and not marked absent (see services.targets)."""
    return [Participant.deleted.is_(False), Participant.absent.is_(False)]


def delegate_key() -> ColumnElement:
    """One person on one event: a person listed twice on an event counts once."""
    return Participant.activity_id + "|" + Participant.person_key
