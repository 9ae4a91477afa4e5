"""This installation's keys and the peers it trusts.

A unit enrols with the province by sending its enrolment file (or simply its first
package); the province registers it after reading the fingerprint back over the phone.
The province's own keys reach units in its configuration package.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app import __version__
from desktop_app.core.db.models import Installation, OrgUnit, Peer
from desktop_app.core.db.types import utcnow
from desktop_app.core.errors import TtdnError
from desktop_app.core.sync.container import canonical_json, parse_json
from desktop_app.core.services.local_keys import (  # noqa: F401 - re-exported for the sync code
    RENEWAL_REASONS,
    Renewal,
    RenewalWarning,
    ensure_keys,
    local_key_pair,
    local_keys_state,
    protect_clear_keys,
    renew_installation,
    renewal_warning,
)
from desktop_app.core.sync.keys import PublicKeys, fingerprint, verify
from desktop_app.core.sync.records import ORIGIN_RE, UUID_RE

if TYPE_CHECKING:
    from desktop_app.core.workspace import Workspace

log = logging.getLogger(__name__)

ENROLMENT_FORMAT = "ttdn-enrolment"


def become_new_installation(workspace: Workspace, reason: str) -> Renewal:
    """Make the opened data folder a new installation (see :func:`renew_installation`)
    and tell the officer what to do (a warning on ``workspace``; never blocks a start).

    Called when the workspace finds a copied or restored data folder, and by a restore
    from backup. ``reason``: one of :data:`RENEWAL_REASONS`."""
    with workspace.db.transaction() as session:
        renewal = renew_installation(session, reason)
        workspace.record_origin(session)
    workspace.warnings.append(renewal_warning(renewal))
    return renewal


@dataclass(frozen=True)
class Identity:
    """Who an installation is, as packages and enrolment files state it."""

    installation_id: str
    role: str
    unit_id: str
    unit_code: str
    unit_name: str
    origin_id: str
    keys: PublicKeys

    def as_dict(self) -> dict[str, Any]:
        return {
            "installation_id": self.installation_id,
            "role": self.role,
            "unit": {"id": self.unit_id, "code": self.unit_code, "name": self.unit_name},
            "origin_id": self.origin_id,
            **self.keys.as_dict(),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Identity:
        try:
            unit = data["unit"]
            keys = PublicKeys(data["sign_pub"], data["box_pub"])
            identity = cls(
                installation_id=data["installation_id"],
                role=data["role"],
                unit_id=unit["id"],
                unit_code=unit["code"],
                unit_name=unit["name"],
                origin_id=data["origin_id"],
                keys=keys,
            )
            claimed = data.get("fingerprint")
            valid = (
                UUID_RE.match(identity.installation_id)
                and UUID_RE.match(identity.unit_id)
                and ORIGIN_RE.match(identity.origin_id)
                and identity.role in ("unit", "aggregator")
                and isinstance(identity.unit_code, str)
                and isinstance(identity.unit_name, str)
                and keys.fingerprint == claimed
            )
        except (KeyError, TypeError, AttributeError, TtdnError) as exc:
            raise TtdnError("identity.bad") from exc
        if not valid:
            raise TtdnError("identity.bad")
        return identity


def own_identity(session: Session) -> Identity:
    inst = session.scalar(select(Installation))
    if inst is None:
        raise TtdnError("installation.missing", data_dir="")
    unit = session.get(OrgUnit, inst.unit_id)
    pair = ensure_keys(session)
    return Identity(inst.installation_id, inst.role, unit.id, unit.code, unit.name, inst.origin_id, pair.public)


def enrolment_document(session: Session) -> bytes:
    """A signed file a unit sends to the province so it can register the unit's keys."""
    identity = own_identity(session)
    body = {
        "format": ENROLMENT_FORMAT,
        "format_version": "1.0",
        "app_version": __version__,
        "created_at": utcnow().isoformat(),
        "identity": identity.as_dict(),
    }
    signature = ensure_keys(session).sign_bytes(canonical_json(body))
    return canonical_json({**body, "signature": signature})


def read_enrolment(path: Path) -> Identity:
    """The identity in an enrolment file, with its self-signature checked."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TtdnError("file.unreadable", path=str(path), detail=str(exc)) from exc
    if len(data) > 64 * 1024:
        raise TtdnError("identity.bad")
    doc = parse_json(data, path.name)
    if not isinstance(doc, dict) or doc.get("format") != ENROLMENT_FORMAT:
        raise TtdnError("identity.not_enrolment", path=str(path))
    signature = doc.pop("signature", None)
    identity = Identity.from_dict(doc.get("identity"))
    if not isinstance(signature, str) or not verify(identity.keys.sign_pub, canonical_json(doc), signature):
        raise TtdnError("identity.bad_signature", path=str(path))
    return identity


def identity_from_file(path: Path) -> Identity:
    """An enrolment file, or a package whose signed manifest names its sender."""
    if path.suffix.lower() == ".ttdn":
        from desktop_app.core.sync.container import PackageReader

        with PackageReader(path) as reader:
            manifest = reader.manifest
            identity = Identity.from_dict(manifest.get("sender") if isinstance(manifest, dict) else None)
            if not verify(identity.keys.sign_pub, reader.manifest_bytes, reader.signature):
                raise TtdnError("package.bad_signature", path=str(path))
            return identity
    return read_enrolment(path)


def register_peer(session: Session, identity: Identity, *, confirmed: bool) -> Peer:
    """Trust ``identity``'s keys. The caller has had the user confirm the fingerprint."""
    if not confirmed:
        raise TtdnError("peer.not_confirmed", fingerprint=identity.keys.fingerprint)
    unit = session.get(OrgUnit, identity.unit_id)
    if unit is None:
        raise TtdnError("peer.unknown_unit", unit=f"{identity.unit_code} {identity.unit_name}")
    own = session.scalar(select(Installation))
    if own is not None and own.installation_id == identity.installation_id:
        raise TtdnError("peer.is_self")
    peer = session.get(Peer, identity.installation_id)
    if peer is not None and peer.status == "revoked":
        raise TtdnError("peer.revoked", unit=unit.name)
    if peer is not None and (peer.sign_pub, peer.box_pub) != (identity.keys.sign_pub, identity.keys.box_pub):
        raise TtdnError("peer.key_changed", unit=unit.name)
    if peer is None:
        peer = Peer(installation_id=identity.installation_id)
        session.add(peer)
    peer.unit_id = unit.id
    peer.role = identity.role
    peer.sign_pub = identity.keys.sign_pub
    peer.box_pub = identity.keys.box_pub
    peer.fingerprint = identity.keys.fingerprint
    peer.status = "registered"
    session.flush()
    return peer


def revoke_peers(session: Session, ref: str) -> list[str]:
    """Revoke the keys of an installation (by its id) or of every installation of a unit.
    Their packages are refused from now on; the next configuration package tells relays."""
    from desktop_app.core.services.units import find_unit

    peer = session.get(Peer, ref)
    peers = [peer] if peer is not None else list(session.scalars(select(Peer).where(Peer.unit_id == find_unit(session, ref).id)))
    revoked = []
    for p in peers:
        if p.status != "revoked":
            p.status, p.revoked_at = "revoked", utcnow()
            revoked.append(p.installation_id)
    session.flush()
    return revoked


def aggregator_peer(session: Session) -> Peer | None:
    return session.scalar(select(Peer).where(Peer.role == "aggregator", Peer.status == "registered"))


def touch_peer(peer: Peer, when: datetime | None = None) -> None:
    peer.last_seen_at = when or utcnow()


__all__ = [
    "Identity",
    "aggregator_peer",
    "enrolment_document",
    "ensure_keys",
    "fingerprint",
    "identity_from_file",
    "own_identity",
    "read_enrolment",
    "register_peer",
]
