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
