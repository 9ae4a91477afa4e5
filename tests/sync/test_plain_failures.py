"""Plain failures get plain messages: a read-only or full stick, a pulled stick, a locked
file. Exit 1, a Vietnamese message saying what to do, nothing half-written, the sequence
number not used up; stale temporary files of ours are cleaned on the next export there.

Where the machine lets the tests mount file systems (root on Linux), the read-only and
full cases use real ones: a read-only tmpfs and a tmpfs of a few hundred KB."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.core.db.models import PackageLog
from desktop_app.core.errors import TtdnError
from desktop_app.core.sync import container, delivery
from desktop_app.core.sync.delivery import deliver
from desktop_app.core.write_errors import plain_write_error

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="mounts Linux file systems")


def _mount(point: Path, size_kb: int, *, read_only: bool = False) -> None:
    point.mkdir(parents=True, exist_ok=True)
    options = f"size={size_kb}k" + (",ro" if read_only else "")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a file system here: {done.stderr.decode(errors='replace').strip()}")


@pytest.fixture
def mounts():
    """mounts(path, size_kb, read_only=False): a real tmpfs, unmounted afterwards."""
    made: list[Path] = []

    def mount(point: Path, size_kb: int, read_only: bool = False) -> Path:
        _mount(point, size_kb, read_only=read_only)
        made.append(point)
        return point

    yield mount
    for point in reversed(made):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _unit(cli, tmp_path: Path) -> Path:
    """A registered commune with a few records and a 600 KB attachment."""
    province, unit = tmp_path / "province", tmp_path / "unit"
    cli("init", "--role", "aggregator", "--unit", "STTTT", data=province)
    config = cli("config", "export", "--to", str(tmp_path / "cfg"), "--json", data=province).json["files"][0]["path"]
    assert cli("config", "import", config, "--yes", data=unit).code == 0
    assert cli("init", "--role", "unit", "--unit", "31786", data=unit).code == 0
    media = tmp_path / "anh.jpg"
    media.write_bytes(os.urandom(600 * 1024))
    record = {"kind": "product", "title": "Tin biển đảo", "date": "2024-05-02", "product_type": "TIN",
              "languages": ["vi"], "themes": ["CD1"], "attachments": [str(media)]}
    assert cli("activity", "add", stdin=json.dumps(record, ensure_ascii=False), data=unit).code == 0
    return unit


def _sent(cli_data: Path) -> int:
    from desktop_app.core.workspace import Workspace

    ws = Workspace.open(cli_data)
    try:
        with ws.reading() as s:
            return s.scalar(select(func.count()).select_from(PackageLog).where(PackageLog.direction == "out", PackageLog.kind == "data"))
    finally:
        ws.close()


def test_export_to_a_read_only_stick(cli, tmp_path, mounts):
    unit = _unit(cli, tmp_path)
    stick = mounts(tmp_path / "usb-ro", 1024, read_only=True)
    result = cli("export", "--to", str(stick), data=unit)
    assert result.code == 1
    assert "chỉ cho phép đọc" in result.err and "khóa chống ghi" in result.err
    assert "Traceback" not in result.err and "Lỗi không mong đợi" not in result.err
    assert list(stick.iterdir()) == []
    assert _sent(unit) == 0  # the sequence number was not used up

    as_json = cli("export", "--to", str(stick), "--json", data=unit)
    assert as_json.code == 1 and as_json.json["error"]["key"] == "file.read_only"


def test_export_to_a_full_stick_leaves_nothing_and_the_next_export_works(cli, tmp_path, mounts):
    unit = _unit(cli, tmp_path)
    stick = mounts(tmp_path / "usb-small", 256)
    (stick / "ghi-chu.txt").write_text("tệp của người dùng", encoding="utf-8")
    result = cli("export", "--to", str(stick), data=unit)
    assert result.code == 1
    assert "Không đủ chỗ trống" in result.err and "Traceback" not in result.err
    assert sorted(p.name for p in stick.iterdir()) == ["ghi-chu.txt"]  # no .partial left behind
    assert _sent(unit) == 0

    bigger = tmp_path / "usb-big"
    done = cli("export", "--to", str(bigger), "--json", data=unit).json
    assert done["sequence"] == 1 and done["attachments"] == 1


def test_a_volume_that_does_not_fit_removes_the_volumes_already_written(cli, tmp_path, mounts):
    unit = _unit(cli, tmp_path)
    media = tmp_path / "video.mp4"
    media.write_bytes(os.urandom(700 * 1024))
    record = {"kind": "product", "title": "Video", "date": "2024-05-03", "product_type": "VIDEO",
              "languages": ["km"], "themes": ["CD2"], "attachments": [str(media)]}
    assert cli("activity", "add", stdin=json.dumps(record, ensure_ascii=False), data=unit).code == 0
    stick = mounts(tmp_path / "usb-1mb", 1000)  # room for the first volumes, not the last
    result = cli("export", "--to", str(stick), "--max-volume-mb", "0.7", data=unit)
    assert result.code == 1 and "Không đủ chỗ trống" in result.err
    assert list(stick.iterdir()) == []
    assert _sent(unit) == 0


def test_stale_partial_files_of_ours_are_removed_on_the_next_export_there(cli, tmp_path):
    unit = _unit(cli, tmp_path)
    stick = tmp_path / "usb"
    stick.mkdir()
    ours = [
        stick / ".TTDN-31786-data-20240930-0003.ttdn-k3j2h1ab.part",  # an interrupted package write
        stick / ".ttdn-k3j2h1.partial",  # earlier versions of the program
        stick / "TTDN-31786-data-20240930-0003.ttdn.part",
    ]
    theirs = [stick / "bao-cao.partial", stick / ".ttdn-ghi-chu.txt", stick / "TTDN-ghi-chu.part", stick / ".bao-cao.docx-x1.part"]
    for path in ours + theirs:
        path.write_bytes(b"half written")
    done = cli("export", "--to", str(stick), "--json", data=unit)
    assert done.code == 0
    assert not any(p.exists() for p in ours)
    assert all(p.exists() for p in theirs)
    assert {Path(f["path"]).name for f in done.json["files"]} <= {p.name for p in stick.iterdir()}


def test_delivery_to_a_read_only_and_a_full_stick(tmp_path, mounts):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    files = []
    for n in (1, 2):
        path = outbox / f"TTDN-31786-data-20240930-0007-{n}of2.ttdn"
        path.write_bytes(os.urandom(150 * 1024))
        files.append(path)
    read_only = mounts(tmp_path / "ro", 1024, read_only=True)
    with pytest.raises(TtdnError) as caught:
        deliver(files, read_only)
    assert caught.value.key == "file.read_only" and "chỉ cho phép đọc" in caught.value.message("vi")

    small = mounts(tmp_path / "small", 200)  # the first file fits, the second does not
    with pytest.raises(TtdnError) as caught:
        deliver(files, small)
    assert caught.value.key == "file.disk_full"
    assert list(small.iterdir()) == []  # the first copy is removed too: all of a package or none


@pytest.mark.parametrize(
    ("error", "key", "words"),
    [
        (OSError(errno.EIO, "Input/output error"), "file.device_gone", "USB bị rút"),
        (OSError(errno.ENOSPC, "No space left on device"), "file.disk_full", "Không đủ chỗ trống"),
        (OSError(errno.EROFS, "Read-only file system"), "file.read_only", "chỉ cho phép đọc"),
        (OSError(errno.EACCES, "Permission denied"), "file.no_permission", "quyền ghi"),
    ],
)
def test_a_write_failing_half_way_is_plain_and_leaves_nothing(cli, tmp_path, monkeypatch, error, key, words):
    unit = _unit(cli, tmp_path)
    stick = tmp_path / "usb"
    stick.mkdir()
    real_replace = container.os.replace

    def failing(src, dst):  # the data is written, then the stick goes
        if str(dst).endswith(".ttdn"):
            raise error
        return real_replace(src, dst)

    monkeypatch.setattr(container.os, "replace", failing)
    result = cli("export", "--to", str(stick), "--json", data=unit)
    assert result.code == 1 and result.json["error"]["key"] == key
    assert words in result.json["error"]["message"] and "Traceback" not in result.err
    assert list(stick.iterdir()) == []
    monkeypatch.setattr(container.os, "replace", real_replace)
    assert _sent(unit) == 0


def test_a_file_locked_by_another_program_on_windows():
    locked = PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another process")
    locked.winerror = 32  # ERROR_SHARING_VIOLATION, as Windows reports it
    error = plain_write_error(locked, Path("E:/TTDN-31786-data-20240930-0001.ttdn"))
    assert error.key == "file.locked"
    assert "chương trình khác" in error.message("vi") and "TTDN-31786" in error.message("vi")
    write_protected = OSError(errno.EACCES, "The media is write protected")
    write_protected.winerror = 19
    assert plain_write_error(write_protected, Path("E:/x")).key == "file.read_only"
    gone = OSError(errno.ENOENT, "The device is not ready")
    gone.winerror = 21
    assert plain_write_error(gone, Path("E:/x")).key == "file.device_gone"


def test_delivery_read_back_from_a_pulled_stick(tmp_path, monkeypatch):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    source = outbox / "TTDN-31786-data-20240930-0001.ttdn"
    source.write_bytes(b"package")
    real = delivery.file_sha256

    def pulled(path):
        if "usb" in str(path):
            raise OSError(errno.EIO, "Input/output error")
        return real(path)

    monkeypatch.setattr(delivery, "file_sha256", pulled)
    with pytest.raises(TtdnError) as caught:
        deliver([source], tmp_path / "usb")
    assert caught.value.key == "file.device_gone"
    assert list((tmp_path / "usb").iterdir()) == []
