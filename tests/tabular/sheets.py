"""Realistic office lists built in code, with the truth each one was written from.

Each builder takes a list of :class:`Person` (the truth) and writes it the way a district
centre or a commune would: title rows, headers over several rows, group rows, totals and
signature footers. Tests read the file back and compare every field of every person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core.domain.legacy_encoding import TCVN3_TABLE

TITLE = [
    ["UBND HUYỆN TRẦN ĐỀ"],
    ["TRUNG TÂM VĂN HÓA - THỂ THAO - TRUYỀN THANH"],
    [],
    ["DANH SÁCH ĐẠI BIỂU THAM DỰ HỘI NGHỊ TẬP HUẤN CÔNG TÁC THÔNG TIN ĐỐI NGOẠI NĂM 2024"],
    ["(Kèm theo Công văn số 125/TTVH-TT ngày 02/8/2024)"],
    [],
]
FOOTER = [
    [],
    [None, None, None, None, "Trần Đề, ngày 05 tháng 8 năm 2024"],
    [None, "Người lập biểu", None, None, "GIÁM ĐỐC"],
    [],
    [None, "Lý Thị Lan", None, None, "Trần Văn Sơn"],
]


@dataclass
class Person:
    name: str
    gender: str | None  # "male" / "female" / None
    birth_year: int | None
    position: str | None
    organization: str | None
    ethnicity: str | None  # catalog code
    phone: str | None  # as stored (normalised)
    note: str | None = None
    absent: bool = False
    category: str | None = None


PEOPLE = [
    Person("Nguyễn Văn An", "male", 1975, "Phó Chủ tịch", "UBND xã Đại Ân 2", "KINH", "0912345678"),
    Person("Thạch Thị Sa Rươne", "female", 1988, "Công chức Văn hóa - Xã hội", "UBND xã Đại Ân 2", "KHMER", "0987654321"),
    Person("Lâm Thị Hoà", "female", 1990, "Phó Trưởng đài", "Đài Truyền thanh xã Liêu Tú", "KHMER", "02993851234"),
    Person("Trần Quốc Bảo", "male", 1969, "Chủ tịch", "UBND xã Liêu Tú", "KINH", None, "Vắng có lý do", True),
    Person("Lý Huỳnh Mai", "female", 1995, "Phóng viên", "Trung tâm VH-TT-TT huyện Trần Đề", "HOA", "0365111222"),
    Person("Sơn Ngọc Thành", "male", 1982, "Phát thanh viên", "Đài Truyền thanh xã Viên An", "KHMER", "0944555666"),
    Person("Đặng Thị Út", "female", 1979, "Chuyên viên", "Phòng Văn hóa và Thông tin huyện Trần Đề", "KINH", None),
    Person("Ông Văn Ơn", "male", 2000, "Cán bộ", "UBND thị trấn Trần Đề", "KINH", "0799000111"),
]


def ethnicity_spelling(code: str | None, variant: int) -> str | None:
    spellings = {"KINH": ["Kinh", "kinh", "KINH"], "KHMER": ["Khmer", "Khơ-me", "Khơ Me", "khmer"], "HOA": ["Hoa", "hoa", "HOA"]}
    if code is None:
        return None
    options = spellings[code]
    return options[variant % len(options)]


def phone_spelling(phone: str | None, variant: int):
    if phone is None:
        return None
    forms = [
        phone,
        f"{phone[:4]}.{phone[4:7]}.{phone[7:]}",
        "+84 " + phone[1:4] + " " + phone[4:7] + " " + phone[7:],
        int(phone),  # a number cell: Excel dropped the leading zero
        f"{phone[:4]} {phone[4:]}",
    ]
    return forms[variant % len(forms)]


def to_tcvn3(text: str | None) -> str | None:
    """The inverse of the converter's table: how a .VnTime font stores ``text``."""
    if text is None:
        return None
    reverse = {u: b for b, u in TCVN3_TABLE.items()}
    out = []
    for ch in text:
        if ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse and ch.lower() != ch:
            out.append(reverse[ch.lower()])  # upper-case fonts draw the lower-case code
        else:
            out.append(ch)
    return "".join(out)


def save_xlsx(rows, path: Path, merges=(), sheet="Danh sách") -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def to_vni(text: str | None) -> str | None:
    """How a VNI-Windows font stores ``text``: base letters followed by mark bytes."""
    import unicodedata

    if text is None:
        return None
    tones = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
    circ = {None: "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
    breve = {None: "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
    i_tone = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        upper = base.isupper()
        tone = next((m for m in marks if m in tones), None)
        fix = (lambda s: s.upper()) if upper else (lambda s: s)
        if ch in "đĐ":
            out.append(fix("ñ"))
        elif "\u031b" in marks:  # horn: ơ ư
            out.append(fix("ô" if base.lower() == "o" else "ö") + (fix(tones[tone]) if tone else ""))
        elif "\u0302" in marks:
            out.append(base + fix(circ[tone]))
        elif "\u0306" in marks:
            out.append(base + fix(breve[tone]))
        elif tone and base.lower() == "i":
            out.append(fix(i_tone[tone]))
        elif tone:
            out.append(base + fix(tones[tone]))
        else:
            out.append(ch)
    return "".join(out)
