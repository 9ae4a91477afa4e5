"""Fonts of the printed reports.

The serif family is Times New Roman from the system where its copy covers Vietnamese
(it may not be redistributed), else the bundled Liberation Serif 2 (metric-compatible,
SIL OFL). Khmer runs are set in the bundled Noto Sans Khmer and shaped with HarfBuzz
(ReportLab's ``shaping=1`` with ``uharfbuzz``).
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from desktop_app.core.paths import resources_dir

STYLES = ("regular", "bold", "italic", "bold_italic")
_TNR_FILES = {
    "windows": ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"),
    "msttcorefonts": ("Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf", "Times_New_Roman_Italic.ttf", "Times_New_Roman_Bold_Italic.ttf"),
    "mac": ("Times New Roman.ttf", "Times New Roman Bold.ttf", "Times New Roman Italic.ttf", "Times New Roman Bold Italic.ttf"),
}
_LIBERATION = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf")
# Every Vietnamese letter: old Times New Roman copies (msttcorefonts 2.x) lack most of them.
VIETNAMESE = "ĂăÂâĐđÊêÔôƠơƯư" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
_KHMER_CLASS = "\u1780-\u17ff\u19e0-\u19ff"
KHMER_RE = re.compile(f"[{_KHMER_CLASS}]+")
_JOINERS = "\u200b\u200c\u200d"


@dataclass(frozen=True)
class ReportFonts:
    """Registered ReportLab font names, and where the serif family came from."""

    family: str  # "Times New Roman" or "Liberation Serif"
    regular: str
    bold: str
    italic: str
    bold_italic: str
    khmer: str
    khmer_bold: str
    source: str  # "system" or "bundled"
    files: tuple[Path, ...]
    khmer_chars: frozenset[int]  # what the Khmer font can draw besides Khmer

    def serif(self, bold: bool = False, italic: bool = False) -> str:
        return (self.bold_italic if italic else self.bold) if bold else (self.italic if italic else self.regular)


def times_new_roman_candidates(environ: os._Environ | dict = os.environ) -> list[tuple[Path, ...]]:
    """Folders where a system copy of Times New Roman may be, as four-file tuples."""
    windir = Path(environ.get("WINDIR") or environ.get("SystemRoot") or r"C:\Windows")
    local = environ.get("LOCALAPPDATA")
    places = [(windir / "Fonts", "windows")]
    if local:
        places.append((Path(local) / "Microsoft" / "Windows" / "Fonts", "windows"))
    places += [
        (Path("/usr/share/fonts/truetype/msttcorefonts"), "msttcorefonts"),
        (Path("/usr/share/fonts/truetype/msttcorefonts"), "windows"),
        (Path("/usr/share/fonts/msttcore"), "windows"),
        (Path("/usr/share/fonts/TTF"), "windows"),
        (Path("/Library/Fonts"), "mac"),
        (Path("/System/Library/Fonts/Supplemental"), "mac"),
    ]
    return [tuple(folder / name for name in _TNR_FILES[kind]) for folder, kind in places]


def covers_vietnamese(path: Path) -> bool:
    try:
        chars = TTFontFile(str(path), validate=0).charToGlyph
    except Exception:  # unreadable or not a TrueType file
        return False
    return all(ord(c) in chars for c in VIETNAMESE)


def find_times_new_roman(candidates: list[tuple[Path, ...]] | None = None) -> tuple[Path, ...] | None:
    """The first complete system copy of Times New Roman that covers Vietnamese."""
    for files in candidates if candidates is not None else times_new_roman_candidates():
        if all(f.is_file() for f in files) and covers_vietnamese(files[0]) and covers_vietnamese(files[1]):
            return files
    return None


_lock = threading.Lock()
_cache: dict[tuple, ReportFonts] = {}


def report_fonts(*, prefer_system: bool = True, resources: Path | None = None) -> ReportFonts:
    """Register (once) and return the report fonts."""
    folder = (resources or resources_dir()) / "fonts"
    key = (prefer_system, str(folder))
    with _lock:
        if key not in _cache:
            _cache[key] = _register(prefer_system, folder)
        return _cache[key]


def _register(prefer_system: bool, folder: Path) -> ReportFonts:
    system = find_times_new_roman() if prefer_system else None
    family, files, source = ("Times New Roman", system, "system") if system else (
        "Liberation Serif",
        tuple(folder / name for name in _LIBERATION),
        "bundled",
    )
    names = [family, f"{family} Bold", f"{family} Italic", f"{family} Bold Italic"]
    for name, path in zip(names, files):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(family, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3])
    khmer, khmer_bold = "Noto Sans Khmer", "Noto Sans Khmer Bold"
    for name, file in ((khmer, "NotoSansKhmer-Regular.ttf"), (khmer_bold, "NotoSansKhmer-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    for bold, italic, name in ((0, 0, khmer), (1, 0, khmer_bold), (0, 1, khmer), (1, 1, khmer_bold)):
        addMapping(khmer, bold, italic, name)
    covered = frozenset(pdfmetrics.getFont(khmer).face.charToGlyph)
    return ReportFonts(family, *names, khmer, khmer_bold, source, tuple(files), covered)


def has_khmer(text: str) -> bool:
    return bool(KHMER_RE.search(text))


def khmer_runs(text: str, covered: frozenset[int]) -> list[tuple[str, bool]]:
    """Split ``text`` into (run, is_khmer). A whitespace-delimited word holding Khmer is set
    wholly in the Khmer font when that font has all its characters (ReportLab shapes a word
    with one font); otherwise its Khmer runs are split off with a space."""
    runs: list[tuple[str, bool]] = []
    for token in re.split(r"(\s+)", text):
        if not token:
            continue
        if not has_khmer(token):
            runs.append((token, False))
        elif all(ord(c) in covered or c in _JOINERS for c in token):
            runs.append((token, True))
        else:
            parts = [p for p in re.split(f"([{_KHMER_CLASS}{_JOINERS}]+)", token) if p]
            for i, part in enumerate(parts):
                if i:
                    runs.append((" ", False))
                runs.append((part, bool(has_khmer(part))))
    merged: list[tuple[str, bool]] = []
    for run, khmer in runs:
        if merged and merged[-1][1] == khmer:
            merged[-1] = (merged[-1][0] + run, khmer)
        else:
            merged.append((run, khmer))
    return merged


def markup(text: str, fonts: ReportFonts, *, bold: bool = False) -> str:
    """``text`` as ReportLab paragraph markup: escaped, Khmer runs in the Khmer font."""
    if not has_khmer(text):
        return escape(text)
    name = fonts.khmer_bold if bold else fonts.khmer
    return "".join(f'<font name="{name}">{escape(run)}</font>' if khmer else escape(run) for run, khmer in khmer_runs(text, fonts.khmer_chars))
