"""One program per data folder; a lock left by a crash is recovered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from desktop_app.core.instance_lock import InstanceLock, InstanceLocked, read_holder

HOLD = """
import sys
from pathlib import Path
from desktop_app.core.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]), program="test").acquire()
print("locked", flush=True)
sys.stdin.readline()
lock.release()
"""


def _holder(folder):
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    return process


def test_two_starts_on_one_folder_do_not_both_open_it(tmp_path):
    process = _holder(tmp_path)
    try:
        with pytest.raises(InstanceLocked) as info:
            InstanceLock(tmp_path).acquire()
        assert info.value.holder.pid == process.pid
        message = info.value.message("vi")
        assert "đang mở" in message and str(process.pid) in message
    finally:
        process.stdin.close()
        process.wait()
    with InstanceLock(tmp_path) as lock:  # closed normally: free again
        assert lock.held and not lock.recovered


def test_a_lock_left_by_a_crash_is_recovered(tmp_path):
    process = _holder(tmp_path)
    os.kill(process.pid, signal.SIGKILL)  # the program dies without cleaning up
    process.wait()
    assert read_holder(tmp_path).pid == process.pid  # the file is still there
    lock = InstanceLock(tmp_path).acquire()
    try:
        assert lock.recovered
        assert read_holder(tmp_path).pid == os.getpid()
    finally:
        lock.release()


def test_a_second_lock_in_the_same_process_is_refused(tmp_path):
    with InstanceLock(tmp_path):
        with pytest.raises(InstanceLocked):
            InstanceLock(tmp_path).acquire()
    InstanceLock(tmp_path).acquire().release()
