"""Read text runs back out of a PDF with their font, size and position: a small content
stream interpreter over pypdf (simple TrueType fonts, as ReportLab writes them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ContentStream


@dataclass(frozen=True)
class Run:
    page: int  # from 1
    x0: float
    x1: float
    y: float  # baseline
    font: str  # BaseFont without the subset prefix, e.g. "LiberationSerif-Bold"
    size: float
    text: str  # through the font's ToUnicode map
    codes: bytes


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    runs: list[Run]

    def lines(self, tolerance: float = 1.0) -> list[list[Run]]:
        """Runs grouped by baseline, top to bottom, each left to right."""
        groups: list[list[Run]] = []
        for run in sorted(self.runs, key=lambda r: (-r.y, r.x0)):
            if groups and abs(groups[-1][0].y - run.y) <= tolerance:
                groups[-1].append(run)
            else:
                groups.append([run])
        return [sorted(g, key=lambda r: r.x0) for g in groups]


class _Font:
    def __init__(self, obj) -> None:
        self.name = re.sub(r"^[A-Z]{6}\+", "", str(obj["/BaseFont"])[1:])
        self.embedded = "/FontFile2" in obj["/FontDescriptor"].get_object() if "/FontDescriptor" in obj else False
        self.first = int(obj.get("/FirstChar", 0))
        self.widths = [float(w) for w in obj.get("/Widths", [])]
        self.unicode: dict[int, str] = {}
        if "/ToUnicode" in obj:
            self._cmap(obj["/ToUnicode"].get_object().get_data().decode("latin-1"))

    def _cmap(self, text: str) -> None:
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                self.unicode[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                start = int(dst, 16)
                for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    self.unicode[code] = chr(start + i)

    def width(self, code: int) -> float:
        i = code - self.first
        return self.widths[i] if 0 <= i < len(self.widths) else 0.0


def _mul(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _bytes(value) -> bytes:
    if isinstance(value, bytes):
        return value
    return getattr(value, "original_bytes", None) or value.encode("latin-1")


def scan(path) -> tuple[list[Page], dict[str, bool]]:
    """The pages with their text runs, and each font's name -> embedded."""
    reader = PdfReader(str(path))
    pages, embedded = [], {}
    for number, page in enumerate(reader.pages, 1):
        fonts = {}
        resources = page["/Resources"]
        for key, ref in (resources.get("/Font") or {}).items():
            fonts[key] = _Font(ref.get_object())
            embedded[fonts[key].name] = fonts[key].embedded
        runs: list[Run] = []
        ctm, stack = [1.0, 0, 0, 1.0, 0, 0], []
        tm = lm = [1.0, 0, 0, 1.0, 0, 0]
        font, size, leading, tc, tw, tz = None, 0.0, 0.0, 0.0, 0.0, 1.0

        def show(data: bytes) -> None:
            nonlocal tm
            start = _mul(tm, ctm)
            advance = 0.0
            for code in data:
                advance += (font.width(code) / 1000 * size + tc + (tw if code == 32 else 0)) * tz
            end = _mul([1, 0, 0, 1, advance, 0], _mul(tm, ctm))
            text = "".join(font.unicode.get(c, chr(c)) for c in data)
            runs.append(Run(number, start[4], end[4], start[5], font.name, size * abs(start[0] or start[1]), text, data))
            tm = _mul([1, 0, 0, 1, advance, 0], tm)

        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                ctm = _mul([float(v) for v in operands], ctm)
            elif op == b"BT":
                tm = lm = [1.0, 0, 0, 1.0, 0, 0]
            elif op == b"Tm":
                tm = lm = [float(v) for v in operands]
            elif op in (b"Td", b"TD"):
                if op == b"TD":
                    leading = -float(operands[1])
                tm = lm = _mul([1, 0, 0, 1, float(operands[0]), float(operands[1])], lm)
            elif op == b"T*":
                tm = lm = _mul([1, 0, 0, 1, 0, -leading], lm)
            elif op == b"TL":
                leading = float(operands[0])
            elif op == b"Tf":
                font, size = fonts[operands[0]], float(operands[1])
            elif op == b"Tc":
                tc = float(operands[0])
            elif op == b"Tw":
                tw = float(operands[0])
            elif op == b"Tz":
                tz = float(operands[0]) / 100
            elif op == b"Tj":
                show(_bytes(operands[0]))
            elif op == b"'":
                tm = lm = _mul([1, 0, 0, 1, 0, -leading], lm)
                show(_bytes(operands[0]))
            elif op == b"TJ":
                for item in operands[0]:
                    if isinstance(item, (int, float)) or hasattr(item, "as_numeric"):
                        tm = _mul([1, 0, 0, 1, -float(item) / 1000 * size * tz, 0], tm)
                    else:
                        show(_bytes(item))
        box = page.mediabox
        pages.append(Page(number, float(box.width), float(box.height), runs))
    return pages, embedded


def page_text(page: Page) -> str:
    return "\n".join(" ".join(r.text for r in line) for line in page.lines())
