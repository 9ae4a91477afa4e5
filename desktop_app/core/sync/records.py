"""How synced rows travel: one JSON object per row version, checked field by field.

A record carries the row's columns (references as UUIDs; dates as ISO text), its sync
fields (id, origin_id, ver_origin, ver_counter, vv, deleted, created_at, updated_at),
its owned collections (an activity's themes, languages and channels as catalog item ids;
a task's partners, product types and themes) and any field a newer program version
added, which is kept in ``extra`` and sent on unchanged. Derived local columns (search
and sort keys) never travel.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Callable, Mapping

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, String, Table, Text
from sqlalchemy.orm import Session

from desktop_app.core.db import models as m
from desktop_app.core.domain.enums import ActivityKind, ActivityStatus, Gender, UnitKind
from desktop_app.core.domain.rules import TEXT_LIMITS
from desktop_app.core.errors import TtdnError

# \Z, not $: "$" also matches before a final line feed.
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
ORIGIN_RE = re.compile(r"^[0-9a-f]{32}\Z")
SHA_RE = re.compile(r"^[0-9a-f]{64}\Z")
MAX_COUNTER = 2**53
MAX_EXTRA_KEYS = 50
LOCAL_COLUMNS = {"search_key", "sort_key", "person_key", "extra"}
SYNC_COLUMNS = ("id", "origin_id", "ver_origin", "ver_counter", "vv", "deleted", "created_at", "updated_at")

ENUMS: dict[tuple[str, str], set[str]] = {
    ("activity", "kind"): {k.value for k in ActivityKind},
    ("activity", "status"): {s.value for s in ActivityStatus},
    ("participant", "gender"): {g.value for g in Gender},
    ("org_unit", "kind"): {k.value for k in UnitKind},
    ("review", "decision"): {"accepted", "returned"},
    ("unit_succession", "change"): {"merge", "split", "rename"},
}


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type
    scope: str  # data: a unit's own records | config: the province's | review: the province's
    links: dict[str, Table] = field(default_factory=dict)  # collection -> link table (item ids)
    personal: tuple[str, ...] = ()


SPECS: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("org_unit", m.OrgUnit, "config"),
        TableSpec("unit_succession", m.UnitSuccession, "config"),
        TableSpec("catalog_item", m.CatalogItem, "config"),
        TableSpec("plan", m.Plan, "config"),
        TableSpec(
            "plan_task",
            m.PlanTask,
            "config",
            links={"product_types": m.plan_task_product_type, "themes": m.plan_task_theme},
        ),
        TableSpec("plan_target", m.PlanTarget, "config"),
        TableSpec("unit_report", m.UnitReport, "data"),
        TableSpec(
            "activity",
            m.Activity,
            "data",
            links={"themes": m.activity_theme, "languages": m.activity_language, "channels": m.activity_channel},
        ),
        # What says who a person is travels sealed (see sync/personal.py).
        TableSpec("participant", m.Participant, "data", personal=("name", "phone", "birth_year", "position", "organization")),
        TableSpec("attachment", m.Attachment, "data"),
        TableSpec("review", m.Review, "review"),
    )
}
# The order rows are applied in (references first).
TABLE_ORDER = tuple(SPECS)
DATA_TABLES = tuple(n for n, s in SPECS.items() if s.scope == "data")
CONFIG_TABLES = tuple(n for n, s in SPECS.items() if s.scope == "config")


@functools.cache
def link_column(table: Table) -> str:
    """The column of a link table that points at the owning row."""
    return next(c.name for c in table.columns if c.name != "item_id")


def carried_columns(spec: TableSpec) -> list:
    """The columns of ``spec``'s table that travel in packages (computed once per table)."""
    found = _CARRIED.get(spec.name)
    if found is None:
        found = _CARRIED[spec.name] = [c for c in spec.model.__table__.columns if c.name not in LOCAL_COLUMNS]
    return found


_CARRIED: dict[str, list] = {}


# --- to JSON -----------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_record(spec: TableSpec, row: Mapping[str, Any], links: Mapping[str, list[Any]] | None = None) -> dict[str, Any]:
    record = {c.name: _json_value(row[c.name]) for c in carried_columns(spec)}
    extra = row.get("extra")
    if extra:
        for key, value in extra.items():
            record.setdefault(key, value)
    for name in spec.links:
        record[name] = sorted((links or {}).get(name, []))
    return record


def load_links(session: Session, spec: TableSpec, ids: list[str]) -> dict[str, dict[str, list[str]]]:
    """Collections of the rows ``ids``: {row id: {collection: [item ids]}}."""
    found: dict[str, dict[str, list[str]]] = {}
    for name, table in spec.links.items():
        owner = table.c[link_column(table)]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row_id, item_id in session.execute(table.select().with_only_columns(owner, table.c.item_id).where(owner.in_(chunk))):
                found.setdefault(row_id, {}).setdefault(name, []).append(item_id)
    return found


def partner_records(session: Session, task_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(task_ids), 500):
        chunk = task_ids[start : start + 500]
        for p in session.query(m.PlanTaskPartner).filter(m.PlanTaskPartner.task_id.in_(chunk)).order_by(m.PlanTaskPartner.position):
            rows.setdefault(p.task_id, []).append({"position": p.position, "name": p.name, "unit_id": p.unit_id})
    return rows


# --- from JSON ---------------------------------------------------------------------------


@dataclass
class Incoming:
    """A record read from a package and checked: column values ready for the database."""

    table: str
    values: dict[str, Any]
    links: dict[str, list[str]]
    extra: dict[str, Any]
    partners: list[dict[str, Any]] | None = None
    # The sealed fields as opened here, once the importer has opened them: (fields or
    # None when the envelope is not for this installation,).
    opened: tuple[dict[str, Any] | None] | None = None

    @property
    def id(self) -> str:
        return self.values["id"]

    @property
    def version(self) -> tuple[str, int]:
        return self.values["ver_origin"], self.values["ver_counter"]


def _bad(table: str, column: str, detail: str) -> TtdnError:
    return TtdnError("package.bad_record", table=table, field=column, detail=detail)


def parse_datetime(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


# Control characters (Unicode category Cc is exactly these two ranges) other than the
# usual white space, and lone surrogates (text that is not valid Unicode).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_OR_SURROGATE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class _Matched:
    """Whether a value is a string ``pattern`` matches, remembering (a bounded number of)
    the strings that did: the ids a package repeats (catalog items, origins) are matched
    once, not once per record."""

    def __init__(self, pattern: re.Pattern[str], limit: int = 4096) -> None:
        self.pattern, self.limit, self.seen = pattern, limit, set[str]()

    def __call__(self, value: Any) -> bool:
        if type(value) is not str:
            return False
        if value in self.seen:
            return True
        if self.pattern.match(value) is None:
            return False
        if len(self.seen) >= self.limit:
            self.seen.clear()
        self.seen.add(value)
        return True


_is_uuid = _Matched(UUID_RE)
_is_origin = _Matched(ORIGIN_RE)


def _column_kind(column) -> Any:
    kind = column.type
    impl = getattr(kind, "impl", kind)
    return impl() if isinstance(impl, type) else impl


def _converter(table: str, column) -> Callable[[Any], Any]:
    """The check and conversion of one column's value, decided once per column (the
    importer runs it for every field of every record)."""
    name = column.name
    impl = _column_kind(column)
    required = not column.nullable and column.default is None and column.server_default is None

    def null() -> None:
        if required:
            raise _bad(table, name, "null")
        return None

    if isinstance(impl, Boolean):

        def convert(value: Any) -> Any:
            if value is None:
                return null()
            if not isinstance(value, bool):
                raise _bad(table, name, "boolean expected")
            return value

    elif isinstance(impl, Integer):

        def convert(value: Any) -> Any:
            if value is None:
                return null()
            if value.__class__ is not int and (isinstance(value, bool) or not isinstance(value, int)):
                raise _bad(table, name, "integer expected")
            if abs(value) > MAX_COUNTER:
                raise _bad(table, name, "integer expected")
            return value

    elif isinstance(impl, Float):

        def convert(value: Any) -> Any:
            if value is None:
                return null()
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or abs(value) > 1e15:
                raise _bad(table, name, "number expected")
            return float(value)

    elif isinstance(impl, DateTime):

        def convert(value: Any) -> Any:
            if value is None:
                return null()
            if not isinstance(value, str):
                raise _bad(table, name, "date-time expected")
            try:
                return parse_datetime(value)
            except ValueError:
                raise _bad(table, name, "date-time expected") from None

    elif isinstance(impl, Date):

        def convert(value: Any) -> Any:
            if value is None:
                return null()
            if not isinstance(value, str):
                raise _bad(table, name, "date expected")
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise _bad(table, name, "date expected") from None

    elif isinstance(impl, JSON):

        def convert(value: Any) -> Any:
            if value is None:
                return null()
            if not isinstance(value, (dict, list)):
                raise _bad(table, name, "object expected")
            return value

    elif isinstance(impl, (String, Text)):
        length = getattr(impl, "length", None)
        # Lengths of a unit's records are record rules (one record rejected, not the package).
        limit = length if length and table not in TEXT_LIMITS else None
        allowed = ENUMS.get((table, name))

        def convert(value: Any) -> Any:
            if value is None:
                return null()
            if not isinstance(value, str):
                raise _bad(table, name, "text expected")
            if _CONTROL_OR_SURROGATE.search(value):  # one search for the two (rare) faults
                if _CONTROL.search(value):
                    raise _bad(table, name, "control character")
                raise TtdnError("package.text_not_unicode", table=table, field=name)
            if not value.isascii():
                value = unicodedata.normalize("NFC", value)
            if limit is not None and len(value) > limit:
                raise _bad(table, name, "too long")
            if allowed is not None and value not in allowed:
                raise _bad(table, name, f"unknown value {value[:40]!r}")
            return value

    else:  # pragma: no cover - a new column type

        def convert(value: Any) -> Any:
            if value is None:
                return null()
            raise _bad(table, name, "unsupported type")

    return convert


@dataclass(frozen=True)
class _Shape:
    """What :func:`from_record` checks of one table, worked out once."""

    converters: tuple[tuple[str, Callable[[Any], Any], bool], ...]  # (column, convert, required)
    by_name: dict[str, Callable[[Any], Any]]
    known: frozenset[str]


def _shape_of(spec: TableSpec) -> _Shape:
    converters = []
    for column in carried_columns(spec):
        required = column.name in SYNC_COLUMNS or (
            not column.nullable and column.default is None and column.server_default is None and column.name not in spec.personal
        )
        converters.append((column.name, _converter(spec.name, column), required))
    known = frozenset({c.name for c in carried_columns(spec)} | set(spec.links) | {"partners"})
    return _Shape(tuple(converters), {n: c for n, c, _ in converters}, known)


_SHAPES: dict[str, _Shape] = {name: _shape_of(spec) for name, spec in SPECS.items()}


def convert_field(table: str, name: str, value: Any) -> Any:
    """One field's value checked and converted as :func:`from_record` does (for fields
    that travelled sealed)."""
    return _SHAPES[table].by_name[name](value)


def check_sync_fields(table: str, values: dict[str, Any]) -> None:
    if not UUID_RE.match(values.get("id") or ""):
        raise _bad(table, "id", "UUID expected")
    for name in ("origin_id", "ver_origin"):
        if not _is_origin(values.get(name)):
            raise _bad(table, name, "origin id expected")
    counter = values.get("ver_counter")
    if not isinstance(counter, int) or counter < 1:
        raise _bad(table, "ver_counter", "positive counter expected")
    vv = values.get("vv")
    if not isinstance(vv, dict) or not vv or len(vv) > 64:
        raise _bad(table, "vv", "version vector expected")
    for origin, value in vv.items():
        if not _is_origin(origin) or isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_COUNTER:
            raise _bad(table, "vv", "version vector expected")
    if vv.get(values["ver_origin"]) != counter:
        raise _bad(table, "vv", "version vector does not hold the version")


def from_record(table: str, record: Any) -> Incoming:
    """Check one record's shape and types; raise ``package.bad_record`` if anything is off."""
    spec = SPECS[table]
    if not isinstance(record, dict):
        raise _bad(table, "-", "object expected")
    shape = _SHAPES[table]
    values: dict[str, Any] = {}
    for name, convert, required in shape.converters:
        if name in record:
            values[name] = convert(record[name])
        elif required:
            raise _bad(table, name, "missing")
    check_sync_fields(table, values)
    links: dict[str, list[str]] = {}
    for name in spec.links:
        items = record.get(name, [])
        if not isinstance(items, list) or len(items) > 100 or not all(map(_is_uuid, items)):
            raise _bad(table, name, "list of ids expected")
        links[name] = sorted(set(items))
    partners = None
    if table == "plan_task":
        partners = record.get("partners", [])
        if not isinstance(partners, list) or len(partners) > 100:
            raise _bad(table, "partners", "list expected")
        for p in partners:
            if not isinstance(p, dict) or not isinstance(p.get("position"), int):
                raise _bad(table, "partners", "partner expected")
            if p.get("unit_id") is not None and not UUID_RE.match(str(p["unit_id"])):
                raise _bad(table, "partners", "unit id expected")
            if p.get("name") is not None and not isinstance(p["name"], str):
                raise _bad(table, "partners", "name expected")
    if table == "plan_task" and values.get("event_ids") is not None:  # config format 1.1
        events = values["event_ids"]
        if not isinstance(events, list) or len(events) > 100 or not all(map(_is_uuid, events)):
            raise _bad(table, "event_ids", "list of ids expected")
    known = shape.known
    extra = {k: v for k, v in record.items() if k not in known}
    if len(extra) > MAX_EXTRA_KEYS:
        raise _bad(table, "-", "too many unknown fields")
    return Incoming(table, values, links, extra, partners)
