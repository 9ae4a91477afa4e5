"""The sync commands end to end, as the README walks through them."""

from __future__ import annotations

import json


def test_the_readme_walkthrough(cli, tmp_path):
    province, unit, stick = tmp_path / "province", tmp_path / "unit", tmp_path / "usb"
    stick.mkdir()
    assert cli("init", "--role", "aggregator", "--unit", "STTTT", data=province).code == 0
    config = cli("config", "export", "--to", str(stick), "--json", data=province).json["files"][0]["path"]

    # Without confirming the fingerprint a new unit does not trust the province.
    unconfirmed = cli("config", "import", config, "--json", data=unit)
    assert unconfirmed.code == 1 and unconfirmed.json["files"][0]["status"] == "needs_confirmation"
    assert cli("config", "import", config, "--yes", data=unit).code == 0
    assert cli("init", "--role", "unit", "--unit", "31786", data=unit).code == 0
    shown = cli("keys", "show", "--enrolment-file", str(stick / "dang-ky.json"), "--json", data=unit).json
    assert len(shown["fingerprint"].split()) == 8

    refused = cli("unit", "register", str(stick / "dang-ky.json"), data=province)
    assert refused.code == 1 and "--yes" in refused.err
    registered = cli("unit", "register", str(stick / "dang-ky.json"), "--yes", "--json", data=province).json
    assert registered["fingerprint"] == shown["fingerprint"]

    record = {"kind": "event", "title": "Hội nghị tuyên truyền", "date": "2024-08-01",
              "participants": [{"name": "Danh Thị Sa Ry", "gender": "nữ", "ethnicity": "Khmer"}]}
    assert cli("event", "add", stdin=json.dumps(record, ensure_ascii=False), data=unit).code == 0
    exported = cli("export", "--to", str(stick), "--json", data=unit).json
    assert exported["counts"]["activity"] == 1 and exported["personal"] == "sealed"
    package = exported["files"][0]["path"]

    preview = cli("import", package, "--dry-run", "--json", data=province).json
    assert preview["dry_run"] and preview["totals"]["new"] == 2
    assert cli("stats", "--json", data=province).json["activities"]["total"] == 0
    done = cli("import", package, "--json", data=province).json
    assert done["totals"]["new"] == 2 and done["changed"]
    again = cli("import", package, data=province)
    assert again.code == 0 and "Không có gì thay đổi" in again.out

    receipt = cli("receipt", "--for", "31786", "--to", str(stick), "--json", data=province).json["files"][0]["path"]
    assert cli("import", receipt, data=unit).code == 0
    empty = cli("export", "--to", str(tmp_path / "next"), "--json", data=unit).json
    assert empty["counts"] == {"unit_report": 0, "activity": 0, "participant": 0, "attachment": 0}

    # A revoked PC's packages are refused.
    assert cli("unit", "revoke", "31786", "--json", data=province).json["revoked"]
    cli("activity", "add", stdin='{"kind": "other", "title": "Sau khi thu hồi", "date": "2024-09-01"}', data=unit)
    late = cli("export", "--to", str(tmp_path / "late"), "--json", data=unit).json["files"][0]["path"]
    result = cli("import", late, "--json", data=province)
    assert result.code == 1 and result.json["files"][0]["key"] == "peer.revoked"


def test_info_tells_where_sync_stands(cli, tmp_path):
    province, unit, stick = tmp_path / "p", tmp_path / "u", tmp_path / "usb"
    cli("init", "--role", "aggregator", "--unit", "STTTT", data=province)
    config = cli("config", "export", "--to", str(stick), "--json", data=province).json["files"][0]["path"]
    cli("config", "import", config, "--yes", data=unit)
    cli("init", "--role", "unit", "--unit", "31627", data=unit)
    cli("keys", "show", "--enrolment-file", str(stick / "e.json"), data=unit)
    cli("unit", "register", str(stick / "e.json"), "--yes", data=province)
    for n in range(3):
        cli("activity", "add", stdin=f'{{"kind": "other", "title": "Việc {n}", "date": "2024-02-0{n + 1}"}}', data=unit)
    before = cli("info", "--json", data=unit).json["sync"]
    assert before["unsent_changes"] == 3 and before["last_sent_at"] is None and before["confirmed_at"] is None
    package = cli("export", "--to", str(stick), "--json", data=unit).json["files"][0]["path"]
    cli("import", package, data=province)
    cli("import", cli("receipt", "--for", "31627", "--to", str(stick), "--json", data=province).json["files"][0]["path"], data=unit)
    after = cli("info", "--json", data=unit).json["sync"]
    assert after["unsent_changes"] == 0 and after["last_sent_at"] and after["confirmed_at"]


def test_one_bad_record_is_a_warning_not_a_failure(cli, tmp_path):
    """A package from an old or buggy unit program with one negative cost: the import
    applies everything else, exits 0 and names the rejected record and why."""
    import sqlite3
    from contextlib import closing

    province, unit, stick = tmp_path / "province", tmp_path / "unit", tmp_path / "usb"
    cli("init", "--role", "aggregator", "--unit", "STTTT", data=province)
    config = cli("config", "export", "--to", str(stick), "--json", data=province).json["files"][0]["path"]
    cli("config", "import", config, "--yes", data=unit)
    cli("init", "--role", "unit", "--unit", "31786", data=unit)
    cli("keys", "show", "--enrolment-file", str(stick / "dang-ky.json"), data=unit)
    cli("unit", "register", str(stick / "dang-ky.json"), "--yes", data=province)
    ids = [
        cli("activity", "add", "--json", stdin=json.dumps({"kind": "other", "title": f"Hoạt động {n}", "date": "2024-06-01", "cost": 1000}), data=unit).json["created"][0]["id"]
        for n in (1, 2, 3)
    ]
    with closing(sqlite3.connect(unit / "ttdn.sqlite3")) as conn:  # what an old program let through
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE activity SET cost = -5 WHERE id = ?", (ids[1],))
        conn.commit()
    package = cli("export", "--to", str(stick), "--json", data=unit).json["files"][0]["path"]
    with closing(sqlite3.connect(unit / "ttdn.sqlite3")) as conn:  # the unit's program fixed again
        conn.execute("UPDATE activity SET cost = 1000 WHERE id = ?", (ids[1],))
        conn.commit()

    result = cli("import", package, data=province)
    assert result.code == 0 and "Traceback" not in result.out + result.err
    assert "bị từ chối: 1" in result.out and ids[1][:8] in result.out and "không được là số âm" in result.out
    listed = {a["id"] for a in cli("activity", "list", "--json", data=province).json["activities"]}
    assert listed == {ids[0], ids[2]}
