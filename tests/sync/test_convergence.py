"""Property: whatever happens to packages on the way — lost, duplicated, reordered,
imported twice, relayed or sent directly, receipts lost — once everyone sends again the
province holds exactly the units' final state: no duplicates, nothing resurrected, and
every machine that has the same versions picks the same winner."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop_app.core.db.models import Activity
from desktop_app.core.sync.merge import Version, dominates, order_key

from sites import Site, copy_site

UNIT_SITES = ("a1", "a2", "b")


def build_network(root: Path) -> dict[str, Site]:
    province = Site(root, "p", "aggregator", "STTTT")
    config = province.config()
    a1 = Site(root, "a1", "unit", "31786", config)
    b = Site(root, "b", "unit", "31627", config)
    relay = Site(root, "r", "unit", "TTVH_950", config)
    for site in (a1, b, relay):
        site.enrol_at(province)
    a1.enrol_at(relay)
    a1.add(title="Có từ trước khi sao chép máy")
    a2 = copy_site(a1, "a2", register_at=(province, relay))  # a second PC of the same commune, copied from the first
    return {"p": province, "a1": a1, "a2": a2, "b": b, "r": relay}


def final_rows(site: Site) -> dict[str, tuple]:
    with site.ws.reading() as s:
        rows = s.execute(
            select(Activity.id, Activity.title, Activity.deleted, Activity.ver_origin, Activity.ver_counter, Activity.vv, Activity.updated_at)
        ).all()
    return {r.id: r for r in rows}


def expected_state(units: list[Site]) -> dict[str, tuple]:
    """For every record, the winner among the units' final versions no other includes."""
    versions: dict[str, list] = {}
    for site in units:
        for row in final_rows(site).values():
            versions.setdefault(row.id, []).append(row)
    expected = {}
    for record_id, rows in versions.items():
        candidates = [
            Version(r.ver_origin, r.ver_counter, r.vv, r.deleted, r.updated_at) for r in rows
        ]
        maximal = [v for v in candidates if not any(o is not v and dominates(o.vv, v.vv) and o.key != v.key for o in candidates)]
        winner = max(maximal, key=order_key)
        row = next(r for r in rows if (r.ver_origin, r.ver_counter) == winner.key)
        expected[record_id] = (row.title, row.deleted, winner.key)
    return expected


def state(site: Site) -> dict[str, tuple]:
    return {i: (r.title, r.deleted, (r.ver_origin, r.ver_counter)) for i, r in final_rows(site).items()}


operations = st.sampled_from(["create", "edit", "delete", "export", "deliver", "deliver", "receipt", "relay"])


@settings(max_examples=int(__import__("os").environ.get("TTDN_CONVERGENCE_EXAMPLES", "12")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_everyone_converges(data):
    root = Path(tempfile.mkdtemp(prefix="ttdn-conv-"))
    net = build_network(root)
    in_flight: list[tuple[str, list[Path]]] = []  # (sender, volumes)
    counter = 0
    try:
        for _ in range(data.draw(st.integers(min_value=5, max_value=25), label="steps")):
            op = data.draw(operations, label="op")
            if op in ("create", "edit", "delete"):
                name = data.draw(st.sampled_from(UNIT_SITES), label="site")
                site = net[name]
                live = [i for i, r in final_rows(site).items() if not r.deleted]
                counter += 1
                if op == "create" or not live:
                    site.add(title=f"{name} tạo #{counter}")
                else:
                    target = data.draw(st.sampled_from(sorted(live)), label="record")
                    if op == "edit":
                        site.edit(target, title=f"{name} sửa #{counter}")
                    else:
                        site.delete(target)
            elif op == "export":
                name = data.draw(st.sampled_from(UNIT_SITES), label="exporter")
                in_flight.append((name, net[name].export(max_volume_mb=None)))
            elif op == "relay":
                in_flight.append(("r", net["r"].export(max_volume_mb=None)))
            elif op == "deliver" and in_flight:
                sender, volumes = data.draw(st.sampled_from(in_flight), label="package")  # may repeat: duplicates
                destinations = ["p"] + (["r"] if sender in ("a1", "a2") else [])
                destination = data.draw(st.sampled_from(destinations), label="to")
                report = net[destination].receive(volumes)
                assert all(f.status in ("applied", "already") for f in report.files), report.files
                if data.draw(st.booleans(), label="drop after delivery"):
                    in_flight.remove((sender, volumes))
            elif op == "receipt":
                unit = data.draw(st.sampled_from([("31786", "a1"), ("31786", "a2"), ("31627", "b"), ("TTVH_950", "r")]), label="receipt")
                try:
                    receipts = net["p"].receipt_for(unit[0])
                except Exception:  # nothing received from that unit yet
                    continue
                if data.draw(st.booleans(), label="receipt arrives"):
                    net[unit[1]].receive(receipts)

        # Everyone sends again; this time nothing is lost. Units go to the province and
        # to the relay; the relay forwards what it holds.
        for name in UNIT_SITES:
            volumes = net[name].export(max_volume_mb=None)
            net["p"].receive(volumes)
            if name in ("a1", "a2"):
                net["r"].receive(volumes)
        net["p"].receive(net["r"].export(max_volume_mb=None))

        expected = expected_state([net[n] for n in UNIT_SITES])
        assert state(net["p"]) == expected
        relayed = {i: v for i, v in state(net["r"]).items() if i in expected}
        assert relayed == {i: expected[i] for i in relayed}
        assert isinstance(next(iter(final_rows(net["p"]).values())).updated_at, datetime)
    finally:
        for site in net.values():
            site.close()
        shutil.rmtree(root, ignore_errors=True)


def records_in(paths: list[Path]) -> int:
    import json
    import zipfile

    count = 0
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.startswith("data/") and name.endswith(".jsonl"):
                    count += sum(1 for line in zf.read(name).splitlines() if json.loads(line))
    return count


def carried(centre: Site, receipts: list[Path]) -> list[Path]:
    """The centre takes in the province's receipts for its commune and keeps them to carry down."""
    report = centre.receive(receipts)
    assert [f.status for f in report.files] == ["carried"] * len(receipts), report.files
    return [centre.ws.data_dir / "relay" / "31789" / p.name for p in receipts]


@settings(max_examples=int(__import__("os").environ.get("TTDN_CONVERGENCE_EXAMPLES", "12")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_a_relayed_commune_converges_and_its_acknowledgements_come_back(data):
    """A commune registered only at its district centre: its packages reach the province
    through the centre, the province's receipts come back through the centre, and once
    a receipt arrives the commune's exports carry only what is new."""
    root = Path(tempfile.mkdtemp(prefix="ttdn-relay-"))
    province = Site(root, "p", "aggregator", "STTTT")
    config = province.config()
    commune = Site(root, "c", "unit", "31789", config)
    centre = Site(root, "r", "unit", "TTVH_950", config)
    centre.enrol_at(province)
    commune.enrol_at(centre)
    sites = (province, commune, centre)
    at_centre: list[list[Path]] = []  # commune packages the centre may receive
    at_province: list[list[Path]] = []  # centre packages the province may receive
    receipts: list[list[Path]] = []  # receipts carried down, on their way to the commune
    counter = 0
    try:
        for _ in range(data.draw(st.integers(min_value=5, max_value=20), label="steps")):
            op = data.draw(st.sampled_from(["create", "edit", "delete", "export", "to_centre", "relay", "to_province", "receipt", "to_commune"]), label="op")
            live = [i for i, r in final_rows(commune).items() if not r.deleted]
            counter += 1
            if op == "create" or (op in ("edit", "delete") and not live):
                commune.add(title=f"c tạo #{counter}")
            elif op in ("edit", "delete"):
                target = data.draw(st.sampled_from(sorted(live)), label="record")
                commune.edit(target, title=f"c sửa #{counter}") if op == "edit" else commune.delete(target)
            elif op == "export":
                at_centre.append(commune.export(max_volume_mb=None))
            elif op == "to_centre" and at_centre:
                centre.receive(data.draw(st.sampled_from(at_centre), label="package"))
            elif op == "relay":
                at_province.append(centre.export(max_volume_mb=None))
            elif op == "to_province" and at_province:
                report = province.receive(data.draw(st.sampled_from(at_province), label="relayed"))
                assert report.count("rejected") == 0, report.rejections
            elif op == "receipt":
                try:
                    made = province.receipt_for("31789")
                except Exception:  # nothing of the commune has reached the province yet
                    continue
                receipts.append(carried(centre, made))
            elif op == "to_commune" and receipts:
                commune.receive(data.draw(st.sampled_from(receipts), label="receipt"))  # old ones too

        # Everything goes through once more, receipts included.
        centre.receive(commune.export(max_volume_mb=None))
        report = province.receive(centre.export(max_volume_mb=None))
        assert report.count("rejected") == 0, report.rejections
        assert {i: v for i, v in state(province).items()} == state(commune)
        commune.receive(carried(centre, province.receipt_for("31789")))
        assert records_in(commune.export(max_volume_mb=None)) == 0  # all acknowledged
        commune.add(title="Mới sau biên nhận")
        assert records_in(commune.export(max_volume_mb=None)) == 1  # only what is new
    finally:
        for site in sites:
            site.close()
        shutil.rmtree(root, ignore_errors=True)
