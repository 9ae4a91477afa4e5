"""Importing an event's participants from an Excel workbook: choose the file (and sheet),
match its columns to the fields, look at the first rows, import.

The core checks every row first: one bad row imports nothing and the dialog lists the rows
to fix ("Dòng 7 – Dân tộc: …"). Text that looks typed in TCVN3 or VNI is imported with a
warning to convert it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import Issue, TtdnError, ValidationFailed
from desktop_app.core.operations.events import import_participants
from desktop_app.core.services.participants import HEADER_ALIASES, SheetPreview, read_sheet
from desktop_app.core.workspace import Workspace
from desktop_app.ui.participants_model import field_labels
from desktop_app.ui.workers import call

PREVIEW_ROWS = 20
EXCEL_FILTER = "Excel (*.xlsx)"
NOT_USED = -1
ERROR_COLOUR = QColor(176, 0, 32)
WARNING_COLOUR = QColor(150, 90, 0)


def column_letter(number: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA" (as Excel names columns)."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names; empty if it cannot be opened (``read_sheet`` says why)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file: read_sheet reports it properly
        return []
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


class ParticipantImportDialog(QDialog):
    """Imports into the event ``event_id``; ``imported`` is how many participants were stored."""

    def __init__(
        self, workspace: Workspace, event_id: str, parent: QWidget | None = None, *, lang: str = "vi"
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._event_id = event_id
        self._lang = lang
        self._path: Path | None = None
        self._preview: SheetPreview | None = None
        self.imported = 0
        self.setWindowTitle(self.tr("Import participants from Excel"))

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No file chosen"))
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.sheet_label = QLabel(self.tr("Sheet:"))
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentIndexChanged.connect(self._sheet_chosen)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("File:")))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.sheet_label)
        file_row.addWidget(self.sheet_combo)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info = QLabel()
        self.info.setWordWrap(True)

        self.mapping_box = QGroupBox(self.tr("Match the columns"))
        grid = QGridLayout(self.mapping_box)
        self.mapping_combos: dict[str, QComboBox] = {}
        for number, (name, label) in enumerate((f, field_labels()[f]) for f in HEADER_ALIASES):
            combo = QComboBox()
            combo.setMinimumContentsLength(18)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping_combos[name] = combo
            row, pair = divmod(number, 3)
            grid.addWidget(QLabel(label + ":"), row, pair * 2)
            grid.addWidget(combo, row, pair * 2 + 1)
            grid.setColumnStretch(pair * 2 + 1, 1)

        self.preview_table = QTableWidget()
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.verticalHeader().hide()
        self.preview_table.horizontalHeader().setStretchLastSection(True)
        self.preview_box = QGroupBox(self.tr("First rows"))
        QVBoxLayout(self.preview_box).addWidget(self.preview_table)

        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        self.report = QListWidget()
        self.report.setWordWrap(True)
        self.report_box = QGroupBox(self.tr("Result"))
        report_layout = QVBoxLayout(self.report_box)
        report_layout.addWidget(self.report_label)
        report_layout.addWidget(self.report)
        self.report_box.hide()

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self._close)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.error)
        layout.addWidget(self.info)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.preview_box, 2)
        layout.addWidget(self.report_box, 1)
        layout.addWidget(self.buttons)
        self._show_sheet(None)
        self.resize(980, 700)

    # --- choosing ------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the participant list"), "", EXCEL_FILTER)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> None:
        """Read ``path``: list its sheets and show the first one's columns and rows."""
        self._path = path
        self.path_edit.setText(str(path))
        self.report_box.hide()
        names = sheet_names(path)
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(names)
        self.sheet_combo.blockSignals(False)
        several = len(names) > 1
        self.sheet_label.setVisible(several)
        self.sheet_combo.setVisible(several)
        self._load(names[0] if names else None)

    def _sheet_chosen(self, _number: int) -> None:
        if self._path is not None:
            self._load(self.sheet_combo.currentText() or None)

    def _load(self, sheet: str | None) -> None:
        """Read the sheet with the guessed column mapping and fill the mapping combos."""
        try:
            preview = read_sheet(self._path, sheet=sheet)
        except TtdnError as exc:
            self._show_sheet(None, exc.message(self._lang))
            return
        for name, combo in self.mapping_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not used)"), NOT_USED)
            for number, header in enumerate(preview.headers):
                combo.addItem(f"{column_letter(number)}: {header}" if header else column_letter(number), number)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(name, NOT_USED))))
            combo.blockSignals(False)
        self._show_sheet(preview)

    def mapping(self) -> dict[str, int]:
        """Field -> column (0-based) as chosen."""
        chosen = {name: combo.currentData() for name, combo in self.mapping_combos.items()}
        return {name: column for name, column in chosen.items() if column is not None and column != NOT_USED}

    def _mapping_changed(self, _number: int) -> None:
        if self._preview is None:
            return
        try:
            preview = read_sheet(self._path, sheet=self._preview.sheet, mapping=self.mapping())
        except TtdnError as exc:
            self._show_sheet(None, exc.message(self._lang))
            return
        self._show_sheet(preview)

    # --- showing -------------------------------------------------------------------------

    def _show_sheet(self, preview: SheetPreview | None, error: str = "") -> None:
        self._preview = preview
        self.error.setText(error)
        self.error.setVisible(bool(error))
        self.mapping_box.setEnabled(preview is not None)
        self.preview_table.clear()
        self.preview_table.setRowCount(0)
        if preview is None:
            self.info.setText("" if self._path else self.tr("Choose an Excel file (.xlsx) with the list of participants."))
            self.import_button.setEnabled(False)
            return
        mapping = self.mapping()
        fields = [f for f in HEADER_ALIASES if f in mapping]
        labels = field_labels()
        self.preview_table.setColumnCount(len(fields) + 1)
        self.preview_table.setHorizontalHeaderLabels([self.tr("Row"), *(labels[f] for f in fields)])
        shown = preview.rows[:PREVIEW_ROWS]
        self.preview_table.setRowCount(len(shown))
        for r, (sheet_row, values) in enumerate(shown):
            self.preview_table.setItem(r, 0, QTableWidgetItem(str(sheet_row)))
            for c, name in enumerate(fields, start=1):
                value = values.get(name)
                self.preview_table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        self.preview_table.resizeColumnsToContents()
        self.preview_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        info = self.tr("Sheet “{sheet}”: header in row {row}, {count} participant rows below it.").format(
            sheet=preview.sheet, row=preview.header_row, count=len(preview.rows)
        )
        if "name" not in mapping:
            info += " " + self.tr("Choose the column holding the full name.")
        self.info.setText(info)
        self.import_button.setEnabled("name" in mapping and bool(preview.rows))

    def _show_report(self, headline: str, issues: list[Issue]) -> None:
        self.report_label.setText(headline)
        self.report.clear()
        for issue in sorted(issues, key=lambda i: i.severity != "error"):
            item = QListWidgetItem(issue.message(self._lang))
            item.setForeground(ERROR_COLOUR if issue.severity == "error" else WARNING_COLOUR)
            self.report.addItem(item)
        self.report.setVisible(bool(issues))
        self.report_box.show()

    # --- importing -----------------------------------------------------------------------

    def run_import(self) -> None:
        """Import every row, or none: on an error the rows to fix are listed."""
        if self._preview is None or self._path is None:
            return
        try:
            done = call(
                import_participants, self._workspace, self._event_id, self._path, sheet=self._preview.sheet, mapping=self.mapping()
            )
            count, warnings = done.count, done.warnings
        except ValidationFailed as exc:
            errors = [i for i in exc.issues if i.severity == "error"]
            self._show_report(
                self.tr("Nothing was imported: {count} problems. Fix these rows in the file, then import again.").format(
                    count=len(errors)
                ),
                exc.issues,
            )
            return
        except TtdnError as exc:
            self.error.setText(exc.message(self._lang))
            self.error.show()
            return
        self.imported += count
        headline = self.tr("Imported {count} participants.").format(count=count)
        if warnings:
            headline += " " + self.tr("Please check these notes:")
        self._show_report(headline, warnings)
        self.import_button.setEnabled(False)  # importing the same file twice would double the list

    def _close(self) -> None:
        if self.imported:
            self.accept()
        else:
            self.reject()
