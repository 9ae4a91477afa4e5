"""This installation's private keys in its database, protected at rest (see keystore.py),
and making a copied or restored data folder a new installation.

Below the workspace so that it can run these when a data folder opens;
``sync.identity.become_new_installation`` is the public entry point for the rest.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop_app.core.db.models import Installation, LocalKey, Origin
from desktop_app.core.db.types import utcnow
from desktop_app.core.errors import TtdnError
from desktop_app.core.services.keys import KeyPair
from desktop_app.core.services.keystore import KeysUnavailable, protect_keys, unprotect_keys

log = logging.getLogger(__name__)

# Why a data folder became a new installation (message keys installation.why.<reason>).
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
        log.info("the private keys cannot be opened here: %s", exc)
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
    log.info("this data folder became a new installation (%s): %s replaces %s", reason, inst.installation_id, previous)
    return Renewal(reason, previous, inst.installation_id, inst.origin_id, pair.public.fingerprint, inst.role)


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


