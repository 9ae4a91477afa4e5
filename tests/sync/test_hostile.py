"""Hostile and damaged packages are refused whole, with a clear message, and the
province's database is left exactly as it was."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import uuid
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from desktop_app.core.db import migrate
from desktop_app.core.sync.container import Member, canonical_json, describe_members, write_package
from desktop_app.core.sync.identity import ensure_keys, own_identity


def snapshot(site) -> str:
    site.ws.db.engine.dispose()
    with closing(sqlite3.connect(site.ws.db.path)) as conn:
        dump = "\n".join(conn.iterdump())
    return hashlib.sha256(dump.encode()).hexdigest()


def refused(site, path: Path) -> str:
    """Import ``path``; assert it was refused and nothing changed; return the error key."""
    before = snapshot(site)
    report = site.receive([path])
    assert report.files[0].status == "rejected", report.files[0]
    assert report.files[0].message and report.files[0].message[0].isupper()
    assert snapshot(site) == before
    assert not list(site.ws.db.files_dir.rglob(".incoming-*"))
    return report.files[0].key


def forge(site, tmp_path: Path, *, members: dict[str, bytes], edit=None, name: str = "forged.ttdn", sign_with=None) -> Path:
    """A package written and signed as ``sign_with`` (default: ``site``) would, with
    arbitrary members and manifest edits."""
    signer = sign_with or site
    with signer.ws.writing() as s:
        keys = ensure_keys(s)
        sender = own_identity(s)
    with site.ws.reading() as s:
        from desktop_app.core.sync.identity import aggregator_peer

        province = aggregator_peer(s)
    listed = [Member(n, d) for n, d in members.items()]
    manifest = {
        "format": "ttdn-package",
        "format_version": "1.0",
        "schema": migrate.head_revision(),
        "app_version": "test",
        "kind": "data",
        "package_id": str(uuid.uuid4()),
        "set_id": str(uuid.uuid4()),
        "volume": {"index": 1, "count": 1},
        "created_at": "2024-09-01T00:00:00Z",
        "sender": sender.as_dict(),
        "destination": {"installation_id": province.installation_id if province else None, "unit_id": None, "role": "aggregator"},
        "sequence": 1,
        "counts": {},
        "origins": {},
        "members": describe_members(listed),
    }
    if edit:
        edit(manifest)
    manifest_bytes = canonical_json(manifest)
    path = tmp_path / name
    write_package(path, manifest_bytes, keys.sign_bytes(manifest_bytes), listed)
    return path


def _rewrite(source: Path, target: Path, transform) -> Path:
    """Copy a zip member by member through ``transform(name, data) -> [(name, data)]``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            for name, data in transform(info.filename, zin.read(info.filename)):
                zout.writestr(name, data)
    return target


@pytest.fixture
def good(network):
    """A genuine package from Hòa Đông, with an event, participants and a file."""
    unit = network["hoa_dong"]
    media = unit.root / "clip.mp4"
    media.write_bytes(b"clip " * 5000)
    unit.add(kind="product", product_type="VIDEO", languages=["vi"], themes=["CD2"], attachments=[str(media)])
    unit.add(kind="event", title="Hội nghị", date="2024-09-09", participants=[{"name": "Danh Sang", "phone": "0912345678"}])
    [path] = unit.export()
    return path


def test_the_genuine_package_is_accepted(network, good):
    assert network["province"].receive([good]).count("new") == 4  # 2 activities, a participant, a file


def test_a_truncated_file(network, good, tmp_path):
    cut = tmp_path / "cut.ttdn"
    data = good.read_bytes()
    for size in (0, 10, len(data) // 3, len(data) - 30):
        cut.write_bytes(data[:size])
        assert refused(network["province"], cut) in ("package.not_a_package", "package.damaged", "package.missing_member")


def test_a_flipped_byte_in_any_member(network, good, tmp_path):
    with zipfile.ZipFile(good) as zf:
        infos = zf.infolist()
    data = good.read_bytes()
    assert {i.filename.split("/")[0] for i in infos} >= {"manifest.json", "manifest.sig", "README.txt", "data", "files"}
    for info in infos:
        # The member's bytes start after its local header (30 bytes + name + extra field).
        header = data[info.header_offset : info.header_offset + 30]
        name_len = int.from_bytes(header[26:28], "little")
        extra_len = int.from_bytes(header[28:30], "little")
        start = info.header_offset + 30 + name_len + extra_len
        offset = start + info.compress_size // 2
        flipped = bytearray(data)
        flipped[offset] ^= 0x20
        path = tmp_path / f"flip-{info.filename.replace('/', '_')}.ttdn"
        path.write_bytes(bytes(flipped))
        key = refused(network["province"], path)
        assert key in ("package.damaged", "package.member_altered", "package.bad_signature", "package.not_a_package", "package.bad_json"), (info.filename, key)


def test_a_wrong_or_missing_signature(network, good, tmp_path):
    province = network["province"]
    other = network["dai_an"]
    with other.ws.writing() as s:
        wrong = ensure_keys(s)

    def resign(name, data):
        if name == "manifest.sig":
            return [(name, b"A" * 88)]
        return [(name, data)]

    assert refused(province, _rewrite(good, tmp_path / "sig.ttdn", resign)) == "package.bad_signature"

    def signed_by_other(name, data):
        if name == "manifest.sig":
            return []
        if name == "manifest.json":
            return [(name, data), ("manifest.sig", wrong.sign_bytes(data).encode())]
        return [(name, data)]

    assert refused(province, _rewrite(good, tmp_path / "other.ttdn", signed_by_other)) == "package.bad_signature"
    nosig = _rewrite(good, tmp_path / "nosig.ttdn", lambda n, d: [] if n == "manifest.sig" else [(n, d)])
    assert refused(province, nosig) == "package.missing_member"


def test_an_unregistered_unit(network, make_site, tmp_path):
    province = network["province"]
    stranger = make_site("stranger", "unit", "31783", network["province"].config())
    stranger.add()
    [path] = stranger.export()
    key = refused(province, path)
    assert key == "package.unregistered"
    message = province.receive([path]).files[0].message
    assert "Phường 1" in message and "ttdn unit register" in message


def test_a_package_replayed_under_another_units_name(network, good, tmp_path):
    province = network["province"]
    with network["dai_an"].ws.reading() as s:
        dai_an = own_identity(s)

    def claim_dai_an(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["sender"] = dai_an.as_dict()
            return [(name, canonical_json(manifest))]
        return [(name, data)]

    assert refused(province, _rewrite(good, tmp_path / "replay.ttdn", claim_dai_an)) == "package.bad_signature"

    # Signed with Hòa Đông's own key but naming Đại Ân 1 as the unit.
    def as_dai_an(manifest):
        manifest["sender"]["unit"] = {"id": dai_an.unit_id, "code": dai_an.unit_code, "name": dai_an.unit_name}

    forged = forge(network["hoa_dong"], tmp_path, members={"README.txt": b"x"}, edit=as_dai_an)
    assert refused(province, forged) == "package.wrong_unit"


@pytest.mark.parametrize("bad_name", ["../evil.txt", "/etc/passwd", "data/../../x.jsonl", "C:/windows/x", "data\\activity.jsonl", "files/../../x"])
def test_path_traversal_and_absolute_member_names(network, good, tmp_path, bad_name):
    path = _rewrite(good, tmp_path / "trav.ttdn", lambda n, d: [(n, d)] + ([(bad_name, b"x")] if n == "README.txt" else []))
    assert refused(network["province"], path) == "package.bad_member_name"
    assert not (tmp_path.parent / "evil.txt").exists()


def test_duplicate_member_names(network, good, tmp_path):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate it writes
        path = _rewrite(good, tmp_path / "dup.ttdn", lambda n, d: [(n, d), (n, d)] if n.startswith("data/") else [(n, d)])
    assert refused(network["province"], path) == "package.duplicate_member"


def test_a_zip_bomb(network, good, tmp_path):
    bomb = b"\0" * (64 * 1024 * 1024)
    path = _rewrite(good, tmp_path / "bomb.ttdn", lambda n, d: [(n, bomb if n == "README.txt" else d)])
    assert refused(network["province"], path) == "package.zip_bomb"


def test_an_oversized_json_line(network, tmp_path):
    unit = network["hoa_dong"]
    import base64
    import os

    pad = base64.b64encode(os.urandom(1_600_000)).decode()  # incompressible: not a zip bomb
    line = json.dumps({"id": "x", "pad": pad}).encode() + b"\n"
    path = forge(unit, tmp_path, members={"data/activity.jsonl": line})
    assert refused(network["province"], path) == "package.line_too_long"


def test_invalid_utf8(network, tmp_path):
    path = forge(network["hoa_dong"], tmp_path, members={"data/activity.jsonl": b'{"title": "\xff\xfe"}\n'})
    assert refused(network["province"], path) == "package.bad_utf8"


def test_a_record_of_the_wrong_shape(network, good, tmp_path):
    with zipfile.ZipFile(good) as zf:
        line = zf.read("data/activity.jsonl").splitlines()[0]
    record = json.loads(line)
    record["cost"] = "một triệu"
    path = forge(network["hoa_dong"], tmp_path, members={"data/activity.jsonl": canonical_json(record) + b"\n"})
    assert refused(network["province"], path) == "package.bad_record"


def test_an_unknown_major_version(network, tmp_path):
    path = forge(network["hoa_dong"], tmp_path, members={}, edit=lambda m: m.update(format_version="2.0"))
    assert refused(network["province"], path) == "package.newer_format"
    assert "cập nhật chương trình" in network["province"].receive([path]).files[0].message


def test_a_newer_schema(network, tmp_path):
    path = forge(network["hoa_dong"], tmp_path, members={}, edit=lambda m: m.update(schema="9999"))
    assert refused(network["province"], path) == "package.newer_schema"


def test_the_wrong_destination(network, tmp_path):
    path = forge(network["hoa_dong"], tmp_path, members={}, edit=lambda m: m["destination"].update(installation_id=str(uuid.uuid4())))
    assert refused(network["province"], path) == "package.wrong_destination"


def test_a_member_the_manifest_does_not_list(network, good, tmp_path):
    path = _rewrite(good, tmp_path / "extra.ttdn", lambda n, d: [(n, d)] + ([("data/unit_report.jsonl", b"{}\n")] if n == "README.txt" else []))
    assert refused(network["province"], path) == "package.unlisted_member"


def test_a_file_whose_content_does_not_match_its_name(network, good, tmp_path):
    with zipfile.ZipFile(good) as zf:
        file_name = next(n for n in zf.namelist() if n.startswith("files/"))
    path = forge(network["hoa_dong"], tmp_path, members={file_name: b"not what the hash says"})
    assert refused(network["province"], path) == "package.bad_manifest"


def test_rows_of_another_unit_are_rejected_and_reported(network, tmp_path):
    """Đại Ân 1's genuine package carrying a record that claims to be Hòa Đông's."""
    hoa_dong, dai_an, province = network["hoa_dong"], network["dai_an"], network["province"]
    hoa_dong.add(title="Của Hòa Đông")
    [genuine] = hoa_dong.export()
    with zipfile.ZipFile(genuine) as zf:
        stolen = zf.read("data/activity.jsonl")
    path = forge(dai_an, tmp_path, members={"data/activity.jsonl": stolen}, name="stolen.ttdn")
    report = province.receive([path])
    assert report.files[0].status == "applied"
    assert report.count("rejected") == 1 and report.count("new") == 0
    assert report.rejections[0]["key"] == "record.not_owner"
    assert province.activities() == {}
    # The rejection goes back to Đại Ân 1 in its receipt.
    dai_an.receive(province.receipt_for("31627"))
    with dai_an.ws.reading() as s:
        from sqlalchemy import select

        from desktop_app.core.db.models import PackageLog

        receipt = s.scalar(select(PackageLog).where(PackageLog.kind == "receipt", PackageLog.direction == "in"))
    assert receipt.summary["rejections"][0]["key"] == "record.not_owner"


def test_a_tampered_zip_entry_checksum(network, good, tmp_path):
    raw = bytearray(good.read_bytes())
    index = raw.rfind(b"PK\x01\x02")  # last central-directory entry: break its CRC
    raw[index + 16] ^= 0xFF
    path = tmp_path / "crc.ttdn"
    path.write_bytes(bytes(raw))
    assert refused(network["province"], path) in ("package.damaged", "package.not_a_package")


def test_not_a_zip_at_all(network, tmp_path):
    path = tmp_path / "hello.ttdn"
    path.write_bytes(io.BytesIO(b"hello world").read())
    assert refused(network["province"], path) == "package.not_a_package"


def test_a_member_edited_under_a_valid_signature(network, good, tmp_path):
    """The signature covers the manifest only; the manifest covers each member by SHA-256.
    An edit that keeps the member's length (and a zip rewritten around it, so the zip's
    own CRCs are right) must still be refused by that hash."""
    before, after = "Hội nghị".encode(), "Hội nghỉ".encode()
    assert len(before) == len(after)
    edited: list[str] = []

    def edit(name, data):
        if name.startswith("data/") and before in data:
            edited.append(name)
            data = data.replace(before, after)
        return [(name, data)]

    path = _rewrite(good, tmp_path / "edited.ttdn", edit)
    assert edited  # the event's title really was in a data member
    assert refused(network["province"], path) == "package.member_altered"


def test_a_member_edited_under_a_valid_signature_is_refused_even_with_the_size_kept(network, good, tmp_path):
    """The same with a file member: bytes changed in place, size unchanged."""

    def edit(name, data):
        if name.startswith("files/"):
            data = data[:10] + bytes([data[10] ^ 1]) + data[11:]
        return [(name, data)]

    path = _rewrite(good, tmp_path / "edited-file.ttdn", edit)
    assert refused(network["province"], path) in ("package.member_altered",)
