"""Which fields each kind of activity has (besides the common ones: kind, title, dates,
plan task, status, description, attachments), and the order of a unit's own statuses.

Two tables, one rule:

* ``KIND_FIELDS``: what the entry form offers for a kind — what an officer types.
* ``KIND_ALLOWED``: what a record of that kind may *store* — the form's fields plus what
  real office data carries besides: register rows of products with the times they were
  aired and their reach, a cost on any kind, the place of a mobile loudspeaker run or a
  billboard, the runs of a mobile campaign recorded as another activity, the themes and
  languages of a meeting or of another activity. Everything else is meaningless for the
  kind (minutes of a broadcast would count the product's length twice; participants only
  on events; copies, a quantity or an audience of "another activity") and
  :func:`desktop_app.core.domain.rules.check_record` refuses it, wherever the record comes
  from: the form, the command line, a register import or a sync package.

The form shows ``KIND_FIELDS`` and keeps a stored value of ``KIND_ALLOWED`` it does not
show, so it never loses what the core accepts nor sends what it refuses.
"""

from __future__ import annotations

from desktop_app.core.domain.enums import ActivityKind, ActivityStatus

KIND_FIELDS: dict[str, frozenset[str]] = {
    ActivityKind.PRODUCT: frozenset({"product_type", "quantity", "copies", "minutes", "channels", "themes", "languages", "cost"}),
    ActivityKind.BROADCAST: frozenset({"product", "channels", "times_aired", "audience", "languages", "themes"}),
    ActivityKind.EVENT: frozenset({"event_type", "place", "cost"}),
    ActivityKind.OTHER: frozenset(),
}
# Stored although the form does not offer them (see the module's text for why).
_ALSO_STORED: dict[str, frozenset[str]] = {
    ActivityKind.PRODUCT: frozenset({"times_aired", "audience"}),
    ActivityKind.BROADCAST: frozenset({"place", "cost"}),
    ActivityKind.EVENT: frozenset({"themes", "languages", "audience", "participants"}),
    ActivityKind.OTHER: frozenset({"place", "themes", "languages", "cost", "times_aired"}),
}
KIND_ALLOWED: dict[str, frozenset[str]] = {kind: fields | _ALSO_STORED[kind] for kind, fields in KIND_FIELDS.items()}
KIND_SPECIFIC: frozenset[str] = frozenset().union(*KIND_FIELDS.values())  # the form's kind-dependent rows
# Every field some kinds have and others not: the ones the rule looks at.
KIND_RULED: frozenset[str] = frozenset().union(*KIND_ALLOWED.values())
LIST_FIELDS = ("themes", "languages", "channels")
# Activity JSON field -> the column that stores it, where the names differ.
FIELD_COLUMNS = {"product_type": "product_type_id", "event_type": "event_type_id", "product": "product_id"}
LOCAL_STATUS_ORDER = (ActivityStatus.DRAFT.value, ActivityStatus.SUBMITTED.value)  # what a unit may choose


def kinds_with(field: str) -> list[str]:
    """The kinds that may store ``field``, in the enum's order."""
    return [kind.value for kind in ActivityKind if field in KIND_ALLOWED[kind]]


def holds(value: object) -> bool:
    """Whether a stored value says anything: none, empty text, zero and an empty list do not
    (a zero cost or times aired on a kind without them changes no figure)."""
    return value not in (None, "", 0, [], ())
