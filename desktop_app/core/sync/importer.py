"""Importing packages: preview, then apply everything in one transaction.

Every file is verified first (:mod:`desktop_app.core.sync.verify`); a file that fails any
check is rejected whole with the reason and nothing of it is applied. The rest is applied
in one SQLite transaction, so a power cut or a killed process leaves the database as it
was; importing again completes. A dry run does the same work and rolls back.

Each row version is classified: new, updated, unchanged (already here), stale (older than
what is here: a deletion is never undone by an older copy), conflicting (concurrent with
what is here: both kept, one deterministic winner) or rejected (with a reason: the sender
may not speak for that unit, or a reference is unknown here).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import delete, insert, literal_column, select, table as table_clause, text, update
from sqlalchemy.orm import Session

from desktop_app.core.db.models import (
    Activity,
    AuditEntry,
    Blob,
    Conflict,
    Installation,
    MissingBlob,
    Origin,
    OrgUnit,
    PackageLog,
    Peer,
    PeerAck,
    PlanTaskPartner,
    ReceivedRange,
    Rejection,
)
from desktop_app.core.db.types import utcnow
from desktop_app.core.db import dialect
from desktop_app.core.domain.kinds import KIND_ALLOWED, kinds_with
from desktop_app.core.db.versioning import derived_keys, import_audit_row
from desktop_app.core.domain.rules import check_record
from desktop_app.core.errors import TtdnError
from desktop_app.core.files import blob_path, move_into_place, write_bytes_atomic
from desktop_app.core.progress import Progress, no_progress
from desktop_app.core.sync.identity import local_key_pair, register_peer, touch_peer
from desktop_app.core.sync.personal import open_attachment_name, open_incoming_file, open_participant, withhold_participant
from desktop_app.core.sync.merge import Version, decide
from desktop_app.core.sync.records import (
    SPECS,
    TABLE_ORDER,
    Incoming,
    from_record,
    link_column,
    load_links,
    parse_datetime,
    to_record,
)
from desktop_app.core.sync.verify import Volume, allowed_units, iter_records, open_volume, reopen
from desktop_app.core.workspace import Workspace

OUTCOMES = ("new", "updated", "unchanged", "stale", "conflicting", "rejected")
# How far ahead of this machine's clock a version's time may be (time zones, drift).
CLOCK_TOLERANCE = timedelta(days=1)


@dataclass
class FileOutcome:
    path: str
    status: str  # applied | already | rejected | needs_confirmation | carried
    message: str | None = None
    key: str | None = None
    kind: str | None = None
    sender: str | None = None
    sequence: int | None = None
    volume: str | None = None
    fingerprint: str | None = None
    # With ``key``, the screens and the CLI render the message in their language from
    # ``params`` (sync.describe); ``message`` keeps the Vietnamese text for the JSON output.
    params: dict[str, Any] | None = None


@dataclass
class ImportReport:
    dry_run: bool
    files: list[FileOutcome] = field(default_factory=list)
    outcomes: dict[str, Counter] = field(default_factory=dict)
    rejections: list[dict[str, Any]] = field(default_factory=list)
    missing_volumes: list[dict[str, Any]] = field(default_factory=list)
    sequence_gaps: list[dict[str, Any]] = field(default_factory=list)
    missing_files: int = 0

    def count(self, outcome: str) -> int:
        return sum(c[outcome] for c in self.outcomes.values())

    @property
    def changed(self) -> bool:
        return any(self.count(o) for o in ("new", "updated", "conflicting")) or any(
            f.status == "applied" and f.kind in ("receipt", "config") for f in self.files
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "changed": self.changed,
            "files": [f.__dict__ for f in self.files],
            "totals": {o: self.count(o) for o in OUTCOMES},
            "by_table": {t: {o: c[o] for o in OUTCOMES} for t, c in self.outcomes.items()},
            "rejections": self.rejections,
            "missing_volumes": self.missing_volumes,
            "sequence_gaps": self.sequence_gaps,
            "missing_files": self.missing_files,
        }


# Records are applied in batches of this many: read from the package, what they need
# read from the database in a few queries, written in a few statements. Nothing held in
# memory grows with the package beyond one batch.
BATCH = 2000
_IN_CHUNK = 500  # ids per IN (...) query


class _FileFailed(Exception):
    """A file turned out bad while it was applied (a record of the wrong shape, bytes that
    changed since they were checked): the import is done again without it."""

    def __init__(self, volume: Volume, error: TtdnError) -> None:
        super().__init__(error.key)
        self.volume, self.error = volume, error


class _Applier:
    """Applies the rows of verified volumes inside one open transaction."""

    def __init__(self, session: Session, workspace: Workspace, report: ImportReport, package_ids: set[str] = frozenset()) -> None:
        self.session = session
        self.workspace = workspace
        self.report = report
        self.me: Installation | None = session.scalar(select(Installation))
        self.keys = local_key_pair(session)
        self.now = utcnow()
        # The packages of this import: a record refused in one of them is a "rejected
        # parent" to the records that refer to it.
        self.package_ids = set(package_ids)
        # Per batch being applied: which referenced ids exist, the units of referenced
        # activities, referenced ids refused earlier in this import, the rows as they
        # stand (read in bulk, then kept up to date as records are applied), ids with
        # listed conflicts, and the batched inserts.
        self.known_ids: dict[str, dict[str, bool]] = {}
        self.activity_units: dict[str, str] = {}
        self.activity_kinds: dict[str, str] = {}
        self.rejected_refs: set[str] = set()
        self.batch_rejected: set[str] = set()
        self.current_rows: dict[str, dict[str, Any]] = {}
        self.conflicted: set[str] = set()
        self.pending: list[dict[str, Any]] = []
        self.pending_ids: set[str] = set()
        self.pending_links: dict[Any, list[dict[str, Any]]] = {}
        self.pending_audit: list[dict[str, Any]] = []
        self.pending_rejections: list[dict[str, Any]] = []
        self.blobs: set[str] = set()  # of the batch's files: those with a row here, those listed missing
        self.missing_blobs: set[str] = set()
        self.pending_blobs: list[dict[str, Any]] = []
        self.pending_missing: list[dict[str, Any]] = []
        # Per volume being applied: the unit each declared origin belongs to, and what is
        # known here of the creators its records name (bounded).
        self.origin_units: dict[str, str | None] = {}
        self.creators: dict[str, Origin | None] = {}
        # Files of this import, moved into the store once every volume is applied.
        self.stored: dict[str, Path] = {}
        self.search_batch = dialect.SearchBatch(session.connection())
        # Progress: records applied (and one step per volume) out of what the manifests count.
        self.progress: Progress = no_progress
        self.done = 0
        self.total = 1

    def advance(self, steps: int) -> None:
        self.done += steps
        self.progress(min(self.done, self.total), self.total)

    # --- references ----------------------------------------------------------------------

    def exists(self, table: str, row_id: str) -> bool:
        cache = self.known_ids.setdefault(table, {})
        if row_id not in cache:
            found = self.session.execute(text(f"SELECT 1 FROM {table} WHERE id = :i"), {"i": row_id}).first()
            cache[row_id] = found is not None
        return cache[row_id]

    def _ids_present(self, table: str, ids: set[str]) -> None:
        """Fill the existence cache for ``ids`` of ``table`` in a few queries."""
        cache = self.known_ids.setdefault(table, {})
        wanted = [i for i in ids if i not in cache]
        for start in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[start : start + _IN_CHUNK]
            found = set(self.session.scalars(select(literal_column("id")).select_from(table_clause(table)).where(literal_column("id").in_(chunk))))
            for i in chunk:
                cache[i] = i in found

    def prefetch(self, table: str, items: list[tuple[Incoming, dict[str, Any]]]) -> None:
        """Read what applying the batch ``items`` needs in bulk: current rows, listed
        conflicts, referenced rows (and whether a missing one was refused earlier in this
        import), the units of referenced activities."""
        spec = SPECS[table]
        model = spec.model
        ids = list(dict.fromkeys(inc.id for inc, _ in items))
        self.current_rows, self.conflicted, self.known_ids, self.activity_units, self.activity_kinds = {}, set(), {}, {}, {}
        self.rejected_refs, self.batch_rejected = set(), set()
        for start in range(0, len(ids), _IN_CHUNK):
            chunk = ids[start : start + _IN_CHUNK]
            for row in self.session.execute(select(model.__table__).where(model.id.in_(chunk))):
                self.current_rows[row.id] = dict(row._mapping)
            self.conflicted.update(
                self.session.scalars(
                    select(Conflict.row_id).where(Conflict.table_name == table, Conflict.resolved_at.is_(None), Conflict.row_id.in_(chunk))
                )
            )
        references: dict[str, set[str]] = {}
        for column in model.__table__.columns:
            for fk in column.foreign_keys:
                target = fk.column.table.name
                if target != "blob":
                    references.setdefault(target, set()).update(inc.values[column.name] for inc, _ in items if inc.values.get(column.name))
        for name in spec.links:
            references.setdefault("catalog_item", set()).update(i for inc, _ in items for i in inc.links.get(name, []))
        for inc, _ in items:
            for partner in inc.partners or []:
                if partner.get("unit_id"):
                    references.setdefault("org_unit", set()).add(partner["unit_id"])
        missing: list[str] = []
        for target, wanted in references.items():
            self._ids_present(target, wanted)
            missing.extend(i for i in wanted if not self.known_ids[target][i])
        for start in range(0, len(missing), _IN_CHUNK):
            chunk = missing[start : start + _IN_CHUNK]
            self.rejected_refs.update(
                self.session.scalars(select(Rejection.row_id).where(Rejection.row_id.in_(chunk), Rejection.package_id.in_(self.package_ids)))
            )
        self.blobs, self.missing_blobs = set(), set()
        if table == "attachment":  # the files they name: held here, or listed as missing
            shas = list({inc.values["sha256"] for inc, _ in items if inc.values.get("sha256")})
            for start in range(0, len(shas), _IN_CHUNK):
                chunk = shas[start : start + _IN_CHUNK]
                self.blobs.update(self.session.scalars(select(Blob.sha256).where(Blob.sha256.in_(chunk))))
                self.missing_blobs.update(self.session.scalars(select(MissingBlob.sha256).where(MissingBlob.sha256.in_(chunk))))
        activity_ids = [i for i in references.get("activity", ()) if self.known_ids["activity"][i]]
        for start in range(0, len(activity_ids), _IN_CHUNK):
            chunk = activity_ids[start : start + _IN_CHUNK]
            for activity_id, unit_id, kind in self.session.execute(select(Activity.id, Activity.unit_id, Activity.kind).where(Activity.id.in_(chunk))):
                self.activity_units[activity_id], self.activity_kinds[activity_id] = unit_id, kind

    def flush_pending(self, table: str) -> None:
        connection = self.session.connection()
        if self.pending:
            if table == "activity":
                self.search_batch.before_insert()
            dialect.bulk_insert(connection, SPECS[table].model.__table__, self.pending)
            if table == "activity":
                self.search_batch.added([row["id"] for row in self.pending])
        for link, rows in self.pending_links.items():
            dialect.bulk_insert(connection, link, rows)
        dialect.bulk_insert(connection, AuditEntry.__table__, self.pending_audit)
        dialect.bulk_insert(connection, Rejection.__table__, self.pending_rejections)
        dialect.bulk_insert(connection, Blob.__table__, self.pending_blobs)
        dialect.bulk_insert(connection, MissingBlob.__table__, self.pending_missing)
        self.pending, self.pending_ids, self.pending_links, self.pending_audit, self.pending_rejections = [], set(), {}, [], []
        self.pending_blobs, self.pending_missing = [], []

    def _missing_reference(self, inc: Incoming) -> tuple[str, str] | None:
        values = inc.values
        for name, target in _references(inc.table):
            value = values.get(name)
            if value is not None and not self.exists(target, value):
                return name, str(value)
        for name, ids in inc.links.items():
            for item_id in ids:
                if not self.exists("catalog_item", item_id):
                    return name, item_id
        for partner in inc.partners or []:
            if partner.get("unit_id") and not self.exists("org_unit", partner["unit_id"]):
                return "partners", partner["unit_id"]
        return None

    def _unit_of(self, inc: Incoming) -> str | None:
        if inc.table in ("activity", "unit_report"):
            return inc.values.get("unit_id")
        activity_id = inc.values.get("activity_id")
        if activity_id is None:
            return None
        if activity_id not in self.activity_units:
            found = self.session.execute(select(Activity.unit_id, Activity.kind).where(Activity.id == activity_id)).first()
            self.activity_units[activity_id], self.activity_kinds[activity_id] = found if found else (None, None)
        return self.activity_units[activity_id]

    # --- one record ----------------------------------------------------------------------

    def reject(self, volume: Volume, inc: Incoming, key: str, **params: Any) -> None:
        self.report.outcomes.setdefault(inc.table, Counter())["rejected"] += 1
        self.batch_rejected.add(inc.id)
        entry = {"table": inc.table, "id": inc.id, "key": key, "params": params}
        self.report.rejections.append(entry)
        self.pending_rejections.append(
            {
                "package_id": volume.package_id,
                "peer_id": volume.sender.installation_id,
                "origin_id": inc.values.get("ver_origin"),
                "table_name": inc.table,
                "row_id": inc.id,
                "key": key,
                "params": params,
                "at": utcnow(),
            }
        )

    def _current(self, inc: Incoming) -> tuple[dict[str, Any] | None, list[Conflict]]:
        if inc.id in self.pending_ids:
            self.flush_pending(inc.table)  # the same row twice in one package
        siblings: list[Conflict] = []
        if inc.id in self.conflicted:
            siblings = list(
                self.session.scalars(
                    select(Conflict).where(Conflict.table_name == inc.table, Conflict.row_id == inc.id, Conflict.resolved_at.is_(None))
                )
            )
        return self.current_rows.get(inc.id), siblings

    def apply_record(self, volume: Volume, inc: Incoming, raw: dict[str, Any], allowed: set[str] | None) -> None:
        spec = SPECS[inc.table]
        counter = self.report.outcomes.setdefault(inc.table, Counter())
        missing = self._missing_reference(inc)
        if missing is not None:
            if missing[1] in self.batch_rejected or missing[1] in self.rejected_refs:
                return self.reject(volume, inc, "record.parent_rejected", field=missing[0], value=missing[1])
            return self.reject(volume, inc, "record.unknown_reference", field=missing[0], value=missing[1])
        if spec.scope == "data":
            unit = self._unit_of(inc)  # its activity is here by now (checked above)
            if allowed is not None and unit not in allowed:
                return self.reject(volume, inc, "record.not_owner", unit=str(unit))
            if inc.table == "participant" and not inc.values.get("deleted"):
                kind = self.activity_kinds.get(inc.values["activity_id"])
                if kind is not None and "participants" not in KIND_ALLOWED.get(kind, ()):
                    # As the form: people are listed on events only (the report counts them).
                    return self.reject(volume, inc, "record.participant_not_on_event", activity_kind=kind,
                                       activity_kinds=",".join(kinds_with("participants")))
            if allowed is not None:
                problem = self._untrusted_version(volume, inc, allowed)
                if problem is not None:
                    return self.reject(volume, inc, problem[0], **problem[1])
            try:
                sealed = self._sealed_values(inc, raw)
            except TtdnError as exc:  # a sealed part that opens here but is malformed
                return self.reject(volume, inc, exc.key, **exc.params)
            # The record rules of the entry form, sealed fields included: the database's
            # constraints are never reached from a package.
            issues = check_record(inc.table, {**inc.values, **inc.links, **sealed}, today=self.now.date())
            if issues:
                return self.reject(volume, inc, issues[0].key, **issues[0].params)
        current, siblings = self._current(inc)
        if spec.scope == "data" and current is not None and inc.table in ("activity", "unit_report"):
            if allowed is not None and current["unit_id"] not in allowed:
                return self.reject(volume, inc, "record.not_owner", unit=str(current["unit_id"]))
        if spec.scope == "data" and current is not None and allowed is not None and current["origin_id"] != inc.values["origin_id"]:
            # Who created a record never changes.
            return self.reject(volume, inc, "record.creator_changed", origin=inc.values["origin_id"])
        incoming = Version.of(inc.values)
        sibling_versions = {(c.ver_origin, c.ver_counter): c for c in siblings}
        decision = decide(
            Version.of(current) if current else None,
            [Version(c.ver_origin, c.ver_counter, c.vv, bool(c.record.get("deleted")), _record_time(c.record)) for c in siblings],
            incoming,
        )
        if decision.outcome == "conflicting" and volume.kind == "config" and decision.winner is not incoming:
            # The province owns its configuration: its version wins at a unit.
            others = tuple(v for v in (*decision.siblings, decision.winner) if v is not incoming)
            decision = type(decision)("conflicting", incoming, others)
        counter[decision.outcome] += 1
        if decision.winner is None:
            return
        keep = {v.key for v in decision.siblings}
        # The row takes the winner.
        if decision.winner is incoming:
            self._write(inc, raw, exists=current is not None)
        elif current is None or decision.winner.key != (current["ver_origin"], current["ver_counter"]):
            promoted = sibling_versions[decision.winner.key]
            self._write(from_record(inc.table, promoted.record), promoted.record, exists=current is not None)
            promoted.resolved_at = self.now
        # The listed conflicts: the versions still concurrent with the winner.
        for key, conflict in sibling_versions.items():
            if key not in keep and conflict.resolved_at is None:
                conflict.resolved_at = self.now
        if current is not None and (current["ver_origin"], current["ver_counter"]) in keep:
            links = _links_of(self.session, spec, current["id"])
            self._add_conflict(inc.table, to_record(spec, current, links))
        if incoming.key in keep:
            self._add_conflict(inc.table, raw)
        self.pending_audit.append(
            import_audit_row(
                inc.values["ver_origin"],
                volume.sender.unit_name,
                inc.table,
                inc.id,
                f"{current['ver_origin']}:{current['ver_counter']}" if current else None,
                f"{decision.winner.origin}:{decision.winner.counter}",
                decision.outcome,
                volume.package_id,
                self.now,
            )
        )

    def _sealed_values(self, inc: Incoming, raw: dict[str, Any]) -> dict[str, Any]:
        """The sealed fields of a record that open here (a participant's, a personal
        attachment's name), to be held to the record rules like the rest; {} at a relay."""
        if inc.table == "participant" and raw.get("sealed"):
            inc.opened = (open_participant(self.keys, raw["sealed"], inc.id),)
            return inc.opened[0] or {}
        if inc.table == "attachment" and (inc.extra or {}).get("sealed"):
            values: dict[str, Any] = {"id": inc.id, "extra": dict(inc.extra)}
            open_attachment_name(self.keys, values)
            return {"original_name": values["original_name"]} if "original_name" in values else {}
        return {}

    def _untrusted_version(self, volume: Volume, inc: Incoming, allowed: set[str]) -> tuple[str, dict[str, Any]] | None:
        """Why the record's version cannot be believed, or None: its origin must be one the
        sender owns or relays, declared in the manifest, and its counter within the
        declared range."""
        origin, number = inc.version
        span = (volume.manifest.get("origins") or {}).get(origin)
        if span is None:
            return "record.undeclared_origin", {"origin": origin}
        if self.origin_units.get(origin) not in allowed:
            return "record.foreign_origin", {"origin": origin}
        # Whose record it is: the creator's origin, when known here, is of those units too.
        creator = inc.values["origin_id"]
        if creator in self.origin_units:
            if self.origin_units[creator] not in allowed:
                return "record.foreign_origin", {"origin": creator}
        else:  # not declared (a retired origin, say): judged by what is known of it here
            if creator not in self.creators:
                if len(self.creators) >= 1000:
                    self.creators.clear()
                self.creators[creator] = self.session.get(Origin, creator)
            known = self.creators[creator]
            mine = self.me is not None and creator == self.me.origin_id
            if mine or (known is not None and (known.is_local or (known.unit_id is not None and known.unit_id not in allowed))):
                return "record.foreign_origin", {"origin": creator}
        if number > span["to"] and not any(lo < number <= hi for lo, hi in declared_ranges(span)):
            return "record.version_out_of_range", {"origin": origin, "counter": number, "to": span["to"]}
        # A version stamped ahead of this machine's clock (beyond a tolerance) is refused:
        # a clock set to 2099 would otherwise win every later conflict.
        for name in ("updated_at", "created_at"):
            value = inc.values.get(name)
            if value is not None and value > self.now + CLOCK_TOLERANCE:
                return "record.future_time", {"field": name, "value": value.strftime("%d/%m/%Y %H:%M")}
        return None

    def bind_origins(self, volume: Volume, allowed: set[str] | None) -> None:
        """The unit each origin the manifest declares belongs to. An origin is bound to
        a unit the first time it is seen; this installation's own origins are nobody
        else's; an origin named for a registered installation belongs to that
        installation's unit, whatever the manifest says."""
        self.origin_units = {}
        local = set(self.session.scalars(select(Origin.id).where(Origin.is_local.is_(True))))
        if self.me is not None:
            local.add(self.me.origin_id)
        for origin, span in (volume.manifest.get("origins") or {}).items():
            unit: str | None = None
            known = self.session.get(Origin, origin)
            if origin in local:
                unit = None
            elif known is not None and known.unit_id is not None:
                unit = known.unit_id
            elif origin == volume.sender.origin_id:
                unit = volume.sender.unit_id
            else:
                peer = self.session.get(Peer, span.get("installation_id")) if isinstance(span.get("installation_id"), str) else None
                unit = peer.unit_id if peer is not None else span.get("unit_id")
            if allowed is None and origin not in local and unit is None:
                unit = span.get("unit_id")
            self.origin_units[origin] = unit if isinstance(unit, str) else None

    def _add_conflict(self, table: str, record: dict[str, Any]) -> None:
        exists = self.session.scalar(
            select(Conflict).where(
                Conflict.table_name == table,
                Conflict.row_id == record["id"],
                Conflict.ver_origin == record["ver_origin"],
                Conflict.ver_counter == record["ver_counter"],
            )
        )
        self.conflicted.add(record["id"])
        if exists is not None:
            exists.resolved_at = None
            return
        self.session.add(
            Conflict(
                table_name=table,
                row_id=record["id"],
                ver_origin=record["ver_origin"],
                ver_counter=record["ver_counter"],
                vv=record["vv"],
                record=record,
                detected_at=self.now,
            )
        )

    def _write(self, inc: Incoming, raw: dict[str, Any], *, exists: bool) -> None:
        spec = SPECS[inc.table]
        model = spec.model
        values = dict(inc.values)
        values["extra"] = inc.extra or None
        if inc.table == "participant":
            self._personal(inc, values, raw)
        elif inc.table == "attachment":
            open_attachment_name(self.keys, values)
        values.update(derived_keys(model, values))
        table = model.__table__
        if exists:
            self.session.execute(update(table).where(table.c.id == inc.id).values(**{k: v for k, v in values.items() if k != "id"}))
        else:
            names, fixed, computed = _insert_template(table)
            row = {**fixed, **values} if values.keys() <= names else {**fixed, **{k: v for k, v in values.items() if k in names}}
            for name, column in computed:
                if name not in values:
                    row[name] = _column_default(column)
            self.pending.append(row)
            self.pending_ids.add(inc.id)
            self.known_ids.setdefault(inc.table, {})[inc.id] = True
        self.current_rows[inc.id] = values
        for name, link in spec.links.items():
            owner = link.c[link_column(link)]
            if exists:
                self.session.execute(delete(link).where(owner == inc.id))
            self.pending_links.setdefault(link, []).extend({owner.name: inc.id, "item_id": i} for i in inc.links.get(name, []))
        if inc.partners is not None:
            self.session.execute(delete(PlanTaskPartner.__table__).where(PlanTaskPartner.task_id == inc.id))
            for p in inc.partners:
                self.session.add(PlanTaskPartner(task_id=inc.id, position=p["position"], name=p.get("name"), unit_id=p.get("unit_id")))
        if inc.table == "activity":
            self.activity_units[inc.id], self.activity_kinds[inc.id] = values["unit_id"], values["kind"]
        if inc.table == "attachment" and not values.get("deleted"):
            sha = values["sha256"]
            if sha not in self.blobs:
                self.blobs.add(sha)
                self.pending_blobs.append({"sha256": sha, "size": values["size"], "created_at": self.now})
            stored = sha in self.stored or blob_path(self.workspace.db.files_dir, sha).exists()
            if not stored and sha not in self.missing_blobs:
                self.missing_blobs.add(sha)
                self.pending_missing.append({"sha256": sha, "attachment_id": inc.id, "since": self.now})

    def _personal(self, inc: Incoming, values: dict[str, Any], raw: dict[str, Any]) -> None:
        """Open a participant's sealed fields (at the province); a relay keeps the envelope."""
        values["name"] = values.get("name") or ""
        sealed = raw.get("sealed")
        if not sealed:
            if values.get("personal_withheld"):
                withhold_participant(values)
            return
        opened = inc.opened[0] if inc.opened is not None else open_participant(self.keys, sealed, values["id"])
        if opened is None:  # not for this installation (a relay): carried on unread
            withhold_participant(values)
            values["sealed"] = sealed
        else:
            values.update(opened)
            values["sealed"] = None

    # --- one volume ----------------------------------------------------------------------

    def apply_volume(self, volume: Volume) -> None:
        allowed = None
        if volume.kind == "data" and not (volume.peer and volume.peer.role == "aggregator"):
            allowed = allowed_units(self.session, volume.sender.unit_id)
        self.bind_origins(volume, allowed)
        self.creators = {}
        try:
            with reopen(volume) as reader:
                for table in TABLE_ORDER:
                    if table in volume.members:
                        self.apply_table(volume, reader, table, allowed)
        except TtdnError as exc:  # the file is not what was checked, or a record is malformed
            raise _FileFailed(volume, exc) from exc
        for received in list(volume.files):  # a sealed personal file is opened here (at the province)
            sha, tmp = open_incoming_file(self.keys, received, volume.files.pop(received))
            volume.files[sha] = tmp
            self.store_file(sha, tmp)
        if volume.kind == "receipt":
            self.apply_receipt(volume)
        if volume.kind == "config":
            self.apply_peers(volume)
        self.record_ranges(volume, allowed)
        if volume.peer is not None:
            touch_peer(volume.peer, self.now)

    def apply_table(self, volume: Volume, reader, table: str, allowed: set[str] | None) -> None:
        """The records of one table, in batches: read, prefetched, applied, written."""
        batch: list[tuple[Incoming, dict[str, Any]]] = []
        for item in iter_records(volume, reader, table):
            batch.append(item)
            if len(batch) >= BATCH:
                self.apply_batch(volume, table, batch, allowed)
                batch = []
        if batch:
            self.apply_batch(volume, table, batch, allowed)

    def apply_batch(self, volume: Volume, table: str, batch: list[tuple[Incoming, dict[str, Any]]], allowed: set[str] | None) -> None:
        self.prefetch(table, batch)
        for inc, raw in batch:
            self.apply_record(volume, inc, raw, allowed)
        self.flush_pending(table)
        self.session.flush()
        self.advance(len(batch))

    def store_file(self, sha: str, tmp: Path) -> None:
        """Record a file of the package as held here; it is moved into the store when
        every volume has been applied (:meth:`move_files`)."""
        if self.report.dry_run:
            return
        size = tmp.stat().st_size
        self.stored[sha] = tmp
        connection = self.session.connection()
        if connection.execute(select(Blob.sha256).where(Blob.sha256 == sha)).first() is None:
            connection.execute(insert(Blob.__table__), {"sha256": sha, "size": size, "created_at": self.now})
        connection.execute(delete(MissingBlob).where(MissingBlob.sha256 == sha))

    def move_files(self) -> None:
        for sha, tmp in self.stored.items():
            move_into_place(tmp, blob_path(self.workspace.db.files_dir, sha), keep_existing=True)
        self.stored = {}

    def record_ranges(self, volume: Volume, allowed: set[str] | None) -> None:
        """Remember which counters of each origin are now held here. Ranges of an origin
        the sender may not speak for are not believed (they would acknowledge, to the
        origin's real owner, changes that never arrived)."""
        for origin, span in (volume.manifest.get("origins") or {}).items():
            if self.me is not None and origin == self.me.origin_id:
                continue
            unit_id = self.origin_units.get(origin)
            if allowed is not None and unit_id not in allowed:
                continue
            known = self.session.get(Origin, origin)
            bound = unit_id if unit_id and self.exists("org_unit", unit_id) else None
            installation = span.get("installation_id") if isinstance(span.get("installation_id"), str) else None
            if known is None:
                self.session.add(Origin(id=origin, unit_id=bound, installation_id=installation, is_local=False))
            elif known.is_local:
                continue
            else:
                known.unit_id = known.unit_id or bound
                known.installation_id = known.installation_id or installation
            added = False
            for lo, hi in declared_ranges(span):
                if hi > lo:
                    self.session.add(ReceivedRange(origin_id=origin, lo=lo, hi=hi))
                    added = True
            if added:
                self.session.flush()
                coalesce_ranges(self.session, origin)

    def apply_receipt(self, volume: Volume) -> None:
        receipt = volume.documents.get("receipt.json")
        if not isinstance(receipt, dict) or not isinstance(receipt.get("marks"), dict):
            raise TtdnError("package.bad_manifest", detail="receipt")
        peer_id = volume.sender.installation_id
        last = self.session.scalar(
            select(PackageLog.sequence)
            .where(PackageLog.direction == "in", PackageLog.kind == "receipt", PackageLog.peer_id == peer_id)
            .order_by(PackageLog.sequence.desc())
            .limit(1)
        )
        if last is not None and last >= volume.sequence:
            return  # an older receipt than one already applied: its marks are out of date
        for origin, mark in receipt["marks"].items():
            if not isinstance(mark, int) or isinstance(mark, bool) or mark < 0 or not isinstance(origin, str) or len(origin) != 32:
                raise TtdnError("package.bad_manifest", detail="receipt.marks")
            ack = self.session.get(PeerAck, (peer_id, origin))
            if ack is None:
                self.session.add(PeerAck(peer_id=peer_id, origin_id=origin, counter=mark, updated_at=self.now))
            else:
                ack.counter, ack.updated_at = mark, self.now

    def apply_peers(self, volume: Volume) -> None:
        """A configuration package registers the province and lists revoked keys."""
        if volume.needs_confirmation:
            register_peer(self.session, volume.sender, confirmed=True)
            volume.peer = self.session.get(Peer, volume.sender.installation_id)
        for entry in volume.documents.get("peers.json") or []:
            if not isinstance(entry, dict) or entry.get("status") != "revoked":
                continue
            peer = self.session.get(Peer, entry.get("installation_id"))
            if peer is not None and peer.status != "revoked":
                peer.status, peer.revoked_at = "revoked", self.now


@functools.cache
def _references(table: str) -> tuple[tuple[str, str], ...]:
    """(column, referenced table) of ``table``'s references that must be here already
    (files may come in another volume)."""
    found = []
    for column in SPECS[table].model.__table__.columns:
        if column.foreign_keys:
            target = next(iter(column.foreign_keys)).column.table.name
            if target != "blob":
                found.append((column.name, target))
    return tuple(found)


@functools.cache
def _insert_template(table) -> tuple[frozenset[str], dict[str, Any], tuple[tuple[str, Any], ...]]:
    """A batched insert's row of ``table``, worked out once: its column names, the fixed
    values of the columns a record may not carry, and the columns whose default is
    computed per row."""
    computed: list[tuple[str, Any]] = []
    fixed: dict[str, Any] = {}
    for c in table.columns:
        if c.default is not None and c.default.is_callable:
            computed.append((c.name, c))
        else:
            fixed[c.name] = _column_default(c)
    return frozenset(c.name for c in table.columns), fixed, tuple(computed)


def _column_default(column) -> Any:
    """The value a batched insert gives a column the record did not carry."""
    default = column.default
    if default is None:
        return None
    if default.is_scalar:
        return default.arg
    return default.arg({}) if default.is_callable else None


class _DryRun(Exception):
    """Raised to roll back a preview."""


def _record_time(record: dict[str, Any]):
    return parse_datetime(record["updated_at"])


def _links_of(session: Session, spec, row_id: str) -> dict[str, list[str]]:
    return load_links(session, spec, [row_id]).get(row_id, {}) if spec.links else {}


def declared_ranges(span: dict[str, Any]) -> list[tuple[int, int]]:
    """The counter ranges (lo, hi] a manifest's origin entry covers: (from, to] and the
    ranges a relay holds beyond a gap (``held``)."""
    return [(span["from"], span["to"]), *((lo, hi) for lo, hi in span.get("held") or [])]


def coalesce_ranges(session: Session, origin: str) -> None:
    ranges = sorted(session.scalars(select(ReceivedRange).where(ReceivedRange.origin_id == origin)), key=lambda r: (r.lo, r.hi))
    merged: list[ReceivedRange] = []
    for r in ranges:
        if merged and r.lo <= merged[-1].hi:
            merged[-1].hi = max(merged[-1].hi, r.hi)
            session.delete(r)
        else:
            merged.append(r)
    session.flush()


def _already_imported(session: Session, package_id: str) -> bool:
    return session.scalar(select(PackageLog.id).where(PackageLog.direction == "in", PackageLog.package_id == package_id).limit(1)) is not None


def _gaps(session: Session, report: ImportReport, volumes: list[Volume]) -> None:
    for sender_id in {v.sender.installation_id for v in volumes if v.kind == "data"}:
        sequences = set(
            session.scalars(
                select(PackageLog.sequence).where(PackageLog.direction == "in", PackageLog.kind == "data", PackageLog.peer_id == sender_id)
            )
        )
        if sequences:
            missing = sorted(set(range(1, max(sequences) + 1)) - sequences)
            if missing:
                unit = next(v.sender.unit_name for v in volumes if v.sender.installation_id == sender_id)
                report.sequence_gaps.append({"sender": unit, "missing": missing})
    for set_id in {v.set_id for v in volumes}:
        count = next(v.count for v in volumes if v.set_id == set_id)
        have = set(session.scalars(select(PackageLog.volume_index).where(PackageLog.direction == "in", PackageLog.set_id == set_id)))
        missing = sorted(set(range(1, count + 1)) - have)
        if missing:
            sample = next(v for v in volumes if v.set_id == set_id)
            report.missing_volumes.append({"sender": sample.sender.unit_name, "sequence": sample.sequence, "count": count, "missing": missing})


def import_packages(
    workspace: Workspace,
    paths: list[Path],
    *,
    dry_run: bool = False,
    confirm: Callable[[Volume], bool] = lambda volume: False,
    progress: Progress = no_progress,
) -> ImportReport:
    """Check every file, then apply the good ones in one transaction (or preview them).

    ``confirm(volume)`` is asked before trusting a province seen for the first time
    (a configuration package): the user compares the fingerprint read over the phone.
    """
    report = ImportReport(dry_run=dry_run)
    volumes: list[Volume] = []
    outcomes: dict[int, FileOutcome] = {}
    with workspace.reading() as session:
        for path in paths:
            try:
                volume = open_volume(session, Path(path), workspace.db.files_dir)
            except TtdnError as exc:
                report.files.append(_rejected(path, exc))
                continue
            outcome = FileOutcome(
                str(path),
                "applied",
                kind=volume.kind,
                sender=f"{volume.sender.unit_name} ({volume.sender.unit_code})",
                sequence=volume.sequence,
                volume=f"{volume.index}/{volume.count}",
                fingerprint=volume.sender.keys.fingerprint,
            )
            if volume.carry_for is not None:
                outcome.status, outcome.key = "carried", "package.carried"
                kept = _keep_for_commune(session, workspace, volume, dry_run)
                unit = session.get(OrgUnit, volume.carry_for)
                outcome.message = TtdnError("package.carried", unit=unit.name if unit else "?", path=str(kept)).message("vi")
                volume.discard_files()
            elif volume.needs_confirmation and not confirm(volume):
                outcome.status, outcome.key = "needs_confirmation", "package.confirm_aggregator"
                outcome.params = {"fingerprint": volume.sender.keys.fingerprint}
                outcome.message = TtdnError("package.confirm_aggregator", fingerprint=volume.sender.keys.fingerprint).message("vi")
                volume.discard_files()
            elif _already_imported(session, volume.package_id) or any(v.package_id == volume.package_id for v in volumes):
                outcome.status, outcome.key, outcome.params = "already", "package.already_imported", {}
                outcome.message = TtdnError("package.already_imported").message("vi")
                volumes.append(volume)
            else:
                volumes.append(volume)
            outcomes[id(volume)] = outcome
            report.files.append(outcome)
    if not dry_run and any(f.status == "applied" for f in report.files):
        workspace.backup("import")  # the data as it was, should the import be regretted
    peers = {id(v): v.peer for v in volumes}
    try:
        while True:
            try:
                _apply_all(workspace, report, volumes, dry_run, progress)
                break
            except _FileFailed as failed:
                # Found bad while applying: everything is rolled back; the file is refused
                # whole and the rest is applied again without it.
                volumes.remove(failed.volume)
                failed.volume.discard_files()
                outcome = outcomes[id(failed.volume)]
                index = report.files.index(outcome)
                report.files[index] = _rejected(failed.volume.path, failed.error)
                report.outcomes, report.rejections = {}, []
                report.missing_volumes, report.sequence_gaps, report.missing_files = [], [], 0
                for volume in volumes:
                    volume.peer = peers[id(volume)]  # as checked (not as the rolled-back attempt left it)
    finally:
        for volume in volumes:
            volume.discard_files()
    return report


def _work_of(volume: Volume) -> int:
    """Progress steps of applying ``volume``: its records as the manifest counts them, and one."""
    counts = volume.manifest.get("counts")
    records = 0
    if isinstance(counts, dict):
        for table, count in counts.items():
            if table in volume.members and isinstance(count, int) and not isinstance(count, bool) and 0 < count <= 10**9:
                records += count
    return records + 1


def _rejected(path: Path | str, exc: TtdnError) -> FileOutcome:
    return FileOutcome(str(path), "rejected", exc.message("vi"), exc.key, params=exc.params)


def _apply_all(workspace: Workspace, report: ImportReport, volumes: list[Volume], dry_run: bool, progress: Progress) -> None:
    """Apply ``volumes`` in one transaction (rolled back for a dry run). Raises
    :class:`_FileFailed` (everything rolled back) when a file turns out bad."""
    if not volumes:
        return
    try:
        with workspace.db.session() as session:
            with session.begin(), dialect.bulk_write_cache(session.connection()):
                session.execute(text("PRAGMA defer_foreign_keys = ON"))
                applier = _Applier(session, workspace, report, {v.package_id for v in volumes})
                applier.progress, applier.total = progress, sum(_work_of(v) for v in volumes)
                for volume in sorted(volumes, key=lambda v: (v.kind != "config", v.sequence, v.index)):
                    applier.apply_volume(volume)
                    if not _already_imported(session, volume.package_id):
                        session.add(
                            PackageLog(
                                package_id=volume.package_id,
                                set_id=volume.set_id,
                                direction="in",
                                kind=volume.kind,
                                peer_id=volume.sender.installation_id,
                                peer_unit_id=volume.sender.unit_id,
                                sequence=volume.sequence,
                                volume_index=volume.index,
                                volume_count=volume.count,
                                file_name=volume.path.name,
                                sha256=volume.sha256,
                                size=volume.size,
                                at=applier.now,
                                summary=_summary(volume),
                            )
                        )
                    session.flush()
                    applier.advance(1)
                applier.search_batch.finish()
                _gaps(session, report, volumes)
                report.missing_files = session.query(MissingBlob).count()
                if dry_run:
                    raise _DryRun
                applier.move_files()
    except _DryRun:
        pass  # the preview's transaction is rolled back


def _keep_for_commune(session: Session, workspace: Workspace, volume: Volume, dry_run: bool) -> Path:
    """Keep a receipt the province wrote for a commune this centre relays, unchanged (it
    is signed for the commune), in the folder the officer copies from: relay/<unit code>/."""
    unit = session.get(OrgUnit, volume.carry_for)
    folder = workspace.data_dir / "relay" / (unit.code if unit else volume.carry_for)
    target = folder / volume.path.name
    if not dry_run and not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(target, volume.path.read_bytes())
    return target


def _summary(volume: Volume) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "counts": dict(sorted(volume.counts.items())),
        "origins": volume.manifest.get("origins") or {},
        "files": len(volume.files),
    }
    if volume.kind == "receipt":
        receipt = volume.documents.get("receipt.json") or {}
        for key in ("marks", "missing_blobs", "rejections", "confirmed_at", "counts"):
            if key in receipt:
                summary[key] = receipt[key]
    return summary
