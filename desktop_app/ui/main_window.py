"""The main window: who this computer records for, and the searchable activity list."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Role
from desktop_app.core.services.activity_list import ActivityFilter
from desktop_app.core.services.units import display_name, find_unit
from desktop_app.core.workspace import Workspace
from desktop_app.ui.activity_model import COL_DATE, COL_KIND, COL_STATUS, COL_TITLE, COL_UNIT, ActivityTableModel

SEARCH_DELAY_MS = 250


class MainWindow(QMainWindow):
    """Shows the installation's unit and role, and its activities, searchable."""

    def __init__(self, workspace: Workspace, data_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        with workspace.reading() as session:
            inst = workspace.require_installation(session)
            unit_name = display_name(session, find_unit(session, inst.unit_id))
            role, officer = inst.role, inst.officer_name

        self.setWindowTitle(self.tr("External information work – {unit}").format(unit=unit_name))
        role_text = self.tr("Provincial department (aggregator)") if role == Role.AGGREGATOR else self.tr("Unit")
        self.unit_label = QLabel(unit_name)
        font = QFont(self.unit_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.unit_label.setFont(font)
        details = self.tr("Role: {role}").format(role=role_text)
        if officer:
            details += " · " + self.tr("Officer: {name}").format(name=officer)
        self.role_label = QLabel(details)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search activities…"))
        self.search.setClearButtonEnabled(True)

        self.model = ActivityTableModel(workspace, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.hide()
        columns = self.table.horizontalHeader()
        columns.setHighlightSections(False)
        metrics = self.fontMetrics()
        columns.resizeSection(COL_DATE, metrics.horizontalAdvance("00/00/0000") + 24)

        def widest(texts: Iterable[str]) -> int:
            return max(metrics.horizontalAdvance(text) for text in texts) + 32

        columns.resizeSection(COL_KIND, widest(self.model.kind_labels.values()))
        columns.resizeSection(COL_UNIT, metrics.averageCharWidth() * 28)
        columns.resizeSection(COL_STATUS, widest(self.model.status_labels.values()))
        columns.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.unit_label)
        layout.addWidget(self.role_label)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)

        self.count_label = QLabel()
        folder = data_dir if data_dir is not None else workspace.data_dir
        self.folder_label = QLabel(self.tr("Data folder: {path}").format(path=folder))
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.folder_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._search_timer.start)

        self.resize(1100, 680)
        self.apply_search()

    def apply_search(self) -> None:
        """Re-query the table with the search box's words (the core ignores case and diacritics)."""
        text = self.search.text().strip()
        self.model.set_filter(ActivityFilter(search=text or None))
        self.count_label.setText(self.tr("%Ln activities", "", self.model.total()))
