"""Spotting text typed in the old Vietnamese 8-bit encodings (TCVN3/ABC, VNI).

Python has no codec for them. A cell typed with a ".Vn" (TCVN3) or "VNI-" font and
read as Unicode shows Latin-1 symbols and letters that Vietnamese never uses:
"Nguyễn" in TCVN3 reads "NguyÔn", "Trần" reads "TrÇn", "Đại" reads "§¹i"; in VNI the
tone is a separate byte after the vowel ("Nguyeãn", "Traàn", "Ñaïi"). Text decoded
from UTF-8 as Windows-1252 ("Nguyá»…n") is caught too.
"""

from __future__ import annotations

import re

# Latin-1 letters and symbols that never occur in Vietnamese written in Unicode.
_FOREIGN = set("¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïðñö÷øûüþÿ")
_FOREIGN |= {"\u00ad"}  # soft hyphen
# VNI: a vowel followed by a tone or vowel-mark byte read as a letter.
# VNI: a vowel followed by the byte of its tone or vowel mark, read as a letter
# ("Nguyeãn" for Nguyễn, "Traàn" for Trần); Vietnamese never writes these pairs.
_VNI_PAIR = re.compile(r"[aeiouyAEIOUY][øùûõïØÙÛÕÏ]|[aeyAEY][áàãÁÀÃ]")
# TCVN3: lower-case accented letters sit where Unicode has upper-case ones ("NguyÔn").
_TCVN3_CASE = re.compile(r"[a-zà-ỹ][ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ][a-zà-ỹ]")


def looks_legacy_encoded(text: str | None) -> bool:
    """True when ``text`` looks like TCVN3 or VNI bytes shown as Unicode."""
    if not text:
        return False
    if any(ch in _FOREIGN for ch in text):
        return True
    return _VNI_PAIR.search(text) is not None or _TCVN3_CASE.search(text) is not None


# --- converting ---------------------------------------------------------------------------
#
# TCVN3 (TCVN 5712:1993, the ".Vn" fonts of ABC): one byte per letter. The upper-case
# fonts (".VnTimeH") draw the lower-case codes as capitals, so a toned capital is stored
# as the lower-case code inside an upper-case word. Bytes as Latin-1 characters.
_TCVN3_PAIRS = (
    "µà¶ả·ã¸á¹ạ¨ă»ằ¼ẳ½ẵ¾ắÆặ©âÇầÈẩÉẫÊấËậ®đÌèÎẻÏẽÐéÑẹªêÒềÓểÔễÕếÖệ"
    "×ìØỉÜĩÝíÞịßòáỏâõãóäọ«ôåồæổçỗèốéộ¬ơêờëởìỡíớîợïùñủòũóúôụ­ưõừöửøứ÷ữùự"
    "úỳûỷüỹýýþỵ¡Ă¢Â§Đ£Ê¤Ô¥Ơ¦Ư"
)
TCVN3_TABLE: dict[str, str] = {_TCVN3_PAIRS[i]: _TCVN3_PAIRS[i + 1] for i in range(0, len(_TCVN3_PAIRS), 2)}

# VNI Windows: a base letter followed by one byte for its vowel mark and/or tone (both
# lower- and upper-case forms), plus single bytes for ơ ư đ and the toned i.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_CIRCUMFLEX = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}


def _vni_convert(text: str) -> str:
    import unicodedata

    out: list[str] = []
    for ch in text:
        low = ch.lower()
        upper = ch != low
        prev = out[-1] if out else ""
        base = unicodedata.normalize("NFD", prev)[:1].lower() if prev else ""
        marks = unicodedata.normalize("NFD", prev)[1:] if prev else ""
        if low in _VNI_TONES and base in "aeiouy" and base and not any(m in marks for m in "\u0301\u0300\u0309\u0303\u0323"):
            out[-1] = unicodedata.normalize("NFC", prev + _VNI_TONES[low])
        elif low in _VNI_CIRCUMFLEX and base in "aeo" and base and not marks:
            out[-1] = unicodedata.normalize("NFC", prev + "\u0302" + _VNI_CIRCUMFLEX[low])
        elif low in _VNI_BREVE and base == "a" and not marks:
            out[-1] = unicodedata.normalize("NFC", prev + "\u0306" + _VNI_BREVE[low])
        elif low in _VNI_SINGLE:
            single = _VNI_SINGLE[low]
            out.append(single.upper() if upper else single)
        else:
            out.append(ch)
    return "".join(out)


def _tcvn3_convert(text: str) -> str:
    words = re.split(r"(\s+)", text)
    every = [c for c in text if c.isascii() and c.isalpha()]
    all_caps = len(every) >= 3 and all(c.isupper() for c in every)
    converted: list[str] = []
    for word in words:
        letters = [c for c in word if c.isascii() and c.isalpha()]
        # A word typed in an upper-case .VnTimeH font: its toned letters become capitals.
        shout = bool(letters) and all(c.isupper() for c in letters) and (
            all_caps or len(letters) > 1 or not word[:1].isupper()
        )
        out = []
        for ch in word:
            new = TCVN3_TABLE.get(ch, ch)
            out.append(new.upper() if shout and new != ch else new)
        converted.append("".join(out))
    # Normal fonts have no toned capitals: a word typed "ót" among capitalised words
    # ("§Æng ThÞ ót") was "Út".
    starts = [w[:1] for w in converted if w.strip() and w[:1].isalpha()]
    if len(starts) >= 2 and sum(1 for c in starts if c.islower()) == 1:
        for n, (old, new) in enumerate(zip(words, converted)):
            # Only toned vowels lack a capital code (Đ, Ă, Â, Ê, Ô, Ơ, Ư have their own).
            if new[:1].islower() and old[:1] in TCVN3_TABLE and TCVN3_TABLE[old[:1]] not in "đăâêôơư":
                converted[n] = new[:1].upper() + new[1:]
    return "".join(converted)


# Characters that TCVN3 text is full of and Unicode Vietnamese never uses (the Latin-1
# letters Vietnamese does use, like "Ý", "Ê" or "ú", prove nothing).
_TCVN3_ONLY = set("µ¶·¸¹¨»¼½¾Æ©ÇË®ÎÏÑªÖ×ØÜÞß«¬\u00adûüþ¡¢§£¤¥¦")
# VNI pairs that Unicode Vietnamese never writes ("Hoà", "Khoá", "Xuân" are Unicode).
_VNI_MARK = re.compile(r"[øûïåäëüñØÛÏÅÄËÜÑ]|[aeAE][âáàãÂÁÀÃ]|[oO][âÂ]|[aA][êéèúÊÉÈÚ]|[uU][ùÙ]")


def legacy_candidate(text: str | None) -> bool:
    """True when ``text`` could be legacy bytes: it has Latin-1 letters or symbols and no
    character beyond Latin-1 (Unicode Vietnamese nearly always has ă, ơ, ư, đ or a toned
    letter like ạ or ế, which the 8-bit encodings cannot hold)."""
    if not text:
        return False
    return any("\u00a0" < ch <= "\u00ff" for ch in text) and all(ch <= "\u00ff" or ch in "\u2018\u2019\u201c\u201d\u2013\u2026" for ch in text)


def encoding_scores(texts) -> dict[str, int]:
    """How strongly ``texts`` look TCVN3 and VNI (the number of telling characters)."""
    scores = {"tcvn3": 0, "vni": 0}
    for text in texts:
        if not legacy_candidate(text):
            continue
        scores["tcvn3"] += sum(1 for ch in text if ch in _TCVN3_ONLY)
        scores["vni"] += len(_VNI_MARK.findall(text))
    return scores


def detect_legacy_encoding(texts) -> str | None:
    """"tcvn3", "vni" or None for a body of text (the cells of one sheet): files are typed
    in one font, so the encoding is decided once for all of them."""
    scores = encoding_scores(texts)
    best = max(scores, key=scores.get)
    if scores[best] < 2:
        return None
    return best


def convert_legacy(text: str | None, encoding: str) -> str | None:
    """``text`` read from a TCVN3 ("tcvn3") or VNI ("vni") cell, as Unicode NFC. Text that
    cannot be legacy bytes (it already holds Vietnamese Unicode letters) is returned as is."""
    import unicodedata

    if not legacy_candidate(text):
        return text
    if encoding == "tcvn3":
        result = _tcvn3_convert(text)
    elif encoding == "vni":
        result = _vni_convert(text)
    else:
        raise ValueError(encoding)
    return unicodedata.normalize("NFC", result)
