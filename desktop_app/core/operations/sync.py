"""Sending and receiving: export, import, receipts, the configuration package, keys and
the registration of units' computers. Export, import, receipts and configuration are
the sync package's own workspace-level functions; the rest open their transaction here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from desktop_app.core.db.models import OrgUnit, PackageLog, Peer
from desktop_app.core.domain.enums import Role
from desktop_app.core.errors import TtdnError
from desktop_app.core.files import write_bytes_atomic
from desktop_app.core.sync.container import EXTENSION as PACKAGE_SUFFIX
from desktop_app.core.sync.delivery import deliver, staging_folder
from desktop_app.core.sync.export import DEFAULT_MAX_VOLUME_MB, LAYOUT_OF_FORMAT, PROGRAM_LAYOUT, ExportResult
from desktop_app.core.sync.export import export_data as _export_data
from desktop_app.core.sync.identity import Identity, enrolment_document, identity_from_file, own_identity, register_peer, revoke_peers
from desktop_app.core.sync.importer import ImportReport, import_packages
from desktop_app.core.sync.mail import write_email_drafts
from desktop_app.core.sync.outbound import make_config, make_receipts
from desktop_app.core.sync.package import Written
from desktop_app.core.sync.status import SyncStatus, sync_status
from desktop_app.core.workspace import Workspace

__all__ = [
    "DEFAULT_MAX_VOLUME_MB",
    "PACKAGE_SUFFIX",
    "ExportResult",
    "Identity",
    "ImportReport",
    "PackageEntry",
    "Registered",
    "SyncView",
    "UnitComputer",
    "Written",
    "deliver",
    "export_data",
    "identity_from_file",
    "import_packages",
    "make_config",
    "make_receipts",
    "package_history",
    "own_keys",
    "register_unit",
    "revoke_unit",
    "staging_folder",
    "status",
    "sync_view",
    "write_email_drafts",
    "write_enrolment",
]


def export_data(workspace: Workspace, target: Path, *, package_format: str | None = None, **options) -> ExportResult:
    """The data package for the province, in the program's layout unless a format version
    is named ("1.0" for a province that has not updated yet, "1.2" compact)."""
    layout = LAYOUT_OF_FORMAT[package_format] if package_format else PROGRAM_LAYOUT
    return _export_data(workspace, target, layout=layout, **options)


def own_keys(workspace: Workspace) -> Identity:
    """This computer's identity and public keys (made on first use)."""
    with workspace.writing() as session:
        return own_identity(session)


def write_enrolment(workspace: Workspace, path: Path) -> Path:
    """Write the signed enrolment file a unit sends to the province."""
    with workspace.writing() as session:
        document = enrolment_document(session)
    write_bytes_atomic(path, document)
    return path


@dataclass(frozen=True)
class Registered:
    installation_id: str
    unit_code: str
    unit_name: str
    fingerprint: str


def register_unit(workspace: Workspace, identity: Identity, *, confirmed: bool) -> Registered:
    """Register a unit's computer from its enrolment file (or one of its packages), once
    the officer has compared the fingerprint by phone (``confirmed``)."""
    with workspace.writing() as session:
        peer = register_peer(session, identity, confirmed=confirmed)
        return Registered(peer.installation_id, identity.unit_code, identity.unit_name, peer.fingerprint)


def revoke_unit(workspace: Workspace, ref: str) -> list[str]:
    """Revoke the keys of a unit's computers (by unit code or installation id)."""
    with workspace.writing() as session:
        return revoke_peers(session, ref)


def status(workspace: Workspace) -> SyncStatus:
    with workspace.reading() as session:
        return sync_status(session)


@dataclass(frozen=True)
class UnitComputer:
    installation_id: str
    fingerprint: str
    unit_name: str
    unit_code: str


@dataclass(frozen=True)
class SyncView:
    """What the send-and-receive screen shows: the status line, this computer's
    fingerprint and, at the province, the registered units' computers."""

    role: str
    unit_name: str
    unit_code: str
    status: SyncStatus
    fingerprint: str
    computers: list[UnitComputer]
    at: datetime | None = None


def sync_view(workspace: Workspace) -> SyncView:
    with workspace.writing() as session:
        inst = workspace.require_installation(session)
        unit = session.get(OrgUnit, inst.unit_id)
        if unit is None:
            raise TtdnError("installation.missing", data_dir=str(workspace.data_dir))
        computers = []
        if inst.role == Role.AGGREGATOR:
            rows = session.execute(
                select(Peer.installation_id, Peer.fingerprint, OrgUnit.name, OrgUnit.code)
                .join(OrgUnit, OrgUnit.id == Peer.unit_id)
                .where(Peer.role == "unit", Peer.status == "registered")
                .order_by(OrgUnit.name, Peer.registered_at)
            ).all()
            computers = [UnitComputer(*row) for row in rows]
        return SyncView(
            inst.role, unit.name, unit.code, sync_status(session), own_identity(session).keys.fingerprint, computers
        )


@dataclass(frozen=True)
class PackageEntry:
    """One package sent or received, newest first, as the history table lists it."""

    at: datetime
    direction: str
    kind: str
    unit: str | None
    sequence: int | None
    volume_index: int | None
    volume_count: int | None
    file_name: str | None
    size: int | None
    sha256: str | None


def package_history(workspace: Workspace, limit: int) -> list[PackageEntry]:
    query = (
        select(
            PackageLog.at,
            PackageLog.direction,
            PackageLog.kind,
            OrgUnit.name,
            PackageLog.sequence,
            PackageLog.volume_index,
            PackageLog.volume_count,
            PackageLog.file_name,
            PackageLog.size,
            PackageLog.sha256,
        )
        .outerjoin(OrgUnit, OrgUnit.id == PackageLog.peer_unit_id)
        .order_by(PackageLog.at.desc(), PackageLog.id.desc())
        .limit(limit)
    )
    with workspace.reading() as session:
        return [PackageEntry(*row) for row in session.execute(query).all()]
