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
