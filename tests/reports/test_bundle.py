"""The ministry's bundle lists every product file in scope, each with the right hash."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile

from openpyxl import load_workbook
from sqlalchemy import select

import sqlcount
from reportdata import PERIOD
from desktop_app.core.db.models import Activity, Attachment, Participant
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.reports.bundle import safe_name

NAME = re.compile(r"^files/\d{4}-\d{2}-\d{2}_[A-Za-z0-9_.-]+_[0-9a-f]{8}_[^/]+$")


def _products(province) -> dict[str, object]:
    """The counted products of the period, by an independent SQL count."""
    period = parse_period(PERIOD)
    with province.workspace.reading() as s:
        return {a.id: a for a in sqlcount.activities(s, period.start.isoformat(), period.end.isoformat()) if a.kind == "product"}


def _expected(province) -> dict[str, str]:
    products = _products(province)
    with province.workspace.reading() as s:
        return {a.id: a.sha256 for a in s.scalars(select(Attachment)) if not a.deleted and a.activity_id in products}


def test_folder_bundle(province):
    folder = province.files["bundle"]
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    expected = _expected(province)
    assert expected, "the demo made some product files"
    assert index["count"] == len(index["items"]) == len(expected) and index["missing"] == []
    assert sorted(i["sha256"] for i in index["items"]) == sorted(expected.values())
    with province.workspace.reading() as s:
        people = {p.name for p in s.scalars(select(Participant))}
    for item in index["items"]:
        assert NAME.match(item["file"]), item["file"]
        data = (folder / item["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"] and len(data) == item["size"]
        assert item["title"] and item["product_type"] and item["languages"] and item["unit_code"]
        assert not any(name in item["file"] for name in people)
    files = sorted(p.relative_to(folder).as_posix() for p in (folder / "files").iterdir())
    assert files == sorted(i["file"] for i in index["items"])
    book = load_workbook(folder / "index.xlsx")
    *rows, total = list(book["Tệp"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[0] for r in rows) == files and sorted(r[-1] for r in rows) == sorted(expected.values())
    assert total[0] == "Tổng cộng"
    # every product of the period is in the index, with or without a file
    products = _products(province)
    with_files = {province_id for province_id in products if any(i["activity_id"] == province_id for i in index["items"])}
    assert index["product_count"] == len(index["products"]) == len(products) > len(with_files) > 0
    assert {p["activity_id"] for p in index["products"]} == set(products)
    assert set(index["products_without_file"]) == set(products) - with_files
    assert not set(products) & set(province.scenario.returned_ids)
    for entry in index["products"]:
        assert entry["has_file"] == (entry["activity_id"] in with_files) and entry["product_type_code"] and entry["plan_task"]
        assert entry["languages"] and all(e["code"] and e["name"] for e in entry["languages"] + entry["channels"])
    *product_rows, product_total = list(book["Sản phẩm"].iter_rows(min_row=2, values_only=True))
    assert len(product_rows) == len(products) and product_total[2] == "Tổng cộng"
    assert sum(1 for r in product_rows if r[14] == "Chưa có") == len(index["products_without_file"])
    *missing_rows, _ = list(book["Chưa có tệp"].iter_rows(min_row=2, values_only=True))
    assert len(missing_rows) == len(index["products_without_file"])


def test_zip_bundle(province):
    with zipfile.ZipFile(province.files["bundle-zip"]) as zf:
        index = json.loads(zf.read("index.json"))
        assert "index.xlsx" in zf.namelist()
        for item in index["items"]:
            assert hashlib.sha256(zf.read(item["file"])).hexdigest() == item["sha256"]
    assert len(index["items"]) == len(_expected(province))


def test_safe_names():
    assert safe_name('a/b\\c:d*e?"f<g>h|i.PNG') == "c_d_e__f_g_h_i.PNG"
    assert safe_name("Ảnh lễ hội Ok Om Bok.jpg") == "Ảnh lễ hội Ok Om Bok.jpg"
    assert safe_name("x" * 400 + ".mp4").endswith(".mp4") and len(safe_name("x" * 400 + ".mp4")) == 150
    assert safe_name(" .. ") == "file"
