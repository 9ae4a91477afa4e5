"""Importing an existing activity register ("sổ theo dõi") into activities.

The file is read and every row checked on the database worker, as an import would do it:
the table shows what each row becomes (added, already recorded, repeated in the file, or
not importable and why), shaded by outcome. Cells can be corrected in place and rows left
out; "Check again" re-checks, "Import" stores the rows that are right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import TtdnError
from desktop_app.core.operations.office_input import (
    RegisterForImport,
    check_register_rows,
    import_register_rows,
    preview_register,
)
from desktop_app.core.services.participants import ImportResult
from desktop_app.core.workspace import Workspace
from desktop_app.ui.participants_model import ERROR_BACKGROUND, WARNING_BACKGROUND
from desktop_app.ui.workers import run_in_background

FILE_FILTER = "Excel, Word, CSV (*.xlsx *.xlsm *.docx *.csv)"
# Editable activity fields, in the order shown; lists are typed comma-separated.
COLUMNS = ("date", "title", "product_type", "minutes", "times_aired", "channels", "languages", "themes")
LISTS = {"channels", "languages", "themes"}
INCLUDE, ROW, OUTCOME = 0, 1, 2
FIRST = 3


class RegisterImportDialog(QDialog):
    """``imported`` counts the activities added."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *, lang: str = "vi") -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._lang = lang
        self._path: Path | None = None
        self._loaded: RegisterForImport | None = None
        self.busy = False
        self.imported = 0
        self.last_result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import an activity register"))
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("File:")))
        top.addWidget(self.path_edit, 1)
        top.addWidget(self.choose_button)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.info = QLabel()
        self.info.setWordWrap(True)
        labels = {
            "date": self.tr("Date"), "title": self.tr("Title"), "product_type": self.tr("Type"),
            "minutes": self.tr("Minutes"), "times_aired": self.tr("Times aired"), "channels": self.tr("Channels"),
            "languages": self.tr("Languages"), "themes": self.tr("Themes"),
        }
        self.table = QTableWidget(0, FIRST + len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Import"), self.tr("Row"), self.tr("Outcome"), *(labels[c] for c in COLUMNS)])
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._edited)
        self.buttons = QDialogButtonBox()
        self.check_button = self.buttons.addButton(self.tr("Check again"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.check_button.clicked.connect(self.check_again)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(lambda: self.accept() if self.imported else self.reject())
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 640)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the activity register"), "", FILE_FILTER)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> None:
        self._path = path
        self.path_edit.setText(str(path))
        self._run(preview_register, self._workspace, path, done=self._show)

    def _run(self, fn, *args: Any, done, read_only: bool = True) -> None:
        self.busy = True
        self.error.clear()
        job = run_in_background(fn, *args, parent=self, read_only=read_only)
        job.finished.connect(done)
        job.failed.connect(self._failed)

    def _failed(self, error: object) -> None:
        self.busy = False
        self.error.setText(error.message(self._lang) if isinstance(error, TtdnError) else str(error))

    def _show(self, loaded: RegisterForImport) -> None:
        self._loaded = loaded
        layout = loaded.preview.layout
        first, last = layout.header
        data = layout.data_range
        self.info.setText(
            self.tr("Sheet “{sheet}”: header in rows {first}–{last}; items in rows {range}.").format(
                sheet=layout.grid.name, first=first + 1, last=last + 1, range=f"{data[0]}–{data[1]}" if data else "–"
            )
        )
        self.table.blockSignals(True)
        self.table.setRowCount(len(loaded.preview.rows))
        for r, row in enumerate(loaded.preview.rows):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(Qt.CheckState.Unchecked if row.excluded else Qt.CheckState.Checked)
            self.table.setItem(r, INCLUDE, check)
            for column, text in ((ROW, str(row.row)), (OUTCOME, "")):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, column, item)
            for c, name in enumerate(COLUMNS, start=FIRST):
                value = row.values.get(name)
                text = ", ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self._outcomes(loaded.check)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 320))

    def _outcomes(self, result: ImportResult) -> None:
        self.busy = False
        words = {"added": self.tr("to add"), "duplicate": self.tr("already recorded"), "duplicate_in_file": self.tr("repeated in the file"),
                 "rejected": self.tr("cannot be imported"), "excluded": self.tr("left out")}
        by_row = {o.row: o for o in result.outcomes}
        self.table.blockSignals(True)
        for r, row in enumerate(self._loaded.preview.rows):
            outcome = by_row.get(row.row)
            if outcome is None:
                continue
            reasons = " ".join(i.message(self._lang) for i in outcome.issues)
            item = self.table.item(r, OUTCOME)
            item.setText(words[outcome.status] + (": " + reasons if reasons else ""))
            item.setToolTip(reasons)
            colour = ERROR_BACKGROUND if outcome.status == "rejected" else WARNING_BACKGROUND if outcome.status != "added" or outcome.issues else None
            for c in range(self.table.columnCount()):
                cell = self.table.item(r, c)
                if cell is not None:
                    cell.setBackground(colour if colour is not None and outcome.status != "excluded" else Qt.GlobalColor.transparent)
        self.table.blockSignals(False)
        added = result.count("added")
        self.info.setText(self.info.text().split(" — ")[0] + " — " + self.tr("{added} to add, {same} already recorded or repeated, {rejected} cannot be imported.").format(
            added=added, same=result.count("duplicate") + result.count("duplicate_in_file"), rejected=result.count("rejected")))
        self.import_button.setEnabled(added > 0)
        self.check_button.setEnabled(True)

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._loaded is None:
            return
        row = self._loaded.preview.rows[item.row()]
        if item.column() == INCLUDE:
            row.excluded = item.checkState() != Qt.CheckState.Checked
            return
        if item.column() < FIRST:
            return
        name = COLUMNS[item.column() - FIRST]
        text = item.text().strip()
        row.values[name] = [p.strip() for p in text.split(",") if p.strip()] if name in LISTS else (text or None)
        row.issues = [i for i in row.issues if i.field != row.label + name]

    def check_again(self) -> None:
        if self._loaded is not None:
            self._run(check_register_rows, self._workspace, self._loaded.preview.rows, done=self._outcomes)

    def run_import(self) -> None:
        if self._loaded is None:
            return
        self.import_button.setEnabled(False)
        self._run(import_register_rows, self._workspace, self._loaded.preview.rows, done=self._imported, read_only=False)

    def _imported(self, result: ImportResult) -> None:
        self.last_result = result
        self.imported += result.added
        self._outcomes(result)
        self.import_button.setEnabled(False)  # the same rows again would only be "already recorded"
        self.info.setText(self.tr("Added {count} activities.").format(count=result.added) + " " + self.info.text().split(" — ")[-1])
