"""Properties of the text helpers over arbitrary Vietnamese-ish strings."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.domain.text import fold, vi_sort_key

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
letters = st.sampled_from(list(VIETNAMESE + VIETNAMESE.upper() + " 0123456789-,."))
texts = st.lists(letters, max_size=30).map("".join)


@given(texts)
def test_fold_is_the_same_for_nfc_and_nfd(text):
    assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize("NFD", text))


@given(texts)
def test_fold_is_ascii_for_vietnamese_and_idempotent(text):
    folded = fold(text)
    assert folded.isascii()
    assert fold(folded) == folded


@given(texts)
def test_sort_key_does_not_depend_on_normal_form(text):
    assert vi_sort_key(unicodedata.normalize("NFC", text)) == vi_sort_key(unicodedata.normalize("NFD", text))


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _without_tones(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if ch not in TONES)


@given(texts, texts)
def test_tones_never_decide_between_different_base_letters(a, b):
    """Where the letters without tones are plain ASCII (no ă â ê ô ơ ư đ) and differ,
    the order is that of the letters alone: tones are only a secondary difference."""
    base_a, base_b = _without_tones(a).lower(), _without_tones(b).lower()
    if base_a.isascii() and base_b.isascii() and base_a.isalpha() and base_b.isalpha() and base_a != base_b:
        assert (vi_sort_key(a) < vi_sort_key(b)) == (base_a < base_b)


# Besides Vietnamese: other Latin letters, punctuation, controls, a combining mark left
# alone, Khmer and Chinese (these take the definition's path, one grapheme at a time).
MIXED = VIETNAMESE + VIETNAMESE.upper() + " \t\n0123456789-,.()/\"'!?–—…“”ßäöüçñøœÿ²İ§°\x01\x7f\u034f\u0301中文" + "".join(map(chr, range(0x1780, 0x1800)))
mixed_texts = st.lists(st.sampled_from(list(MIXED)), max_size=40).map("".join)


@given(mixed_texts)
def test_the_fast_sort_key_is_the_definition(text):
    from desktop_app.core.domain.text import _vi_sort_key_by_grapheme

    assert vi_sort_key(text) == _vi_sort_key_by_grapheme(text)


# Every character of the fold's fast ranges, white space of several kinds, combining
# marks and other scripts (which take the definition's path).
FOLD_ALPHABET = (
    "".join(map(chr, range(0x20, 0x250)))
    + "".join(map(chr, range(0x1E00, 0x1F00)))
    + "".join(map(chr, range(0x2000, 0x2070)))
    + "\t\n\r\x0b\x0c\x1c\x85\u3000\u0301\u0323\u034f\u0338中文"
    + "".join(map(chr, range(0x1780, 0x1800)))
)
fold_texts = st.lists(st.sampled_from(list(FOLD_ALPHABET)), max_size=40).map("".join)


@given(fold_texts)
def test_the_fast_fold_is_the_definition(text):
    from desktop_app.core.domain.text import _fold_by_definition

    assert fold(text) == _fold_by_definition(text)


def test_every_fast_character_folds_as_the_definition_says():
    from desktop_app.core.domain.text import _fold_by_definition

    for ch in FOLD_ALPHABET:
        for text in (ch, f"A{ch}b", f"{ch}{ch} x"):
            assert fold(text) == _fold_by_definition(text), repr(text)
