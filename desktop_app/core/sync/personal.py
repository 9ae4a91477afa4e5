"""Personal data in packages: sealed for the province, or withheld (counts only).

* Participants: every field that says who a person is — name, phone, birth year, position,
  organisation — travels only inside an envelope sealed for the province's X25519 key
  (see ``keys.Sealer``; associated data ``participant:<id>``). What reports count travels
  in the clear: gender, ethnicity, category and the participant's administrative unit
  (attendance per unit), and the event it belongs to.
* With ``--counts-only`` those fields are dropped and ``personal_withheld`` is set.
* Attachments marked as holding personal data (a scanned signature sheet): file and name
  sealed, see below.
* A relay cannot open an envelope: it keeps it as received and forwards it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop_app.core.errors import TtdnError
from desktop_app.core.files import file_sha256
from desktop_app.core.sync.keys import KeyPair, Sealer, open_envelope, open_sealed_file, seal_file, sealed_file_header
from desktop_app.core.sync.records import SPECS, convert_field

PARTICIPANT_SEALED = SPECS["participant"].personal


def _aad(kind: str, record_id: str) -> bytes:
    return f"{kind}:{record_id}".encode("ascii")


def seal_participant(record: dict[str, Any], sealer: Sealer | None, counts_only: bool, *, compact: bool = False) -> None:
    """Replace the identifying fields of a participant record by a sealed envelope (or
    withhold them). A record relayed as received keeps its envelope. ``compact`` (format
    1.2 packages) seals the values as a JSON array in the order of ``PARTICIPANT_SEALED``
    instead of an object: a third fewer bytes of ciphertext per person."""
    plain = {name: record.pop(name, None) for name in PARTICIPANT_SEALED}
    if record.get("sealed") or record.get("personal_withheld"):
        return
    if sealer is not None:
        content: Any = [plain[name] for name in PARTICIPANT_SEALED] if compact else plain
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":")) if compact else json.dumps(content, ensure_ascii=False)
        record["sealed"] = sealer.seal(text.encode("utf-8"), _aad("participant", record["id"]))
    elif counts_only:
        record["personal_withheld"] = True
    else:
        raise TtdnError("export.personal_needs_key")


def open_participant(keys: KeyPair | None, envelope: Any, participant_id: str) -> dict[str, Any] | None:
    """The sealed fields of a participant, checked like any field of a record; None when
    the envelope is not for this installation (a relay carries it on unread). Raises
    ``package.bad_record`` when it opens but holds something a record may not."""
    if keys is None or not isinstance(envelope, dict):
        return None
    try:
        plain = json.loads(open_envelope(keys.box, envelope, _aad("participant", participant_id)))
    except (TtdnError, ValueError):
        return None
    if isinstance(plain, list) and len(plain) == len(PARTICIPANT_SEALED):  # the compact form (1.2)
        plain = dict(zip(PARTICIPANT_SEALED, plain))
    if not isinstance(plain, dict) or set(plain) - set(PARTICIPANT_SEALED):
        raise TtdnError("package.bad_record", table="participant", field="sealed", detail="unexpected content")
    values = {name: convert_field("participant", name, plain[name]) for name in PARTICIPANT_SEALED if name in plain}
    values["name"] = values.get("name") or ""
    return values  # the record rules (domain.rules) are the importer's to apply


def withhold_participant(values: dict[str, Any]) -> None:
    """Blank the identifying fields (counts only, or a relay holding an envelope)."""
    for name in PARTICIPANT_SEALED:
        values[name] = None
    values["name"] = ""


# --- attachments marked as holding personal data -------------------------------------------
#
# Their file travels sealed (keys.seal_file: only the province opens it), named by the
# SHA-256 of the sealed bytes, which the record states in ``sealed_file`` so a relay can
# forward it; their name travels in an envelope like a participant's fields, replaced by
# a neutral one. A relay keeps both as received.

ATTACHMENT_STAND_IN = "tep-co-thong-tin-ca-nhan"


def stand_in_name(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return ATTACHMENT_STAND_IN + (suffix if suffix.isascii() and len(suffix) <= 8 else "")


def seal_attachment(record: dict[str, Any], sealer: Sealer | None, counts_only: bool) -> None:
    """Seal (or withhold) the name of a personal attachment; others are left alone."""
    if not record.get("personal") or record.get("sealed") or record.get("personal_withheld"):
        return
    name = record["original_name"]
    record["original_name"] = stand_in_name(name)
    if sealer is not None:
        record["sealed"] = sealer.seal(json.dumps({"original_name": name}, ensure_ascii=False).encode("utf-8"), _aad("attachment", record["id"]))
    elif counts_only:
        record["personal_withheld"] = True
    else:
        raise TtdnError("export.personal_needs_key")


def open_attachment_name(keys: KeyPair | None, values: dict[str, Any]) -> None:
    """At the province: the real name of a personal attachment, from its envelope (kept in
    ``extra`` as received); a relay keeps the envelope and the stand-in name."""
    extra = dict(values.get("extra") or {})
    envelope = extra.get("sealed")
    if keys is None or not isinstance(envelope, dict):
        return
    try:
        plain = json.loads(open_envelope(keys.box, envelope, _aad("attachment", values["id"])))
    except (TtdnError, ValueError):
        return
    if not isinstance(plain, dict) or set(plain) != {"original_name"}:
        raise TtdnError("package.bad_record", table="attachment", field="sealed", detail="unexpected content")
    values["original_name"] = convert_field("attachment", "original_name", plain["original_name"])
    for key in ("sealed", "sealed_file", "personal_withheld"):
        extra.pop(key, None)
    values["extra"] = extra or None


def seal_attachment_file(keys: KeyPair, recipient_box_pub: str, sha: str, source: Path, folder: Path) -> tuple[str, Path]:
    """The file ``source`` sealed for the province into ``folder``: (its SHA-256, path)."""
    target = folder / f"{sha}.sealed"
    seal_file(keys.box, recipient_box_pub, sha, source, target)
    return file_sha256(target), target


def open_incoming_file(keys: KeyPair | None, sha: str, tmp: Path) -> tuple[str, Path]:
    """A file received from a package: if it is sealed for this installation, its clear
    content (named by its own SHA-256, the sealed temporary file removed); otherwise the
    file as received (a relay stores the sealed file and forwards it)."""
    if keys is None or sealed_file_header(tmp) is None:
        return sha, tmp
    clear = tmp.with_name(tmp.name + ".open")
    try:
        plain_sha = open_sealed_file(keys.box, tmp, clear)
    except TtdnError:
        clear.unlink(missing_ok=True)
        return sha, tmp
    tmp.unlink(missing_ok=True)
    return plain_sha, clear
