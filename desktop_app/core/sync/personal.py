"""Personal data in packages: sealed for the province, or withheld (counts only).

* Participants: every field that says who a person is — name, phone, birth year, position,
  organisation — travels only inside an envelope sealed for the province's X25519 key
  (see ``keys.Sealer``; associated data ``participant:<id>``). What reports count travels
  in the clear: gender, ethnicity, category and the participant's administrative unit
  (attendance per unit), and the event it belongs to.
* With ``--counts-only`` those fields are dropped and ``personal_withheld`` is set.
* A relay cannot open an envelope: it keeps it as received and forwards it.
"""

from __future__ import annotations

import json
from typing import Any

from desktop_app.core.errors import TtdnError
from desktop_app.core.sync.keys import KeyPair, Sealer, open_envelope
from desktop_app.core.sync.records import SPECS, convert_field

PARTICIPANT_SEALED = SPECS["participant"].personal
BIRTH_YEARS = (1900, 2100)  # as the entry form and the database allow


def _aad(kind: str, record_id: str) -> bytes:
    return f"{kind}:{record_id}".encode("ascii")


def seal_participant(record: dict[str, Any], sealer: Sealer | None, counts_only: bool) -> None:
    """Replace the identifying fields of a participant record by a sealed envelope (or
    withhold them). A record relayed as received keeps its envelope."""
    plain = {name: record.pop(name, None) for name in PARTICIPANT_SEALED}
    if record.get("sealed") or record.get("personal_withheld"):
        return
    if sealer is not None:
        record["sealed"] = sealer.seal(json.dumps(plain, ensure_ascii=False).encode("utf-8"), _aad("participant", record["id"]))
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
    if not isinstance(plain, dict) or set(plain) - set(PARTICIPANT_SEALED):
        raise TtdnError("package.bad_record", table="participant", field="sealed", detail="unexpected content")
    values = {name: convert_field("participant", name, plain[name]) for name in PARTICIPANT_SEALED if name in plain}
    values["name"] = values.get("name") or ""
    year = values.get("birth_year")
    if year is not None and not BIRTH_YEARS[0] <= year <= BIRTH_YEARS[1]:
        raise TtdnError("package.bad_record", table="participant", field="birth_year", detail=f"out of range: {year}")
    return values


def withhold_participant(values: dict[str, Any]) -> None:
    """Blank the identifying fields (counts only, or a relay holding an envelope)."""
    for name in PARTICIPANT_SEALED:
        values[name] = None
    values["name"] = ""
