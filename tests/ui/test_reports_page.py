"""The reports page: documents produced on the worker (never blocking the window), opened
on request, errors and Cancel shown inline; the period chooser; the dashboard's charts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.errors import TtdnError
from desktop_app.core.operations.demo import generate
from desktop_app.core.operations.installation import initialise
from desktop_app.core.workspace import Workspace
from desktop_app.ui.dashboard import PeriodChooser
from desktop_app.ui.pages import reports_page
from desktop_app.ui.pages.reports_page import ReportsPage
from desktop_app.ui.workers import wait_for_workers


@pytest.fixture
def province(empty_workspace: Workspace) -> Workspace:
    initialise(empty_workspace, "aggregator", "STTTT", "Trần Văn Sở")
    generate(empty_workspace, 300, seed=2)
    yield empty_workspace
    assert wait_for_workers(60_000)


@pytest.fixture
def page(qtbot, province: Workspace) -> ReportsPage:
    page = ReportsPage(province)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.dashboard.busy and page.dashboard.data is not None, timeout=30_000)
    return page


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url.toLocalFile()) or True))
    return urls


def _save_as(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_a_periodic_report_is_produced_through_the_worker_and_opened(qtbot, page, tmp_path, monkeypatch, opened):
    page.period.set_label("2024-Q3")
    target = tmp_path / "bao-cao-quy-3.pdf"
    _save_as(monkeypatch, target)
    with qtbot.waitSignal(page.produced, timeout=60_000) as produced:
        qtbot.mouseClick(page.buttons["periodic-pdf"], Qt.MouseButton.LeftButton)
        assert page.busy and not page.buttons["xlsx"].isEnabled()  # the window stays live meanwhile
    assert produced.args == [target]
    qtbot.waitUntil(lambda: not page.busy)
    assert page.buttons["xlsx"].isEnabled()
    text = "".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "BÁO CÁO" in text
    assert target.name in page.result.text() and page.open_button.isVisible()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(target), str(tmp_path)]


def test_the_workbook_and_bundle_for_one_unit_and_the_attendance_sheet(qtbot, page, tmp_path, monkeypatch):
    page.unit.set_current_value(page.unit.itemData(page.unit.findText("Xã Hòa Đông, Thị xã Vĩnh Châu")))
    assert page.unit_id() is not None
    for kind, name in (("xlsx", "so-lieu"), ("bundle", "goi")):
        _save_as(monkeypatch, tmp_path / name)
        with qtbot.waitSignal(page.produced, timeout=60_000) as produced:
            page.produce(kind)
        qtbot.waitUntil(lambda: not page.busy)
        assert produced.args[0].exists()
    assert {p.name for p in tmp_path.iterdir()} >= {"so-lieu.xlsx", "goi.zip"}

    page.unit.set_current_value(None)
    qtbot.waitUntil(lambda: page.event_choice.count() > 0, timeout=30_000)
    _save_as(monkeypatch, tmp_path / "dai-bieu.pdf")
    with qtbot.waitSignal(page.produced, timeout=60_000):
        qtbot.mouseClick(page.buttons["attendance"], Qt.MouseButton.LeftButton)
    assert "DANH SÁCH" in PdfReader(str(tmp_path / "dai-bieu.pdf")).pages[0].extract_text().upper()


def test_errors_and_cancel_are_shown_inline(qtbot, page, tmp_path, monkeypatch, message_boxes):
    _save_as(monkeypatch, tmp_path / "so-lieu.txt")  # the workbook must be .xlsx
    page.produce("xlsx")
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert ".xlsx" in page.result.text() and not page.open_button.isVisible()

    def slow(*args, cancelled, progress, **kwargs):
        while not cancelled():
            pass
        raise TtdnError("operation.cancelled")

    monkeypatch.setattr(reports_page, "generate_report", slow)
    _save_as(monkeypatch, tmp_path / "bao-cao.pdf")
    page.produce("periodic-pdf")
    page.job.cancel()
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert page.result.text() == "Cancelled."
    assert message_boxes == []  # nothing modal

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    page.produce("periodic-pdf")  # the user closed the dialog: nothing happens
    assert not page.busy


def test_the_period_chooser_speaks_the_cores_labels(qtbot):
    chooser = PeriodChooser(2024)
    qtbot.addWidget(chooser)
    assert chooser.label() == "2024"
    for label in ("2024-H2", "2024-Q3", "2024-07", "2024-03-01..2024-05-31", "2025"):
        chooser.set_label(label)
        assert chooser.label() == label and chooser.period().label == label
    chooser.set_label("2024-03-01..2024-05-31")
    chooser.end.set_value(date(2024, 1, 1))
    with pytest.raises(TtdnError):
        chooser.period()


def test_a_reversed_range_is_explained_on_the_page(qtbot, page):
    page.period.set_label("2024-03-01..2024-05-31")
    page.period.end.set_value(date(2024, 1, 1))
    page.refresh()
    assert "2024" in page.result.text() and page.result.isVisible()


def test_the_dashboard_draws_the_reports_charts(qtbot, page, qtmodeltester):
    dashboard = page.dashboard
    figures = dashboard.data.figures
    assert set(dashboard.chart_widgets) >= {"products", "themes", "languages"}
    assert all(w.renderer().isValid() for w in dashboard.chart_widgets.values())
    qtmodeltester.check(dashboard.tasks)
    codes = [dashboard.tasks.key(r) for r in range(dashboard.tasks.rowCount())]
    assert codes[: len(figures.by_task)] == [t.code for t in figures.by_task]
    assert "160" in dashboard.delegates_bar.format()
    # drafts and returned records are shown apart, labelled, and not in the totals
    assert figures.drafts > 0 and f"{figures.drafts}" in dashboard.summary.text().splitlines()[-1]
    assert "Not counted" in dashboard.summary.text() or "Không tính" in dashboard.summary.text()
    # what the signed report lacks is listed before it is produced
    qtbot.waitUntil(lambda: page.missing.isVisible(), timeout=30_000)
    assert "II.1" in page.missing.text() and "II.2" in page.missing.text()
    with qtbot.waitSignal(dashboard.loaded, timeout=30_000):
        page.period.set_label("2024-Q1")
    assert dashboard.data.figures.scope.period.label == "2024-Q1"
