"""Vietnamese text helpers: NFC normalisation, a folded search key and a sort key.

* Every string the program stores is NFC (keyboards and macOS file names give NFD).
* ``fold`` removes case and Vietnamese diacritics, maps đ to d and collapses white
  space, so "Hòa", "Hoà", "HOÀ" and "hoa" all meet. Only Latin combining marks are
  removed: Khmer vowel signs and other scripts stay as they are.
* ``vi_sort_key`` returns a string whose plain code-point order is Vietnamese
  alphabetical order (a ă â b c d đ e ê … o ô ơ … u ư …), with tones as a
  secondary difference (none, huyền, hỏi, ngã, sắc, nặng, as in CLDR's Vietnamese
  collation), case as a tertiary one, and digit runs compared as numbers
  ("Phường 2" before "Phường 10"). Being a string, it can be stored in a column and
  sorted by SQL with the default binary collation.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["nfc", "nfc_or_none", "fold", "vi_sort_key", "vi_sorted", "person_sort_key", "person_sorted", "person_identity"]


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normalisation form C."""
    return unicodedata.normalize("NFC", text)


def nfc_or_none(text: str | None) -> str | None:
    return None if text is None else nfc(text)


_LATIN_MARKS = re.compile("[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Case- and diacritic-insensitive key for searching ("Đại Ân" -> "dai an")."""
    if not text:
        return ""
    if _FOLD_OTHER.search(text):
        return _fold_by_definition(text)
    # Latin text (what nearly every title and name is): each character folds on its own,
    # by a table made from the definition below; white space runs become one space.
    return " ".join(text.translate(_FOLD_TABLE).split())


def _fold_by_definition(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    stripped = _LATIN_MARKS.sub("", decomposed).replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", unicodedata.normalize("NFC", stripped).casefold()).strip()


# Basic Latin to Latin Extended-B, Latin Extended Additional (the Vietnamese letters with
# tones) and General Punctuation hold no combining character, so there the fold of a text
# is the folds of its characters one after the other (tested against the definition).
_FOLD_RANGES = ((0x0000, 0x0250), (0x1E00, 0x1F00), (0x2000, 0x2070))
_FOLD_OTHER = re.compile("[^" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi - 1))}" for lo, hi in _FOLD_RANGES) + "]")
_FOLD_TABLE = {
    code: folded
    for lo, hi in _FOLD_RANGES
    for code in range(lo, hi)
    if not chr(code).isspace() and (folded := _fold_by_definition(chr(code))) != chr(code)
}


# --- sort key ----------------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}

# Base-letter modifiers that make a distinct Vietnamese letter (primary difference).
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Tone marks (secondary difference), in CLDR Vietnamese order.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Separators between the three levels and the codes of the primary level. Every
# code sorts below the letters (0x40 + rank) and above the level separator.
_LEVEL_SEP = "\x00"
_GAP = "\x01"  # white space and punctuation, collapsed
_NUMBER = "\x02"  # followed by the digit count and the digits
_LETTER_BASE = 0x40


def _graphemes(text: str):
    """Yield (base character, combining marks) pairs of NFD text."""
    base = None
    marks: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and base is not None:
            marks.append(ch)
            continue
        if base is not None:
            yield base, marks
        base, marks = ch, []
    if base is not None:
        yield base, marks


def _char_levels(ch: str) -> tuple[str, str, str] | None:
    """What one NFC character other than an ASCII digit adds to the three levels of the
    sort key, as :func:`_vi_sort_key_by_grapheme` decides it; None when the character is
    not one grapheme on its own (a combining mark, say)."""
    graphemes = list(_graphemes(ch))
    if len(graphemes) != 1 or unicodedata.combining(unicodedata.normalize("NFD", ch)[0]):
        return None
    [(base, marks)] = graphemes
    return _grapheme_levels(base, marks)


def _grapheme_levels(base: str, marks: str | list[str]) -> tuple[str, str, str]:
    """What one grapheme (a base character and its marks) adds to the three levels:
    a letter its rank, tone and case; a space or punctuation a gap (``_GAP``, no lower
    levels); another script's character itself, by code point."""
    lower = base.lower()
    if lower == "đ":
        letter = "đ"
    else:
        letter = lower
        for mark in marks:
            letter = _LETTER_MARKS.get((letter, mark), letter)
    if letter in _RANK:
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        return chr(_LETTER_BASE + _RANK[letter]), chr(0x30 + tone), "1" if base != lower else "0"
    if base.isspace() or unicodedata.category(base)[0] in "PSZC":
        return _GAP, "", ""
    # Other scripts (Khmer, Chinese): by code point, above the Latin letters.
    return unicodedata.normalize("NFC", base + "".join(marks)), "", ""


def _vi_sort_key_by_grapheme(text: str | None) -> str:
    """The definition of :func:`vi_sort_key`, one grapheme at a time (any text)."""
    if not text:
        return ""
    primary: list[str] = []
    secondary: list[str] = []
    tertiary: list[str] = []
    digits: list[str] = []

    def flush_digits() -> None:
        if digits:
            number = "".join(digits).lstrip("0") or "0"
            primary.append(_NUMBER + chr(0x30 + len(number)) + number)
            digits.clear()

    for base, marks in _graphemes(text):
        if base.isdigit() and base.isascii():
            digits.append(base)
            continue
        flush_digits()
        first, second, third = _grapheme_levels(base, marks)
        if first != _GAP:
            primary.append(first)
            secondary.append(second)
            tertiary.append(third)
        elif primary and primary[-1] != _GAP:
            primary.append(_GAP)
    flush_digits()
    while primary and primary[-1] == _GAP:
        primary.pop()
    # The lower levels only decide between equal primaries, which have as many letters;
    # their trailing "no tone" / "lower case" marks can go without changing any order.
    return (
        "".join(primary)
        + _LEVEL_SEP
        + "".join(secondary).rstrip("0")
        + _LEVEL_SEP
        + "".join(tertiary).rstrip("0")
    )


def _fast_tables() -> tuple[dict[int, str], dict[int, str], dict[int, str], re.Pattern]:
    """Translation tables of the three levels for the characters this province's text is
    made of (Latin letters with their marks, white space, punctuation, Khmer), and a
    pattern finding anything else (text holding it takes the definition's path)."""
    primary: dict[int, str] = {}
    secondary: dict[int, str] = {}
    tertiary: dict[int, str] = {}
    attaching: list[str] = []  # Khmer marks that attach to the letter before them
    after: list[str] = []  # what they may follow on this path: Khmer letters (not gaps), marks
    ranges = [(0x00, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x1780, 0x1800)]
    for lo, hi in ranges:
        for code in range(lo, hi):
            ch = chr(code)
            if unicodedata.normalize("NFC", ch) != ch or unicodedata.category(ch) == "Cn":
                continue
            if "0" <= ch <= "9":
                primary[code], secondary[code], tertiary[code] = ch, "", ""  # runs numbered afterwards
                continue
            if lo == 0x1780 and unicodedata.combining(ch):
                # After a Khmer letter it joins that letter's primary, which is the text.
                primary[code], secondary[code], tertiary[code] = ch, "", ""
                attaching.append(ch)
                after.append(ch)
                continue
            levels = _char_levels(ch)
            if levels is None:
                continue
            primary[code], secondary[code], tertiary[code] = levels
            if lo == 0x1780 and levels[0] == ch:
                after.append(ch)
    taken = "".join(re.escape(chr(c)) for c in sorted(primary))
    marks = "".join(re.escape(c) for c in attaching)
    bases = "".join(re.escape(c) for c in after)
    return primary, secondary, tertiary, re.compile(f"[^{taken}]|(?<![{bases}])[{marks}]|^[{marks}]")


_PRIMARY, _SECONDARY, _TERTIARY, _OTHER_CHARACTER = _fast_tables()
_DIGIT_RUN = re.compile("[0-9]+")
_GAP_RUN = re.compile(_GAP + "{2,}")


def _number(match: re.Match) -> str:
    number = match.group().lstrip("0") or "0"
    return _NUMBER + chr(0x30 + len(number)) + number


def vi_sort_key(text: str | None) -> str:
    """A string that sorts in Vietnamese alphabetical order under binary comparison."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    if _OTHER_CHARACTER.search(text):
        return _vi_sort_key_by_grapheme(text)
    # Each character adds to each level on its own (tables made by the definition);
    # digit runs become numbers, runs of gaps one gap, none at either end.
    primary = _DIGIT_RUN.sub(_number, text.translate(_PRIMARY))
    primary = _GAP_RUN.sub(_GAP, primary).strip(_GAP)
    return (
        primary
        + _LEVEL_SEP
        + text.translate(_SECONDARY).rstrip("0")
        + _LEVEL_SEP
        + text.translate(_TERTIARY).rstrip("0")
    )


def vi_sorted(items, key=lambda item: item):
    """Sort ``items`` in Vietnamese order of ``key(item)``."""
    return sorted(items, key=lambda item: vi_sort_key(key(item)))


def person_sort_key(name: str | None) -> str:
    """Sort key of a person's full name, the Vietnamese way: by the given name (the last
    word), then the middle names in order, then the family name (the first word), each
    in Vietnamese alphabetical order ("Nguyễn Văn An" files under A, before "Lê Thị Bình")."""
    words = (name or "").split()
    if len(words) < 2:
        return vi_sort_key(name)
    reordered = [words[-1], *words[1:-1], words[0]]
    return vi_sort_key(" ".join(reordered))


def person_sorted(items, key=lambda item: item):
    """Sort ``items`` (people) by the Vietnamese order of the names ``key(item)``."""
    return sorted(items, key=lambda item: person_sort_key(key(item)))


def person_identity(name: str | None, birth_year: int | None, organization: str | None = None) -> str:
    """One person's key for counting: the folded name with the birth year, or with the
    folded organisation when the year is unknown ("Nguyễn Văn An|1975")."""
    return f"{fold(name)}|{birth_year if birth_year else 'o:' + fold(organization)}"
