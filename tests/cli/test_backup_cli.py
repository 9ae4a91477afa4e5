"""``ttdn backup list|create|restore``."""

from __future__ import annotations

import pytest


@pytest.fixture
def unit(cli):
    result = cli("init", "--role", "unit", "--unit", "31786", "--officer", "Lâm Thị Hoà", "--json")
    assert result.code == 0, result.err
    return result.json


def test_cli_backup_list_create_restore(cli, unit):
    cli("activity", "add", stdin='{"kind": "other", "title": "Trước sao lưu", "date": "2024-05-01"}')
    created = cli("backup", "create", "--json")
    assert created.code == 0, created.err
    name = created.json["name"]
    cli("activity", "add", stdin='{"kind": "other", "title": "Sau sao lưu", "date": "2024-05-01"}')
    listed = cli("backup", "list", "--json").json["backups"]
    assert name in [b["name"] for b in listed]
    refused = cli("backup", "restore", name)
    assert refused.code == 1 and "--yes" in refused.err
    done = cli("backup", "restore", name, "--yes", "--json")
    assert done.code == 0, done.err
    assert done.json["previous_data"]
    titles = [a["title"] for a in cli("activity", "list", "--json").json["activities"]]
    assert titles == ["Trước sao lưu"]
    missing = cli("backup", "restore", "ttdn-19990101", "--yes")
    assert missing.code == 1 and "backup list" in missing.err


def test_restore_is_refused_while_the_program_has_the_folder_open(cli, unit, data_dir):
    from desktop_app.core.instance_lock import InstanceLock

    name = cli("backup", "create", "--json").json["name"]
    with InstanceLock(data_dir):
        result = cli("backup", "restore", name, "--yes")
    assert result.code == 1 and "đang mở" in result.err
