"""Reports: what the program already counts for this installation, by period. The official
report documents (PDF, DOCX, XLSX, the ministry bundle) plug in here."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.domain.periods import parse_period
from desktop_app.core.services.plan_view import plan_views
from desktop_app.core.services.stats import compute_stats
from desktop_app.core.workspace import Workspace


class ReportsPage(QWidget):
    """Figures for a period: activities by kind, participants, cost."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.period = QComboBox()
        with workspace.reading() as session:
            years = sorted({v.year for v in plan_views(session)}, reverse=True) or [date.today().year]
        for year in years:
            self.period.addItem(self.tr("Year {year}").format(year=year), f"{year}")
            self.period.addItem(self.tr("First six months {year}").format(year=year), f"{year}-H1")
            self.period.addItem(self.tr("Last six months {year}").format(year=year), f"{year}-H2")
            for q in range(1, 5):
                self.period.addItem(self.tr("Quarter {q}/{year}").format(q=q, year=year), f"{year}-Q{q}")
        self.period.currentIndexChanged.connect(self.refresh)
        self.figures = QFormLayout()
        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(self.tr("Period:"), self.period)
        layout.addLayout(top)
        layout.addLayout(self.figures)
        note = QLabel(self.tr("The official report documents (PDF, Word, Excel) and the ministry bundle are produced from these records."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        while self.figures.rowCount():
            self.figures.removeRow(0)
        number = QLocale()
        with self._workspace.reading() as session:
            stats = compute_stats(session, parse_period(self.period.currentData()))
        activities, participants = stats["activities"], stats["participants"]
        kinds = activities["by_kind"]
        rows = [
            (self.tr("Activities:"), activities["total"]),
            (self.tr("Products made:"), kinds.get("product", 0)),
            (self.tr("Broadcasts and postings:"), kinds.get("broadcast", 0)),
            (self.tr("Events:"), kinds.get("event", 0)),
            (self.tr("Delegates:"), participants["total"]),
            (self.tr("Attachments:"), stats["attachments"]),
        ]
        for label, value in rows:
            self.figures.addRow(label, QLabel(number.toString(value)))
        self.figures.addRow(self.tr("Cost (VND):"), QLabel(number.toString(activities["cost_total"])))
