"""The package container: a zip file (``.ttdn``), written atomically, read defensively.

Members: ``manifest.json`` first, ``manifest.sig`` (Ed25519 over the manifest's exact
bytes), ``README.txt`` (a summary for someone without the program), ``data/*.jsonl`` (or,
from format 1.2, ``data/*.blocks``: see codec.py) and ``files/<sha256>``. The manifest
lists every other member with its SHA-256 and size, so the signature covers everything.

Nothing in a package is trusted before it is checked: member names (no absolute paths,
no ``..``, no backslashes, only the expected patterns, no duplicates), sizes and
compression ratios (zip bombs), the total, JSON size and depth, UTF-8.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from desktop_app.core.errors import TtdnError
from desktop_app.core.files import atomic_writer
from desktop_app.core.files import file_sha256 as file_digest
from desktop_app.core.write_errors import plain_write_error

FORMAT = "ttdn-package"
FORMAT_MAJOR = 1
FORMAT_VERSION = "1.0"
# Configuration packages, 1.1: plan tasks carry ``event_ids`` (the events carrying the task
# out), the plan its ``issued_on`` date; targets of metric "budget" are allocations, per
# task or per unit. A 1.0 package (without them) is still read.
CONFIG_FORMAT_VERSION = "1.1"
# Data packages, 1.2: the records of a table may be laid out as compressed column blocks
# (``data/<table>.blocks``, see codec.py) instead of JSON lines. The number is not 1.1 so
# that no reader takes a data package for a configuration one; a 1.0 package is still read.
COMPACT_FORMAT_VERSION = "1.2"
EXTENSION = ".ttdn"

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
README = "README.txt"

MAX_PACKAGE_BYTES = 4 * 1024**3
MAX_MANIFEST_BYTES = 4 * 1024**2
MAX_MEMBER_BYTES = 2 * 1024**3
MAX_TOTAL_BYTES = 8 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed, for members larger than 1 MiB
MAX_DATA_RATIO_FREE = 64 * 1024**2  # data/ members up to this size may compress better
MAX_LINE_BYTES = 1024**2
MAX_JSON_DEPTH = 12
MAX_MEMBERS = 200_000

_MEMBER = re.compile(r"^(manifest\.json|manifest\.sig|README\.txt|data/[a-z_]{1,40}\.(jsonl|json|blocks)|files/[0-9a-f]{64})$")
_CHUNK = 1024 * 1024


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of decoded JSON, stopping early past ``limit``."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def strict_json(data: bytes, what: str) -> Any:
    """Strict JSON: UTF-8, no NaN or Infinity (the depth is the caller's to bound)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TtdnError("package.bad_utf8", member=what) from exc

    def no_constants(name: str):
        raise ValueError(name)

    try:
        return json.loads(text, parse_constant=no_constants)
    except (ValueError, RecursionError) as exc:
        raise TtdnError("package.bad_json", member=what, detail=str(exc)[:200]) from exc


def parse_json(data: bytes, what: str) -> Any:
    """Strict JSON: UTF-8, no NaN, bounded depth."""
    value = strict_json(data, what)
    # A value nested k deep has at least k opening brackets in its text, so a text with
    # fewer than the limit cannot be too deep and needs no walk (most records).
    if data.count(b"{") + data.count(b"[") >= MAX_JSON_DEPTH and _depth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise TtdnError("package.json_too_deep", member=what)
    return value


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def jsonl_bytes(records: list[dict[str, Any]]) -> bytes:
    return b"".join(canonical_json(r) + b"\n" for r in records)


# --- writing ---------------------------------------------------------------------------


@dataclass
class Member:
    """One member to write: bytes in memory, or a file copied in (an attachment, or records
    staged to a temporary file while their digest was computed)."""

    name: str
    data: bytes | None = None
    path: Path | None = None  # a file to copy in
    digest: str | None = None  # SHA-256 of the content, when already known
    deflate: bool | None = None  # None: bytes are deflated, files stored (media is compressed already)
    packed: int | None = None  # bytes it takes in the zip, when known (volume planning)

    def size(self) -> int:
        return len(self.data) if self.data is not None else self.path.stat().st_size

    @property
    def deflated(self) -> bool:
        return self.data is not None if self.deflate is None else self.deflate


def _member_digest(member: Member) -> str:
    if member.digest is not None:
        return member.digest
    if member.data is not None:
        return hashlib.sha256(member.data).hexdigest()
    return file_digest(member.path)


def describe_members(members: list[Member]) -> dict[str, dict[str, Any]]:
    return {m.name: {"sha256": _member_digest(m), "size": m.size()} for m in members}




def write_package(target: Path, manifest_bytes: bytes, signature: str, members: list[Member]) -> tuple[str, int]:
    """Write the zip (manifest, signature, then ``members`` in order) through a temporary
    file in the same folder, flush it to disk and rename it into place; return (SHA-256,
    size) of the file written. A failure (read-only or full drive, stick pulled, file
    locked) raises a plain TtdnError and leaves nothing behind."""
    try:
        with atomic_writer(target) as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
                zf.writestr(MANIFEST, manifest_bytes)
                zf.writestr(SIGNATURE, signature.encode("ascii"))
                for member in members:
                    kind = zipfile.ZIP_DEFLATED if member.deflated else zipfile.ZIP_STORED
                    if member.data is not None:
                        zf.writestr(member.name, member.data, compress_type=kind)
                    else:
                        zf.write(member.path, member.name, compress_type=kind)  # streamed
        return file_digest(target), target.stat().st_size
    except OSError as exc:
        raise plain_write_error(exc, target) from exc


# --- reading ---------------------------------------------------------------------------


class PackageReader:
    """A package opened and checked for structure; members are read with hard limits and
    verified against the manifest's hashes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise TtdnError("package.unreadable", path=str(path), detail=str(exc)) from exc
        if size > MAX_PACKAGE_BYTES:
            raise TtdnError("package.too_large", path=str(path))
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise TtdnError("package.not_a_package", path=str(path), detail=str(exc)[:200]) from exc
        try:
            self._check_names(infos)
            self.manifest_bytes = self._read(MANIFEST, MAX_MANIFEST_BYTES)
            self.signature = self._read(SIGNATURE, 1024).decode("ascii", errors="replace").strip()
            self.manifest = parse_json(self.manifest_bytes, MANIFEST)
        except BaseException:
            self._zip.close()
            raise

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> PackageReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _check_names(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_MEMBERS:
            raise TtdnError("package.too_many_members", count=len(infos))
        seen: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            if name in seen:
                raise TtdnError("package.duplicate_member", member=name)
            seen.add(name)
            if not _MEMBER.match(name) or info.is_dir():
                raise TtdnError("package.bad_member_name", member=name[:200])
            if info.flag_bits & 0x1:
                raise TtdnError("package.bad_member_name", member=name)  # zip encryption: not ours
            if info.file_size > MAX_MEMBER_BYTES:
                raise TtdnError("package.member_too_large", member=name)
            # Records compress well (a long title repeated is not an attack): their members
            # are only held to the ratio beyond a size any real package stays under.
            free = MAX_DATA_RATIO_FREE if name.startswith("data/") else _CHUNK
            if info.file_size > free and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise TtdnError("package.zip_bomb", member=name)
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise TtdnError("package.too_large", path=str(self.path))
        if infos and infos[0].filename != MANIFEST:
            raise TtdnError("package.manifest_not_first")
        for required in (MANIFEST, SIGNATURE):
            if required not in seen:
                raise TtdnError("package.missing_member", member=required)
        self.names = seen

    def _read(self, name: str, limit: int) -> bytes:
        """Read at most ``limit`` bytes, whatever the zip header claims."""
        try:
            with self._zip.open(name) as handle:
                data = handle.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError) as exc:
            raise TtdnError("package.damaged", member=name, detail=str(exc)[:200]) from exc
        except Exception as exc:  # zlib.error and friends from a damaged stream
            raise TtdnError("package.damaged", member=name, detail=str(exc)[:200]) from exc
        if len(data) > limit:
            raise TtdnError("package.member_too_large", member=name)
        return data

    def open_member(self, name: str):
        """A raw stream of one member (the caller checks size and hash as it reads)."""
        return self._zip.open(name)

    def expected_members(self) -> dict[str, dict[str, Any]]:
        members = self.manifest.get("members") if isinstance(self.manifest, dict) else None
        if not isinstance(members, dict):
            raise TtdnError("package.bad_manifest", detail="members")
        return members

    def check_member_list(self) -> None:
        """The zip holds exactly the members the manifest lists (plus manifest and signature)."""
        listed = set(self.expected_members())
        present = self.names - {MANIFEST, SIGNATURE}
        if listed - present:
            raise TtdnError("package.missing_member", member=sorted(listed - present)[0])
        if present - listed:
            raise TtdnError("package.unlisted_member", member=sorted(present - listed)[0])

    def read_member(self, name: str) -> bytes:
        """A member's bytes, verified against the manifest's size and SHA-256."""
        spec = self.expected_members().get(name)
        if not isinstance(spec, dict) or not isinstance(spec.get("size"), int) or not isinstance(spec.get("sha256"), str):
            raise TtdnError("package.bad_manifest", detail=name)
        if spec["size"] > MAX_MEMBER_BYTES:
            raise TtdnError("package.member_too_large", member=name)
        try:
            data = self._read(name, spec["size"])
        except TtdnError as exc:
            if exc.key != "package.member_too_large":
                raise
            # More bytes than the signed manifest says: altered or damaged, not "too large".
            raise TtdnError("package.member_altered", member=name) from exc
        if len(data) != spec["size"] or hashlib.sha256(data).hexdigest() != spec["sha256"]:
            raise TtdnError("package.member_altered", member=name)
        return data

    def read_jsonl(self, name: str) -> Iterator[tuple[int, Any]]:
        data = self.read_member(name)
        for number, line in enumerate(data.split(b"\n"), start=1):
            if not line:
                continue
            if len(line) > MAX_LINE_BYTES:
                raise TtdnError("package.line_too_long", member=name, line=number)
            yield number, parse_json(line, f"{name}:{number}")
