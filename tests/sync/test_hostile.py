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


# --- what a validly signed package says is checked too (issue 11) -------------------------


def resigned(site, package: Path, tmp_path: Path, change, name: str = "resigned.ttdn") -> Path:
    """``package`` with its records passed through ``change(table, records)`` (edits in
    place) and the manifest re-signed by ``site``: what a buggy or hostile program of a
    registered unit could send. ``change`` may also edit the manifest via ``change.manifest``."""
    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        members = []
        for member in manifest["members"]:
            data = zf.read(member)
            if member.startswith("data/") and member.endswith(".jsonl"):
                records = [json.loads(line) for line in data.splitlines()]
                change(member[5:-6], records)
                if isinstance(manifest.get("counts"), dict) and member[5:-6] in manifest["counts"]:
                    manifest["counts"][member[5:-6]] = len(records)
                data = b"".join(canonical_json(r) + b"\n" for r in records)
            members.append(Member(member, data))
    edit_manifest = getattr(change, "manifest", None)
    if edit_manifest:
        edit_manifest(manifest)
    manifest["package_id"] = str(uuid.uuid4())
    manifest["members"] = describe_members(members)
    with site.ws.writing() as s:
        keys = ensure_keys(s)
    manifest_bytes = canonical_json(manifest)
    path = tmp_path / name
    write_package(path, manifest_bytes, keys.sign_bytes(manifest_bytes), members)
    return path


def rows(site, table: str = "activity") -> dict[str, dict]:
    """Every row of ``table`` here, as stored."""
    site.ws.db.engine.dispose()
    with closing(sqlite3.connect(site.ws.db.path)) as conn:
        conn.row_factory = sqlite3.Row
        return {r["id"]: dict(r) for r in conn.execute(f"SELECT * FROM {table}")}


def edit_record(record_id: str, **fields):
    def change(table, records):
        for record in records:
            if record["id"] == record_id:
                record.update(fields)

    return change


@pytest.fixture
def three(network):
    """Three activities of Hòa Đông (one an event with a delegate) in one genuine package."""
    unit = network["hoa_dong"]
    ids = [unit.add(title=f"Hoạt động {n}") for n in (1, 2)]
    ids.append(unit.add(kind="event", title="Hội nghị", date="2024-09-09", participants=[{"name": "Danh Sang", "birth_year": 1980}]))
    [path] = unit.export()
    return ids, path


BAD_VALUES = [
    ({"cost": -5}, "number.negative", "cost"),
    ({"quantity": -1}, "number.negative", "quantity"),
    ({"date_from": "9999-01-01"}, "date.far_future", "date"),
    ({"date_from": "0001-01-01"}, "date.too_early", "date"),
    ({"date_to": "2024-04-01"}, "date.before_start", "date_to"),  # starts 2024-05-01
    ({"title": "Tiêu đề rất dài " * 400}, "field.too_long", "title"),
    ({"description": "x" * 900_000}, "field.too_long", "description"),
    ({"place": "p" * 301}, "field.too_long", "place"),
    ({"minutes": 10**7}, "number.too_large", "minutes"),
    ({"status": "accepted"}, "activity.status_review_only", "status"),
    ({"status": "returned"}, "activity.status_review_only", "status"),
]


@pytest.mark.parametrize("fields,key,field", BAD_VALUES, ids=[k + ":" + f for _, k, f in BAD_VALUES])
def test_a_record_breaking_a_rule_is_rejected_alone(network, three, tmp_path, fields, key, field):
    """The entry form's rules hold for packages: the bad record is rejected with its reason
    (the rest applied), the database's constraints are never reached."""
    (bad, fine, event), genuine = three
    province, unit = network["province"], network["hoa_dong"]
    path = resigned(unit, genuine, tmp_path, edit_record(bad, **fields))
    report = province.receive([path])
    assert report.files[0].status == "applied"
    assert report.count("rejected") == 1 and report.count("new") == 3  # 2 activities and the delegate
    [rejection] = report.rejections
    assert (rejection["id"], rejection["key"], rejection["params"]["field"]) == (bad, key, field)
    held = rows(province)
    assert bad not in held and {fine, event} <= set(held)
    assert held[fine]["status"] == "draft"
    # The reason travels back in the receipt.
    unit.receive(province.receipt_for("31786"))
    with unit.ws.reading() as s:
        from sqlalchemy import select

        from desktop_app.core.db.models import PackageLog

        receipt = s.scalar(select(PackageLog).where(PackageLog.kind == "receipt", PackageLog.direction == "in"))
    assert [(r["id"], r["key"]) for r in receipt.summary["rejections"]] == [(bad, key)]


def test_a_delegate_of_a_rejected_event_and_a_bad_birth_year(network, three, tmp_path):
    (_, fine, event), genuine = three
    province, unit = network["province"], network["hoa_dong"]
    path = resigned(unit, genuine, tmp_path, edit_record(event, cost=-1))
    report = province.receive([path])
    assert {(r["table"], r["key"]) for r in report.rejections} == {("activity", "number.negative"), ("participant", "record.parent_rejected")}
    assert rows(province, "participant") == {}
    from desktop_app.core.sync.identity import aggregator_peer
    from desktop_app.core.sync.keys import Sealer

    with zipfile.ZipFile(genuine) as zf:
        [delegate] = [json.loads(line)["id"] for line in zf.read("data/participant.jsonl").splitlines()]
    with unit.ws.reading() as s:
        sealer = Sealer(aggregator_peer(s).box_pub)
    # The birth year travels sealed: a buggy program seals 1800.
    envelope = sealer.seal(json.dumps({"name": "Danh Sang", "birth_year": 1800}).encode(), f"participant:{delegate}".encode())
    path = resigned(unit, genuine, tmp_path, edit_record(delegate, sealed=envelope), name="birth.ttdn")
    report = network["province"].receive([path])
    assert [(r["id"], r["key"]) for r in report.rejections] == [(delegate, "participant.bad_birth_year")]
    assert event in rows(province) and rows(province, "participant") == {}


def test_an_orphan_reference_is_not_reported_as_another_units(network, three, tmp_path):
    """A delegate of an event the province does not hold: an unknown reference."""
    (_, _, event), genuine = three

    def only_participants(table, records):
        if table != "participant":
            records.clear()

    path = resigned(network["hoa_dong"], genuine, tmp_path, only_participants)
    report = network["province"].receive([path])
    [rejection] = report.rejections
    assert rejection["key"] == "record.unknown_reference" and rejection["params"] == {"field": "activity_id", "value": event}
    assert rows(network["province"], "participant") == {} and rows(network["province"]) == {}


def test_review_status_is_never_taken_from_a_unit(network, tmp_path):
    """The province accepted an activity; the unit's next package claims "returned" (or
    re-sends "accepted" for another): the province's review stands, nothing is stored."""
    from desktop_app.core.services.review import review_activity, review_of

    unit, province = network["hoa_dong"], network["province"]
    reviewed = unit.add(title="Đã gửi Sở", status="submitted")
    province.receive(unit.export())
    with province.ws.writing() as s:
        review_activity(s, province.ws.require_installation(s), reviewed, "accepted")
    unit.receive(province.receipt_for("31786"))
    unit.edit(reviewed, title="Đã gửi Sở (sửa)")
    [package] = unit.export()
    before = rows(province)
    path = resigned(unit, package, tmp_path, edit_record(reviewed, status="returned"))
    report = province.receive([path])
    assert [r["key"] for r in report.rejections] == ["activity.status_review_only"]
    assert rows(province) == before
    with province.ws.reading() as s:
        assert review_of(s, reviewed).decision == "accepted"


def test_a_version_from_the_future_does_not_win(network, tmp_path):
    """A PC whose clock says 9999: its version is refused with the reason, the version held
    (and the one that wins later conflicts) stays."""
    unit, province = network["hoa_dong"], network["province"]
    record = unit.add(title="Bản đầu")
    province.receive(unit.export())
    unit.receive(province.receipt_for("31786"))
    unit.edit(record, title="Bản từ tương lai")
    [package] = unit.export()
    before = rows(province)
    path = resigned(unit, package, tmp_path, edit_record(record, updated_at="9999-12-31T00:00:00Z"))
    report = province.receive([path])
    assert [(r["id"], r["key"], r["params"]["field"]) for r in report.rejections] == [(record, "record.future_time", "updated_at")]
    assert rows(province) == before and before[record]["title"] == "Bản đầu"


def test_versions_in_another_origins_name_are_refused(network, tmp_path):
    """Hòa Đông's package carrying a version in Đại Ân 1's origin (or the province's own, or
    one the manifest does not declare, or beyond the declared range): refused record by
    record, and the origin's ranges are not believed either."""
    from desktop_app.core.sync.export import high_water_marks

    hoa_dong, dai_an, province = network["hoa_dong"], network["dai_an"], network["province"]
    dai_an.add(title="Của Đại Ân 1")
    province.receive(dai_an.export())
    record = hoa_dong.add(title="Của Hòa Đông")
    [package] = hoa_dong.export()
    foreign = dai_an.installation.origin_id
    own = hoa_dong.installation.origin_id
    provinces = province.installation.origin_id
    with province.ws.reading() as s:
        marks = high_water_marks(s)

    def as_origin(origin, counter=None, declare=True):
        def change(table, records):
            for r in records:
                if r["id"] == record:
                    r["vv"] = {origin: counter or r["ver_counter"]}
                    r["ver_origin"], r["ver_counter"] = origin, counter or r["ver_counter"]

        def manifest(m):
            span = m["origins"].pop(own)
            if declare:
                m["origins"][origin] = {**span, "to": max(span["to"], 5)}

        change.manifest = manifest
        return change

    cases = [
        (as_origin(foreign, 99), "record.foreign_origin"),
        (as_origin(provinces, 3), "record.foreign_origin"),
        (as_origin("ab" * 16, 3, declare=False), "record.undeclared_origin"),
        (edit_record(record, ver_counter=10**9, vv={own: 10**9}), "record.version_out_of_range"),
    ]
    for n, (change, key) in enumerate(cases):
        before = rows(province)
        report = province.receive([resigned(hoa_dong, package, tmp_path, change, name=f"v{n}.ttdn")])
        assert [r["key"] for r in report.rejections] == [key], key
        assert rows(province) == before
        with province.ws.reading() as s:
            after = high_water_marks(s)
        assert after.get(foreign) == marks.get(foreign) and after.get(provinces) == marks.get(provinces)
    # The genuine package is still welcome.
    assert province.receive([package]).count("new") == 1


def test_a_long_title_repeated_is_not_a_zip_bomb(network, tmp_path):
    """Records with long, repetitive text compress far better than media: each is judged
    by the record rules, not refused as a zip bomb."""
    unit, province = network["hoa_dong"], network["province"]
    ids = [unit.add(title=f"Hoạt động {n}") for n in range(300)]
    [package] = unit.export()
    long_title = "Tin tuyên truyền biển đảo " * 200  # 5,200 characters

    def lengthen(table, records):
        for r in records:
            r["title"] = long_title

    report = province.receive([resigned(unit, package, tmp_path, lengthen)])
    assert report.files[0].status == "applied", report.files[0].message
    assert report.count("rejected") == 300 and {r["key"] for r in report.rejections} == {"field.too_long"}
    assert rows(province) == {} and len(ids) == 300


def test_broken_text_and_a_foreign_format_name_the_file_and_the_reason(network, good, tmp_path):
    unit, province = network["hoa_dong"], network["province"]
    with zipfile.ZipFile(good) as zf:
        record = json.loads(zf.read("data/activity.jsonl").splitlines()[0])
    line = canonical_json(record).replace(b'"title":"', b'"title":"\\udcff', 1) + b"\n"
    path = forge(unit, tmp_path, members={"data/activity.jsonl": line}, name="surrogate.ttdn")
    assert refused(province, path) == "package.text_not_unicode"
    assert "tiêu đề" in province.receive([path]).files[0].message
    assert refused(province, forge(unit, tmp_path, members={}, edit=lambda m: m.update(format="zip"), name="other.ttdn")) == "package.not_a_package"
    assert "other.ttdn" in province.receive([tmp_path / "other.ttdn"]).files[0].message


def test_a_member_longer_than_its_manifest_says_is_altered_not_too_large(network, good, tmp_path):
    with zipfile.ZipFile(good) as zf:
        members = {n: zf.read(n) for n in zf.namelist() if n.startswith("data/")}

    def shrink(manifest):
        manifest["members"]["data/activity.jsonl"]["size"] -= 1

    path = forge(network["hoa_dong"], tmp_path, members=members, edit=shrink)
    assert refused(network["province"], path) == "package.member_altered"


def test_malformed_held_ranges_refuse_the_package(network, good, tmp_path):
    unit = network["hoa_dong"]
    origin = unit.installation.origin_id

    def held(value):
        def change(table, records):
            pass

        change.manifest = lambda m: m["origins"][origin].update(held=value)
        return change

    for n, value in enumerate(["x", [[5, 3]], [[1, 2, 3]], [[-1, 4]], [[True, 4]]]):
        assert refused(network["province"], resigned(unit, good, tmp_path, held(value), name=f"h{n}.ttdn")) == "package.bad_manifest"


def test_a_receipt_for_a_commune_the_centre_does_not_relay(network, tmp_path):
    """The Vĩnh Châu centre carries down the province's receipts for Vĩnh Châu's communes
    only: one for Đại Ân 1 (Cù Lao Dung) is refused, and nothing is kept to carry."""
    dai_an, province, centre = network["dai_an"], network["province"], network["centre"]
    dai_an.add()
    province.receive(dai_an.export())
    receipts = province.receipt_for("31627")
    assert refused(centre, receipts[0]) == "package.wrong_destination"
    assert not (centre.ws.data_dir / "relay").exists()


def test_a_relayed_commune_gets_its_receipt_through_the_centre(network, make_site, tmp_path):
    """A commune registered only at its centre: its records reach the province through the
    centre (which holds them to the record rules too), the province's receipt for it comes
    back through the centre, which keeps it unchanged to carry down; the commune's next
    export carries only what is new."""
    from desktop_app.core.errors import TtdnError

    province, centre = network["province"], network["centre"]
    commune = make_site("khanh_hoa", "unit", "31789", province.config())
    commune.enrol_at(centre)
    good_id = commune.add(title="Tin của phường Khánh Hòa")
    bad_id = commune.add(title="Chi phí âm")
    [package] = commune.export()
    tampered = resigned(commune, package, tmp_path, edit_record(bad_id, cost=-1))
    at_centre = centre.receive([tampered])
    assert [r["key"] for r in at_centre.rejections] == ["number.negative"] and bad_id not in rows(centre)
    centre.receive([package])
    with pytest.raises(TtdnError) as nobody:
        province.receipt_for("31789")  # nothing of the commune has reached the province yet
    assert nobody.value.key == "outbound.no_peer"
    relayed = province.receive(centre.export())
    assert relayed.count("rejected") == 0 and relayed.count("new") == 2
    [receipt] = province.receipt_for("31789")
    before = snapshot(centre)
    report = centre.receive([receipt])
    assert report.files[0].status == "carried" and "31789" in report.files[0].message
    assert snapshot(centre) == before  # carried, not applied
    kept = centre.ws.data_dir / "relay" / "31789" / receipt.name
    assert kept.read_bytes() == receipt.read_bytes()
    assert commune.receive([kept]).files[0].status == "applied"
    nothing = commune.export()
    with zipfile.ZipFile(nothing[0]) as zf:
        assert not any(zf.read(n) for n in zf.namelist() if n.endswith(".jsonl"))
    assert {good_id, bad_id} <= set(rows(province))


def test_whose_record_it_is_never_changes(network, tmp_path):
    """A new version of a record naming another creator (the province's origin, or simply a
    different one from the record held) is refused; the record stays as it was."""
    unit, province = network["hoa_dong"], network["province"]
    record = unit.add(title="Bản gốc")
    province.receive(unit.export())
    unit.receive(province.receipt_for("31786"))
    unit.edit(record, title="Bản sửa")
    [package] = unit.export()
    before = rows(province)
    for n, creator in enumerate([province.installation.origin_id, network["hoa_dong_2"].installation.origin_id]):
        report = province.receive([resigned(unit, package, tmp_path, edit_record(record, origin_id=creator), name=f"c{n}.ttdn")])
        assert [r["key"] for r in report.rejections] == ["record.foreign_origin" if n == 0 else "record.creator_changed"]
        assert rows(province) == before
    assert province.receive([package]).count("updated") == 1


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
