"""The event form: an event's fields and its editable participant list, saved in one
transaction through the core (create, or update plus the participant rows that changed).

Validation is the core's: the event fields are checked with ``read_activity`` and each
row with ``read_participant``; messages appear beside the field or in the row, never in
a message box.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Catalog
from desktop_app.core.errors import Issue, TtdnError, ValidationFailed
from desktop_app.core.operations.events import change_event, check_event, open_event, prefixed, record_event
from desktop_app.core.workspace import Workspace
from desktop_app.ui.workers import call
from desktop_app.ui.participants_model import (
    COLUMNS,
    ChoiceDelegate,
    ParticipantCountsView,
    ParticipantTableModel,
    item_label,
)
from desktop_app.ui.widgets import (
    DateEdit,
    MoneyEdit,
    default_day,
    enter_moves_focus,
    one_above_the_other,
    remember_day,
    remember_size,
    shortcut_tip,
)

ERROR_STYLE = "color: #b00020;"
MAX_LINES = 6  # messages shown under one field or the table; the rest counted




class EventForm(QDialog):
    """Create (``activity_id`` None) or edit an event; another unit's event is shown read-only.
    After a successful save, ``activity_id`` is the event's id and ``warnings`` the core's notes."""

    def __init__(
        self, workspace: Workspace, activity_id: str | None = None, parent: QWidget | None = None, *, lang: str = "vi"
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._lang = lang
        self.activity_id = activity_id
        self.warnings: list[Issue] = []
        self.read_only = False
        opened = call(open_event, workspace, activity_id)
        self._index, self._hints, self.read_only = opened.index, opened.hints, opened.read_only
        tasks = list(self._hints.task_names().items())
        stored = (opened.record, opened.participants) if opened.record is not None else None

        self.setWindowTitle(self.tr("Edit event") if activity_id else self.tr("New event"))
        self.model = ParticipantTableModel(self._index, lang, self)
        self._build_fields(tasks)
        self._build_participants()
        self.form_error = self._error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter moves between fields; Ctrl+S saves
        self.save_button.setToolTip(shortcut_tip(self.tr("Save"), QKeySequence.StandardKey.Save, "Ctrl+Return"))
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            QShortcut(keys, self, self.accept)

        # The fields and counts scroll on a small screen (1366×768 at 125 % leaves ~576 px);
        # a splitter lets the officer give the participant table more room.
        top = QWidget()
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(0, 0, 0, 0)
        top_row.addWidget(self.fields_box, 3, Qt.AlignmentFlag.AlignTop)  # fields at their height, not spread
        top_row.addWidget(self.counts_box, 2)
        self.top_scroll = QScrollArea()
        self.top_scroll.setWidget(top)
        self.top_scroll.setWidgetResizable(True)
        self.top_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.top_scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        splitter = one_above_the_other(self.top_scroll, self.participants_box, 3, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

        if stored is not None:
            self._fill(*stored)
        self._initial = self.event_data()
        self.model.changed.connect(self._update_counts)
        self._update_counts()
        self.event_type_combo.currentIndexChanged.connect(self._suggest_task)
        chain = [
            self.title_edit, self.date_from, self.until_check, self.date_to, self.place_edit, self.event_type_combo,
            self.task_combo, self.cost_edit, self.description_edit, self.add_row_button, self.delete_row_button,
            self.table, self.save_button, self.cancel_button,
        ]  # fmt: skip
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.description_edit.setTabChangesFocus(True)
        enter_moves_focus(self)
        remember_size(self, "event_form", QSize(1100, 700))

    # --- building ------------------------------------------------------------------------

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def _with_error(self, widget: QWidget | QHBoxLayout, *fields: str) -> QWidget:
        """``widget`` with an error label under it, shown for the issues of ``fields``."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if isinstance(widget, QWidget):
            column.addWidget(widget)
        else:
            column.addLayout(widget)
        label = self._error_label()
        column.addWidget(label)
        for name in fields:
            self.field_errors[name] = label
        return box

    def _build_fields(self, tasks: list[tuple[str, str]]) -> None:
        self.field_errors: dict[str, QLabel] = {}
        self.title_edit = QLineEdit()
        self.date_from = DateEdit()
        if self.activity_id is None:
            self.date_from.set_value(default_day(self._hints.plan_periods()))
        self.until_check = QCheckBox(self.tr("until"))
        self.date_to = DateEdit()
        self.date_to.setEnabled(False)
        self.until_check.toggled.connect(self.date_to.setEnabled)
        self.date_from.dateChanged.connect(self._follow_start)
        self._follow_start(self.date_from.date())
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(self.until_check)
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        self.place_edit = QLineEdit()
        self.event_type_combo = QComboBox()
        self.event_type_combo.addItem(self.tr("(not set)"), None)
        for code, ref in self._index.by_code.get(Catalog.EVENT_TYPE.value, {}).items():
            if ref.active:
                self.event_type_combo.addItem(item_label(ref, self._lang), code)
        self.task_combo = QComboBox()
        self.task_combo.addItem(self.tr("(none)"), None)
        for code, name in tasks:
            short = name if len(name) <= 70 else name[:69] + "…"
            self.task_combo.addItem(f"{code} – {short}", code)
            self.task_combo.setItemData(self.task_combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        self.task_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.task_combo.setMinimumContentsLength(30)
        self.cost_edit = MoneyEdit()  # grouped while typing: 1.500.000
        self.cost_edit.setMaximumWidth(220)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

        form = QFormLayout()
        form.addRow(self.tr("Title:"), self._with_error(self.title_edit, "title"))
        form.addRow(self.tr("Date:"), self._with_error(dates, "date", "date_to"))
        form.addRow(self.tr("Place:"), self._with_error(self.place_edit, "place"))
        form.addRow(self.tr("Event type:"), self._with_error(self.event_type_combo, "event_type"))
        form.addRow(self.tr("Plan task:"), self._with_error(self.task_combo, "plan_task"))
        form.addRow(self.tr("Cost (VND):"), self._with_error(self.cost_edit, "cost"))
        form.addRow(self.tr("Description:"), self._with_error(self.description_edit, "description"))
        self.fields_box = QGroupBox(self.tr("Event"))
        self.fields_box.setLayout(form)

        self.counts = ParticipantCountsView(self._index, self._lang)
        counts_layout = QVBoxLayout()
        counts_layout.addWidget(self.counts)
        counts_layout.addStretch(1)
        self.counts_box = QGroupBox(self.tr("Participant counts"))
        self.counts_box.setLayout(counts_layout)

    def _build_participants(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(ChoiceDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        columns = self.table.horizontalHeader()
        widths = {"name": 24, "gender": 9, "ethnicity": 12, "birth_year": 9, "position": 22, "organization": 24,
                  "category": 26, "phone": 14}
        for number, name in enumerate(COLUMNS):
            columns.resizeSection(number, self.fontMetrics().averageCharWidth() * widths[name])
        columns.setStretchLastSection(True)

        self.add_row_button = QPushButton(self.tr("Add row"))
        self.add_row_button.clicked.connect(self.add_row)
        self.delete_row_button = QPushButton(self.tr("Delete row"))
        self.delete_row_button.clicked.connect(self.delete_selected_rows)
        self.rows_error = self._error_label()
        bar = QHBoxLayout()
        bar.addWidget(self.add_row_button)
        bar.addWidget(self.delete_row_button)
        bar.addStretch(1)
        layout = QVBoxLayout()
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.rows_error)
        self.participants_box = QGroupBox(self.tr("Participants"))
        self.participants_box.setLayout(layout)

    # --- loading -------------------------------------------------------------------------

    def _fill(self, stored: dict[str, Any], rows: list[tuple[str, dict[str, Any]]]) -> None:
        self.title_edit.setText(stored["title"] or "")
        self.date_from.setDate(QDate(date.fromisoformat(stored["date"])))
        if stored["date_to"]:
            self.until_check.setChecked(True)
            self.date_to.setDate(QDate(date.fromisoformat(stored["date_to"])))
        self.place_edit.setText(stored["place"] or "")
        for combo, code in ((self.event_type_combo, stored["event_type"]), (self.task_combo, stored["plan_task"])):
            combo.setCurrentIndex(max(0, combo.findData(code)))
        self.cost_edit.set_value(stored["cost"])
        self.description_edit.setPlainText(stored["description"] or "")
        self.model.load(rows)
        if self.read_only:
            self._set_read_only()

    def _set_read_only(self) -> None:
        self.setWindowTitle(self.tr("Event (another unit's, read only)"))
        self.model.set_read_only(True)
        for widget in (self.title_edit, self.place_edit, self.cost_edit):
            widget.setReadOnly(True)
        self.description_edit.setReadOnly(True)
        for widget in (self.date_from, self.until_check, self.date_to, self.event_type_combo, self.task_combo,
                       self.add_row_button, self.delete_row_button):
            widget.setEnabled(False)
        self.save_button.hide()
        self.cancel_button.setText(self.tr("Close"))

    # --- editing -------------------------------------------------------------------------

    def _follow_start(self, start: QDate) -> None:
        """A one-day event's end date stays on its start date; a range starts there."""
        if not self.until_check.isChecked() or self.date_to.date() < start:
            self.date_to.setDate(start)

    def _suggest_task(self) -> None:
        """Choosing "Hội nghị tập huấn" fills in task II.2 (the plan's training conference)
        while no task is chosen yet."""
        if self.read_only or self.task_combo.currentData():
            return
        code = self._hints.task_for_event_type(self.event_type_combo.currentData(), self.date_from.value())
        found = self.task_combo.findData(code) if code else -1
        if found >= 0:
            self.task_combo.setCurrentIndex(found)

    def _update_counts(self) -> None:
        self.counts.set_counts(self.model.counts())
        self.participants_box.setTitle(self.tr("Participants ({count})").format(count=self.model.rowCount()))

    def add_row(self) -> None:
        row = self.model.add_row()
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.edit(index)

    def delete_selected_rows(self) -> None:
        self.model.remove_rows([i.row() for i in self.table.selectionModel().selectedRows()]
                               or ([self.table.currentIndex().row()] if self.table.currentIndex().isValid() else []))

    def event_data(self) -> dict[str, Any]:
        """The event fields as the core's activity input."""
        def text(value: str) -> str | None:
            return value.strip() or None

        return {
            "title": text(self.title_edit.text()),
            "date": self.date_from.date().toPython().isoformat(),
            "date_to": self.date_to.date().toPython().isoformat() if self.until_check.isChecked() else None,
            "place": text(self.place_edit.text()),
            "event_type": self.event_type_combo.currentData(),
            "plan_task": self.task_combo.currentData(),
            "cost": self.cost_edit.value(),
            "description": text(self.description_edit.toPlainText()),
        }

    def changed_fields(self) -> dict[str, Any]:
        current = self.event_data()
        return {k: v for k, v in current.items() if v != self._initial.get(k)}

    # --- saving --------------------------------------------------------------------------

    def show_issues(self, issues: list[Issue]) -> None:
        """Each error beside its field, participant errors under the table, the rest at the bottom."""
        texts: dict[QLabel, list[str]] = {}
        for issue in issues:
            if issue.severity != "error":
                continue
            name = (issue.field or "").split(".")[0]
            if name.startswith("participants"):
                target = self.rows_error
            else:
                target = self.field_errors.get(name, self.form_error)
            texts.setdefault(target, []).append(issue.message(self._lang))
        for label in {*self.field_errors.values(), self.rows_error, self.form_error}:
            lines = texts.get(label, [])
            if len(lines) > MAX_LINES:
                more = self.tr("… and {count} more").format(count=len(lines) - MAX_LINES + 1)
                lines = [*lines[: MAX_LINES - 1], more]
            label.setText("\n".join(lines))
            label.setVisible(bool(lines))

    def _row_errors(self) -> list[Issue]:
        issues = []
        for row in self.model.error_rows():
            issues += prefixed(self.model.row_issues(row), f"participants[{row + 1}].")
        return issues

    def _check_fields(self, data: dict[str, Any]) -> list[Issue]:
        """The core's verdict on the event fields, without storing anything."""
        return call(check_event, self._workspace, data, self.activity_id)

    def save(self) -> bool:
        """Validate everything, then store it in one transaction; False (with the messages
        shown) if anything is wrong."""
        data = self.event_data() if self.activity_id is None else self.changed_fields()
        try:
            issues = self._check_fields(data) + self._row_errors()
            if any(i.severity == "error" for i in issues):
                raise ValidationFailed(issues)
            if self.activity_id is None:
                people = [values for _row, values in self.model.new_rows()]
                saved = call(record_event, self._workspace, data, people)
            else:
                saved = call(
                    change_event,
                    self._workspace,
                    self.activity_id,
                    data,
                    removed=self.model.removed_ids(),
                    changed=self.model.changed_rows(),
                    added=self.model.new_rows(),
                )
            saved_id, warnings = saved.id, saved.warnings
        except ValidationFailed as exc:
            self.show_issues(exc.issues)
            return False
        except TtdnError as exc:
            self.show_issues([])
            self.form_error.setText(exc.message(self._lang))
            self.form_error.show()
            return False
        self.activity_id, self.warnings = saved_id, warnings  # only once committed
        remember_day(self.date_from.value())
        return True

    def accept(self) -> None:
        if self.read_only:
            self.reject()
        elif self.save():
            super().accept()
