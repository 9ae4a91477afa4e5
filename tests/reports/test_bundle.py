"""The ministry's bundle lists every product file in scope, each with the right hash."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile

from openpyxl import load_workbook
from sqlalchemy import select

from reportdata import PERIOD
from desktop_app.core.db.models import Activity, Attachment, Participant
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.reports.bundle import safe_name

NAME = re.compile(r"^files/\d{4}-\d{2}-\d{2}_[A-Za-z0-9_.-]+_[0-9a-f]{8}_[^/]+$")


def _expected(province) -> dict[str, str]:
    period = parse_period(PERIOD)
    with province.workspace.reading() as s:
        acts = {a.id: a for a in s.scalars(select(Activity))}
        return {
            a.id: a.sha256
            for a in s.scalars(select(Attachment))
            if not a.deleted
            and not acts[a.activity_id].deleted
            and acts[a.activity_id].kind == "product"
            and acts[a.activity_id].status != "returned"
            and period.contains(acts[a.activity_id].date_from)
        }


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
    sheet = load_workbook(folder / "index.xlsx").active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sorted(r[0] for r in rows) == files and sorted(r[-1] for r in rows) == sorted(expected.values())


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
