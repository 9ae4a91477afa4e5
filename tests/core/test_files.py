"""The one atomic-write helper: a failed write leaves the old file and no temporary file."""

from __future__ import annotations

import os

import pytest

from desktop_app.core.files import atomic_path, atomic_writer, move_into_place, staged_file, write_bytes_atomic


def test_a_write_replaces_the_file_and_leaves_nothing_beside_it(tmp_path):
    target = tmp_path / "origin.json"
    target.write_bytes(b"old")
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["origin.json"]


@pytest.mark.parametrize("helper", ["writer", "path"])
def test_a_failed_write_keeps_the_old_file(tmp_path, helper):
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"old report")
    with pytest.raises(RuntimeError):
        if helper == "writer":
            with atomic_writer(target) as handle:
                handle.write(b"half a rep")
                raise RuntimeError("power cut")
        else:
            with atomic_path(target) as tmp:
                tmp.write_bytes(b"half a rep")
                raise RuntimeError("power cut")
    assert target.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.pdf"]


def test_written_files_get_ordinary_permissions(tmp_path):
    if os.name == "nt":
        pytest.skip("POSIX modes")
    umask = os.umask(0o022)
    try:
        with atomic_writer(tmp_path / "package.ttdn") as handle:
            handle.write(b"zip")
    finally:
        os.umask(umask)
    assert (tmp_path / "package.ttdn").stat().st_mode & 0o777 == 0o644


def test_a_staged_file_keeps_an_existing_content_addressed_copy(tmp_path):
    target = tmp_path / "ab" / "abcdef"
    target.parent.mkdir()
    target.write_bytes(b"same bytes")
    with staged_file(tmp_path) as (handle, tmp):
        handle.write(b"same bytes")
    assert tmp.exists()
    move_into_place(tmp, target, keep_existing=True)
    assert not tmp.exists() and target.read_bytes() == b"same bytes"
