"""The rules every stored record obeys, wherever it comes from.

The entry form and the CLI reach them through the services' readers
(:func:`desktop_app.core.services.activities.read_activity`,
:func:`desktop_app.core.services.participants.read_participant`); the importer runs every
incoming record of a sync package through :func:`check_record` before it touches the
database, so a package can never reach the database's own constraints. The bounds are
documented in ``docs/sync-format.md`` ("Record rules").

Rules work on column values as stored (dates as :class:`date`, numbers, NFC text) and
report :class:`Issue` objects whose ``field`` is the name a user knows (``date`` for the
column ``date_from``), with the same message keys whoever entered the record.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Iterable, Mapping

from desktop_app.core.domain.enums import ActivityStatus
from desktop_app.core.domain.kinds import FIELD_COLUMNS, KIND_ALLOWED, KIND_RULED, holds, kinds_with
from desktop_app.core.errors import Issue

# Dates of activities: none before this day (the programme's records start long after),
# none further ahead of the checking machine's clock than the tolerance.
DATE_MIN = date(2000, 1, 1)
FUTURE_TOLERANCE = timedelta(days=366)
BIRTH_YEAR_MIN = 1900

# Longest text per table and column, in characters (after NFC).
TEXT_LIMITS: dict[str, dict[str, int]] = {
    "activity": {"title": 1000, "place": 300, "description": 20_000, "recorded_by": 200},
    "participant": {"name": 200, "position": 300, "organization": 300, "phone": 32, "note": 500},
    "attachment": {"original_name": 500, "mime_type": 200},
    "unit_report": {"period": 32, "difficulties": 20_000, "proposals": 20_000},
}
# Largest value per numeric column; every number is non-negative.
NUMBER_LIMITS: dict[str, dict[str, float]] = {
    "activity": {
        "quantity": 1e15,
        "copies": 1e15,
        "times_aired": 1e15,
        "audience": 1e15,
        "cost": 1e15,
        "minutes": 100_000,
    },
    "attachment": {"size": 1e15},
}
DATE_COLUMNS: dict[str, tuple[str, ...]] = {"activity": ("date_from", "date_to")}
# Statuses a unit may give its own activity; accepted / returned are the province's review.
UNIT_STATUSES = frozenset({ActivityStatus.DRAFT.value, ActivityStatus.SUBMITTED.value})
PHONE = re.compile(r"^\+?[0-9 .\-]{8,20}$")

# Column -> the field name users (and the activity JSON) know it by.
FIELD_NAMES = {"date_from": "date", **{column: name for name, column in FIELD_COLUMNS.items()}}
# The columns (or, for lists and participants, the names) of the fields a kind may lack.
KIND_RULED_COLUMNS = {FIELD_COLUMNS.get(name, name): name for name in KIND_RULED}


def text_limit(table: str, column: str) -> int:
    return TEXT_LIMITS[table][column]


def number_limit(table: str, column: str) -> float:
    return NUMBER_LIMITS[table][column]


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def check_record(
    table: str,
    values: Mapping[str, Any],
    *,
    only: Iterable[str] | None = None,
    today: date | None = None,
    prefix: str = "",
) -> list[Issue]:
    """The errors of one record of ``table`` (column values as stored). ``only`` limits
    the checks to those columns (the fields an update changes); ``prefix`` goes before
    field names ("participants[2].")."""
    columns = set(values) if only is None else set(only)
    today = today or date.today()
    issues: list[Issue] = []

    def error(column: str, key: str, **params: Any) -> None:
        name = prefix + FIELD_NAMES.get(column, column)
        issues.append(Issue(key, {"field": name, **params}, name, "error"))

    for column, limit in TEXT_LIMITS.get(table, {}).items():
        value = values.get(column)
        if column in columns and isinstance(value, str) and len(value) > limit:
            error(column, "field.too_long", max=limit)
    for column, limit in NUMBER_LIMITS.get(table, {}).items():
        value = values.get(column)
        if column not in columns or value is None:
            continue
        if value < 0:
            error(column, "number.negative")
        elif value > limit:
            error(column, "number.too_large", max=int(limit) if float(limit).is_integer() else limit)
    latest = today + FUTURE_TOLERANCE
    for column in DATE_COLUMNS.get(table, ()):
        day = values.get(column)
        if column not in columns or day is None:
            continue
        if day < DATE_MIN:
            error(column, "date.too_early", value=_fmt(day), min=_fmt(DATE_MIN))
        elif day > latest:
            error(column, "date.far_future", value=_fmt(day), max=_fmt(latest))
    if table == "activity":
        start, end = values.get("date_from"), values.get("date_to")
        if start and end and end < start and columns & {"date_from", "date_to"}:
            error("date_to", "date.before_start", start=_fmt(start))
        _check_kind_fields(values, columns, error)
        status = values.get("status")
        if "status" in columns and status is not None and status not in UNIT_STATUSES:
            error("status", "activity.status_review_only", value=status)
    if table == "participant":
        year = values.get("birth_year")
        if "birth_year" in columns and year is not None and not BIRTH_YEAR_MIN <= year <= today.year:
            error("birth_year", "participant.bad_birth_year", value=year)
        phone = values.get("phone")
        if "phone" in columns and phone and len(phone) <= TEXT_LIMITS["participant"]["phone"] and not PHONE.match(phone):
            error("phone", "participant.bad_phone", value=phone)
    return issues


def _check_kind_fields(values: Mapping[str, Any], columns: set[str], error: Any) -> None:
    """Refuse a field the activity's kind does not have (``kinds.KIND_ALLOWED``). A changed
    kind checks every field the record holds; otherwise only the changed ones. Lists
    (themes, languages, channels) and ``participants`` (a count) are checked when given."""
    kind = values.get("kind")
    allowed = KIND_ALLOWED.get(kind)
    if allowed is None:
        return
    ruled = KIND_RULED_COLUMNS if "kind" in columns else {c: KIND_RULED_COLUMNS[c] for c in columns if c in KIND_RULED_COLUMNS}
    for column, name in sorted(ruled.items()):
        if name in allowed or not holds(values.get(column)):
            continue
        if name == "participants":
            error(column, "activity.participants_need_event", count=values[column], activity_kinds=",".join(kinds_with(name)))
        else:
            error(column, "activity.field_not_for_kind", activity_kind=kind, activity_kinds=",".join(kinds_with(name)))
