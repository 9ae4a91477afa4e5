"""The text of a page of a PDF this program wrote (ReportLab), read back through the fonts'
``/ToUnicode`` maps: what ``--self-test`` checks, without a PDF library in the bundle.

Only what ReportLab writes is understood: indirect objects, ASCII85/Flate streams,
simple TrueType subsets with a ToUnicode CMap (``bfchar``/``bfrange``), text shown with
``Tj``/``TJ``/``'`` in literal strings. Anything else yields less text, never an error.
"""

from __future__ import annotations

import base64
import re
import zlib
from pathlib import Path

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\s*endstream", re.S)
_REF = rb"(\d+) 0 R"
_TOKEN = re.compile(rb"\((?:\\.|[^\\)])*\)|\[|\]|/[^\s/\[\]()<>]+|[-+.\d]+|[A-Za-z'\"*]+", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def _stream(body: bytes) -> bytes:
    m = _STREAM.search(body)
    if not m:
        return b""
    raw, header = m.group(1), body[: m.start()]
    try:
        if b"/ASCII85Decode" in header:
            raw = raw.strip()
            raw = base64.a85decode(raw[:-2] if raw.endswith(b"~>") else raw, adobe=False, ignorechars=b" \t\n\r")
        if b"/FlateDecode" in header:
            raw = zlib.decompress(raw)
    except (ValueError, zlib.error):
        return b""
    return raw


def _cmap(text: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}

    def uni(hexa: bytes) -> str:
        data = bytes.fromhex(hexa.decode())
        return data.decode("utf-16-be", "replace")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = uni(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def _literal(token: bytes) -> bytes:
    body, out, i = token[1:-1], bytearray(), 0
    while i < len(body):
        ch = body[i : i + 1]
        if ch == b"\\" and i + 1 < len(body):
            nxt = body[i + 1 : i + 2]
            octal = re.match(rb"[0-7]{1,3}", body[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
                continue
            out += _ESCAPES.get(nxt, b"" if nxt in b"\r\n" else nxt)
            i += 2
            continue
        out += ch
        i += 1
    return bytes(out)


def page_text(path: Path, page: int = 0) -> str:
    """The text of page ``page`` (0 = first) of the PDF at ``path``, lines joined by \\n."""
    data = path.read_bytes()
    objects = {int(n): body for n, body in _OBJ.findall(data)}
    fonts: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        name = re.search(rb"/Name\s*/([^\s/>]+)", body)
        to_unicode = re.search(rb"/ToUnicode\s+" + _REF, body)
        if name and to_unicode and b"/Font" in body:
            fonts[name.group(1)] = _cmap(_stream(objects.get(int(to_unicode.group(1)), b"")))
    pages_obj = next((b for b in objects.values() if re.search(rb"/Type\s*/Pages\b", b)), b"")
    kids = re.search(rb"/Kids\s*\[(.*?)\]", pages_obj, re.S)
    refs = [int(n) for n in re.findall(_REF, kids.group(1))] if kids else []
    if page >= len(refs):
        return ""
    contents = re.search(rb"/Contents\s+" + _REF, objects.get(refs[page], b""))
    stream = _stream(objects.get(int(contents.group(1)), b"")) if contents else b""
    lines, current, cmap = [], [], {}
    operands: list[bytes] = []
    for token in _TOKEN.findall(stream):
        if token.startswith(b"/") or token.startswith(b"(") or token[:1] in b"[]-+.0123456789":
            operands.append(token)
            continue
        if token == b"Tf" and len(operands) >= 2:
            cmap = fonts.get(operands[-2][1:], {})
        elif token in (b"Tj", b"TJ", b"'", b'"'):
            for op in operands:
                if op.startswith(b"("):
                    current.append("".join(cmap.get(code, "") for code in _literal(op)))
        elif token in (b"ET", b"T*", b"Td", b"TD", b"Tm") and current:
            lines.append("".join(current))
            current = []
        operands = []
    if current:
        lines.append("".join(current))
    return "\n".join(line for line in lines if line.strip())
