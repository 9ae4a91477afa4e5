import unicodedata

from desktop_app.core.domain.text import fold, nfc, vi_sort_key, vi_sorted


def test_nfc_composes_keyboard_nfd():
    nfd = unicodedata.normalize("NFD", "Vĩnh Châu")
    assert nfd != "Vĩnh Châu"
    assert nfc(nfd) == "Vĩnh Châu"


def test_fold_ignores_case_diacritics_and_tone_placement():
    assert fold("Vĩnh Châu") == "vinh chau"
    assert fold(unicodedata.normalize("NFD", "VĨNH CHÂU")) == "vinh chau"
    assert fold("Đại Ân") == "dai an"
    assert fold("Hòa Đông") == fold("Hoà Đông") == fold("HOÀ ĐÔNG") == "hoa dong"
    assert fold("  Lịch   Hội\tThượng ") == "lich hoi thuong"


def test_fold_leaves_khmer_signs_alone():
    khmer = "ព័ត៌មាន"
    assert fold(khmer) == khmer


def test_vietnamese_alphabetical_order():
    words = ["Ơn", "Ô", "Zeta", "Ân", "Ăn", "An", "Đại", "Dũng", "Ông", "Ba", "Ưu", "Uống", "Yến"]
    assert vi_sorted(words) == ["An", "Ăn", "Ân", "Ba", "Dũng", "Đại", "Ô", "Ông", "Ơn", "Uống", "Ưu", "Yến", "Zeta"]


def test_tones_are_a_secondary_difference():
    # Base letters decide first; tones only between otherwise equal words.
    assert vi_sorted(["Hóa", "Hà", "Hòa", "Hoa", "Hỏa"]) == ["Hà", "Hoa", "Hòa", "Hỏa", "Hóa"]
    assert vi_sort_key("hoa") < vi_sort_key("Hoa")  # case last


def test_numbers_sort_as_numbers():
    assert vi_sorted(["Phường 10", "Phường 2", "Phường 1"]) == ["Phường 1", "Phường 2", "Phường 10"]
    assert vi_sorted(["An Thạnh Tây", "An Thạnh 3", "An Thạnh"]) == ["An Thạnh", "An Thạnh 3", "An Thạnh Tây"]


def test_python_default_sort_is_wrong_and_ours_is_not():
    words = ["Đông", "Dương", "Zô"]
    assert sorted(words) == ["Dương", "Zô", "Đông"]  # code-point order puts Đ after Z
    assert vi_sorted(words) == ["Dương", "Đông", "Zô"]
