"""Copying packages to a USB stick or folder (verified), staging folders, removable drives."""

from __future__ import annotations

import ctypes
import hashlib
import os
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop_app.core.errors import TtdnError
from desktop_app.core.sync import delivery, drives
from desktop_app.core.sync.delivery import deliver, staging_folder
from desktop_app.core.sync.drives import Drive, linux_drives, removable_drives


def _packages(folder: Path, sizes=(10, 3 * 1024 * 1024 + 7)) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, size in enumerate(sizes, start=1):
        path = folder / f"TTDN-31786-data-20240930-0007-{n}of{len(sizes)}.ttdn"
        path.write_bytes(os.urandom(size))
        paths.append(path)
    return paths


def test_deliver_copies_and_verifies_every_file(tmp_path):
    files = _packages(tmp_path / "outbox")
    seen = []
    copies = deliver(files, tmp_path / "usb" / "TTDN", progress=lambda d, t: seen.append((d, t)))
    assert [c.name for c in copies] == [f.name for f in files]
    for source, copy in zip(files, copies):
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(source.read_bytes()).digest()
    assert not list((tmp_path / "usb" / "TTDN").glob("*.part"))
    assert seen[-1] == (2, 2)


def test_a_copy_that_reads_back_differently_is_refused_and_removed(tmp_path, monkeypatch):
    files = _packages(tmp_path / "outbox", sizes=(100,))
    real = delivery.file_sha256
    monkeypatch.setattr(delivery, "file_sha256", lambda p: "0" * 64 if "usb" in str(p) else real(p))
    with pytest.raises(TtdnError) as caught:
        deliver(files, tmp_path / "usb")
    assert caught.value.key == "delivery.mismatch"
    assert caught.value.params["name"] == files[0].name
    assert list((tmp_path / "usb").iterdir()) == []


def test_an_unwritable_destination_is_reported(tmp_path):
    files = _packages(tmp_path / "outbox", sizes=(100,))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(TtdnError) as caught:
        deliver(files, blocker)
    assert caught.value.key == "file.unwritable"
    assert str(blocker) in caught.value.params["path"]


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    files = _packages(tmp_path / "outbox", sizes=(100,))

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(delivery.os, "fsync", full_disk)
    with pytest.raises(TtdnError) as caught:
        deliver(files, tmp_path / "usb")
    assert caught.value.key == "file.disk_full" and "No space" in caught.value.params["detail"]
    assert list((tmp_path / "usb").iterdir()) == []


def test_deliver_can_be_cancelled_between_files(tmp_path):
    files = _packages(tmp_path / "outbox")
    with pytest.raises(TtdnError) as caught:
        deliver(files, tmp_path / "usb", cancelled=lambda: True)
    assert caught.value.key == "operation.cancelled"


def test_delivering_into_the_source_folder_changes_nothing(tmp_path):
    files = _packages(tmp_path / "outbox", sizes=(100,))
    before = files[0].read_bytes()
    assert deliver(files, tmp_path / "outbox") == files
    assert files[0].read_bytes() == before


def test_staging_folders_are_new_and_only_the_newest_are_kept(tmp_path):
    base = tmp_path / "outbox"
    made = [staging_folder(base, keep=2) for _ in range(4)]
    assert len(set(made)) == 4 and all(p.parent == base for p in made)
    assert sorted(p.name for p in base.iterdir()) == sorted(p.name for p in made[-3:])  # 2 kept + the new one


# --- removable drives --------------------------------------------------------------------

MOUNTS = """\
sysfs /sys sysfs rw 0 0
/dev/nvme0n1p2 / ext4 rw 0 0
tmpfs /run/user/1000 tmpfs rw 0 0
/dev/sdb1 /media/hoa/KINGSTON vfat rw,nosuid 0 0
/dev/sdc1 /run/media/hoa/USB\\040DISK exfat rw 0 0
/dev/sdd1 /mnt/backup ext4 rw 0 0
tmpfs /mnt/ram tmpfs rw 0 0
/dev/sde1 /media/hoa/GONE vfat rw 0 0
"""


def _statvfs(path: str):
    if path.endswith("GONE"):
        raise OSError(2, "gone")
    return SimpleNamespace(f_bavail=1000, f_frsize=4096)


def test_linux_drives_from_proc_mounts():
    found = linux_drives(MOUNTS, statvfs=_statvfs)
    assert found == [
        Drive(Path("/media/hoa/KINGSTON"), "KINGSTON", 4_096_000),
        Drive(Path("/run/media/hoa/USB DISK"), "USB DISK", 4_096_000),
        Drive(Path("/mnt/backup"), "backup", 4_096_000),
    ]


def test_drives_that_cannot_be_listed_give_an_empty_list_and_a_warning(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(drives.sys, "platform", "linux")
    with caplog.at_level("WARNING", logger=drives.__name__):
        assert removable_drives(tmp_path / "no-proc-here" / "mounts") == []
    assert "cannot list removable drives" in caplog.text and "no-proc-here" in caplog.text
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS, encoding="utf-8")
    monkeypatch.setattr(drives, "_free_bytes", lambda path, statvfs=None: 4_096_000)
    assert [d.label for d in removable_drives(mounts)] == ["KINGSTON", "USB DISK", "backup", "GONE"]


def test_a_bug_while_listing_drives_is_not_hidden(monkeypatch, tmp_path):
    monkeypatch.setattr(drives.sys, "platform", "linux")
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS, encoding="utf-8")

    def broken(text, statvfs=None):
        raise TypeError("a programming error")

    monkeypatch.setattr(drives, "linux_drives", broken)
    with pytest.raises(TypeError):
        removable_drives(mounts)


def test_windows_drives_are_the_removable_ones(monkeypatch):
    """GetLogicalDrives / GetDriveTypeW / GetVolumeInformationW, faked."""
    types = {"C:\\": 3, "E:\\": 2, "F:\\": 2}  # fixed disk, USB stick, empty card reader

    class Kernel32:
        def GetLogicalDrives(self):
            return (1 << 2) | (1 << 4) | (1 << 5)

        def GetDriveTypeW(self, root):
            return types[root.value]

        def GetVolumeInformationW(self, root, label, size, *rest):
            if root.value == "F:\\":
                return 0
            label.value = "KINGSTON"
            return 1

        def GetDiskFreeSpaceExW(self, root, free, total, total_free):
            free._obj.value = 7 * 1024**3
            return 1

    monkeypatch.setattr(drives.sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=Kernel32()), raising=False)
    assert removable_drives() == [Drive(Path("E:\\"), "KINGSTON", 7 * 1024**3)]


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/mounts")
def test_removable_drives_runs_on_this_machine():
    assert isinstance(removable_drives(), list)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/mounts")
def test_removable_drives_really_reads_this_machines_mounts(caplog):
    """Unlike a bare "returns a list", this fails when listing breaks: the best-effort
    fallback logs a warning and returns [] instead of what /proc/mounts says."""
    with open("/proc/mounts", encoding="utf-8", errors="replace") as handle:
        expected = drives.linux_drives(handle.read())
    with caplog.at_level("WARNING", logger=drives.__name__):
        found = removable_drives()
    assert not [r for r in caplog.records if r.name == drives.__name__]
    assert found == expected


def test_removable_drives_reports_a_broken_listing_as_a_warning(monkeypatch, caplog):
    """The other side of the test above: a failure is logged (and the list is empty)."""

    def broken(_text):
        raise OSError("mount table unreadable")

    monkeypatch.setattr(drives.sys, "platform", "linux")
    monkeypatch.setattr(drives, "linux_drives", broken)
    with caplog.at_level("WARNING", logger=drives.__name__):
        assert removable_drives() == []
    assert [r.getMessage() for r in caplog.records if r.name == drives.__name__] == ["cannot list removable drives"]
