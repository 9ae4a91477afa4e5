"""Participant lists as offices make them, read back field by field against the truth."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import datetime

import pytest
from docx import Document

from desktop_app.core.errors import TtdnError
from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.services.participants import read_list
from tests.tabular.sheets import (
    FOOTER,
    PEOPLE,
    TITLE,
    Person,
    ethnicity_spelling,
    phone_spelling,
    save_xlsx,
    to_tcvn3,
)

GENDER_WORD = {"male": "nam", "female": "nu"}


def check(preview, truth: list[Person]):
    """Every field of every person read equals the truth."""
    got = [p.values for p in preview.people]
    assert [g["name"] for g in got] == [t.name for t in truth]
    for values, person in zip(got, truth):
        want = {
            "name": person.name,
            "gender": GENDER_WORD.get(person.gender),
            "birth_year": person.birth_year,
            "position": person.position,
            "organization": person.organization,
            "ethnicity": person.ethnicity,
            "phone": person.phone,
            "note": person.note,
            "absent": person.absent,
        }
        have = {k: values.get(k) for k in want}
        assert have == want, person.name
        if person.category:
            assert values.get("category") == person.category


@pytest.fixture
def index(workspace):
    with workspace.reading() as session:
        return CatalogIndex(session)


def two_row_gender_layout(people, *, combined=True):
    """Title rows; "Năm sinh" merged over "Nam" / "Nữ"; a numbering row; group rows;
    "Tổng cộng"; a place-and-date line and signatures."""
    header1 = ["STT", "Họ và tên", "Năm sinh", None, "Dân tộc"]
    header2 = [None, None, "Nam", "Nữ", None]
    if combined:
        header1 += ["Chức vụ, đơn vị công tác"]
        header2 += [None]
    else:
        header1 += ["Chức vụ", "Đơn vị"]
        header2 += [None, None]
    header1 += ["Số điện thoại", "Ghi chú", "Ký tên"]
    header2 += [None, None, None]
    width = len(header1)
    rows = [list(r) for r in TITLE] + [header1, header2, [f"({n})" for n in range(1, width + 1)]]
    top = len(TITLE) + 1
    merges = [f"A{top}:A{top + 1}", f"B{top}:B{top + 1}", f"C{top}:D{top}"]
    for col in range(4, width):
        letter = chr(ord("A") + col)
        merges.append(f"{letter}{top}:{letter}{top + 1}")
    groups = {0: "1. Xã Đại Ân 2", 2: "2. Xã Liêu Tú", 4: "II. CẤP HUYỆN"}
    rows.append(["I. CẤP XÃ"] + [None] * (width - 1))
    merges.append(f"A{len(rows)}:{chr(ord('A') + width - 1)}{len(rows)}")
    for n, p in enumerate(people):
        if n in groups:
            rows.append([groups[n]] + [None] * (width - 1))
        birth = p.birth_year if n % 3 else (f"12/05/{p.birth_year}" if n % 2 else datetime(p.birth_year, 3, 8))
        row = [n + 1, p.name, birth if p.gender == "male" else None, birth if p.gender == "female" else None, ethnicity_spelling(p.ethnicity, n)]
        if combined:
            row.append(f"{p.position} {p.organization}" if n % 2 == 0 else f"{p.position}, {p.organization}")
        else:
            row += [p.position, p.organization]
        row += [phone_spelling(p.phone, n), p.note, None]
        rows.append(row)
    rows.append([None, f"Tổng cộng: {len(people)} đại biểu"])
    rows += [list(r) for r in FOOTER]
    return rows, merges


def test_two_row_gender_header_with_groups_totals_and_footer(tmp_path, index):
    rows, merges = two_row_gender_layout(PEOPLE)
    path = save_xlsx(rows, tmp_path / "ds.xlsx", merges)
    preview = read_list(path, index)
    check(preview, PEOPLE)
    top = len(TITLE) + 1
    assert preview.layout.header == (top - 1, top + 1)  # two header rows and the numbering row
    assert preview.layout.mapping["birth_male"] == 2 and preview.layout.mapping["birth_female"] == 3
    assert preview.layout.stop.kind == "total"
    assert all(p.how.get("gender") == "from_birth_column" for p in preview.people)
    assert preview.people[0].how["position"] == "split"


def test_separate_columns_and_date_births_read_the_same(tmp_path, index):
    rows, merges = two_row_gender_layout(PEOPLE, combined=False)
    check(read_list(save_xlsx(rows, tmp_path / "ds.xlsx", merges), index), PEOPLE)


def x_mark_layout(people):
    """Another office's shape: lower-case headers in another order, "Giới tính" over
    "Nam"/"Nữ" with x marks, no numbering row, blank rows, the header repeated on a
    second page, a subtotal, and signatures without a totals row."""
    rows = [["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], ["DANH SÁCH TRÍCH NGANG ĐẠI BIỂU"], []]
    rows.append(["Số TT", "Họ tên đại biểu", "Giới tính", None, "Sinh năm", "Đơn vị công tác", "Chức danh", "Dân tộc", "SĐT", "Ghi chú"])
    rows.append([None, None, "Nam", "Nữ", None, None, None, None, None, None])
    merges = ["C4:D4", "A4:A5", "B4:B5", "E4:E5", "F4:F5", "G4:G5", "H4:H5", "I4:I5", "J4:J5"]
    for n, p in enumerate(people):
        if n == 4:
            rows.append([None, "Cộng: 4 người"])
            rows.append([])
            rows.append(["Số TT", "Họ tên đại biểu", "Giới tính", None, "Sinh năm", "Đơn vị công tác", "Chức danh", "Dân tộc", "SĐT", "Ghi chú"])
            rows.append([None, None, "Nam", "Nữ"])
        rows.append(
            [
                f"{n + 1}.",
                "  " + p.name.upper() if n == 5 else p.name + " ",
                "x" if p.gender == "male" else None,
                "X" if p.gender == "female" else None,
                str(p.birth_year),
                p.organization,
                p.position,
                ethnicity_spelling(p.ethnicity, n + 1),
                phone_spelling(p.phone, n + 2),
                p.note,
            ]
        )
        if n == 2:
            rows.append([])
    rows += [[], [None, None, None, None, None, "NGƯỜI LẬP DANH SÁCH"], [], [None, None, None, None, None, "Nguyễn Thị Tư"]]
    return rows, merges


def test_x_mark_gender_columns_repeated_header_and_subtotal(tmp_path, index):
    rows, merges = x_mark_layout(PEOPLE)
    preview = read_list(save_xlsx(rows, tmp_path / "x.xlsx", merges), index)
    truth = [replace(p, name=p.name.upper()) if n == 5 else p for n, p in enumerate(PEOPLE)]
    check(preview, truth)
    kinds = [r.kind for r in preview.layout.rows]
    assert "header" in kinds and "subtotal" in kinds and "blank" in kinds
    assert preview.layout.stop.kind == "footer"
    assert preview.layout.mapping["mark_male"] == 2 and preview.layout.mapping["mark_female"] == 3


def test_a_word_table_with_merged_header_cells(tmp_path, index):
    document = Document()
    document.add_paragraph("UBND XÃ LIÊU TÚ")
    document.add_paragraph("DANH SÁCH ĐẠI BIỂU")
    table = document.add_table(rows=2, cols=7)
    for col in (0, 1, 4, 5, 6):
        table.cell(0, col).merge(table.cell(1, col))
    birth = table.cell(0, 2).merge(table.cell(0, 3))
    for col, text in ((0, "TT"), (1, "Họ và tên"), (4, "Dân tộc"), (5, "Chức vụ - Đơn vị"), (6, "Điện thoại")):
        table.cell(0, col).text = text
    birth.text = "Ngày sinh"
    table.cell(1, 2).text = "Nam"
    table.cell(1, 3).text = "Nữ"
    for n, p in enumerate(PEOPLE):
        cells = table.add_row().cells
        born = f"0{n + 1}/0{n + 1}/{p.birth_year}"
        values = [str(n + 1), p.name, born if p.gender == "male" else "", born if p.gender == "female" else "",
                  ethnicity_spelling(p.ethnicity, n), f"{p.position}\n{p.organization}", str(phone_spelling(p.phone, n) or "")]
        for cell, value in zip(cells, values):
            cell.text = value
    cells = table.add_row().cells
    cells[1].text = "Tổng số: 8 người"
    path = tmp_path / "ds.docx"
    document.save(path)
    truth = [replace(p, note=None, absent=False) for p in PEOPLE]
    check(read_list(path, index), truth)


def windows_1258(text: str) -> str:
    """``text`` as Windows-1258 can hold it: precomposed base letters, tones as combining marks."""
    import unicodedata

    out = []
    for ch in text:
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = [m for m in parts[1:] if m in "\u0300\u0301\u0303\u0309\u0323"]
        rest = [m for m in parts[1:] if m not in tones]
        out.append(unicodedata.normalize("NFC", parts[0] + "".join(rest)) + "".join(tones))
    return "".join(out)


class Cp1258Writer:
    def __init__(self, f):
        self.f = f

    def write(self, text):
        return self.f.write(windows_1258(text))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_csv_in_each_encoding(tmp_path, index, encoding):
    path = tmp_path / "ds.csv"
    with path.open("w", encoding=encoding, newline="") as raw:
        f = Cp1258Writer(raw) if encoding == "cp1258" else raw
        writer = csv.writer(f, delimiter=";" if encoding == "cp1258" else ",")
        writer.writerow(["DANH SÁCH ĐẠI BIỂU"])
        writer.writerow(["STT", "Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Chức vụ", "Đơn vị", "Số điện thoại", "Ghi chú"])
        for n, p in enumerate(PEOPLE):
            gender = {"male": ["Nam", "NAM", "nam"], "female": ["Nữ", "nữ", "NỮ"]}[p.gender][n % 3]
            writer.writerow([n + 1, p.name, gender, p.birth_year, ethnicity_spelling(p.ethnicity, n), p.position, p.organization,
                             phone_spelling(p.phone, n) if not isinstance(phone_spelling(p.phone, n), int) else p.phone, p.note or ""])
    check(read_list(path, index), PEOPLE)


@pytest.mark.parametrize("encode, name", [(to_tcvn3, "tcvn3"), (None, "vni")])
def test_legacy_encoded_lists_are_converted_when_the_officer_confirms(tmp_path, index, encode, name):
    from tests.tabular.sheets import to_vni

    encode = encode or to_vni
    rows, merges = two_row_gender_layout(PEOPLE, combined=False)
    legacy = [[encode(v) if isinstance(v, str) else v for v in row] for row in rows]
    path = save_xlsx(legacy, tmp_path / "cu.xlsx", merges)
    unconverted = read_list(path, index)
    assert unconverted.legacy == name
    assert unconverted.people[0].values["name"] == encode("Nguyễn Văn An")
    check(read_list(path, index, convert_legacy=True), PEOPLE)


def test_the_officer_corrects_header_rows_mapping_and_data_range(tmp_path, index):
    rows = [["Danh sách"], ["A", "B", "C"], ["x", "Nguyễn Văn An", "1975"], ["x", "Lê Thị Bình", "1980"], ["x", "Trần Văn Cư", "1970"]]
    path = save_xlsx(rows, tmp_path / "lạ.xlsx")
    with pytest.raises(TtdnError) as info:
        read_list(path, index)
    assert info.value.key == "table.no_header" and "Họ và tên" in info.value.message("vi")
    preview = read_list(path, index, header=(2, 2), mapping={"name": 1, "birth": 2}, last_row=4)
    assert [(p.row, p.values["name"], p.values["birth_year"]) for p in preview.people] == [(3, "Nguyễn Văn An", 1975), (4, "Lê Thị Bình", 1980)]


@pytest.mark.parametrize("content, suffix, key", [(b"PK\x03\x04 broken", ".xlsx", "table.unreadable"), (b"\xd0\xcf\x11\xe0", ".xls", "table.old_format"), (b"hello", ".pdf", "table.unsupported"), (b"PK", ".docx", "table.unreadable")])
def test_unreadable_files_get_a_vietnamese_message(tmp_path, index, content, suffix, key):
    path = tmp_path / f"ds{suffix}"
    path.write_bytes(content)
    with pytest.raises(TtdnError) as info:
        read_list(path, index)
    assert info.value.key == key
    message = info.value.message("vi")
    assert str(path) in message and ("Hãy" in message or "Chương trình đọc" in message)


def test_bare_nam_nu_columns_holding_birth_years_and_a_signer_footer(tmp_path, index):
    """"Nam" / "Nữ" columns with the years in them (no "Năm sinh" above), a banner row
    merged over the header, separate "Chức vụ" / "Cơ quan", and only a signer's title below."""
    rows = [["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Độc lập - Tự do - Hạnh phúc"], [], ["DANH SÁCH"],
            ["THÔNG TIN ĐẠI BIỂU", None, None, None, None, None, None],
            ["TT", "Họ và tên", "Nam", "Nữ", "Chức vụ", "Cơ quan", "Điện thoại di động"]]
    for n, p in enumerate(reversed(PEOPLE)):
        rows.append([n + 1, p.name, p.birth_year if p.gender == "male" else None, p.birth_year if p.gender == "female" else None,
                     p.position, p.organization, phone_spelling(p.phone, n)])
    rows += [[], [None, None, None, None, "GIÁM ĐỐC"], [], [None, None, None, None, "Trần Văn Sơn"]]
    preview = read_list(save_xlsx(rows, tmp_path / "ds.xlsx", ["A5:G5"]), index)
    truth = [replace(p, ethnicity=None, note=None, absent=False) for p in reversed(PEOPLE)]
    check(preview, truth)
    assert preview.layout.header == (5, 5) and preview.layout.stop.text == "GIÁM ĐỐC"


def test_group_rows_without_numbers_and_a_category_group(tmp_path, index):
    """Group rows in capitals without numbering, a group naming a delegate category, and
    rows that carry their own workplace (which wins over the group's)."""
    rows = [["DANH SÁCH ĐẠI BIỂU"], ["STT", "Họ và tên", "Giới tính", "Năm sinh", "Chức vụ", "Đơn vị"]]
    rows.append(["A", "CÁN BỘ LÀM CÔNG TÁC QUẢN LÝ", None, None, None, None])
    rows.append([1, "Nguyễn Văn An", "Nam", 1975, "Phó Giám đốc", "Sở Thông tin và Truyền thông"])
    rows.append(["B", "BÁO CHÍ", None, None, None, None])
    rows.append([None, "UBND XÃ LIÊU TÚ", None, None, None, None])
    rows.append([2, "Lâm Thị Hoà", "nữ", 1990, "Phó Trưởng đài", None])
    rows.append([3, "Trần Văn Út", "NAM", "05/06/1991", "Phóng viên", "Báo Sóc Trăng"])
    rows.append([None, "Tổng cộng: 3 đại biểu"])
    preview = read_list(save_xlsx(rows, tmp_path / "nhom.xlsx"), index)
    got = [(p.values["name"], p.values["gender"], p.values["birth_year"], p.values["organization"], p.values.get("category")) for p in preview.people]
    assert got == [
        ("Nguyễn Văn An", "nam", 1975, "Sở Thông tin và Truyền thông", "QUAN_LY"),
        ("Lâm Thị Hoà", "nu", 1990, "UBND XÃ LIÊU TÚ", "BAO_CHI"),
        ("Trần Văn Út", "nam", 1991, "Báo Sóc Trăng", "BAO_CHI"),
    ]
