"""This installation's keys and the peers it trusts.

A unit enrols with the province by sending its enrolment file (or simply its first
package); the province registers it after reading the fingerprint back over the phone.
The province's own keys reach units in its configuration package.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop_app import __version__
from desktop_app.core.db.models import Installation, LocalKey, Origin, OrgUnit, Peer
from desktop_app.core.db.types import utcnow
from desktop_app.core.errors import TtdnError
from desktop_app.core.sync.container import canonical_json, parse_json
from desktop_app.core.sync.keys import KeyPair, PublicKeys, fingerprint, verify
from desktop_app.core.sync.keystore import KeysUnavailable, protect_keys, unprotect_keys
from desktop_app.core.sync.records import ORIGIN_RE, UUID_RE

if TYPE_CHECKING:
    from desktop_app.core.workspace import Workspace

log = logging.getLogger(__name__)

ENROLMENT_FORMAT = "ttdn-enrolment"
# Why a data folder became a new installation (message keys installation.renewed.<reason>).
RENEWAL_REASONS = ("copied", "other_computer", "restored", "keys_unavailable")


def _slot(session: Session) -> str:
    """Which protected-key slot this installation uses (its installation id)."""
    inst = session.scalar(select(Installation))
    return inst.installation_id if inst is not None else "uninitialised"


def _store_keys(session: Session, pair: KeyPair, slot: str) -> None:
    """Keep ``pair`` protected at rest; the clear columns are emptied and their old bytes
    overwritten (secure_delete), so neither the file nor a later backup holds them."""
    protected = protect_keys(*pair.private_texts(), slot)
    public = pair.public
    session.execute(text("PRAGMA secure_delete = ON"))
    row = session.get(LocalKey, 1)
    if row is None:
        row = LocalKey(id=1)
        session.add(row)
    row.sign_private = row.box_private = None
    row.protection, row.sealed = protected.protection, protected.sealed
    row.sign_pub, row.box_pub = public.sign_pub, public.box_pub
    row.created_at = utcnow()
    session.flush()


def _open_keys(row: LocalKey, slot: str) -> KeyPair:
    """The key pair of ``row``; raises KeysUnavailable when this computer cannot open it."""
    if row.protection == "clear":
        if not row.sign_private or not row.box_private:
            raise KeysUnavailable("no private keys (scrubbed from a backup)")
        try:
            return KeyPair.from_private(row.sign_private, row.box_private)
        except (TtdnError, ValueError) as exc:
            raise KeysUnavailable("damaged keys") from exc
    sign_private, box_private = unprotect_keys(row.protection, row.sealed or "", slot)
    try:
        return KeyPair.from_private(sign_private, box_private)
    except (TtdnError, ValueError) as exc:
        raise KeysUnavailable("damaged keys") from exc


def ensure_keys(session: Session) -> KeyPair:
    """This installation's key pairs, made on first use (``init`` makes them at once).
    Raises ``keys.unavailable`` if the keys cannot be opened on this computer (the
    workspace makes such a folder a new installation when it opens)."""
    row = session.get(LocalKey, 1)
    slot = _slot(session)
    if row is None:
        pair = KeyPair.generate()
        _store_keys(session, pair, slot)
        return pair
    try:
        return _open_keys(row, slot)
    except KeysUnavailable as exc:
        raise TtdnError("keys.unavailable", detail=str(exc)) from exc


def local_key_pair(session: Session) -> KeyPair | None:
    """This installation's key pair if it has one (without making one)."""
    return ensure_keys(session) if session.get(LocalKey, 1) is not None else None


def local_keys_state(session: Session) -> str:
    """``none`` (no keys yet), ``protected``, ``clear`` (written before keys were protected)
    or ``unavailable`` (this computer or user cannot open them: a copied folder)."""
    row = session.get(LocalKey, 1)
    if row is None:
        return "none"
    try:
        _open_keys(row, _slot(session))
    except KeysUnavailable as exc:
        log.warning("the private keys cannot be opened here: %s", exc)
        return "unavailable"
    return "clear" if row.protection == "clear" else "protected"


def protect_clear_keys(session: Session) -> None:
    """Seal keys a database written before revision 0007 holds in clear."""
    row = session.get(LocalKey, 1)
    if row is not None and row.protection == "clear":
        _store_keys(session, _open_keys(row, _slot(session)), _slot(session))


@dataclass(frozen=True)
class Renewal:
    """What :func:`become_new_installation` did."""

    reason: str
    previous_installation_id: str
    installation_id: str
    origin_id: str
    fingerprint: str
    role: str


def renew_installation(session: Session, reason: str) -> Renewal:
    """In ``session``: a new installation id, a new origin (the old one retired, so its
    counters are never reused) and new keys. Records, peers and acknowledgements stay;
    this installation's packages are numbered from 1 again."""
    if reason not in RENEWAL_REASONS:
        raise ValueError(reason)
    inst = session.scalar(select(Installation))
    if inst is None:
        raise TtdnError("installation.missing", data_dir="")
    previous = inst.installation_id
    old = session.get(Origin, inst.origin_id)
    if old is not None:
        old.retired_at = utcnow()
        old.note = f"installation renewed: {reason}"
        old.installation_id = old.installation_id or previous
    inst.previous_installation_id = previous
    inst.installation_id = str(uuid.uuid4())
    inst.origin_id = uuid.uuid4().hex
    session.add(Origin(id=inst.origin_id, unit_id=inst.unit_id, installation_id=inst.installation_id, is_local=True, note=f"new installation: {reason}"))
    pair = KeyPair.generate()
    _store_keys(session, pair, inst.installation_id)
    log.warning("this data folder became a new installation (%s): %s replaces %s", reason, inst.installation_id, previous)
    return Renewal(reason, previous, inst.installation_id, inst.origin_id, pair.public.fingerprint, inst.role)


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


class RenewalWarning(TtdnError):
    """Why the folder became a new installation, then what the officer must do."""

    def __init__(self, renewal: Renewal) -> None:
        key = "installation.renewed_aggregator" if renewal.role == "aggregator" else "installation.renewed"
        super().__init__(key, reason=renewal.reason, fingerprint=renewal.fingerprint)

    def message(self, lang: str = "vi") -> str:
        from desktop_app.core.messages import render

        return render(f"installation.why.{self.params['reason']}", {}, lang) + " " + super().message(lang)


def renewal_warning(renewal: Renewal) -> TtdnError:
    return RenewalWarning(renewal)


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
