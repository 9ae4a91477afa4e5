"""The import streams: records are applied in bounded batches, never all held at once,
and a file found bad while it is applied (a record of the wrong shape late in a member,
bytes that changed since they were checked) is still refused whole, the rest of the
batch applied, with the same messages as when the fault is found up front."""

from __future__ import annotations

import json
import shutil
import tracemalloc
import zipfile

import pytest
from test_hostile import resigned, rows, snapshot

from desktop_app.core.operations.demo import generate
from desktop_app.core.sync import importer, verify


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 50 records, so a few hundred records make several batches."""
    monkeypatch.setattr(importer, "BATCH", 50)


def _activity_ids(package) -> list[str]:
    with zipfile.ZipFile(package) as zf:
        return [json.loads(line)["id"] for line in zf.read("data/activity.jsonl").splitlines()]


def test_a_malformed_record_in_a_later_batch_refuses_the_whole_file(network, small_batches, tmp_path):
    unit, other, province = network["hoa_dong"], network["dai_an"], network["province"]
    generate(unit.ws, 300, seed=3)
    [package] = unit.export()
    last = _activity_ids(package)[-1]

    def break_last(table, records):
        for record in records:
            if record["id"] == last:
                record["date_from"] = "not a date"

    bad = resigned(unit, package, tmp_path, break_last, name="bad.ttdn")
    other.add(title="Tin của Đại Ân")
    good = other.export()
    before = snapshot(province)
    report = province.receive([bad, *good])
    assert [f.status for f in report.files] == ["rejected", "applied"]
    assert report.files[0].key == "package.bad_record" and "bad.ttdn" in report.files[0].path
    assert report.files[0].message and report.files[0].message[0].isupper()
    titles = {r["title"] for r in rows(province).values()}
    assert titles == {"Tin của Đại Ân"}  # nothing of the 300 (six batches were written, then undone)
    assert report.count("new") == 1 and report.rejections == []
    assert snapshot(province) != before


def test_a_file_changed_between_the_check_and_the_apply_is_refused_whole(network, small_batches, tmp_path, monkeypatch):
    """A USB stick whose file changes after it was checked: the second read, while
    applying, finds bytes that are not the signed ones; the file is refused and the
    database keeps nothing of it, while the other file of the batch is applied."""
    unit, other, province = network["hoa_dong"], network["dai_an"], network["province"]
    generate(unit.ws, 200, seed=4)
    [package] = unit.export()
    on_stick = tmp_path / "stick.ttdn"
    shutil.copy(package, on_stick)
    other.add(title="Tin của Đại Ân")
    good = other.export()

    def flip_a_byte(name, data):
        if name == "data/activity.jsonl":
            at = data.rindex(b'"title":"') + 9
            data = data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]
        return data

    real_open = verify.open_volume

    def open_then_change(session, path, files_dir):
        volume = real_open(session, path, files_dir)
        if path == on_stick:  # checked; now the stick's content changes under us
            with zipfile.ZipFile(package) as zin, zipfile.ZipFile(on_stick, "w", zipfile.ZIP_DEFLATED) as zout:
                for info in zin.infolist():
                    zout.writestr(info, flip_a_byte(info.filename, zin.read(info.filename)))
        return volume

    monkeypatch.setattr(importer, "open_volume", open_then_change)
    report = province.receive([on_stick, *good])
    assert [f.status for f in report.files] == ["rejected", "applied"]
    assert report.files[0].key == "package.member_altered"
    assert {r["title"] for r in rows(province).values()} == {"Tin của Đại Ân"}
    assert not rows(province, "participant")
    assert not list(province.ws.db.files_dir.rglob(".incoming-*"))


def test_a_wrong_count_found_at_the_end_of_a_member_refuses_the_file(network, small_batches, tmp_path):
    unit, province = network["hoa_dong"], network["province"]
    generate(unit.ws, 120, seed=5)
    [package] = unit.export()

    def miscount(table, records):
        pass

    miscount.manifest = lambda m: m["counts"].update(activity=m["counts"]["activity"] + 1)
    before = snapshot(province)
    report = province.receive([resigned(unit, package, tmp_path, miscount)])
    assert report.files[0].status == "rejected" and report.files[0].key == "package.bad_manifest"
    assert snapshot(province) == before


def _import_peak(province, package) -> tuple[int, object]:
    tracemalloc.start()
    try:
        report = province.receive([package])
        return tracemalloc.get_traced_memory()[1], report
    finally:
        tracemalloc.stop()


def _holding_every_record(package) -> int:
    """What holding the package's records at once costs (the old import did, twice over)."""
    from desktop_app.core.sync.records import from_record

    tracemalloc.start()
    try:
        held = []
        with zipfile.ZipFile(package) as zf:
            for table in ("activity", "participant"):
                for line in zf.read(f"data/{table}.jsonl").splitlines():
                    record = json.loads(line)
                    held.append((from_record(table, record), record))
        return tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()


def test_the_import_holds_one_batch_not_the_package(network, small_batches):
    """Peak memory of an import of ~2,500 records in batches of 50 stays well below what
    holding the package's records costs: it does not grow with the package."""
    unit, province = network["hoa_dong"], network["province"]
    generate(unit.ws, 1500, seed=6)
    [package] = unit.export()
    all_records = _holding_every_record(package)
    peak, report = _import_peak(province, package)
    assert report.files[0].status == "applied" and report.count("new") > 1500
    assert peak < all_records / 3, (peak, all_records)


def test_a_compact_package_is_applied_as_its_plain_twin(network, small_batches):
    """Format 1.2 (column blocks) reaches the importer through the same seam: the
    province takes in the same rows, and the plain package of the same records then
    changes nothing."""
    from desktop_app.core.sync.codec import BLOCKS
    from desktop_app.core.sync.export import export_data

    unit, province = network["hoa_dong"], network["province"]
    generate(unit.ws, 150, seed=7)
    compact = export_data(unit.ws, unit.outbox / "compact", layout=BLOCKS)
    plain = export_data(unit.ws, unit.outbox / "plain")
    steps: list[tuple[int, int]] = []
    report = province.receive([f.path for f in compact.files], progress=lambda done, total: steps.append((done, total)))
    assert report.files[0].status == "applied" and report.count("rejected") == 0
    # Progress moves batch by batch to the records the manifest counts (and one per file).
    total = sum(compact.counts.values()) + 1
    assert len(steps) > 4 and steps[-1] == (total, total)
    assert [d for d, _ in steps] == sorted(d for d, _ in steps) and {t for _, t in steps} == {total}
    assert report.count("new") == sum(compact.counts.values())
    assert {i: r["title"] for i, r in rows(province).items()} == {i: r["title"] for i, r in rows(unit).items()}
    named = {r["id"]: r["name"] for r in rows(province, "participant").values()}
    assert named == {r["id"]: r["name"] for r in rows(unit, "participant").values()} and all(named.values())
    again = province.receive([f.path for f in plain.files])
    assert again.count("new") == 0 and again.count("unchanged") == sum(plain.counts.values())
