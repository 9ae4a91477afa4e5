"""Reports: choose a period (and at the province a unit), produce the official documents
on the database worker with progress and Cancel, open the result; below, the dashboard of
progress against the plan with the report's own charts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Role
from desktop_app.core.domain.periods import Period
from desktop_app.core.errors import TtdnError
from desktop_app.core.operations.installation import describe_installation
from desktop_app.core.operations.overview import unit_choices
from desktop_app.core.operations.reports import events_in, generate_report, report_warnings
from desktop_app.core.services.activity_list import ActivityRow
from desktop_app.core.workspace import Workspace
from desktop_app.ui.activity_model import format_date
from desktop_app.ui.dashboard import debounce_timer, Dashboard, Loader, PeriodChooser, error_text
from desktop_app.ui.pages.units_page import plan_year
from desktop_app.ui.widgets import SearchCombo, ui_language
from desktop_app.ui.workers import Job, call, run_with_progress

RELOAD_DELAY_MS = 300
MAX_EVENTS = 500
SUFFIXES = {"periodic-pdf": ".pdf", "periodic-docx": ".docx", "xlsx": ".xlsx", "bundle": ".zip", "attendance": ".pdf"}
FILE_STEMS = {"periodic-pdf": "bao-cao-ttdn", "periodic-docx": "bao-cao-ttdn", "xlsx": "so-lieu-ttdn", "bundle": "goi-san-pham-so-hoa", "attendance": "danh-sach-dai-bieu"}


def _events(workspace: Workspace, period: Period, unit_id: str | None) -> list[ActivityRow]:
    return events_in(workspace, period, unit_id, MAX_EVENTS)


class ReportsPage(QWidget):
    """The report documents for a period and the dashboard. Nothing here changes the
    records, so ``changed`` is never emitted; ``produced(path)`` follows each document."""

    changed = Signal()
    produced = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        me = call(describe_installation, workspace, keys=False)
        self.role, own = me.role, me.unit_label
        units = [(u.label, u.id) for u in call(unit_choices, workspace)] if self.role == Role.AGGREGATOR else []
        self.job: Job | None = None
        self.last_output: Path | None = None
        self._folder = Path.home()

        self.period = PeriodChooser(plan_year(workspace))
        self.unit = SearchCombo()
        self.unit.set_items([(self.tr("All units"), None), *units] if units else [(own, None)])
        self.unit.setEnabled(bool(units))
        self.rollup = QCheckBox(self.tr("Roll up old units into their 2025 successors"))
        self.rollup.setVisible(self.role == Role.AGGREGATOR)
        self.personal = QCheckBox(self.tr("Include participants' names in the Excel workbook (personal data)"))
        self.personal.setToolTip(self.tr("Only where the names may be shared; otherwise the workbook has counts only."))
        self.event_choice = SearchCombo()
        self.event_choice.setPlaceholderText(self.tr("No event in this period"))
        self.buttons: dict[str, QPushButton] = {}
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open the file"))
        self.folder_button = QPushButton(self.tr("Open the folder"))
        self.open_button.clicked.connect(lambda: self._open(self.last_output))
        self.folder_button.clicked.connect(lambda: self._open(self.last_output.parent if self.last_output else None))
        self.dashboard = Dashboard(workspace)
        # What the signed report lacks (signer, recipients, plan number, allocation, the
        # II.2 conference): shown before it is produced, never written into it.
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #8a6d00;")
        self.missing.setVisible(False)

        self._build()
        self._events_loader = Loader(self)
        self._events_loader.loaded.connect(self._show_events)
        self._checks = Loader(self)
        self._checks.loaded.connect(self._show_missing)
        self._timer = debounce_timer(self, self.refresh, RELOAD_DELAY_MS)
        later = lambda *_: self._timer.start()  # noqa: E731 - not start(msec) with the signal's value
        self.period.changed.connect(later)
        self.unit.currentIndexChanged.connect(later)
        self.rollup.toggled.connect(later)
        self._set_result("")
        self.refresh()

    # --- building --------------------------------------------------------------------------

    def _button(self, kind: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: self.produce(kind))
        self.buttons[kind] = button
        return button

    def _build(self) -> None:
        options = QGroupBox(self.tr("Report"))
        form = QFormLayout(options)
        form.addRow(self.tr("Period:"), self.period)
        form.addRow(self.tr("Unit:"), self.unit)
        form.addRow("", self.rollup)
        form.addRow("", self.personal)

        produce = QGroupBox(self.tr("Produce"))
        grid = QGridLayout(produce)
        grid.addWidget(self._button("periodic-pdf", self.tr("Periodic report (PDF)")), 0, 0)
        grid.addWidget(self._button("periodic-docx", self.tr("Periodic report (Word)")), 0, 1)
        grid.addWidget(self._button("xlsx", self.tr("Excel workbook")), 0, 2)
        grid.addWidget(self._button("bundle", self.tr("Ministry bundle (zip)")), 0, 3)
        attendance = QHBoxLayout()
        attendance.addWidget(QLabel(self.tr("Event:")))
        attendance.addWidget(self.event_choice, 1)
        attendance.addWidget(self._button("attendance", self.tr("Attendance sheet")))
        grid.addLayout(attendance, 1, 0, 1, 4)
        note = QLabel(self.tr("Each document is produced from the records: nothing is typed twice. You choose where to save it."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        grid.addWidget(note, 2, 0, 1, 4)
        grid.addWidget(self.missing, 3, 0, 1, 4)

        result = QFrame()
        result.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(result)
        row.addWidget(self.result, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        self.result_frame = result

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(options)
        column.addWidget(produce)
        column.addWidget(result)
        column.addWidget(self.dashboard)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # --- state -----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.job is not None

    def unit_id(self) -> str | None:
        return self.unit.current_value() if self.role == Role.AGGREGATOR else None

    def refresh(self) -> None:
        """Recount the dashboard and list the period's events (both on the worker)."""
        self._timer.stop()
        try:
            period = self.period.period()
        except TtdnError as exc:
            self._set_result(error_text(exc), error=True)
            return
        self.dashboard.show_for(period, self.unit_id(), self.rollup.isChecked())
        self._events_loader.start(_events, self._workspace, period, self.unit_id())
        self._checks.start(report_warnings, self._workspace, "periodic-pdf", period, unit=self.unit_id())

    def _show_missing(self, warnings: list) -> None:
        lang = ui_language()
        lines = [w.message(lang) for w in warnings]
        self.missing.setText(self.tr("Before the periodic report is signed:") + "\n" + "\n".join(f"• {line}" for line in lines) if lines else "")
        self.missing.setVisible(bool(lines))

    def _show_events(self, rows: list[ActivityRow]) -> None:
        self.event_choice.set_items([(f"{format_date(r.date_from)} – {r.title} ({r.unit_name})", r.id) for r in rows])
        self.buttons["attendance"].setEnabled(bool(rows) and self.job is None)

    def _set_result(self, text: str, error: bool = False, path: Path | None = None) -> None:
        self.result.setText(text)
        self.result.setStyleSheet("color: #b00020;" if error else "")
        self.result_frame.setVisible(bool(text))
        self.open_button.setVisible(path is not None)
        self.folder_button.setVisible(path is not None)

    # --- producing -------------------------------------------------------------------------

    def _ask_path(self, kind: str, label: str) -> Path | None:
        stem = "-".join(filter(None, [FILE_STEMS[kind], label.replace("..", "_")]))
        suggested = self._folder / f"{stem}{SUFFIXES[kind]}"
        filters = {
            ".pdf": self.tr("PDF documents (*.pdf)"),
            ".docx": self.tr("Word documents (*.docx)"),
            ".xlsx": self.tr("Excel workbooks (*.xlsx)"),
            ".zip": self.tr("Zip archives (*.zip)"),
        }
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report as"), str(suggested), filters[SUFFIXES[kind]])
        if not chosen:
            return None
        path = Path(chosen)
        if kind == "bundle" and path.suffix.lower() != ".zip":
            path = path.with_name(path.name + ".zip")
        self._folder = path.parent
        return path

    def produce(self, kind: str) -> None:
        """Ask where to save, then produce the document on the worker with a progress window."""
        if self.job is not None:
            return
        event = self.event_choice.current_value() if kind == "attendance" else None
        if kind == "attendance" and event is None:
            self._set_result(self.tr("Choose an event first."), error=True)
            return
        try:
            period = self.period.period()
        except TtdnError as exc:
            self._set_result(error_text(exc), error=True)
            return
        path = self._ask_path(kind, period.label if kind != "attendance" else "")
        if path is None:
            return
        self._set_result(self.tr("Producing {name}…").format(name=path.name))
        self.job = run_with_progress(
            self,
            self.tr("Producing the report…"),
            generate_report,
            self._workspace,
            kind,
            None if kind == "attendance" else period,
            path,
            unit=self.unit_id(),
            event=event,
            rollup=self.rollup.isChecked(),
            include_personal=self.personal.isChecked(),
        )
        for button in self.buttons.values():
            button.setEnabled(False)
        self.job.finished.connect(self._produced)
        self.job.failed.connect(self._failed)
        self.job.ended.connect(self._ended)

    def _produced(self, path: Path) -> None:
        self.last_output = Path(path)
        self._set_result(self.tr("Saved: {path}").format(path=path), path=self.last_output)
        self.produced.emit(self.last_output)

    def _failed(self, error: object) -> None:
        cancelled = isinstance(error, TtdnError) and error.key == "operation.cancelled"
        self._set_result(self.tr("Cancelled.") if cancelled else error_text(error), error=not cancelled)

    def _ended(self) -> None:
        self.job = None
        for kind, button in self.buttons.items():
            button.setEnabled(kind != "attendance" or self.event_choice.count() > 0)

    def _open(self, path: Path | None) -> None:
        if path is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._set_result(self.tr("It could not be opened automatically: it is in {folder}.").format(folder=path.parent), path=path)
