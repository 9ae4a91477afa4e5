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
from typing import Any, Callable, Iterator

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
from desktop_app.core.sync.codec import BLOCKS, JSONL, LAYOUTS
from desktop_app.core.sync.container import COMPACT_FORMAT_VERSION, Member
from desktop_app.core.sync.identity import aggregator_peer, ensure_keys, own_identity
from desktop_app.core.sync.keys import Sealer
from desktop_app.core.sync.personal import seal_attachment, seal_attachment_file, seal_participant
from desktop_app.core.sync.package import PackageSpec, Written, next_sequence, write_volumes
from desktop_app.core.sync.verify import allowed_units
from desktop_app.core.sync.records import DATA_TABLES, SPECS, load_links, to_record
from desktop_app.core.sync.staging import StagedRecords
from desktop_app.core.workspace import Workspace
from desktop_app.core.write_errors import remove_quietly

DEFAULT_MAX_VOLUME_MB = 20
# The layout the program's screens and `ttdn export` write unless told (`--format`): the
# compact format 1.2. Format 1.0 stays available for a province that has not updated yet;
# export_data's own default stays 1.0, the layout every version reads.
PROGRAM_LAYOUT = BLOCKS
LAYOUT_OF_FORMAT = {"1.0": JSONL, "1.2": BLOCKS}


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


BATCH_ROWS = 1000  # rows read, sealed and written at a time


class _Selector:
    """Rows (and listed conflicting versions) above the destination's acknowledgements,
    read in batches through the (ver_origin, ver_counter) index: an origin at a time (the
    origins found by seeking the index), from its acknowledged counter up."""

    def __init__(self, session: Session, acks: dict[str, int], skip_origins: set[str], full: bool) -> None:
        self.session = session
        self.acks = acks
        self.skip = skip_origins | {SHIPPED_ORIGIN}
        self.full = full

    def _wanted(self, origin: str, counter: int) -> bool:
        return origin not in self.skip and (self.full or counter > self.acks.get(origin, 0))

    def origins(self, table: str) -> Iterator[str]:
        """The origins of ``table``'s versions, one index seek each (not a scan)."""
        model = SPECS[table].model
        last = ""
        while True:
            found = self.session.scalar(select(model.ver_origin).where(model.ver_origin > last).order_by(model.ver_origin).limit(1))
            if found is None:
                return
            last = found
            if found not in self.skip:
                yield found

    def batches(self, table: str, columns: list | None = None) -> Iterator[list[dict[str, Any]]]:
        """The rows to send, ``BATCH_ROWS`` at a time, as dicts of ``columns`` (default:
        every column), in (origin, counter) order."""
        model = SPECS[table].model
        chosen = columns if columns is not None else list(model.__table__.columns)
        for origin in list(self.origins(table)):
            query = select(*chosen).where(model.ver_origin == origin)
            if not self.full:
                query = query.where(model.ver_counter > self.acks.get(origin, 0))
            result = self.session.execute(query.order_by(model.ver_counter), execution_options={"yield_per": BATCH_ROWS})
            for part in result.partitions():
                yield [dict(r._mapping) for r in part]

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
    layout: str = JSONL,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = lambda: False,
) -> ExportResult:
    """Write the data package for the province (or the configured destination).

    ``layout``: ``codec.JSONL`` writes format 1.0, which every version of the program
    reads; ``codec.BLOCKS`` the compact format 1.2 (``PROGRAM_LAYOUT`` is what the
    program's screens and ``ttdn export`` write).

    Rows are read, sealed and written in batches to members staged in the data folder
    (their SHA-256 and size computed as they are written); then each volume is assembled,
    manifest first. All or nothing: if anything fails after the files were written (the
    data folder itself full, say), the files are removed and the sequence number stays
    unused."""
    if layout not in LAYOUTS:
        raise ValueError(layout)
    written: list[Written] = []
    try:
        # Records are staged, and attachments marked as personal sealed, in here.
        with tempfile.TemporaryDirectory(dir=workspace.data_dir, prefix=".sealing-") as scratch:
            return _export_data(
                workspace, target, written, Path(scratch),
                full=full, max_volume_mb=max_volume_mb, counts_only=counts_only, layout=layout, progress=progress, cancelled=cancelled,
            )
    except BaseException:
        for w in written:
            remove_quietly(w.path)
        raise


@dataclass
class _Files:
    """What the attachment versions being sent say about files, gathered before any record
    is written (ids and hashes only)."""

    sent_ids: set[str] = field(default_factory=set)
    sent_shas: set[str] = field(default_factory=set)  # of versions that are not deletions
    relayed_sealed: dict[str, str] = field(default_factory=dict)  # clear sha -> sealed file a relay forwards


def _attachment_files(selector: _Selector) -> _Files:
    model = SPECS["attachment"].model
    found = _Files()

    def note(row_id: str, sha: str, deleted: bool, sealed_file: Any) -> None:
        found.sent_ids.add(row_id)
        if not deleted:
            found.sent_shas.add(sha)
        if isinstance(sealed_file, str):
            found.relayed_sealed[sha] = sealed_file

    for batch in selector.batches("attachment", [model.id, model.sha256, model.deleted, model.extra]):
        for row in batch:
            note(row["id"], row["sha256"], row["deleted"], (row["extra"] or {}).get("sealed_file"))
    for record in selector.siblings("attachment"):
        note(record["id"], record["sha256"], record.get("deleted"), record.get("sealed_file"))
    return found


def _chunks(values: set[str], size: int = 500) -> Iterator[list[str]]:
    ordered = sorted(values)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def _confirmed_shas(session: Session, files: _Files) -> set[str]:
    """Content the destination already holds through a version it confirmed: a live
    attachment row with the same file that is not being sent now (an indexed look-up of
    the files being sent, not a scan of every attachment)."""
    model = SPECS["attachment"].model
    confirmed: set[str] = set()
    for chunk in _chunks(files.sent_shas):
        for row_id, sha in session.execute(select(model.id, model.sha256).where(model.sha256.in_(chunk), model.deleted.is_(False))):
            if row_id not in files.sent_ids:
                confirmed.add(sha)
    return confirmed


def _export_data(
    workspace: Workspace,
    target: Path,
    written: list[Written],
    scratch: Path,
    *,
    full: bool,
    max_volume_mb: float | None,
    counts_only: bool,
    layout: str,
    progress: Progress,
    cancelled: Callable[[], bool],
) -> ExportResult:
    def check_cancel() -> None:
        if cancelled():
            raise TtdnError("operation.cancelled")

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
        compact = layout == BLOCKS
        steps = len(DATA_TABLES) + 2

        # Files: with the attachment versions sent now, unless the destination already
        # holds the same content through a version it confirmed.
        files = _attachment_files(selector)
        confirmed = set() if full else _confirmed_shas(session, files)
        wanted = (files.sent_shas - confirmed) | _missing_blobs_reported(session, peer_id)
        # Content any personal attachment holds travels sealed (or not at all with counts
        # only); a relay forwards the sealed files it received, as named in their records.
        attachment = SPECS["attachment"].model
        personal_shas: set[str] = set()
        for chunk in _chunks(wanted):
            personal_shas |= set(session.scalars(select(attachment.sha256).where(attachment.personal.is_(True), attachment.sha256.in_(chunk))))
        file_members = []
        warnings = []
        sealed_as: dict[str, str] = {}  # clear sha -> sealed sha, for the records of personal attachments
        for sha in sorted(wanted):
            check_cancel()
            path = blob_path(workspace.db.files_dir, sha)
            if sha in personal_shas and path.exists():
                if sealer is None:
                    continue  # counts only: withheld with its name
                sealed_sha, sealed_path = seal_attachment_file(keys, destination.box_pub, sha, path, scratch)
                file_members.append(Member(f"files/{sealed_sha}", path=sealed_path))
                sealed_as[sha] = sealed_sha
            elif path.exists():
                file_members.append(Member(f"files/{sha}", path=path))
            elif sha in files.relayed_sealed and blob_path(workspace.db.files_dir, files.relayed_sealed[sha]).exists():
                relayed = files.relayed_sealed[sha]
                file_members.append(Member(f"files/{relayed}", path=blob_path(workspace.db.files_dir, relayed)))
            else:
                warnings.append(TtdnError("export.file_missing", sha256=sha))
        progress(1, steps)

        counts: dict[str, int] = {}
        origins_seen: set[str] = set()
        data_members: list[Member] = []
        measure = max_volume_mb is not None
        for step, table in enumerate(DATA_TABLES, start=2):
            check_cancel()
            spec = SPECS[table]
            staged = StagedRecords(scratch, table, layout, measure=measure)

            def send(record: dict[str, Any]) -> None:
                if table == "participant":
                    seal_participant(record, sealer, counts_only, compact=compact)
                elif table == "attachment":
                    seal_attachment(record, sealer, counts_only)
                    if record.get("personal") and record["sha256"] in sealed_as:
                        record["sealed_file"] = sealed_as[record["sha256"]]
                origins_seen.add(record["ver_origin"])
                staged.write(record)

            try:
                for batch in selector.batches(table):
                    check_cancel()
                    links = load_links(session, spec, [r["id"] for r in batch]) if spec.links else {}
                    for row in batch:
                        send(to_record(spec, row, links.get(row["id"])))
                for record in selector.siblings(table):
                    send(record)
                member = staged.finish()
            except BaseException:
                staged.discard()
                raise
            counts[table] = staged.count
            if member is not None:
                data_members.append(member)
            progress(step, steps)

        marks = high_water_marks(session)
        known_origins = session.execute(select(Origin.id, Origin.unit_id, Origin.installation_id, Origin.is_local)).all()
        origin_units = {o: unit for o, unit, _, _ in known_origins}
        origin_installs = {o: installation for o, _, installation, _ in known_origins}
        # Ranges a relay holds beyond a gap (a later package of a commune arrived, an
        # earlier one did not): declared so the province can believe the versions in them.
        held: dict[str, list[list[int]]] = {}
        for origin, lo, hi in session.execute(select(ReceivedRange.origin_id, ReceivedRange.lo, ReceivedRange.hi).where(ReceivedRange.lo > 0).order_by(ReceivedRange.lo)):
            held.setdefault(origin, []).append([lo, hi])
        origins: dict[str, dict[str, Any]] = {}
        # Declared even when empty: this installation's origin, and those of the communes it
        # relays, so the province learns of every installation that sent (and can send it a
        # receipt) before it has recorded anything.
        speaks_for = allowed_units(session, inst.unit_id)
        declared = {inst.origin_id} | {
            o
            for o, unit, installation, local in known_origins
            if local is False and installation is not None and unit in speaks_for and unit != inst.unit_id
        }
        for origin in sorted(origins_seen | declared):
            start = 0 if full else acks.get(origin, 0)
            end = marks.get(origin, 0)
            if end > start or origin in origins_seen or origin in declared:
                origins[origin] = {
                    "from": start,
                    "to": max(end, start),
                    "unit_id": origin_units.get(origin) or (identity.unit_id if origin == inst.origin_id else None),
                    "installation_id": origin_installs.get(origin) or (identity.installation_id if origin == inst.origin_id else None),
                }
                beyond = [r for r in held.get(origin, []) if r[1] > origins[origin]["to"]]
                if beyond:
                    origins[origin]["held"] = beyond

        check_cancel()
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
            format_version=COMPACT_FORMAT_VERSION if compact else None,
        )
        max_bytes = int(max_volume_mb * 1024 * 1024) if max_volume_mb else None
        written += write_volumes(session, spec, keys, target, max_volume_bytes=max_bytes)
        workspace.record_origin(session)  # these counters have now left the machine
        progress(steps, steps)
    return ExportResult(written, sequence, counts, origins, len(file_members), personal, warnings)
