"""Personal data never travels readable: unzip any package, grep every member, find none.

Participants' name, phone, birth year, position and organisation are sealed for the
province (or withheld with --counts-only); gender, ethnicity and category stay countable.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.db.models import Participant
from desktop_app.core.errors import TtdnError
from desktop_app.core.domain.text import fold

PEOPLE = [
    {"name": "Thạch Thị Sà Rum", "gender": "nữ", "ethnicity": "Khmer", "birth_year": 1957,
     "position": "Phó Chủ tịch Hội Liên hiệp Phụ nữ", "organization": "Ủy ban Mặt trận Tổ quốc xã Hòa Đông",
     "unit": "31786", "category": "TTDN_XA", "phone": "0912345678"},
    {"name": "Lâm Quốc Khởi", "gender": "nam", "ethnicity": "Hoa", "birth_year": 1973,
     "position": "Trưởng ấp Prey Chóp", "organization": "Đài Truyền thanh xã Lạc Hòa",
     "category": "TRUYEN_THANH_XA", "phone": "0987654321"},
]
EVENT = {"kind": "event", "title": "Hội nghị tập huấn TTĐN vùng biển", "date": "2024-08-01", "participants": PEOPLE}


def _year_token(year: int) -> re.Pattern[bytes]:
    """The year as a number of its own (not a piece of a hash, id, size or base64 text)."""
    return re.compile(rb"(?<![0-9A-Za-z+/_-])" + str(year).encode() + rb"(?![0-9A-Za-z+/_-])")


def _forms(text: str) -> set[bytes]:
    """The ways a text could sit in a file: NFC, NFD, folded (no diacritics), JSON-escaped."""
    forms = {text, unicodedata.normalize("NFD", text), fold(text), json.dumps(text)[1:-1]}
    return {f.encode("utf-8") for f in forms} | {text.encode("utf-16-le")}


def assert_no_personal_data(packages: list[Path], people: list[dict]) -> int:
    """Unzip every package, read every member (README, manifest, data, files) and grep it."""
    members = 0
    for package in packages:
        assert not any(fold(p["name"]).split()[-1] in fold(package.name) for p in people)
        with zipfile.ZipFile(package) as zf:
            for info in zf.infolist():
                data = zf.read(info)
                members += 1
                for person in people:
                    for field in ("name", "phone", "position", "organization"):
                        for form in _forms(person[field]):
                            assert form not in data, f"{package.name}:{info.filename} holds the {field} {person[field]!r}"
                    assert not _year_token(person["birth_year"]).search(data), f"{package.name}:{info.filename} holds a birth year"
    return members


def _event_at(cli, tmp_path):
    province, unit, stick = tmp_path / "province", tmp_path / "unit", tmp_path / "usb"
    cli("init", "--role", "aggregator", "--unit", "STTTT", data=province)
    config = cli("config", "export", "--to", str(stick), "--json", data=province).json["files"][0]["path"]
    assert cli("config", "import", config, "--yes", data=unit).code == 0
    assert cli("init", "--role", "unit", "--unit", "31786", data=unit).code == 0
    cli("keys", "show", "--enrolment-file", str(stick / "dk.json"), data=unit)
    assert cli("unit", "register", str(stick / "dk.json"), "--yes", data=province).code == 0
    added = cli("event", "add", stdin=json.dumps(EVENT, ensure_ascii=False), data=unit)
    assert added.code == 0, added.err
    return province, unit, stick


def _participants(data_dir: Path) -> list[tuple]:
    from desktop_app.core.workspace import Workspace

    ws = Workspace.open(data_dir)
    try:
        with ws.reading() as s:
            rows = s.execute(
                select(Participant.name, Participant.phone, Participant.birth_year, Participant.position,
                       Participant.organization, Participant.gender, Participant.ethnicity_id, Participant.category_id, Participant.unit_id)
            ).all()
        return sorted(tuple(r) for r in rows)
    finally:
        ws.close()


def test_no_package_holds_a_participants_identity_yet_the_province_reads_it_all(cli, tmp_path):
    province, unit, stick = _event_at(cli, tmp_path)
    sealed = cli("export", "--to", str(stick / "sealed"), "--json", data=unit).json
    assert sealed["personal"] == "sealed" and sealed["counts"]["participant"] == 2
    counts_only = cli("export", "--to", str(stick / "counts"), "--full", "--counts-only", "--json", data=unit).json
    receipt_dir = stick / "receipt"
    packages = [Path(f["path"]) for f in sealed["files"] + counts_only["files"]]
    assert assert_no_personal_data(packages, PEOPLE) >= 8  # manifest, signature, README, data members

    # The province opens every sealed field; what is counted was never hidden.
    assert cli("import", *map(str, packages[:1]), data=province).code == 0
    at_unit, at_province = _participants(unit), _participants(province)
    assert at_province == at_unit
    person = next(p for p in at_province if p[0] == "Thạch Thị Sà Rum")
    assert person[:5] == ("Thạch Thị Sà Rum", "0912345678", 1957, "Phó Chủ tịch Hội Liên hiệp Phụ nữ", "Ủy ban Mặt trận Tổ quốc xã Hòa Đông")

    # Receipts and configuration packages from the province carry none either.
    receipt = cli("receipt", "--for", "31786", "--to", str(receipt_dir), "--json", data=province).json["files"]
    config = cli("config", "export", "--to", str(stick / "cfg2"), "--json", data=province).json["files"]
    assert assert_no_personal_data([Path(f["path"]) for f in receipt + config], PEOPLE)


def test_counts_only_withholds_every_identifying_field_but_keeps_the_counts(cli, tmp_path):
    province, unit, stick = _event_at(cli, tmp_path)
    done = cli("export", "--to", str(stick / "counts"), "--counts-only", "--json", data=unit).json
    assert done["personal"] == "withheld"
    assert cli("import", done["files"][0]["path"], data=province).code == 0
    rows = _participants(province)
    assert [r[:5] for r in rows] == [("", None, None, None, None)] * 2
    assert sorted(r[5] for r in rows) == ["female", "male"]
    assert all(r[6] and r[7] for r in rows)  # ethnicity and category still counted
    stats = cli("stats", "--json", data=province).json["participants"]
    assert stats["total"] == 2 and stats["by_gender"] == {"female": 1, "male": 1}


def test_a_relay_forwards_the_envelope_it_cannot_open(network):
    commune, centre, province = network["hoa_dong"], network["centre"], network["province"]
    commune.add(**{**EVENT, "participants": PEOPLE[1:]})
    package = commune.export()
    centre.receive(package)
    assert [p[:2] for p in centre.participants().values()] == [("", None)]
    with centre.ws.reading() as s:
        [row] = s.execute(select(Participant.birth_year, Participant.position, Participant.organization)).all()
    assert tuple(row) == (None, None, None)
    relayed = centre.export()
    assert_no_personal_data(relayed, PEOPLE)
    province.receive(relayed)
    assert [p[:2] for p in province.participants().values()] == [("Lâm Quốc Khởi", "0987654321")]
    with province.ws.reading() as s:
        [row] = s.execute(select(Participant.birth_year, Participant.position, Participant.organization)).all()
    assert tuple(row) == (1973, "Trưởng ấp Prey Chóp", "Đài Truyền thanh xã Lạc Hòa")


# --- attachments marked as holding personal data ---------------------------------------------

SHEET_TEXT = "Danh sách ký nhận: Thạch Thị Sà Rum 0912345678".encode("utf-8")


def _sheet(tmp_path: Path, size: int = 2_500_000) -> Path:
    """A scanned signature sheet: names inside, larger than one sealing chunk."""
    path = tmp_path / "Danh sach ky nhan Thach Thi Sa Rum.pdf"
    body = SHEET_TEXT + bytes(range(256)) * (size // 256)
    path.write_bytes(body)
    return path


def _stored(site, name_like: str = "") -> list[tuple]:
    from desktop_app.core.db.models import Attachment
    from desktop_app.core.services.attachments import blob_path

    with site.ws.reading() as s:
        rows = s.execute(select(Attachment.original_name, Attachment.sha256, Attachment.personal)).all()
    return [(r.original_name, r.personal, blob_path(site.ws.db.files_dir, r.sha256).exists()) for r in rows]


def test_a_personal_attachment_travels_sealed_and_the_province_opens_it(network, tmp_path):
    commune, centre, province = network["hoa_dong"], network["centre"], network["province"]
    sheet = _sheet(tmp_path)
    photo = tmp_path / "anh-hoi-nghi.jpg"
    photo.write_bytes(b"JPEG" * 1000)
    commune.add(**{**EVENT, "participants": PEOPLE,
                   "attachments": [{"path": str(sheet), "personal": True}, str(photo)]})
    package = commune.export()

    for path in package:  # neither the file's content nor its name is readable
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                data = zf.read(info)
                assert SHEET_TEXT[:40] not in data and b"Thach Thi Sa Rum" not in data
                assert "Thạch Thị Sà Rum".encode() not in data
            assert any(zf.read(i) == photo.read_bytes() for i in zf.infolist())  # the photo is not personal
    assert_no_personal_data(package, PEOPLE)

    # A relay cannot open it and forwards it as received; the province opens it.
    centre.receive(package)
    assert sorted(_stored(centre)) == [("anh-hoi-nghi.jpg", False, True), ("tep-co-thong-tin-ca-nhan.pdf", True, False)]
    relayed = centre.export()
    assert_no_personal_data(relayed, PEOPLE)
    report = province.receive(relayed)
    assert [f.status for f in report.files] == ["applied"] and not report.missing_files
    assert sorted(_stored(province)) == [("Danh sach ky nhan Thach Thi Sa Rum.pdf", True, True), ("anh-hoi-nghi.jpg", False, True)]
    from desktop_app.core.db.models import Attachment
    from desktop_app.core.services.attachments import blob_path

    with province.ws.reading() as s:
        sha = s.scalar(select(Attachment.sha256).where(Attachment.personal.is_(True)))
    assert blob_path(province.ws.db.files_dir, sha).read_bytes() == sheet.read_bytes()

    # The same package straight from the commune changes nothing and opens the same.
    again = province.receive(package)
    assert again.count("new") == 0


def test_marking_an_attachment_personal_later_and_counts_only(network, tmp_path):
    from desktop_app.core.db.models import Attachment
    from desktop_app.core.services.attachments import set_attachment_personal

    commune, province = network["dai_an"], network["province"]
    sheet = _sheet(tmp_path, size=10_000)
    commune.add(title="Tuyên truyền lưu động", attachments=[str(sheet)])
    with commune.ws.writing() as s:
        attachment_id = s.scalar(select(Attachment.id))
        set_attachment_personal(s, commune.ws.require_installation(s), attachment_id, True)
    withheld = commune.export(counts_only=True)
    for path in withheld:
        with zipfile.ZipFile(path) as zf:
            assert not any(n.startswith("files/") for n in zf.namelist())
            assert all(b"Thach" not in zf.read(n) for n in zf.namelist())
    province.receive(withheld)
    assert _stored(province) == [("tep-co-thong-tin-ca-nhan.pdf", True, False)]
    with pytest.raises(TtdnError):
        with province.ws.writing() as s:
            set_attachment_personal(s, province.ws.require_installation(s), attachment_id, False)  # not the province's


# --- hostile sealed content ---------------------------------------------------------------------


def test_a_sealed_field_that_breaks_the_rules_changes_nothing(network, tmp_path):
    """A registered unit seals a birth year of 3000 (and an unknown field): the province
    opens the envelope, checks it like any record and stores none of it."""
    from test_hostile import forge

    from desktop_app.core.sync.container import canonical_json
    from desktop_app.core.sync.identity import aggregator_peer
    from desktop_app.core.sync.keys import Sealer

    unit, province = network["hoa_dong"], network["province"]
    unit.add(**{**EVENT, "participants": PEOPLE[:1]})
    [genuine] = unit.export()
    with zipfile.ZipFile(genuine) as zf:
        activities = zf.read("data/activity.jsonl")
        record = json.loads(zf.read("data/participant.jsonl").splitlines()[0])
        origins = json.loads(zf.read("manifest.json"))["origins"]  # the versions are believable
    with unit.ws.reading() as s:
        sealer = Sealer(aggregator_peer(s).box_pub)
    for bad in ({"name": "Thạch Thị Sà Rum", "birth_year": 3000}, {"name": "X", "salary": 1}, {"name": "X", "birth_year": "1957"}):
        record["sealed"] = sealer.seal(json.dumps(bad).encode(), f"participant:{record['id']}".encode())
        path = forge(unit, tmp_path, members={"data/activity.jsonl": activities, "data/participant.jsonl": canonical_json(record) + b"\n"},
                     name=f"bad-{len(bad)}-{list(bad)[-1]}.ttdn", edit=lambda m: m.update(origins=origins))
        report = province.receive([path])  # never an exception: the record is rejected on its own
        assert report.files[0].status == "applied" and report.count("rejected") == 1
        # The record rules' own reason for a year out of range; a malformed envelope's otherwise.
        assert report.rejections[-1]["key"] == ("participant.bad_birth_year" if bad.get("birth_year") == 3000 else "package.bad_record")
        assert report.rejections[-1]["params"]["field"] in ("birth_year", "sealed")
        with province.ws.reading() as s:
            assert s.scalar(select(Participant.id).where(Participant.id == record["id"])) is None
