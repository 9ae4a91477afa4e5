"""Versions, derived keys and the audit history of synced rows.

Every flush of a session that changes synced rows runs :func:`_before_flush`:

* in ``local`` mode (a user's change) each changed row gets the next value of this
  installation's change counter, bumped in the same transaction, and its origin;
* in ``import`` / ``load`` mode (sync packages, shipped content) rows keep the versions
  they arrived with;
* in every mode the folded search key and the Vietnamese sort key are derived, and an
  audit entry records who changed what, before and after.

A session that changes a synced row without a change context is a programming error.
Bulk writers (the demo generator, large imports) use :func:`derived_keys`,
:func:`snapshot_values` and :func:`audit_row` directly so the rules stay in one place.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Mapping

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from desktop_app.core.db.models import AuditEntry, CatalogItem, Installation, Synced
from desktop_app.core.db.types import new_uuid, utcnow
from desktop_app.core.domain.text import fold, person_identity, person_sort_key, vi_sort_key

CONTEXT_KEY = "ttdn_change_context"


@dataclass(frozen=True)
class ChangeContext:
    origin_id: str | None
    actor: str | None
    mode: str = "local"  # local | import | load

    def __post_init__(self) -> None:
        if self.mode not in ("local", "import", "load"):
            raise ValueError(self.mode)


def set_context(session: Session, context: ChangeContext) -> None:
    session.info[CONTEXT_KEY] = context


def derived_keys(model: type, values: Mapping[str, Any]) -> dict[str, str]:
    """The search and sort keys of a row of ``model`` with column ``values``."""
    fields, sort_field, sort, person = _key_rules(model)
    keys: dict[str, str] = {}
    if fields:
        keys["search_key"] = fold(" ".join(str(values[f]) for f in fields if values.get(f)))
    if sort_field:
        keys["sort_key"] = sort(values.get(sort_field) or "")
    if person:
        keys["person_key"] = person_identity(values.get("name"), values.get("birth_year"), values.get("organization"))
    return keys


@functools.cache
def _key_rules(model: type) -> tuple[tuple[str, ...], str | None, Any, bool]:
    """What :func:`derived_keys` derives for ``model``: (search fields, sort field, sort
    key function, whether it has a person key), read once per model."""
    fields = tuple(getattr(model, "SEARCH_FIELDS", None) or ())
    sort_field = getattr(model, "SORT_FIELD", None)
    sort = person_sort_key if getattr(model, "PERSON_SORT", False) else vi_sort_key
    person = "person_key" in getattr(getattr(model, "__table__", None), "columns", {})
    return fields, sort_field, sort, person


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(type(value))


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


def snapshot_values(model: type, values: Mapping[str, Any]) -> dict[str, Any]:
    """The content of a new row for the audit history: no bookkeeping, no empty fields."""
    skip = set(getattr(model, "META_FIELDS", ())) | {"created_at", "deleted"}
    return {k: v for k, v in values.items() if k not in skip and v is not None}


def arrival_note(values: Mapping[str, Any]) -> dict[str, Any]:
    """What the audit keeps of a row that arrived from elsewhere (the row itself holds
    the content): the version it came with."""
    return {"version": f"{values['ver_origin']}:{values['ver_counter']}"}


def audit_row(
    context: ChangeContext, table: str, row_id: str, action: str, before: Any, after: Any, at: datetime
) -> dict[str, Any]:
    return {
        "at": at,
        "actor": context.actor,
        "origin_id": context.origin_id,
        "table_name": table,
        "row_id": row_id,
        "action": action,
        "before": None if before is None else to_json(before),
        "after": None if after is None else to_json(after),
    }


_PLAIN = re.compile(r"[0-9A-Za-z:_\-]*\Z")


def import_audit_row(
    origin_id: str, actor: str | None, table: str, row_id: str, before: str | None, after: str, outcome: str, package_id: str, at: datetime
) -> dict[str, Any]:
    """:func:`audit_row` of a row version applied from a package (mode ``import``): the
    version the row held (``before``, "origin:counter" or None), the one it holds after,
    the outcome and the package. The same entry, built without a JSON encoder per row."""
    def dump(value: str) -> str:  # versions, outcomes and ids need no escaping: skip the encoder
        return f'"{value}"' if _PLAIN.match(value) else json.dumps(value, ensure_ascii=False)

    return {
        "at": at,
        "actor": actor,
        "origin_id": origin_id,
        "table_name": table,
        "row_id": row_id,
        "action": "import",
        "before": None if before is None else '{"version": ' + dump(before) + "}",
        "after": '{"outcome": ' + dump(outcome) + ', "package": ' + dump(package_id) + ', "version": ' + dump(after) + "}",
    }


def _collection_codes(items) -> list[str]:
    return sorted(item.code if isinstance(item, CatalogItem) else str(getattr(item, "id", item)) for item in items)


def _object_changes(obj: Synced, is_new: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """(before, after) of the changed content of ``obj``; full ``after`` when new."""
    state = inspect(obj)
    mapper = state.mapper
    skip = set(obj.META_FIELDS)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in mapper.column_attrs:
        key = attr.key
        if key in skip:
            continue
        value = getattr(obj, key)
        if is_new:
            if value is not None and key not in ("created_at", "deleted"):
                after[key] = value
            continue
        history = state.attrs[key].history
        if history.has_changes():
            before[key] = history.deleted[0] if history.deleted else None
            after[key] = value
    for rel in mapper.relationships:
        if not rel.uselist or rel.secondary is None:
            continue
        history = state.attrs[rel.key].history
        if is_new:
            after[rel.key] = _collection_codes(getattr(obj, rel.key))
        elif history.has_changes():
            before[rel.key] = _collection_codes([*history.unchanged, *history.deleted])
            after[rel.key] = _collection_codes(getattr(obj, rel.key))
    return before, after


def _next_counters(session: Session, count: int) -> int:
    """Reserve ``count`` versions; return the first. Same transaction as the change."""
    table = Installation.__table__
    connection = session.connection()
    first = connection.execute(
        table.update().values(counter=table.c.counter + count).returning(table.c.counter)
    ).scalar_one()
    return first - count + 1


def _before_flush(session: Session, _flush_context, _instances) -> None:
    changes: list[tuple[Synced, str]] = []
    for obj in session.new:
        if isinstance(obj, Synced):
            changes.append((obj, "create"))
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj):
            history = inspect(obj).attrs["deleted"].history
            action = "delete" if obj.deleted and history.has_changes() else "update"
            changes.append((obj, action))
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise RuntimeError("synced rows are tombstoned, never deleted: set .deleted = True")
    if not changes:
        return
    context: ChangeContext | None = session.info.get(CONTEXT_KEY)
    if context is None:
        raise RuntimeError("a session changed synced rows without a ChangeContext")

    now = utcnow()
    counter = _next_counters(session, len(changes)) if context.mode == "local" else None
    for index, (obj, action) in enumerate(changes):
        is_new = action == "create"
        before, after = _object_changes(obj, is_new)
        if not is_new and not after:
            continue  # only bookkeeping changed
        if context.mode == "local":
            obj.ver_origin = context.origin_id
            obj.ver_counter = counter + index
            obj.vv = {**(obj.vv or {}), context.origin_id: obj.ver_counter}
            obj.updated_at = now
            if is_new and obj.origin_id is None:
                obj.origin_id = context.origin_id
        elif obj.ver_origin is None or obj.ver_counter is None or obj.origin_id is None or not obj.vv:
            raise RuntimeError(f"{context.mode} of {type(obj).__name__} without a version")
        values = {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}
        for key, value in derived_keys(type(obj), values).items():
            setattr(obj, key, value)
        if obj.id is None:
            obj.id = new_uuid()
            after["id"] = obj.id
        audit_action = action if context.mode == "local" else context.mode
        if context.mode != "local":
            before, after = None, arrival_note(values)
        session.add(
            AuditEntry(
                **audit_row(
                    context,
                    obj.__tablename__,
                    obj.id,
                    audit_action,
                    before or None,
                    after,
                    now,
                )
            )
        )


def install(session_factory) -> None:
    """Attach the versioning hook to a ``sessionmaker``."""
    event.listen(session_factory, "before_flush", _before_flush)
