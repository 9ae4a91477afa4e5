import pytest

from desktop_app.core.domain.legacy_encoding import looks_legacy_encoded


@pytest.mark.parametrize("text", ["NguyÔn V¨n", "TrÇn ThÞ", "§¹i ¢n", "Nguyeãn Vaên", "Traàn", "Ñaïi", "Nguyá»…n"])
def test_legacy_text_is_spotted(text):
    assert looks_legacy_encoded(text)


@pytest.mark.parametrize(
    "text",
    ["Nguyễn Văn Đại", "Lâm Thị Hoà", "Thạch Sơn", "Giàu", "Khoá học", "quá", "Huỳnh Ngọc Ánh", "ĐỖ THỊ HOÀI", "Sóc Trăng", ""],
)
def test_unicode_vietnamese_is_not_flagged(text):
    assert not looks_legacy_encoded(text)
