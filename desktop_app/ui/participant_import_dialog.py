"""Importing an event's participants from an office list (Excel, Word, CSV).

The file is read on the database worker and shown as an editable preview: which rows
were taken as the header, the data range and where it stopped (totals, signatures), the
column mapping (with the conventions found: gender from the birth-year column, x marks,
the split "Chức vụ, đơn vị" column), and every person with the problems of the row in
Vietnamese. The officer corrects cells in place, unchecks rows to leave out, fixes the
header rows, the last data row or the mapping, confirms converting TCVN3/VNI text, and
chooses — when the event already has people — to add only the new ones (the default),
replace the list, or add all. The mapping is remembered per sheet layout (QSettings).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
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
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.text import fold
from desktop_app.core.errors import Issue, TtdnError
from desktop_app.core.operations.office_input import ListForImport, import_participant_rows, preview_participant_list
from desktop_app.core.services.participants import ImportResult
from desktop_app.core.tabular.template import write_participant_template
from desktop_app.core.workspace import Workspace
from desktop_app.ui.participant_preview_model import ParticipantPreviewModel
from desktop_app.ui.participants_model import field_labels
from desktop_app.ui.widgets import one_above_the_other, remember_size
from desktop_app.ui.workers import run_in_background

FILE_FILTER = "Excel, Word, CSV (*.xlsx *.xlsm *.docx *.csv)"
NOT_USED = -1
ERROR_COLOUR = QColor(176, 0, 32)
WARNING_COLOUR = QColor(150, 90, 0)
SETTINGS_GROUP = "participant_import/mapping"
MAPPING_PAIRS_PER_ROW = 3  # label + list pairs: four need ~1190 px, more than 1366×768 at 125 % gives
# Columns the officer can map, in the order shown.
MAPPED = ("name", "gender", "birth", "birth_male", "birth_female", "mark_male", "mark_female", "ethnicity", "position",
          "organization", "position_org", "category", "phone", "note", "unit", "stt")


def column_letter(number: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA" (as Excel names columns)."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def layout_signature(labels: list[str]) -> str:
    """A key of a sheet layout: its folded header labels (the same form, another file)."""
    return hashlib.sha1("|".join(fold(label) for label in labels).encode("utf-8")).hexdigest()[:16]


class ParticipantImportDialog(QDialog):
    """Imports into the event ``event_id``; ``imported`` is how many participants were added."""

    def __init__(self, workspace: Workspace, event_id: str, parent: QWidget | None = None, *, lang: str = "vi") -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._event_id = event_id
        self._lang = lang
        self._path: Path | None = None
        self._loaded: ListForImport | None = None
        self._loading = False
        self._applied_memory: set[str] = set()
        self.imported = 0
        self.last_result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import participants from a list"))

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No file chosen"))
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(self.tr("Download list template"))
        self.template_button.clicked.connect(self.save_template)
        self.sheet_label = QLabel(self.tr("Sheet:"))
        self.sheet_combo = QComboBox()
        self.sheet_combo.activated.connect(lambda _n: self.reload(sheet=self.sheet_combo.currentText()))
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("File:")))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.sheet_label)
        file_row.addWidget(self.sheet_combo)
        file_row.addWidget(self.template_button)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        # Where the table is: header rows and the last data row, as found or corrected.
        self.table_box = QGroupBox(self.tr("Table in the sheet"))
        self.header_first = QSpinBox()
        self.header_last = QSpinBox()
        self.last_row = QSpinBox()
        for spin in (self.header_first, self.header_last, self.last_row):
            spin.setRange(1, 100000)
        self.reread_button = QPushButton(self.tr("Read again with these rows"))
        self.reread_button.clicked.connect(self._reread)
        self.legacy_check = QCheckBox(self.tr("Convert text typed in TCVN3/VNI to Unicode"))
        self.legacy_check.toggled.connect(lambda _on: self.reload())
        table_rows = QVBoxLayout(self.table_box)
        table_row = QHBoxLayout()
        table_row.addWidget(QLabel(self.tr("Header rows:")))
        table_row.addWidget(self.header_first)
        table_row.addWidget(QLabel("–"))
        table_row.addWidget(self.header_last)
        table_row.addWidget(QLabel(self.tr("Last data row:")))
        table_row.addWidget(self.last_row)
        table_row.addWidget(self.reread_button)
        table_row.addStretch(1)
        table_rows.addLayout(table_row)
        table_rows.addWidget(self.legacy_check)  # its own line: the row above stays narrow

        self.mapping_box = QGroupBox(self.tr("Match the columns"))
        grid = QGridLayout(self.mapping_box)
        self.mapping_combos: dict[str, QComboBox] = {}
        labels = self._column_labels()
        for number, name in enumerate(MAPPED):
            combo = QComboBox()
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.activated.connect(self._mapping_changed)
            self.mapping_combos[name] = combo
            row, pair = divmod(number, MAPPING_PAIRS_PER_ROW)
            grid.addWidget(QLabel(labels[name] + ":"), row, pair * 2)
            grid.addWidget(combo, row, pair * 2 + 1)
            grid.setColumnStretch(pair * 2 + 1, 1)

        self.model = ParticipantPreviewModel(lang=lang, parent=self)
        self.model.dataChanged.connect(lambda *_: self._summarise())
        self.preview = QTableView()
        self.preview.setModel(self.model)
        self.preview.setSortingEnabled(True)
        self.preview.horizontalHeader().setSortIndicatorShown(False)
        self.preview.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.preview.verticalHeader().hide()
        self.preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview_box = QGroupBox(self.tr("People in the file (double-click a cell to correct it; uncheck a row to leave it out)"))
        QVBoxLayout(self.preview_box).addWidget(self.preview)

        self.mode_box = QGroupBox(self.tr("The event already has participants"))
        self.existing_label = QLabel()
        self.existing_label.setWordWrap(True)
        self.mode_merge = QRadioButton(self.tr("Add only people not yet on the list (safe)"))
        self.mode_replace = QRadioButton(self.tr("Replace the list with this file"))
        self.mode_append = QRadioButton(self.tr("Add everyone in the file"))
        self.modes = QButtonGroup(self)
        for button, mode in ((self.mode_merge, "merge"), (self.mode_replace, "replace"), (self.mode_append, "append")):
            button.setProperty("mode", mode)
            self.modes.addButton(button)
        self.mode_merge.setChecked(True)
        mode_layout = QVBoxLayout(self.mode_box)
        mode_layout.addWidget(self.existing_label)
        for button in (self.mode_merge, self.mode_replace, self.mode_append):
            mode_layout.addWidget(button)
        self.mode_box.hide()

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

        # How to read the file and what to do with it scroll on a small screen (1366×768 at
        # 125 % leaves ~576 px); a splitter lets the officer give the people more room.
        settings = QWidget()
        settings_layout = QVBoxLayout(settings)
        settings_layout.setContentsMargins(0, 0, 0, 0)
        for box in (self.table_box, self.mapping_box, self.mode_box):
            settings_layout.addWidget(box)
        settings_layout.addStretch(1)
        self.settings_scroll = QScrollArea()
        self.settings_scroll.setWidget(settings)
        self.settings_scroll.setWidgetResizable(True)
        self.settings_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.settings_scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.settings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # only up and down
        self.settings_scroll.setMinimumWidth(
            settings.minimumSizeHint().width() + self.settings_scroll.verticalScrollBar().sizeHint().width()
        )
        splitter = one_above_the_other(self.settings_scroll, self.preview_box, 2, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.error)
        layout.addWidget(self.info)
        layout.addWidget(splitter, 3)
        layout.addWidget(self.report_box, 1)
        layout.addWidget(self.buttons)
        self._show(None)
        remember_size(self, "participant_import", QSize(1100, 720))  # clamped to a 1366×768 screen

    def _column_labels(self) -> dict[str, str]:
        labels = field_labels()
        return {
            **labels,
            "birth": labels["birth_year"],
            "birth_male": self.tr("Birth year, men"),
            "birth_female": self.tr("Birth year, women"),
            "mark_male": self.tr("Mark “Male”"),
            "mark_female": self.tr("Mark “Female”"),
            "position_org": self.tr("Position, workplace"),
            "note": self.tr("Note"),
            "stt": self.tr("No."),
        }

    # --- choosing -----------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the participant list"), "", FILE_FILTER)
        if path:
            self.open_file(Path(path))

    def save_template(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the list template"), "mau-danh-sach-dai-bieu.xlsx", "Excel (*.xlsx)")
        if not path:
            return None
        try:
            written = write_participant_template(Path(path))
        except OSError as exc:
            self._show_error(TtdnError("file.unreadable", path=path, detail=str(exc)).message(self._lang))
            return None
        self.info.setText(self.tr("Template saved: {path}. Fill it in and choose it here.").format(path=written))
        return written

    def open_file(self, path: Path) -> None:
        """Read ``path`` (on the worker) and show it; the mapping remembered for its layout applies."""
        self._path = path
        self.path_edit.setText(str(path))
        self.report_box.hide()
        self.legacy_check.blockSignals(True)
        self.legacy_check.setChecked(False)
        self.legacy_check.blockSignals(False)
        self.reload()

    def corrections(self, **changes: Any) -> dict[str, Any]:
        """What the officer set: the sheet, legacy conversion, and (when given) rows and mapping."""
        values: dict[str, Any] = {"convert_legacy": self.legacy_check.isChecked()}
        if self._loaded is not None:
            values["sheet"] = self._loaded.preview.sheet
        values.update(changes)
        return values

    def reload(self, **changes: Any) -> None:
        if self._path is None:
            return
        self._loading = True
        job = run_in_background(
            preview_participant_list, self._workspace, self._event_id, self._path, parent=self, read_only=True,
            **self.corrections(**changes),
        )
        job.finished.connect(self._show)
        job.failed.connect(self._failed)

    def _reread(self) -> None:
        first, last = self.header_first.value(), self.header_last.value()
        self.reload(header=(min(first, last), max(first, last)), last_row=self.last_row.value(), mapping=self.mapping() or None)

    def mapping(self) -> dict[str, int]:
        chosen = {name: combo.currentData() for name, combo in self.mapping_combos.items()}
        return {name: column for name, column in chosen.items() if column is not None and column != NOT_USED}

    def _mapping_changed(self, _number: int) -> None:
        if self._loaded is None:
            return
        mapping = self.mapping()
        header = self._loaded.preview.layout.header
        QSettings().setValue(f"{SETTINGS_GROUP}/{layout_signature(self._loaded.preview.layout.labels)}", json.dumps(mapping))
        self.reload(mapping=mapping, header=(header[0] + 1, header[1] + 1))

    # --- showing ------------------------------------------------------------------------

    def _failed(self, error: object) -> None:
        self._loading = False
        self._show(None, error.message(self._lang) if isinstance(error, TtdnError) else str(error))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _show(self, loaded: ListForImport | None, error: str = "") -> None:
        self._loading = False
        self._show_error(error)
        if loaded is not None and self._remembered(loaded):
            return
        self._loaded = loaded
        enabled = loaded is not None
        for widget in (self.mapping_box, self.table_box):
            widget.setEnabled(enabled)
        if loaded is None:
            self.model.load([], self.model._catalog)
            self.info.setText("" if self._path else self.tr("Choose the list of participants: Excel (.xlsx), Word (.docx) or CSV."))
            self.import_button.setEnabled(False)
            self.mode_box.hide()
            return
        preview = loaded.preview
        layout = preview.layout
        self.sheet_combo.clear()
        self.sheet_combo.addItems(preview.sheets)
        self.sheet_combo.setCurrentText(preview.sheet)
        several = len(preview.sheets) > 1
        self.sheet_label.setVisible(several)
        self.sheet_combo.setVisible(several)
        for name, combo in self.mapping_combos.items():
            combo.clear()
            combo.addItem(self.tr("(not used)"), NOT_USED)
            for number, label in enumerate(layout.labels):
                combo.addItem(f"{column_letter(number)}: {label}" if label else column_letter(number), number)
            combo.setCurrentIndex(max(0, combo.findData(layout.mapping.get(name, NOT_USED))))
        first, last = layout.header
        self.header_first.setValue(first + 1)
        self.header_last.setValue(last + 1)
        data_range = layout.data_range
        self.last_row.setValue(data_range[1] if data_range else last + 1)
        self.legacy_check.setVisible(bool(preview.legacy))
        self.model.load(preview.people, loaded.catalog)
        self.preview.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.preview.setColumnWidth(column, min(self.preview.columnWidth(column), 260))
        self.preview.horizontalHeader().setStretchLastSection(False)
        self.mode_box.setVisible(loaded.existing > 0)
        self.existing_label.setText(
            self.tr("This event already lists {count} people; {already} of the people in this file are among them. What should the import do?").format(
                count=loaded.existing, already=loaded.already
            )
        )
        self._summarise()

    def _remembered(self, loaded: ListForImport) -> bool:
        """Re-read with the mapping remembered for this layout, once per layout, if it differs."""
        layout = loaded.preview.layout
        signature = layout_signature(layout.labels)
        stored = QSettings().value(f"{SETTINGS_GROUP}/{signature}")
        if not stored or signature in self._applied_memory:
            return False
        self._applied_memory.add(signature)
        try:
            mapping = {str(k): int(v) for k, v in json.loads(str(stored)).items()}
        except (ValueError, TypeError):
            return False
        if mapping == layout.mapping:
            return False
        self._loaded = loaded
        self.reload(mapping=mapping, header=(layout.header[0] + 1, layout.header[1] + 1), sheet=loaded.preview.sheet)
        return True

    def _summarise(self) -> None:
        if self._loaded is None:
            return
        preview = self._loaded.preview
        layout = preview.layout
        first, last = layout.header
        data_range = layout.data_range
        text = self.tr("Sheet “{sheet}”: header in rows {first}–{last}; people in rows {range}.").format(
            sheet=preview.sheet, first=first + 1, last=last + 1,
            range=f"{data_range[0]}–{data_range[1]}" if data_range else "–",
        )
        if layout.stop is not None:
            text += " " + self.tr("Stopped at row {row}: “{text}”.").format(row=layout.stop.index + 1, text=layout.stop.text)
        groups = sum(1 for r in layout.rows if r.kind == "group")
        if groups:
            text += " " + self.tr("{count} group rows give the workplace of the rows under them.").format(count=groups)
        conventions = []
        if "birth_male" in layout.mapping or "birth_female" in layout.mapping:
            conventions.append(self.tr("gender from the column holding the birth year"))
        if "mark_male" in layout.mapping or "mark_female" in layout.mapping:
            conventions.append(self.tr("gender from x marks"))
        if "position_org" in layout.mapping:
            conventions.append(self.tr("position and workplace split from one column"))
        if conventions:
            text += " " + self.tr("Recognised: {list}.").format(list=", ".join(conventions))
        if preview.legacy and not layout.grid.converted:
            text += " " + self.tr("The text looks typed in {encoding}: tick the box to convert it.").format(encoding=preview.legacy.upper())
        problems = len(self.model.problem_rows())
        text += " " + self.tr("{count} people to import, {problems} with problems (shaded; the reasons are in the “Problems” column).").format(
            count=self.model.included(), problems=problems
        )
        self.info.setText(text)
        self.import_button.setEnabled(self.model.included() > 0)

    def _show_report(self, headline: str, issues: list[Issue]) -> None:
        self.report_label.setText(headline)
        self.report.clear()
        for issue in sorted(issues, key=lambda i: i.severity != "error"):
            item = QListWidgetItem(issue.message(self._lang))
            item.setForeground(ERROR_COLOUR if issue.severity == "error" else WARNING_COLOUR)
            self.report.addItem(item)
        self.report.setVisible(bool(issues))
        self.report_box.show()

    # --- importing ----------------------------------------------------------------------

    def mode(self) -> str:
        if self._loaded is None or self._loaded.existing == 0:
            return "merge"
        return self.modes.checkedButton().property("mode") if self.modes.checkedButton() else "merge"

    def run_import(self) -> None:
        """Import the rows that are right (problem rows and unchecked rows are reported, not stored)."""
        if self._loaded is None:
            return
        self.import_button.setEnabled(False)
        job = run_in_background(import_participant_rows, self._workspace, self._event_id, self.model.people(), self.mode(), parent=self)
        job.finished.connect(self._imported)
        job.failed.connect(self._failed_import)

    def _failed_import(self, error: object) -> None:
        self._show_error(error.message(self._lang) if isinstance(error, TtdnError) else str(error))
        self.import_button.setEnabled(True)

    def _imported(self, result: ImportResult) -> None:
        self.last_result = result
        self.imported += result.added
        summary = result.summary()
        headline = self.tr("Added {added} participants; {same} already listed or repeated, {rejected} not imported, {excluded} left out.").format(
            added=summary["added"], same=summary["duplicate"] + summary["duplicate_in_file"], rejected=summary["rejected"],
            excluded=summary["excluded"],
        )
        if summary["removed"]:
            headline += " " + self.tr("{count} people of the old list were taken off.").format(count=summary["removed"])
        self._show_report(headline, [i for o in result.outcomes for i in o.issues])
        # Importing the same rows again would only find them listed: the button stays off.

    def _close(self) -> None:
        if self.imported:
            self.accept()
        else:
            self.reject()
