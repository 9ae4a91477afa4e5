"""Which fields each kind of activity has (besides the common ones: kind, title, dates,
plan task, status, description, attachments), and the order of a unit's own statuses.

The form shows only these fields; the core refuses a value in a field the kind does not
have (an unchanged stored value is kept, so old records still save)."""

from __future__ import annotations

from desktop_app.core.domain.enums import ActivityKind, ActivityStatus

KIND_FIELDS: dict[str, frozenset[str]] = {
    ActivityKind.PRODUCT: frozenset({"product_type", "quantity", "copies", "minutes", "channels", "themes", "languages", "cost"}),
    ActivityKind.BROADCAST: frozenset({"product", "channels", "times_aired", "audience", "languages", "themes"}),
    ActivityKind.EVENT: frozenset({"event_type", "place", "cost"}),
    ActivityKind.OTHER: frozenset(),
}
KIND_SPECIFIC: frozenset[str] = frozenset().union(*KIND_FIELDS.values())
LIST_FIELDS = ("themes", "languages", "channels")
LOCAL_STATUS_ORDER = (ActivityStatus.DRAFT.value, ActivityStatus.SUBMITTED.value)  # what a unit may choose
