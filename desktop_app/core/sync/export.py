"""Data packages: everything the destination has not acknowledged, once.

For each origin whose rows this installation holds (its own, and those it relays for
communes), the package carries every row version above what the destination confirmed
in its last receipt, and states the counter range it covers. Attachments travel with the
first version of their row that the destination has not confirmed, and again only if a
receipt reports them missing. Participants' identifying fields are sealed for the
province's key (see personal.py); without it the export refuses unless the user chose counts only.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import (
    SHIPPED_ORIGIN,
    Attachment,
    Conflict,
    Installation,
    Origin,
    PackageLog,
    PeerAck,
    ReceivedRange,
)
from desktop_app.core.errors import TtdnError
from desktop_app.core.progress import Progress, no_progress
from desktop_app.core.files import blob_path
from desktop_app.core.sync.container import Member, jsonl_bytes
from desktop_app.core.sync.identity import aggregator_peer, ensure_keys, own_identity
from desktop_app.core.sync.keys import Sealer
from desktop_app.core.sync.personal import seal_attachment, seal_attachment_file, seal_participant
from desktop_app.core.sync.package import PackageSpec, Written, next_sequence, write_volumes
from desktop_app.core.sync.records import DATA_TABLES, SPECS, load_links, to_record
from desktop_app.core.workspace import Workspace
from desktop_app.core.write_errors import remove_quietly

DEFAULT_MAX_VOLUME_MB = 20


@dataclass
class ExportResult:
    files: list[Written]
    sequence: int
    counts: dict[str, int]
    origins: dict[str, dict[str, Any]]
    attachments: int
    personal: str  # sealed | withheld | none
    warnings: list[TtdnError] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": [{"path": str(w.path), "sha256": w.sha256, "size": w.size, "volume": w.index, "of": w.count} for w in self.files],
            "sequence": self.sequence,
            "counts": self.counts,
            "origins": self.origins,
            "attachments": self.attachments,
            "personal": self.personal,
        }


def acks_for(session: Session, peer_id: str | None) -> dict[str, int]:
    if peer_id is None:
        return {}
    return dict(session.execute(select(PeerAck.origin_id, PeerAck.counter).where(PeerAck.peer_id == peer_id)).all())


def high_water_marks(session: Session) -> dict[str, int]:
    """Per origin, how far this installation holds every change without a gap."""
    marks: dict[str, int] = {}
    for origin, hi in session.execute(select(ReceivedRange.origin_id, ReceivedRange.hi).where(ReceivedRange.lo == 0)):
        marks[origin] = max(hi, marks.get(origin, 0))
    inst = session.scalar(select(Installation))
    if inst is not None:
        marks[inst.origin_id] = max(inst.counter, marks.get(inst.origin_id, 0))
        for (origin,) in session.execute(select(Origin.id).where(Origin.is_local.is_(True), Origin.id != inst.origin_id)):
            top = 0
            for name in DATA_TABLES:
                model = SPECS[name].model
                found = session.scalar(select(model.ver_counter).where(model.ver_origin == origin).order_by(model.ver_counter.desc()).limit(1))
                top = max(top, found or 0)
            marks[origin] = max(top, marks.get(origin, 0))
    return marks


def _missing_blobs_reported(session: Session, peer_id: str | None) -> set[str]:
    if peer_id is None:
        return set()
    receipt = session.scalar(
        select(PackageLog)
        .where(PackageLog.direction == "in", PackageLog.kind == "receipt", PackageLog.peer_id == peer_id)
        .order_by(PackageLog.id.desc())
        .limit(1)
    )
    return set((receipt.summary or {}).get("missing_blobs", [])) if receipt else set()


class _Selector:
    """Rows (and listed conflicting versions) above the destination's acknowledgements."""

    def __init__(self, session: Session, acks: dict[str, int], skip_origins: set[str], full: bool) -> None:
        self.session = session
        self.acks = acks
        self.skip = skip_origins | {SHIPPED_ORIGIN}
        self.full = full

    def _wanted(self, origin: str, counter: int) -> bool:
        return origin not in self.skip and (self.full or counter > self.acks.get(origin, 0))

    def rows(self, table: str) -> list[dict[str, Any]]:
        spec = SPECS[table]
        model = spec.model
        origins = [o for (o,) in self.session.execute(select(model.ver_origin).distinct()) if o not in self.skip]
        rows: list[dict[str, Any]] = []
        for origin in origins:
            query = select(model.__table__).where(model.ver_origin == origin)
            if not self.full:
                query = query.where(model.ver_counter > self.acks.get(origin, 0))
            rows += [dict(r._mapping) for r in self.session.execute(query.order_by(model.ver_counter))]
        return rows

    def siblings(self, table: str) -> list[dict[str, Any]]:
        found = self.session.execute(
            select(Conflict.record).where(Conflict.table_name == table, Conflict.resolved_at.is_(None))
        ).scalars()
        return [r for r in found if self._wanted(r["ver_origin"], r["ver_counter"])]


def export_data(
    workspace: Workspace,
    target: Path,
    *,
    full: bool = False,
    max_volume_mb: float | None = DEFAULT_MAX_VOLUME_MB,
    counts_only: bool = False,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = lambda: False,
) -> ExportResult:
    """Write the data package for the province (or the configured destination).

    All or nothing: if anything fails after the files were written (the data folder
    itself full, say), the files are removed and the sequence number stays unused."""
    written: list[Written] = []
    try:
        # Attachments marked as personal are sealed into here on their way out.
        with tempfile.TemporaryDirectory(dir=workspace.data_dir, prefix=".sealing-") as scratch:
            return _export_data(
                workspace, target, written, Path(scratch),
                full=full, max_volume_mb=max_volume_mb, counts_only=counts_only, progress=progress, cancelled=cancelled,
            )
    except BaseException:
        for w in written:
            remove_quietly(w.path)
        raise


def _export_data(
    workspace: Workspace,
    target: Path,
    written: list[Written],
    scratch: Path,
    *,
    full: bool,
    max_volume_mb: float | None,
    counts_only: bool,
    progress: Progress,
    cancelled: Callable[[], bool],
) -> ExportResult:
    with workspace.db.transaction() as session:
        inst = workspace.require_installation(session)
        if inst.role != "unit":
            raise TtdnError("export.not_a_unit")
        keys = ensure_keys(session)
        identity = own_identity(session)
        destination = aggregator_peer(session)
        peer_id = destination.installation_id if destination else None
        acks = acks_for(session, peer_id)
        selector = _Selector(session, acks, set(), full)
        sealer = Sealer(destination.box_pub) if destination is not None and not counts_only else None

        records: dict[str, list[dict[str, Any]]] = {}
        origins_seen: set[str] = set()
        for step, table in enumerate(DATA_TABLES, start=1):
            if cancelled():
                raise TtdnError("operation.cancelled")
            spec = SPECS[table]
            rows = selector.rows(table)
            links = load_links(session, spec, [r["id"] for r in rows]) if spec.links else {}
            out = [to_record(spec, r, links.get(r["id"])) for r in rows] + selector.siblings(table)
            if table == "participant":
                for record in out:
                    seal_participant(record, sealer, counts_only)
            elif table == "attachment":
                for record in out:
                    seal_attachment(record, sealer, counts_only)
            for record in out:
                origins_seen.add(record["ver_origin"])
            records[table] = out
            progress(step, len(DATA_TABLES) + 1)

        marks = high_water_marks(session)
        origin_units = dict(session.execute(select(Origin.id, Origin.unit_id)).all())
        origin_installs = dict(session.execute(select(Origin.id, Origin.installation_id)).all())
        # Ranges a relay holds beyond a gap (a later package of a commune arrived, an
        # earlier one did not): declared so the province can believe the versions in them.
        held: dict[str, list[list[int]]] = {}
        for origin, lo, hi in session.execute(select(ReceivedRange.origin_id, ReceivedRange.lo, ReceivedRange.hi).where(ReceivedRange.lo > 0).order_by(ReceivedRange.lo)):
            held.setdefault(origin, []).append([lo, hi])
        origins: dict[str, dict[str, Any]] = {}
        for origin in sorted(origins_seen | {inst.origin_id}):
            start = 0 if full else acks.get(origin, 0)
            end = marks.get(origin, 0)
            if end > start or origin in origins_seen:
                origins[origin] = {
                    "from": start,
                    "to": max(end, start),
                    "unit_id": origin_units.get(origin) or (identity.unit_id if origin == inst.origin_id else None),
                    "installation_id": origin_installs.get(origin) or (identity.installation_id if origin == inst.origin_id else None),
                }
                beyond = [r for r in held.get(origin, []) if r[1] > origins[origin]["to"]]
                if beyond:
                    origins[origin]["held"] = beyond

        # Files: with the attachment versions sent now, unless the destination already
        # holds the same content through a version it confirmed.
        sent_shas = {r["sha256"] for r in records.get("attachment", []) if not r.get("deleted")}
        confirmed = set()
        if not full:
            sent_ids = {r["id"] for r in records.get("attachment", [])}
            confirmed = {
                sha
                for row_id, sha, deleted in session.execute(select(SPECS["attachment"].model.id, SPECS["attachment"].model.sha256, SPECS["attachment"].model.deleted))
                if row_id not in sent_ids and not deleted
            }
        wanted = (sent_shas - confirmed) | _missing_blobs_reported(session, peer_id)
        # Content any personal attachment holds travels sealed (or not at all with counts
        # only); a relay forwards the sealed files it received, as named in their records.
        personal_shas = set(session.scalars(select(Attachment.sha256).where(Attachment.personal.is_(True))))
        relayed_sealed = {r["sha256"]: r["sealed_file"] for r in records.get("attachment", []) if isinstance(r.get("sealed_file"), str)}
        file_members = []
        warnings = []
        for sha in sorted(wanted):
            path = blob_path(workspace.db.files_dir, sha)
            if sha in personal_shas and path.exists():
                if sealer is None:
                    continue  # counts only: withheld with its name
                sealed_sha, sealed_path = seal_attachment_file(keys, destination.box_pub, sha, path, scratch)
                file_members.append(Member(f"files/{sealed_sha}", path=sealed_path))
                for record in records.get("attachment", []):
                    if record["sha256"] == sha and record.get("personal"):
                        record["sealed_file"] = sealed_sha
            elif path.exists():
                file_members.append(Member(f"files/{sha}", path=path))
            elif sha in relayed_sealed and blob_path(workspace.db.files_dir, relayed_sealed[sha]).exists():
                file_members.append(Member(f"files/{relayed_sealed[sha]}", path=blob_path(workspace.db.files_dir, relayed_sealed[sha])))
            else:
                warnings.append(TtdnError("export.file_missing", sha256=sha))

        counts = {t: len(r) for t, r in records.items()}
        data_members = [Member(f"data/{t}.jsonl", jsonl_bytes(r)) for t, r in records.items() if r]
        personal = "sealed" if sealer else ("withheld" if counts_only else "none")
        sequence = next_sequence(session, "data", peer_id)
        spec = PackageSpec(
            kind="data",
            sender=identity,
            destination={
                "installation_id": peer_id,
                "unit_id": destination.unit_id if destination else None,
                "role": "aggregator",
            },
            sequence=sequence,
            body={
                "full": full,
                "counts": counts,
                "origins": origins,
                "personal": {"sealed_for": destination.fingerprint} if sealer else ({"withheld": True} if counts_only else None),
            },
            data_members=data_members,
            file_members=file_members,
        )
        max_bytes = int(max_volume_mb * 1024 * 1024) if max_volume_mb else None
        written += write_volumes(session, spec, keys, target, max_volume_bytes=max_bytes)
        workspace.record_origin(session)  # these counters have now left the machine
        progress(len(DATA_TABLES) + 1, len(DATA_TABLES) + 1)
    return ExportResult(written, sequence, counts, origins, len(file_members), personal, warnings)
