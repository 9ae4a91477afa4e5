"""A unit's records reach the province exactly once; receipts, reviews, volumes, relays."""

from __future__ import annotations

import zipfile

from sqlalchemy import func, select

from desktop_app.core.db.models import Attachment, Conflict, PeerAck, Review
from desktop_app.core.services.activities import get_activity

EVENT = {
    "kind": "event",
    "title": "Hội nghị tuyên truyền biển đảo",
    "date": "2024-08-10",
    "participants": [
        {"name": "Thạch Thị Sà Rum", "gender": "nữ", "ethnicity": "Khmer", "phone": "0912345678"},
        {"name": "Lâm Văn Út", "gender": "nam", "ethnicity": "Khmer"},
    ],
}


def _bytes_of(paths) -> bytes:
    """Everything inside the packages, decompressed."""
    out = b""
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                out += zf.read(name)
    return out


def test_records_reach_the_province_once_and_receipts_stop_resending(network, tmp_path):
    unit, province = network["hoa_dong"], network["province"]
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg but bytes " * 100)
    first = unit.add(kind="product", product_type="TIN", languages=["vi"], themes=["CD1"], attachments=[str(photo)])
    unit.add(**EVENT)

    package = unit.export()
    report = province.receive(package)
    assert report.count("new") == 5  # 2 activities, 2 participants, 1 attachment
    assert province.activities() == unit.activities()
    assert report.missing_files == 0

    again = province.receive(package)
    assert not again.changed and again.count("unchanged") == 5 and again.files[0].status == "already"

    # Without a receipt the next export resends everything (a lost stick costs nothing).
    assert len(_records(unit.export())) == 5
    unit.receive(province.receipt_for("31786"))
    with unit.ws.reading() as s:
        assert s.scalar(select(func.max(PeerAck.counter))) >= 1
    # After the receipt only new changes travel, and no file already delivered.
    unit.edit(first, title="Tin đã sửa")
    second = unit.export()
    assert _records(second) == {("activity", first)}
    assert not any(n.startswith("files/") for p in second for n in zipfile.ZipFile(p).namelist())
    province.receive(second)
    assert province.activities()[first][0] == "Tin đã sửa"


def _records(paths) -> set[tuple[str, str]]:
    import json

    found = set()
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.startswith("data/") and name.endswith(".jsonl"):
                    for line in zf.read(name).splitlines():
                        found.add((name[5:-6], json.loads(line)["id"]))
    return found


def test_names_and_phones_travel_sealed_for_the_province(network):
    unit, province = network["hoa_dong"], network["province"]
    unit.add(**EVENT)
    package = unit.export()
    raw = _bytes_of(package)
    for secret in ("Thạch Thị Sà Rum", "0912345678", "Lâm Văn Út"):
        assert secret.encode("utf-8") not in raw
    assert b"Th\xe1\xba\xa1ch" not in raw and "Thạch".encode() not in raw
    province.receive(package)
    names = {name for name, _, _ in province.participants().values()}
    assert names == {"Thạch Thị Sà Rum", "Lâm Văn Út"}
    assert ("Thạch Thị Sà Rum", "0912345678", False) in province.participants().values()


def test_without_the_province_key_names_are_withheld_only_on_request(make_site):
    import pytest

    from desktop_app.core.errors import TtdnError

    lone = make_site("lone", "unit", "31783")  # never got the configuration package
    lone.add(**EVENT)
    with pytest.raises(TtdnError) as info:
        lone.export()
    assert info.value.key == "export.personal_needs_key"
    assert "--counts-only" in info.value.message("vi")
    package = lone.export(counts_only=True)
    raw = _bytes_of(package)
    assert "Sà Rum".encode() not in raw and b'"personal_withheld":true' in raw


def test_a_returned_activity_and_its_correction(network):
    unit, province = network["hoa_dong"], network["province"]
    activity_id = unit.add(title="Tin chưa đúng số liệu")
    province.receive(unit.export())
    # The province returns it for correction with a comment (its own record).
    with province.ws.writing() as s:
        activity = get_activity(s, activity_id)
        s.add(
            Review(
                activity_id=activity_id,
                activity_version=f"{activity.ver_origin}:{activity.ver_counter}",
                decision="returned",
                comment="Đề nghị bổ sung số lần phát sóng.",
                reviewer="Trần Văn Sở",
            )
        )
    unit.receive(province.receipt_for("31786"))
    with unit.ws.reading() as s:
        review = s.scalar(select(Review).where(Review.activity_id == activity_id))
        assert review.decision == "returned" and "bổ sung" in review.comment
    unit.edit(activity_id, title="Tin đã bổ sung số liệu", times_aired=3)
    province.receive(unit.export())
    assert province.activities()[activity_id][0] == "Tin đã bổ sung số liệu"


def test_volumes_travel_in_any_order_and_missing_ones_are_named(network, tmp_path):
    unit, province = network["hoa_dong"], network["province"]
    for i in range(4):
        media = tmp_path / f"video-{i}.mp4"
        media.write_bytes(bytes([i]) * 300_000 + b"x" * i)
        unit.add(kind="product", product_type="VIDEO", languages=["vi"], themes=["CD2"], attachments=[str(media)])
    volumes = unit.export(max_volume_mb=0.5)
    assert len(volumes) >= 3
    assert all(p.stat().st_size < 0.75 * 1024 * 1024 for p in volumes)

    last_only = province.receive([volumes[-1]])
    assert last_only.missing_volumes and last_only.missing_volumes[0]["missing"] == list(range(1, len(volumes)))
    first = province.receive([volumes[0]])
    assert first.count("new") == 8
    assert first.missing_files > 0  # attachment rows wait for their files
    rest = province.receive(volumes[1:-1])
    assert rest.missing_volumes == [] and rest.missing_files == 0
    with province.ws.reading() as s:
        shas = set(s.scalars(select(Attachment.sha256)))
    assert all((province.ws.db.files_dir / sha[:2] / sha).exists() for sha in shas)


def test_sequence_gaps_are_reported(network):
    unit, province = network["hoa_dong"], network["province"]
    unit.add()
    first = unit.export()
    unit.add()
    unit.export()  # lost on the way
    unit.add()
    third = unit.export()
    report = province.receive(third)
    assert report.sequence_gaps == [{"sender": "Xã Hòa Đông", "missing": [1, 2]}]
    province.receive(first)
    assert len(province.activities()) == 3  # the third package held everything unconfirmed


def test_dry_run_changes_nothing(network):
    unit, province = network["hoa_dong"], network["province"]
    unit.add(**EVENT)
    package = unit.export()
    preview = province.receive(package, dry_run=True)
    assert preview.count("new") == 3 and preview.dry_run
    assert province.activities() == {}
    assert province.receive(package).count("new") == 3


def test_a_relay_forwards_rows_unchanged_and_the_province_counts_them_once(network):
    commune, centre, province = network["hoa_dong"], network["centre"], network["province"]
    own = centre.add(title="Tin của trung tâm")
    relayed = commune.add(**EVENT)
    package = commune.export()
    assert centre.receive(package).count("new") == 3
    # The centre cannot read the delegates' names: they are sealed for the province.
    assert all(name == "" and sealed for name, _, sealed in centre.participants().values())

    province.receive(centre.export())
    assert set(province.activities()) == {own, relayed}
    assert province.activities()[relayed] == commune.activities()[relayed]
    assert {name for name, _, _ in province.participants().values()} == {"Thạch Thị Sà Rum", "Lâm Văn Út"}
    # The same records arriving directly change nothing.
    direct = province.receive(package)
    assert direct.count("new") == 0 and direct.count("unchanged") == 3


def test_concurrent_edits_pick_the_same_winner_everywhere(network):
    """A unit's second PC was set up by copying the first PC's data folder: the copy gets
    a new origin, and both edit one record before either sends anything."""
    from sites import copy_site

    pc1, province, centre = network["hoa_dong"], network["province"], network["centre"]
    activity_id = pc1.add(title="Bản gốc")
    pc2 = network["copy"] = copy_site(pc1, "copy", register_at=(province, centre))
    assert [w.key for w in pc2.ws.warnings] == ["installation.renewed"]
    assert pc2.installation.installation_id != pc1.installation.installation_id
    assert pc2.installation.origin_id != pc1.installation.origin_id

    pc1.edit(activity_id, title="Sửa ở máy 1")
    pc2.edit(activity_id, title="Sửa ở máy 2")
    p1, p2 = pc1.export(), pc2.export()
    province.receive(p1)
    province.receive(p2)
    centre.receive(p2)
    centre.receive(p1)
    winner = province.activities()[activity_id]
    assert winner == centre.activities()[activity_id]
    assert winner[0] in ("Sửa ở máy 1", "Sửa ở máy 2")
    loser_title = ({"Sửa ở máy 1", "Sửa ở máy 2"} - {winner[0]}).pop()
    for site in (province, centre):
        with site.ws.reading() as s:
            losers = s.scalars(select(Conflict).where(Conflict.resolved_at.is_(None))).all()
        assert [c.record["title"] for c in losers] == [loser_title]


def test_records_received_from_a_unit_are_found_by_folded_search_at_the_province(network):
    """The importer derives the search keys of what it stores: at the province a unit's
    activity is found however the tone mark is placed or typed ("Hoà", "Hòa", "hoa"),
    and by its place and đ → d."""
    from desktop_app.core.operations.activities import activity_filter, list_activities

    unit, province = network["hoa_dong"], network["province"]
    wanted = unit.add(kind="event", title="Văn nghệ mừng Xuân ở Hoà Đông", place="Ấp Đầu Giồng")
    unit.add(title="Tập huấn phóng viên")
    province.receive(unit.export())
    for typed in ("Hoà Đông", "Hòa Đông", "hoa dong", "HOA", "dau giong"):
        page = list_activities(province.ws, activity_filter(province.ws, search=typed))
        assert [row.id for row in page.rows] == [wanted], typed
