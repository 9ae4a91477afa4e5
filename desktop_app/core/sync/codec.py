"""How the records of one table are laid out in a package member, both ways.

This is the seam between the package's bytes and the code that writes or applies rows:
the exporter hands records (plain dicts, as :func:`records.to_record` makes them) to a
writer; the importer iterates the records of a member without knowing its layout, one at
a time, so neither side holds a whole table in memory.

Two layouts:

* ``data/<table>.jsonl`` (format 1.0): one canonical JSON record per line.
* ``data/<table>.blocks`` (format 1.2): the records in blocks of at most
  :data:`BLOCK_ROWS`, each block laid out by columns (repeated values once, counters as
  deltas, UUIDs and Base64 as raw bytes, version vectors without the entry the version
  itself gives) and compressed with Zstandard. A block is decoded on its own, so reading
  holds one block at a time. The layout is described in ``docs/sync-format.md``.

Both come out of :func:`iter_records` as the same record dicts.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
import struct
from datetime import UTC, datetime, timedelta
from typing import Any, BinaryIO, Iterator

from desktop_app.core.errors import TtdnError
from desktop_app.core.sync.container import (
    MAX_DATA_RATIO_FREE,
    MAX_JSON_DEPTH,
    MAX_LINE_BYTES,
    MAX_RATIO,
    _depth,
    canonical_json,
    parse_json,
    strict_json,
)

JSONL = "jsonl"
BLOCKS = "blocks"
LAYOUTS = (JSONL, BLOCKS)
JSONL_SUFFIX = ".jsonl"
BLOCKS_SUFFIX = ".blocks"
_SUFFIXES = {JSONL: JSONL_SUFFIX, BLOCKS: BLOCKS_SUFFIX}

BLOCK_MAGIC = b"TTDN-BLOCKS 1\n"
BLOCK_ROWS = 2000  # records per block, at most (the reader refuses more than MAX_BLOCK_ROWS)
BLOCK_TARGET_BYTES = 4 * 1024**2  # a block is closed early once its text reaches about this
MAX_BLOCK_ROWS = 10_000
MAX_BLOCK_BYTES = 16 * 1024**2  # decoded size of one block, at most
MAX_COLUMNS = 200
ZSTD_LEVEL = 9  # see docs/sync-format.md for the measurements behind it
_END = b"\0" * 8
_HEAD = struct.Struct("<II")  # compressed size, decoded size
_MAX_NEST = 2  # objects inside objects laid out by columns (the sealed envelope's "w")
_MAX_INT = 2**62  # integers laid out as deltas (larger ones, which no valid record has, as values)


def member_table(name: str) -> str | None:
    """The table whose records member ``name`` holds, or None if it holds no records."""
    if name.startswith("data/"):
        for suffix in _SUFFIXES.values():
            if name.endswith(suffix) and len(name) > 5 + len(suffix):
                return name[5 : -len(suffix)]
    return None


def member_layout(name: str) -> str | None:
    """The layout of member ``name`` (:data:`JSONL` or :data:`BLOCKS`), None if no records."""
    if member_table(name) is None:
        return None
    return JSONL if name.endswith(JSONL_SUFFIX) else BLOCKS


def iter_records(name: str, stream: BinaryIO) -> Iterator[tuple[int, Any]]:
    """(position, decoded record) for each record of member ``name``, read from ``stream``
    (a binary stream of the member's bytes) with the container's limits: a line longer
    than ``MAX_LINE_BYTES``, a block larger than ``MAX_BLOCK_BYTES``, a block that
    decompresses abnormally or JSON that is not strict UTF-8 raises TtdnError. The caller
    checks the member's size and hash (the stream may hash as it is read) and each
    record's shape. Memory: one line, or one block, at a time."""
    layout = member_layout(name)
    if layout == JSONL:
        return _iter_jsonl(name, stream)
    if layout == BLOCKS:
        return _iter_blocks(name, stream)
    raise TtdnError("package.unexpected_member", member=name)


def member_name(table: str, layout: str = JSONL) -> str:
    """The member a writer of ``layout`` puts ``table``'s records in."""
    return f"data/{table}{_SUFFIXES[layout]}"


class RecordWriter:
    """Writes the records of one table to a binary stream, one at a time (the block
    layout buffers one block)."""

    def __init__(self, table: str, stream: BinaryIO, layout: str = JSONL, *, level: int = ZSTD_LEVEL) -> None:
        if layout not in LAYOUTS:
            raise ValueError(layout)
        self.table = table
        self.layout = layout
        self.name = member_name(table, layout)
        self.stream = stream
        self.count = 0
        if layout == BLOCKS:
            import zstandard

            self._compressor = zstandard.ZstdCompressor(level=level)
            self._pending: list[dict[str, Any]] = []
            self._pending_bytes = 0
            stream.write(BLOCK_MAGIC)

    def write(self, record: dict[str, Any]) -> None:
        self.count += 1
        if self.layout == JSONL:
            self.stream.write(canonical_json(record) + b"\n")
            return
        self._pending.append(record)
        self._pending_bytes += _estimate(record)
        if len(self._pending) >= BLOCK_ROWS or self._pending_bytes >= BLOCK_TARGET_BYTES:
            self._flush()

    def close(self) -> None:
        """Finish the member (the block layout writes its last block and end mark)."""
        if self.layout == BLOCKS:
            self._flush()
            self.stream.write(_END)

    def _flush(self) -> None:
        if self._pending:
            self._write_block(self._pending)
        self._pending = []
        self._pending_bytes = 0

    def _write_block(self, records: list[dict[str, Any]]) -> None:
        raw = encode_block(records)
        if len(raw) > MAX_BLOCK_BYTES and len(records) > 1:
            half = len(records) // 2
            self._write_block(records[:half])
            self._write_block(records[half:])
            return
        packed = self._compressor.compress(raw)
        self.stream.write(_HEAD.pack(len(packed), len(raw)))
        self.stream.write(packed)


# --- JSON lines ---------------------------------------------------------------------------


def _iter_jsonl(name: str, stream: BinaryIO) -> Iterator[tuple[int, Any]]:
    number = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 2)
        if not line:
            return
        number += 1
        if line.endswith(b"\n"):
            line = line[:-1]
        elif len(line) > MAX_LINE_BYTES:
            raise TtdnError("package.line_too_long", member=name, line=number)
        if len(line) > MAX_LINE_BYTES:
            raise TtdnError("package.line_too_long", member=name, line=number)
        if not line:
            continue
        yield number, parse_json(line, f"{name}:{number}")


# --- column blocks: writing ---------------------------------------------------------------
#
# A decoded block is: u32 (little-endian) length of a JSON header, the header (UTF-8), then
# a binary part the header's columns take bytes from in order. The header is
# {"n": rows, "columns": [column, ...]}; a column is {"k": key, "e": encoding, ...} with
# "at": [row indices] when not every record has the key. Encodings:
#   c  one value for every row             {"v": value}
#   v  plain values                        {"v": [values]}
#   d  a dictionary of distinct values     {"d": [values], "i": [indices]}
#   n  integers as deltas                  {"v": [first, delta, ...]}
#   t  UTC times "…T…Z" as deltas of µs    {"v": [first, delta, ...]}
#   u  UUIDs, 16 bytes each                (binary)
#   x  hexadecimal text of one length      {"w": bytes each} (binary)
#   b  canonical Base64 text               {"l": [byte lengths]} (binary)
#   o  objects, laid out by their keys     {"columns": [column, ...]}
#   r  version vectors without the entry (ver_origin: ver_counter) of the row's own
#      version                             {"inner": column}

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_HEX = re.compile(r"^(?:[0-9a-f]{2})+$")
_B64 = re.compile(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{6})?Z$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SCALARS = (str, int, float, bool, type(None))


def _estimate(record: dict[str, Any]) -> int:
    size = 24 * len(record)
    for value in record.values():
        kind = type(value)
        if kind is str:
            size += len(value)
        elif kind is dict or kind is list:
            size += 300
    return size


def _same_key(value: Any) -> Any:
    """A key telling values apart as JSON does (1, 1.0 and True are three values)."""
    kind = type(value)
    if kind is list:
        if all(type(v) is str for v in value):
            return (list, *value)
    elif kind is dict:
        if not value:
            return (dict,)
    else:
        return (kind, value)
    return (dict, canonical_json(value))


_DAY_MICROS = 86_400_000_000
_DAYS: dict[int, str] = {}  # day number -> ISO date, the few hundred days records fall on


def _time_text(micros: int) -> str:
    """The text ``datetime.isoformat()`` gives for this UTC time, with "Z" (OverflowError
    out of the years 1-9999)."""
    day, rest = divmod(micros, _DAY_MICROS)
    date_text = _DAYS.get(day)
    if date_text is None:
        date_text = (_EPOCH + timedelta(days=day)).date().isoformat()
        if len(_DAYS) < 100_000:
            _DAYS[day] = date_text
    seconds, fraction = divmod(rest, 1_000_000)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    if fraction:
        return f"{date_text}T{hours:02d}:{minutes:02d}:{seconds:02d}.{fraction:06d}Z"
    return f"{date_text}T{hours:02d}:{minutes:02d}:{seconds:02d}Z"


def _time_micros(text: str) -> int | None:
    if not _TIME.match(text):
        return None
    try:
        value = datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
    except ValueError:
        return None
    delta = value - _EPOCH
    micros = (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
    return micros if _time_text(micros) == text else None


def _deltas(numbers: list[int]) -> list[int]:
    return [numbers[0]] + [b - a for a, b in zip(numbers, numbers[1:])]


def _encode_strings(column: dict[str, Any], values: list[str], binary: bytearray, distinct: int) -> None:
    count = len(values)
    times = None
    if _TIME.match(values[0]):
        seen: dict[str, int | None] = {}
        times = [seen[v] if v in seen else seen.setdefault(v, _time_micros(v)) for v in values]
    if times is not None and None not in times:
        column.update(e="t", v=_deltas(times))
    elif distinct * 2 <= count:
        _encode_dictionary(column, values)
    elif all(_UUID.match(v) for v in values):
        column["e"] = "u"
        for v in values:
            binary += bytes.fromhex(v.replace("-", ""))
    elif len(values[0]) <= 256 and all(len(v) == len(values[0]) and _HEX.match(v) for v in values):
        column.update(e="x", w=len(values[0]) // 2)
        for v in values:
            binary += bytes.fromhex(v)
    elif (raws := _base64_bytes(values)) is not None:
        column.update(e="b", l=[len(raw) for raw in raws])
        for raw in raws:
            binary += raw
    else:
        column.update(e="v", v=values)


def _base64_bytes(values: list[str]) -> list[bytes] | None:
    """The bytes of canonical Base64 texts (those that encode back to the same text)."""
    if not all(len(v) >= 16 and _B64.match(v) for v in values):
        return None
    raws = [base64.b64decode(v) for v in values]
    if any(base64.b64encode(raw).decode("ascii") != v for raw, v in zip(raws, values)):
        return None
    return raws


def _encode_dictionary(column: dict[str, Any], values: list[Any], keys: list[Any] | None = None) -> None:
    index: dict[Any, int] = {}
    distinct: list[Any] = []
    indices = []
    for n, v in enumerate(values):
        key = keys[n] if keys is not None else _same_key(v)
        at = index.get(key)
        if at is None:
            at = index[key] = len(distinct)
            distinct.append(v)
        indices.append(at)
    column.update(e="d", d=distinct, i=indices)


def _encode_values(column: dict[str, Any], values: list[Any], binary: bytearray, nest: int) -> None:
    if all(type(v) is int and -_MAX_INT <= v <= _MAX_INT for v in values):
        if len(set(values)) == 1:
            column.update(e="c", v=values[0])
        else:
            column.update(e="n", v=_deltas(values))
    elif all(type(v) is str for v in values):
        distinct = len(set(values))
        if distinct == 1:
            column.update(e="c", v=values[0])
        else:
            _encode_strings(column, values, binary, distinct)
    elif nest < _MAX_NEST and all(type(v) is dict for v in values) and len({k for v in values for k in v}) <= 16:
        column.update(e="o", columns=_encode_columns(values, binary, nest + 1))
    else:
        keys = [_same_key(v) for v in values]
        distinct = len(set(keys))
        if distinct == 1:
            column.update(e="c", v=values[0])
        elif distinct * 2 <= len(values):
            _encode_dictionary(column, values, keys)
        else:
            column.update(e="v", v=values)


def _residual_vectors(records: list[dict[str, Any]]) -> list[Any] | None:
    """The version vectors without their own version's entry, if every record that has a
    vector has that entry (as every valid record does); None otherwise."""
    found = []
    for r in records:
        if "vv" not in r:
            continue
        vv, origin, counter = r["vv"], r.get("ver_origin"), r.get("ver_counter")
        if type(vv) is not dict or type(origin) is not str or type(counter) is not int or type(vv.get(origin)) is not int or vv[origin] != counter:
            return None
        found.append({k: v for k, v in vv.items() if k != origin})
    return found


def _encode_columns(records: list[dict[str, Any]], binary: bytearray, nest: int) -> list[dict[str, Any]]:
    columns = []
    for key in sorted({k for r in records for k in r}):
        column: dict[str, Any] = {"k": key}
        if all(key in r for r in records):
            values = [r[key] for r in records]
        else:
            column["at"] = [i for i, r in enumerate(records) if key in r]
            values = [r[key] for r in records if key in r]
        residual = _residual_vectors(records) if nest == 0 and key == "vv" else None
        if residual is not None:
            inner: dict[str, Any] = {}
            _encode_values(inner, residual, binary, _MAX_NEST)  # flat: most often one value, {}
            column.update(e="r", inner=inner)
        else:
            _encode_values(column, values, binary, nest)
        columns.append(column)
    return columns


def encode_block(records: list[dict[str, Any]]) -> bytes:
    """The decoded bytes of one block holding ``records`` (see the layout above)."""
    binary = bytearray()
    header = canonical_json({"n": len(records), "columns": _encode_columns(records, binary, 0)})
    return struct.pack("<I", len(header)) + header + bytes(binary)


# --- column blocks: reading ---------------------------------------------------------------


def _damaged(name: str, detail: str) -> TtdnError:
    return TtdnError("package.damaged", member=name, detail=detail)


def _read_exact(stream: BinaryIO, size: int, name: str) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise _damaged(name, "truncated block")
    return data


def _iter_blocks(name: str, stream: BinaryIO) -> Iterator[tuple[int, Any]]:
    import zstandard

    if stream.read(len(BLOCK_MAGIC)) != BLOCK_MAGIC:
        raise _damaged(name, "not a block member")
    decompressor = zstandard.ZstdDecompressor()
    packed_total, decoded_total, position, block = len(BLOCK_MAGIC), 0, 0, 0
    while True:
        head = _read_exact(stream, _HEAD.size, name)
        packed, size = _HEAD.unpack(head)
        if packed == 0 and size == 0:
            if stream.read(1):
                raise _damaged(name, "data after the end mark")
            return
        block += 1
        if size > MAX_BLOCK_BYTES or packed > MAX_BLOCK_BYTES + 1024 or packed == 0 or size < 4:
            raise TtdnError("package.member_too_large", member=f"{name}#{block}")
        packed_total += _HEAD.size + packed
        decoded_total += size
        if size > MAX_RATIO * packed or (decoded_total > MAX_DATA_RATIO_FREE and decoded_total > MAX_RATIO * packed_total):
            raise TtdnError("package.zip_bomb", member=name)
        body = _read_exact(stream, packed, name)
        try:
            with decompressor.stream_reader(io.BytesIO(body)) as reader:
                data = reader.read(size + 1)
        except zstandard.ZstdError as exc:
            raise _damaged(name, f"block {block}: {str(exc)[:120]}") from exc
        if len(data) != size:
            raise _damaged(name, f"block {block}: size")
        for record in decode_block(data, f"{name}#{block}"):
            position += 1
            yield position, record


class _Binary:
    def __init__(self, data: memoryview, what: str) -> None:
        self.data, self.at, self.what = data, 0, what

    def take(self, size: int) -> memoryview:
        if size < 0 or self.at + size > len(self.data):
            raise _damaged(self.what, "column bytes")
        part = self.data[self.at : self.at + size]
        self.at += size
        return part


def _ints(value: Any, what: str, count: int | None = None) -> list[int]:
    if type(value) is not list or (count is not None and len(value) != count) or not set(map(type, value)) <= {int}:
        raise _damaged(what, "integers expected")
    return value


def _sums(deltas: list[int], what: str) -> list[int]:
    out, total = [], 0
    for d in deltas:
        total += d
        if abs(total) > 2**63:
            raise _damaged(what, "integer out of range")
        out.append(total)
    return out


def _copies(value: Any) -> Any:
    """A function making independent copies of a decoded value (records never share a
    list or an object, whatever their reader does with them)."""
    if isinstance(value, list) and all(isinstance(v, _SCALARS) for v in value):
        return lambda: list(value)
    if isinstance(value, dict) and all(isinstance(v, _SCALARS) for v in value.values()):
        return lambda: dict(value)
    text = json.dumps(value)
    return lambda: json.loads(text)


def _fresh(value: Any, count: int) -> list[Any]:
    if isinstance(value, (dict, list)):
        copy = _copies(value)
        return [copy() for _ in range(count)]
    return [value] * count


def _check_depth(values: list[Any], nest: int, what: str) -> None:
    limit = MAX_JSON_DEPTH - 1 - nest  # a record is one level, its fields the next
    for v in values:
        if isinstance(v, (dict, list)) and _depth(v, limit) > limit:
            raise TtdnError("package.json_too_deep", member=what)


def _check_text(values: list[Any], what: str) -> None:
    for v in values:
        if isinstance(v, str) and len(v) > MAX_LINE_BYTES:
            raise TtdnError("package.line_too_long", member=what, line=0)


def _decode_values(column: Any, count: int, binary: _Binary, nest: int, what: str) -> list[Any]:
    encoding = column.get("e")
    if encoding == "c":
        if "v" not in column:
            raise _damaged(what, "column value")
        _check_depth([column["v"]], nest, what)
        _check_text([column["v"]], what)
        return _fresh(column["v"], count)
    if encoding == "v":
        values = column.get("v")
        if type(values) is not list or len(values) != count:
            raise _damaged(what, "column values")
        _check_depth(values, nest, what)
        _check_text(values, what)
        return values
    if encoding == "d":
        distinct, indices = column.get("d"), _ints(column.get("i"), what, count)
        if type(distinct) is not list or len(distinct) > count:
            raise _damaged(what, "dictionary")
        _check_depth(distinct, nest, what)
        _check_text(distinct, what)
        if indices and (min(indices) < 0 or max(indices) >= len(distinct)):
            raise _damaged(what, "dictionary index")
        if any(isinstance(v, (dict, list)) for v in distinct):
            copies = [_copies(v) if isinstance(v, (dict, list)) else (lambda v=v: v) for v in distinct]
            return [copies[i]() for i in indices]
        return [distinct[i] for i in indices]
    if encoding == "n":
        return _sums(_ints(column.get("v"), what, count), what)
    if encoding == "t":
        cache: dict[int, str] = {}
        out = []
        for micros in _sums(_ints(column.get("v"), what, count), what):
            text = cache.get(micros)
            if text is None:
                try:
                    text = cache[micros] = _time_text(micros)
                except OverflowError:
                    raise _damaged(what, "time out of range") from None
            out.append(text)
        return out
    if encoding == "u":
        raw = binary.take(16 * count).hex()
        return [f"{raw[i:i + 8]}-{raw[i + 8:i + 12]}-{raw[i + 12:i + 16]}-{raw[i + 16:i + 20]}-{raw[i + 20:i + 32]}" for i in range(0, 32 * count, 32)]
    if encoding == "x":
        width = column.get("w")
        if type(width) is not int or not 1 <= width <= 128:
            raise _damaged(what, "width")
        raw = binary.take(width * count).hex()
        return [raw[i : i + 2 * width] for i in range(0, 2 * width * count, 2 * width)]
    if encoding == "b":
        lengths = _ints(column.get("l"), what, count)
        if any(n < 0 or n > MAX_LINE_BYTES for n in lengths):
            raise _damaged(what, "lengths")
        return [base64.b64encode(binary.take(n)).decode("ascii") for n in lengths]
    if encoding == "o" and nest < _MAX_NEST:
        return _decode_columns(column.get("columns"), count, binary, nest + 1, what)
    raise _damaged(what, f"unknown column encoding {str(encoding)[:20]!r}")


def _decode_columns(columns: Any, count: int, binary: _Binary, nest: int, what: str) -> list[dict[str, Any]]:
    if type(columns) is not list or len(columns) > MAX_COLUMNS:
        raise _damaged(what, "columns")
    decoded: dict[str, tuple[list[int] | None, list[Any]]] = {}
    vectors = []
    for column in columns:
        if type(column) is not dict or type(column.get("k")) is not str or len(column["k"]) > 100 or column["k"] in decoded:
            raise _damaged(what, "column")
        at = column.get("at")
        if at is not None:
            at = _ints(at, what)
            if len(at) > count or any(b <= a for a, b in zip(at, at[1:])) or (at and (at[0] < 0 or at[-1] >= count)):
                raise _damaged(what, "column rows")
        size = count if at is None else len(at)
        if column.get("e") == "r" and nest == 0:
            inner = column.get("inner")
            if type(inner) is not dict:
                raise _damaged(what, "column")
            vectors.append((column["k"], at, _decode_values(inner, size, binary, _MAX_NEST, what)))
            decoded[column["k"]] = (at, [])
        else:
            decoded[column["k"]] = (at, _decode_values(column, size, binary, nest, what))
    # The columns every row has make the rows at once; the others are added row by row.
    full = [(key, values) for key, (at, values) in decoded.items() if at is None and values]
    if full:
        keys = [key for key, _ in full]
        rows = [dict(zip(keys, row)) for row in zip(*(values for _, values in full))]
    else:
        rows = [{} for _ in range(count)]
    for key, (at, values) in decoded.items():
        if at is not None:
            for i, value in zip(at, values):
                rows[i][key] = value
    for key, at, residuals in vectors:
        for i, residual in zip(range(count) if at is None else at, residuals):
            row = rows[i]
            origin, counter = row.get("ver_origin"), row.get("ver_counter")
            if type(residual) is not dict or type(origin) is not str or type(counter) is not int:
                raise _damaged(what, "version vector")
            row[key] = {**residual, origin: counter}
    return rows


def decode_block(data: bytes, what: str) -> list[dict[str, Any]]:
    """The records of one decoded block (raises TtdnError if it is malformed)."""
    if len(data) < 4:
        raise _damaged(what, "block header")
    (size,) = struct.unpack_from("<I", data)
    if 4 + size > len(data):
        raise _damaged(what, "block header")
    header = strict_json(data[4 : 4 + size], what)
    if type(header) is not dict or type(header.get("n")) is not int or not 1 <= header["n"] <= MAX_BLOCK_ROWS:
        raise _damaged(what, "block header")
    binary = _Binary(memoryview(data)[4 + size :], what)
    try:
        rows = _decode_columns(header.get("columns"), header["n"], binary, 0, what)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise _damaged(what, str(exc)[:120]) from exc
    if binary.at != len(binary.data):
        raise _damaged(what, "unused column bytes")
    return rows
