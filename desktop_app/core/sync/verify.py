"""Opening a package file and checking everything about it before the database is touched:
structure, manifest, format and schema versions, signature, trust in the sender,
destination, every member's size and hash. Files are extracted to temporary names in the
store (verified by hash) so that applying only renames them.

No record is kept in memory: the record members are hashed as they stream past here, and
read again, one record at a time, when they are applied (:func:`iter_records`), checked
on the way for their shape, their count and, once more, the member's size and hash (the
file may have changed since: a USB stick). Anything wrong then raises, and the importer
leaves the whole file out.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db import migrate
from desktop_app.core.db.models import Installation, OrgUnit, Peer
from desktop_app.core.errors import TtdnError
from desktop_app.core.files import staged_file
from desktop_app.core.sync import codec
from desktop_app.core.sync.container import FORMAT, FORMAT_MAJOR, PackageReader, file_digest, parse_json
from desktop_app.core.sync.identity import Identity, aggregator_peer
from desktop_app.core.sync.keys import verify
from desktop_app.core.sync.records import CONFIG_TABLES, DATA_TABLES, MAX_COUNTER, SHA_RE, UUID_RE, Incoming, from_record

KINDS = ("data", "receipt", "config")
TABLES_BY_KIND = {"data": DATA_TABLES, "receipt": ("review",), "config": CONFIG_TABLES}
EXTRA_MEMBERS = {"receipt": ("data/receipt.json",), "config": ("data/peers.json",), "data": ()}


@dataclass
class Volume:
    path: Path
    manifest: dict[str, Any]
    sender: Identity
    peer: Peer | None
    manifest_bytes: bytes = b""
    members: dict[str, str] = field(default_factory=dict)  # table -> the member holding its records
    counts: dict[str, int] = field(default_factory=dict)  # table -> records read (as they are applied)
    documents: dict[str, Any] = field(default_factory=dict)  # receipt.json, peers.json
    files: dict[str, Path] = field(default_factory=dict)  # sha256 -> verified temporary file
    sha256: str = ""
    size: int = 0
    needs_confirmation: bool = False
    carry_for: str | None = None  # a receipt for a commune this centre relays: carried, not applied

    @property
    def kind(self) -> str:
        return self.manifest["kind"]

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]

    @property
    def set_id(self) -> str:
        return self.manifest["set_id"]

    @property
    def index(self) -> int:
        return self.manifest["volume"]["index"]

    @property
    def count(self) -> int:
        return self.manifest["volume"]["count"]

    @property
    def sequence(self) -> int:
        return self.manifest["sequence"]

    def discard_files(self) -> None:
        for path in self.files.values():
            path.unlink(missing_ok=True)
        self.files.clear()


def _check_manifest(manifest: Any, path: Path) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise TtdnError("package.not_a_package", path=path.name, detail="format")
    version = str(manifest.get("format_version", ""))
    try:
        major = int(version.split(".")[0])
    except ValueError:
        raise TtdnError("package.bad_manifest", detail="format_version") from None
    if major != FORMAT_MAJOR:
        raise TtdnError("package.newer_format", version=version[:20])
    schema = manifest.get("schema")
    known = {rev.revision for rev in migrate.script_directory().walk_revisions()}
    if schema not in known:
        raise TtdnError("package.newer_schema", schema=str(schema)[:40])
    if manifest.get("kind") not in KINDS:
        raise TtdnError("package.bad_manifest", detail="kind")
    for key in ("package_id", "set_id"):
        if not isinstance(manifest.get(key), str) or not UUID_RE.match(manifest[key]):
            raise TtdnError("package.bad_manifest", detail=key)
    volume = manifest.get("volume")
    if (
        not isinstance(volume, dict)
        or not all(isinstance(volume.get(k), int) and not isinstance(volume.get(k), bool) for k in ("index", "count"))
        or not 1 <= volume["index"] <= volume["count"] <= 999
    ):
        raise TtdnError("package.bad_manifest", detail="volume")
    sequence = manifest.get("sequence")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        raise TtdnError("package.bad_manifest", detail="sequence")
    if not isinstance(manifest.get("destination"), dict):
        raise TtdnError("package.bad_manifest", detail="destination")
    origins = manifest.get("origins", {})
    if not isinstance(origins, dict):
        raise TtdnError("package.bad_manifest", detail="origins")
    for origin, span in origins.items():
        if (
            not isinstance(origin, str)
            or len(origin) != 32
            or not isinstance(span, dict)
            or not isinstance(span.get("from"), int)
            or not isinstance(span.get("to"), int)
            or not 0 <= span["from"] <= span["to"]
        ):
            raise TtdnError("package.bad_manifest", detail="origins")
        held = span.get("held", [])
        if not isinstance(held, list) or len(held) > 1000 or not all(
            isinstance(r, list)
            and len(r) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in r)
            and 0 <= r[0] < r[1] <= MAX_COUNTER
            for r in held
        ):
            raise TtdnError("package.bad_manifest", detail="origins.held")


def allowed_units(session: Session, unit_id: str) -> set[str]:
    """The units whose records an installation of ``unit_id`` may send: its own and those
    below it; a district centre also speaks for its district's communes (it relays them)."""
    children: dict[str | None, list[str]] = {}
    kinds: dict[str, tuple[str, str | None]] = {}
    for uid, parent, kind in session.execute(select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.kind)):
        children.setdefault(parent, []).append(uid)
        kinds[uid] = (kind, parent)
    roots = [unit_id]
    kind, parent = kinds.get(unit_id, (None, None))
    if kind == "centre" and parent is not None:
        roots.append(parent)
    found: set[str] = set()
    stack = list(roots)
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found


def _check_trust(session: Session, manifest: dict[str, Any], sender: Identity, me: Installation | None) -> tuple[Peer | None, bool]:
    """The registered peer that sent this (or None with needs_confirmation for a first
    configuration package)."""
    kind = manifest["kind"]
    peer = session.get(Peer, sender.installation_id)
    if me is not None and sender.installation_id == me.installation_id:
        raise TtdnError("package.from_self")
    if peer is not None and peer.status == "revoked":
        raise TtdnError("peer.revoked", unit=sender.unit_name)
    if peer is not None and (peer.sign_pub, peer.box_pub) != (sender.keys.sign_pub, sender.keys.box_pub):
        raise TtdnError("package.key_mismatch", unit=sender.unit_name)
    if kind == "config":
        if sender.role != "aggregator":
            raise TtdnError("package.not_from_aggregator")
        known = aggregator_peer(session)
        if known is not None and known.installation_id != sender.installation_id:
            raise TtdnError("package.wrong_aggregator", fingerprint=sender.keys.fingerprint)
        return peer, peer is None
    if peer is None:
        raise TtdnError("package.unregistered", unit=f"{sender.unit_name} ({sender.unit_code})", fingerprint=sender.keys.fingerprint)
    if peer.unit_id != sender.unit_id:
        raise TtdnError("package.wrong_unit", unit=sender.unit_name)
    if kind == "receipt" and peer.role != "aggregator":
        raise TtdnError("package.not_from_aggregator")
    return peer, False


def _check_destination(session: Session, manifest: dict[str, Any], sender: Identity, me: Installation | None) -> str | None:
    """Refuse a package not meant for this installation. Returns the unit id of the
    commune a receipt is carried down to (a relay), else None."""
    destination = manifest["destination"]
    target = destination.get("installation_id")
    kind = manifest["kind"]
    if kind == "config":
        if target not in (None, "*") and (me is None or target != me.installation_id):
            raise TtdnError("package.wrong_destination")
        return None
    if me is None:
        raise TtdnError("installation.missing", data_dir="")
    if target == me.installation_id:
        return None
    if kind == "receipt" and me.role == "unit" and isinstance(target, str):
        # The province's receipt for a commune whose packages this centre relayed.
        unit_id = destination.get("unit_id")
        if isinstance(unit_id, str) and unit_id != me.unit_id and unit_id in allowed_units(session, me.unit_id):
            return unit_id
    if kind == "data":
        if target is None and me.role == "aggregator":
            return None
        # A relay: a package for the province, from a unit this installation speaks for.
        province = aggregator_peer(session)
        relaying = me.role == "unit" and sender.unit_id in allowed_units(session, me.unit_id)
        if relaying and (target is None or (province is not None and target == province.installation_id)):
            return None
    raise TtdnError("package.wrong_destination")


def _extract_file(reader: PackageReader, name: str, files_dir: Path) -> Path:
    """Stream a file member to a temporary file in the store, checking size and hash."""
    spec = reader.expected_members().get(name)
    sha = name.split("/", 1)[1]
    if not isinstance(spec, dict) or spec.get("sha256") != sha or not isinstance(spec.get("size"), int):
        raise TtdnError("package.bad_manifest", detail=name)
    digest = hashlib.sha256()
    written = 0
    try:
        with staged_file(files_dir) as (out, tmp), reader.open_member(name) as src:
            while chunk := src.read(1024 * 1024):
                written += len(chunk)
                if written > spec["size"]:
                    raise TtdnError("package.member_altered", member=name)
                digest.update(chunk)
                out.write(chunk)
    except TtdnError:
        raise
    except Exception as exc:  # zlib.error, BadZipFile, OSError from a damaged stream
        raise TtdnError("package.damaged", member=name, detail=str(exc)[:200]) from exc
    if written != spec["size"] or digest.hexdigest() != sha:
        tmp.unlink(missing_ok=True)
        raise TtdnError("package.member_altered", member=name)
    return tmp


class _CheckedStream(io.RawIOBase):
    """A member's bytes as they are read, counted and hashed; :meth:`finish` checks them
    against the signed manifest. More bytes than the manifest says are refused at once."""

    def __init__(self, reader: PackageReader, name: str) -> None:
        super().__init__()
        self._raw = None
        spec = reader.expected_members().get(name)
        if not isinstance(spec, dict) or not isinstance(spec.get("size"), int) or not isinstance(spec.get("sha256"), str):
            raise TtdnError("package.bad_manifest", detail=name)
        self.name, self.size, self.sha256 = name, spec["size"], spec["sha256"]
        self.read_bytes = 0
        self._digest = hashlib.sha256()
        try:
            self._raw = reader.open_member(name)
        except Exception as exc:  # BadZipFile, OSError, NotImplementedError from a damaged file
            raise TtdnError("package.damaged", member=name, detail=str(exc)[:200]) from exc

    def _take(self, data: bytes) -> bytes:
        self.read_bytes += len(data)
        if self.read_bytes > self.size:
            raise TtdnError("package.member_altered", member=self.name)
        self._digest.update(data)
        return data

    def _guarded(self, method, *args):
        try:
            return method(*args)
        except TtdnError:
            raise
        except Exception as exc:  # zlib.error, BadZipFile, OSError from a damaged stream
            raise TtdnError("package.damaged", member=self.name, detail=str(exc)[:200]) from exc

    def read(self, size: int = -1) -> bytes:
        return self._take(self._guarded(self._raw.read, size))

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readable(self) -> bool:
        return True

    def buffered(self) -> io.BufferedReader:
        """The stream with a large buffer (lines are split in C, not in zipfile's Python)."""
        return io.BufferedReader(self, buffer_size=1024 * 1024)

    def finish(self) -> None:
        """Read what is left and check size and hash; close."""
        try:
            while self.read(1024 * 1024):
                pass
        finally:
            self.close()
        if self.read_bytes != self.size or self._digest.hexdigest() != self.sha256:
            raise TtdnError("package.member_altered", member=self.name)

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
        super().close()


def _check_member(reader: PackageReader, name: str) -> None:
    """A member's size and SHA-256, streamed: nothing of it is kept."""
    _CheckedStream(reader, name).finish()


def iter_records(volume: Volume, reader: PackageReader, table: str) -> Iterator[tuple[Incoming, dict[str, Any]]]:
    """The records of ``table`` in ``volume`` (opened again as ``reader``), one at a time,
    each checked for its shape; at the end the member's size, hash and the manifest's
    count. Raises TtdnError (the file must be left out whole) if anything is off."""
    name = volume.members[table]
    stream = _CheckedStream(reader, name)
    count = 0
    buffered = stream.buffered()  # kept open until the end: closing it closes the stream
    try:
        for _, record in codec.iter_records(name, buffered):
            count += 1
            volume.counts[table] = count
            yield from_record(table, record), record
    except TtdnError as exc:
        # Bytes that are not the signed ones say so first, as when checked up front.
        if exc.key not in ("package.member_altered", "package.damaged"):
            stream.finish()
        raise
    except BaseException:
        stream.close()
        raise
    stream.finish()
    volume.counts[table] = count
    counts = volume.manifest.get("counts", {})
    if isinstance(counts, dict) and counts.get(table, count) != count:
        raise TtdnError("package.bad_manifest", detail=f"counts.{table}")


def reopen(volume: Volume) -> PackageReader:
    """The package file of a checked volume, opened again to apply it; it must still be
    the file that was checked (its manifest unchanged: a USB stick, a second copy)."""
    reader = PackageReader(volume.path)
    if reader.manifest_bytes != volume.manifest_bytes:
        reader.close()
        raise TtdnError("package.member_altered", member="manifest.json")
    return reader


def open_volume(session: Session, path: Path, files_dir: Path) -> Volume:
    """Open and fully check one package file. Raises TtdnError with the reason."""
    with PackageReader(path) as reader:
        manifest = reader.manifest
        _check_manifest(manifest, path)
        sender = Identity.from_dict(manifest.get("sender"))
        if not reader.signature or not verify(sender.keys.sign_pub, reader.manifest_bytes, reader.signature):
            raise TtdnError("package.bad_signature", path=str(path))
        me = session.scalar(select(Installation))
        peer, needs_confirmation = _check_trust(session, manifest, sender, me)
        carry_for = _check_destination(session, manifest, sender, me)
        reader.check_member_list()
        volume = Volume(
            path, manifest, sender, peer, manifest_bytes=reader.manifest_bytes, needs_confirmation=needs_confirmation, carry_for=carry_for
        )
        allowed_tables = TABLES_BY_KIND[manifest["kind"]]
        try:
            for name in sorted(reader.expected_members()):
                table = codec.member_table(name)
                if name.startswith("files/"):
                    if manifest["kind"] != "data" or not SHA_RE.match(name[6:]):
                        raise TtdnError("package.unexpected_member", member=name)
                    volume.files[name[6:]] = _extract_file(reader, name, files_dir)
                elif name in EXTRA_MEMBERS[manifest["kind"]]:
                    volume.documents[name[5:]] = parse_json(reader.read_member(name), name)
                elif table is not None and table in allowed_tables and table not in volume.members:
                    _check_member(reader, name)
                    volume.members[table] = name
                elif name == "README.txt":
                    reader.read_member(name)  # covered by the signature like the rest
                else:
                    raise TtdnError("package.unexpected_member", member=name)
        except BaseException:
            volume.discard_files()
            raise
        volume.size = path.stat().st_size
        volume.sha256 = file_digest(path)
        return volume
