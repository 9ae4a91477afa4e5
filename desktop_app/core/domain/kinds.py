"""Which fields each kind of activity has (besides the common ones: kind, title, dates,
plan task, status, description, attachments), and the order of a unit's own statuses.

The form shows only these fields. The core does not refuse the others yet: the register
import (issue 9) stores products with times aired, and the CLI's tests an "other" activity
with a cost — which fields a kind may *store* needs a decision before it is enforced."""

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
