"""Background jobs: results and errors come back as signals in the GUI thread; the
progress window appears only for slow work; Cancel reaches the core function."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from desktop_app.core.errors import TtdnError
from desktop_app.ui import workers
from desktop_app.ui.workers import Job, database_pool, quietly, run_in_background, run_with_progress, wait_for_workers


@pytest.fixture(autouse=True)
def _drain():
    yield
    assert wait_for_workers(10_000)


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_result_arrives_in_the_gui_thread_with_progress(qtbot, parent):
    seen: dict[str, object] = {}

    def work(a, b, *, scale, progress, cancelled):
        seen["worker"] = QThread.currentThread()
        for step in range(3):
            progress(step + 1, 3)
        return (a + b) * scale

    job = run_with_progress(parent, "Adding", work, 1, 2, scale=10)
    steps = []
    job.progress.connect(lambda done, total: steps.append((done, total)))
    job.finished.connect(lambda result: seen.update(slot=QThread.currentThread()))
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [30]
    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert seen["worker"] is not QApplication.instance().thread()
    assert seen["slot"] is QApplication.instance().thread()
    assert job.progress_window.dialog is None  # quick work: no window flashes up


def test_a_core_error_comes_back_as_failed(qtbot, parent):
    def work(*, progress, cancelled):
        raise TtdnError("export.personal_needs_key")

    job = run_with_progress(parent, "Exporting", work)
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], TtdnError) and blocker.args[0].key == "export.personal_needs_key"


def test_an_unexpected_exception_comes_back_as_failed(qtbot, parent):
    job = run_in_background(lambda: 1 / 0, parent=parent)
    ended = []
    job.ended.connect(lambda: ended.append(True))
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], ZeroDivisionError)
    qtbot.waitUntil(lambda: ended == [True])


def test_slow_work_shows_a_progress_window_whose_cancel_stops_it(qtbot, parent):
    release = threading.Event()

    def work(*, progress, cancelled):
        progress(1, 4)
        deadline = time.monotonic() + 10
        while not cancelled() and time.monotonic() < deadline:
            release.wait(0.01)
        raise TtdnError("operation.cancelled")

    job = run_with_progress(parent, "Slow work", work)
    qtbot.waitUntil(lambda: job.progress_window.dialog is not None, timeout=5000)
    dialog = job.progress_window.dialog
    assert dialog.isVisible() and dialog.labelText() == "Slow work"
    qtbot.waitUntil(lambda: dialog.maximum() == 4 and dialog.value() == 1)
    [cancel] = dialog.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert blocker.args[0].key == "operation.cancelled"
    assert job.progress_window.dialog is None


def test_job_cancel_sets_the_token(qtbot, parent):
    started = threading.Event()

    def work(*, progress, cancelled):
        started.set()
        deadline = time.monotonic() + 10
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.005)
        if cancelled():
            raise TtdnError("operation.cancelled")
        return "not cancelled"

    job = run_with_progress(parent, "Work", work, cancellable=True)
    assert started.wait(5)
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        job.cancel()
    assert blocker.args[0].key == "operation.cancelled"


def test_database_jobs_run_one_at_a_time_on_one_thread(qtbot):
    assert database_pool().maxThreadCount() == 1
    log: list[tuple[str, object]] = []

    def work(name):
        log.append((f"{name} start", QThread.currentThread()))
        time.sleep(0.05)
        log.append((f"{name} end", QThread.currentThread()))
        return name

    first, second = run_in_background(work, "a"), run_in_background(work, "b")
    with qtbot.waitSignals([first.finished, second.finished], timeout=5000):
        pass
    assert [name for name, _ in log] == ["a start", "a end", "b start", "b end"]
    assert len({id(thread) for _, thread in log}) == 1


def test_a_job_does_not_outlive_its_run(qtbot, parent):
    job = Job(lambda: 42, parent=parent).start()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: job not in workers._running)


def test_work_that_cannot_be_cancelled_shows_no_cancel_button(qtbot, parent):
    gate = threading.Event()
    job = run_with_progress(parent, "Saving", quietly(lambda: gate.wait(10) and "saved"), cancellable=False)
    qtbot.waitUntil(lambda: job.progress_window.dialog is not None, timeout=5000)
    assert job.progress_window.dialog.findChildren(QPushButton) == []
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        gate.set()
    assert blocker.args == ["saved"]


def test_closing_waits_for_writes_but_not_for_a_read_in_progress(qtbot, parent, monkeypatch):
    """A dashboard's slow read started at launch must not keep the program open: closing
    skips reads not started, leaves the running one behind, and still lets writes finish."""
    monkeypatch.setattr(workers, "_abandoned", False)
    release, reading = threading.Event(), threading.Event()
    ran: list[str] = []

    def slow_read():
        reading.set()
        release.wait(30)
        ran.append("slow read")

    write_job = run_in_background(lambda: ran.append("write"), parent=parent)
    read_job = run_in_background(slow_read, parent=parent, read_only=True)
    run_in_background(lambda: ran.append("queued read"), parent=parent, read_only=True)
    assert write_job.running and read_job.running
    assert reading.wait(10)

    assert workers.shutdown_workers(10_000) is False  # returned while the read still runs
    assert not release.is_set() and workers.abandoned_work()
    assert ran == ["write"]
    release.set()
    assert wait_for_workers(10_000)
    assert ran == ["write", "slow read"]  # the queued read was skipped
    monkeypatch.setattr(workers, "_closing", False)


def test_closing_an_idle_worker_is_immediate_and_reads_run_again_after(qtbot, parent):
    assert workers.shutdown_workers() is True
    job = run_in_background(lambda: 42, parent=parent, read_only=True)
    with qtbot.waitSignal(job.finished, timeout=10_000) as blocker:
        pass
    assert blocker.args == [42]
