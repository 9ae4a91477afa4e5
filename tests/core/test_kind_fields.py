"""Which fields each kind of activity shows is the core's table (domain/kinds.py), which the
form reads: every kind-specific field belongs to a kind, "other" has none of its own."""

from __future__ import annotations

from desktop_app.core.domain.enums import ActivityKind
from desktop_app.core.domain.kinds import KIND_FIELDS, KIND_SPECIFIC, LOCAL_STATUS_ORDER
from desktop_app.core.services.activities import ACTIVITY_FIELDS, LOCAL_STATUSES


def test_the_table_covers_every_kind_and_only_known_fields():
    assert set(KIND_FIELDS) == {k.value for k in ActivityKind}
    assert KIND_SPECIFIC <= ACTIVITY_FIELDS
    assert KIND_FIELDS["other"] == frozenset()
    assert set(LOCAL_STATUS_ORDER) == LOCAL_STATUSES

