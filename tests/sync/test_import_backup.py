"""Every import that changes something is preceded by a backup of the data as it was."""

from __future__ import annotations

from desktop_app.core.db.backup import list_backups


def test_an_import_is_preceded_by_a_backup(network):
    unit, province = network["hoa_dong"], network["province"]
    unit.add(title="Tin trước khi Sở nhận")
    package = unit.export()
    before = {b.path for b in list_backups(province.ws.db.backups_dir)}
    province.receive(package)
    made = [b for b in list_backups(province.ws.db.backups_dir) if b.path not in before]
    assert [b.reason for b in made] == ["import"]
    assert made[0].counts["activities"] == 0  # the state before the import
    province.receive(package)  # already imported: nothing changes, no new backup
    assert len(list_backups(province.ws.db.backups_dir)) == len(before) + 1
