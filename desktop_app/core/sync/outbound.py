"""What the province sends down: receipts for a unit, and the configuration package.

A receipt tells a unit's installation, per origin, how far the province now holds its
changes without a gap (so its next export starts there), which records were refused and
why, which files are still missing, and the province's review decisions and comments on
its activities. The configuration package carries the plan, targets, catalogs and units,
the province's public keys and the registered and revoked keys of units.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import (
    Activity,
    Attachment,
    MissingBlob,
    Origin,
    PackageLog,
    Peer,
    Rejection,
    Review,
)
from desktop_app.core.db.types import utcnow
from desktop_app.core.errors import TtdnError
from desktop_app.core.sync.container import Member, canonical_json, jsonl_bytes
from desktop_app.core.sync.export import high_water_marks
from desktop_app.core.sync.identity import ensure_keys, own_identity
from desktop_app.core.sync.package import PackageSpec, Written, next_sequence, write_volumes
from desktop_app.core.sync.records import CONFIG_TABLES, SPECS, load_links, partner_records, to_record
from desktop_app.core.sync.verify import allowed_units
from desktop_app.core.workspace import Workspace


def _require_aggregator(session: Session, workspace: Workspace):
    inst = workspace.require_installation(session)
    if inst.role != "aggregator":
        raise TtdnError("outbound.not_aggregator")
    return inst


@dataclass(frozen=True)
class Recipient:
    """A unit installation a receipt is for: registered here, or known only through the
    packages a district centre relayed for it (its origins name it)."""

    installation_id: str
    unit_id: str
    relayed: bool = False


def _relayed_installations(session: Session, unit_ids: set[str] | None = None, installation_id: str | None = None) -> list[Recipient]:
    query = select(Origin.installation_id, Origin.unit_id).where(
        Origin.is_local.is_(False), Origin.installation_id.is_not(None), Origin.unit_id.is_not(None)
    )
    if unit_ids is not None:
        query = query.where(Origin.unit_id.in_(unit_ids))
    if installation_id is not None:
        query = query.where(Origin.installation_id == installation_id)
    found = {inst: unit for inst, unit in session.execute(query)}
    return [Recipient(inst, unit, relayed=True) for inst, unit in sorted(found.items()) if session.get(Peer, inst) is None]


def peers_of_unit(session: Session, unit_ref: str) -> list[Recipient]:
    """The installations of a unit (by unit code, unit id, or installation id) a receipt
    goes to: the registered ones, and those whose packages came through a relay."""
    from desktop_app.core.services.units import find_unit

    peer = session.get(Peer, unit_ref)
    if peer is not None:
        return [Recipient(peer.installation_id, peer.unit_id)]
    relayed = _relayed_installations(session, installation_id=unit_ref)
    if relayed:
        return relayed
    unit = find_unit(session, unit_ref)
    peers = [
        Recipient(p.installation_id, p.unit_id)
        for p in session.scalars(select(Peer).where(Peer.unit_id == unit.id, Peer.status == "registered", Peer.role == "unit"))
    ]
    peers += _relayed_installations(session, {unit.id})
    if not peers:
        raise TtdnError("outbound.no_peer", unit=unit.name)
    return peers


def receipt_body(session: Session, peer: Recipient | Peer) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The receipt document and the review records for one unit installation."""
    own_origins = set(session.scalars(select(Origin.id).where(Origin.installation_id == peer.installation_id, Origin.is_local.is_(False))))
    origins: set[str] = set(own_origins)
    sequences: list[int] = []
    for summary, sequence in session.execute(
        select(PackageLog.summary, PackageLog.sequence).where(
            PackageLog.direction == "in", PackageLog.kind == "data", PackageLog.peer_id == peer.installation_id
        )
    ):
        origins |= set((summary or {}).get("origins", {}))
        sequences.append(sequence)
    marks = high_water_marks(session)
    units = allowed_units(session, peer.unit_id)
    activity_ids = select(Activity.id).where(Activity.unit_id.in_(units))
    missing = sorted(
        session.scalars(
            select(MissingBlob.sha256).where(MissingBlob.attachment_id.in_(select(Attachment.id).where(Attachment.activity_id.in_(activity_ids))))
        )
    )
    last_receipt = session.scalar(
        select(PackageLog.at)
        .where(PackageLog.direction == "out", PackageLog.kind == "receipt", PackageLog.peer_id == peer.installation_id)
        .order_by(PackageLog.id.desc())
        .limit(1)
    )
    rejections_query = select(Rejection).where(
        (Rejection.peer_id == peer.installation_id) | Rejection.origin_id.in_(own_origins) if own_origins else Rejection.peer_id == peer.installation_id
    )
    if last_receipt is not None:
        rejections_query = rejections_query.where(Rejection.at >= last_receipt)
    rejections = [
        {"table": r.table_name, "id": r.row_id, "key": r.key, "params": r.params or {}} for r in session.scalars(rejections_query)
    ]
    counts = {
        name: session.query(SPECS[name].model).filter(SPECS[name].model.deleted.is_(False)).filter(
            SPECS[name].model.unit_id.in_(units) if name in ("activity", "unit_report") else SPECS[name].model.activity_id.in_(activity_ids)
        ).count()
        for name in ("activity", "participant", "attachment", "unit_report")
    }
    reviews = [
        to_record(SPECS["review"], dict(r._mapping))
        for r in session.execute(select(Review.__table__).where(Review.activity_id.in_(activity_ids)))
    ]
    body = {
        "for_installation": peer.installation_id,
        "confirmed_at": utcnow().isoformat().replace("+00:00", "Z"),
        "marks": {o: marks.get(o, 0) for o in sorted(origins)},
        "received_sequences": sorted(set(sequences)),
        "counts": counts,
        "rejections": rejections,
        "missing_blobs": missing,
    }
    return body, reviews


def make_receipts(workspace: Workspace, unit_ref: str, target: Path) -> list[Written]:
    """Signed receipts for every registered installation of a unit."""
    written: list[Written] = []
    with workspace.db.transaction() as session:
        _require_aggregator(session, workspace)
        keys = ensure_keys(session)
        identity = own_identity(session)
        recipients = peers_of_unit(session, unit_ref)
        for peer in recipients:
            body, reviews = receipt_body(session, peer)
            members = [Member("data/receipt.json", canonical_json(body))]
            if reviews:
                members.append(Member("data/review.jsonl", jsonl_bytes(reviews)))
            spec = PackageSpec(
                kind="receipt",
                sender=identity,
                destination={"installation_id": peer.installation_id, "unit_id": peer.unit_id, "role": "unit"},
                sequence=next_sequence(session, "receipt", peer.installation_id),
                body={"counts": {"review": len(reviews)}, "origins": {}},
                data_members=members,
            )
            hint = f"-{peer.installation_id[:8]}" if len(recipients) > 1 else ""
            written += write_volumes(session, spec, keys, target, name_hint=hint)
    return written


def config_records(session: Session) -> dict[str, list[dict[str, Any]]]:
    records: dict[str, list[dict[str, Any]]] = {}
    for name in CONFIG_TABLES:
        spec = SPECS[name]
        rows = [dict(r._mapping) for r in session.execute(select(spec.model.__table__))]
        links = load_links(session, spec, [r["id"] for r in rows]) if spec.links else {}
        partners = partner_records(session, [r["id"] for r in rows]) if name == "plan_task" else {}
        out = []
        for row in rows:
            record = to_record(spec, row, links.get(row["id"]))
            if name == "plan_task":
                record["partners"] = partners.get(row["id"], [])
            out.append(record)
        records[name] = out
    return records


def make_config(workspace: Workspace, target: Path) -> list[Written]:
    with workspace.db.transaction() as session:
        _require_aggregator(session, workspace)
        keys = ensure_keys(session)
        identity = own_identity(session)
        records = config_records(session)
        peers = [
            {
                "installation_id": p.installation_id,
                "unit_id": p.unit_id,
                "role": p.role,
                "sign_pub": p.sign_pub,
                "box_pub": p.box_pub,
                "fingerprint": p.fingerprint,
                "status": p.status,
            }
            for p in session.scalars(select(Peer).order_by(Peer.installation_id))
        ]
        members = [Member(f"data/{t}.jsonl", jsonl_bytes(r)) for t, r in records.items() if r]
        members.append(Member("data/peers.json", canonical_json(peers)))
        spec = PackageSpec(
            kind="config",
            sender=identity,
            destination={"installation_id": "*", "unit_id": None, "role": "unit"},
            sequence=next_sequence(session, "config", "*"),
            body={"counts": {t: len(r) for t, r in records.items()}, "origins": {}},
            data_members=members,
        )
        return write_volumes(session, spec, keys, target)
