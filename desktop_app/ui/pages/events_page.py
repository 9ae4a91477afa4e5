"""The events page: training conferences, meetings and outreach sessions with their
participants, and the plan's progress towards its delegate target (task II.2, about 160)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import Issue, TtdnError
from desktop_app.core.operations.activities import delete_activity
from desktop_app.core.operations.events import event_details, target_progress
from desktop_app.core.operations.installation import describe_installation
from desktop_app.core.operations.overview import catalog_index
from desktop_app.core.services.activity_list import ActivityFilter
from desktop_app.core.workspace import Workspace
from desktop_app.ui.table_models import table_view
from desktop_app.ui.activity_model import ActivityTableModel
from desktop_app.ui.event_form import EventForm
from desktop_app.ui.participant_import_dialog import ParticipantImportDialog
from desktop_app.ui.participants_model import ParticipantCountsView
from desktop_app.ui.widgets import add_action, format_number
from desktop_app.ui.workers import call

SEARCH_DELAY_MS = 250
TARGET_TASK = "II.2"  # the plan's training conference for about 160 delegates
MAX_COLUMN_CHARS = 26  # a column other than the title is never wider than this


def _day(iso: str | None) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if iso else ""


class EventsPage(QWidget):
    """Lists events (searchable), edits them in :class:`EventForm`, imports participants, and
    shows the selected event's counts and the plan's delegate progress. ``changed`` is
    emitted after anything was stored."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *, lang: str = "vi") -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._lang = lang
        self._selected: dict[str, Any] | None = None  # the selected event, as the core's dict
        self._fitted = False
        self.dialog: QDialog | None = None  # the form or import dialog open now
        self._index = call(catalog_index, workspace)
        self._unit_id = call(describe_installation, workspace, keys=False).unit_id

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search events…"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("New event"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.import_button = QPushButton(self.tr("Import participants from a list (Excel, Word, CSV)…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.import_button.clicked.connect(self.open_import)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for button in (self.new_button, self.edit_button, self.delete_button, self.import_button):
            bar.addWidget(button)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.model = ActivityTableModel(workspace, parent=self, event_type_as_kind=True)
        self.table = self._build_table()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_side())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([760, 440])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        # The program's one set of shortcuts, as on the activities page.
        self.new_action = add_action(self, self.tr("New event"), "new", lambda: self.open_form(None), button=self.new_button)
        self.delete_action = add_action(
            self.table, self.tr("Delete the selected event"), "delete", self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut, button=self.delete_button,
        )  # fmt: skip
        self.find_action = add_action(self, self.tr("Search"), "find", self.search.setFocus)
        self.refresh_action = add_action(self, self.tr("Refresh"), "refresh", self.refresh)
        self.search.setToolTip(self.find_action.toolTip())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (self.new_action, self.refresh_action):
            self.table.addAction(action)
        self.refresh()

    # --- building ------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = table_view(self.model)
        table.selectionModel().currentRowChanged.connect(lambda current, _old: self._show_event(current.row()))
        table.doubleClicked.connect(lambda _index: self.edit_selected())
        return table

    def _build_side(self) -> QWidget:
        bold = QFont(self.font())
        bold.setBold(True)
        self.event_title = QLabel()
        self.event_title.setFont(bold)
        self.event_title.setWordWrap(True)
        self.event_details = QLabel()
        self.event_details.setWordWrap(True)
        self.event_counts = ParticipantCountsView(self._index, self._lang)
        event_box = QGroupBox(self.tr("Selected event"))
        event_layout = QVBoxLayout(event_box)
        event_layout.addWidget(self.event_title)
        event_layout.addWidget(self.event_details)
        event_layout.addWidget(self.event_counts)

        big = QFont(bold)
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.progress_label = QLabel()
        self.progress_label.setFont(big)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self.progress_note = QLabel()
        self.progress_note.setWordWrap(True)
        self.progress_counts = ParticipantCountsView(self._index, self._lang)
        self.progress_box = QGroupBox()
        progress_layout = QVBoxLayout(self.progress_box)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress_bar)
        progress_layout.addWidget(self.progress_note)
        progress_layout.addWidget(self.progress_counts)

        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(event_box)
        layout.addWidget(self.progress_box)
        layout.addStretch(1)
        scroll = QScrollArea()  # the delegate groups' long names can outgrow a small window
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        return scroll

    def _fit_columns(self) -> None:
        """Once rows are there: size columns to their contents (within reason), hide those
        empty for every event, and let the widest (the title) take the remaining width."""
        if self._fitted or self.model.rowCount() == 0:
            return
        self._fitted = True
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        rows = range(min(self.model.rowCount(), 200))
        widest, widest_width = 0, -1
        for column in range(self.model.columnCount()):
            if not any(self.model.index(r, column).data() for r in rows):
                self.table.setColumnHidden(column, True)
            elif header.sectionSize(column) > widest_width:
                widest, widest_width = column, header.sectionSize(column)
        limit = self.fontMetrics().averageCharWidth() * MAX_COLUMN_CHARS
        for column in range(self.model.columnCount()):
            if column != widest and header.sectionSize(column) > limit:
                header.resizeSection(column, limit)
        header.setSectionResizeMode(widest, QHeaderView.ResizeMode.Stretch)

    # --- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the list (keeping the selection), the selected event and the progress."""
        keep = self.selected_event_id()
        text = self.search.text().strip()
        self.model.set_filter(ActivityFilter(kinds=["event"], search=text or None))
        self._fit_columns()
        self.select_event(keep)
        self._show_progress()

    def selected_event_id(self) -> str | None:
        return self._selected["id"] if self._selected else None

    def select_event(self, activity_id: str | None) -> None:
        """Select the event ``activity_id`` if it is listed, else the first one."""
        rows = [r for r in range(self.model.rowCount()) if self.model.activity_id(r) == activity_id]
        row = rows[0] if rows else (0 if self.model.rowCount() else -1)
        if row < 0:
            self._show_event(-1)
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self._show_event(row)  # the current row may not have changed after the reset

    def _show_event(self, row: int) -> None:
        self._selected, counts = None, {"total": 0}
        if 0 <= row < self.model.rowCount():
            try:
                found = call(event_details, self._workspace, self.model.activity_id(row))
                self._selected = {**found.record, "owned": found.owned}
                counts = found.counts
            except TtdnError as exc:
                self.show_message(exc.message(self._lang), error=True)
        event = self._selected
        self.event_title.setText(event["title"] if event else self.tr("No event selected"))
        details = []
        if event:
            days = _day(event["date"]) + (f" – {_day(event['date_to'])}" if event["date_to"] else "")
            details = [days, event["place"] or "", event["unit"]["name"] if event["unit"] else ""]
        self.event_details.setText(" · ".join(d for d in details if d))
        self.event_details.setVisible(bool(details))
        self.event_counts.set_counts(counts)
        for button in (self.edit_button, self.import_button):
            button.setEnabled(event is not None)
        self.delete_action.setEnabled(event is not None and event["owned"])
        if event is not None and not event["owned"]:
            self.import_button.setEnabled(False)

    def _show_progress(self) -> None:
        progress = call(target_progress, self._workspace, TARGET_TASK)
        self.progress_box.setTitle(self.tr("Progress against the target of task {code}").format(code=progress.task_code))
        self.progress_counts.set_counts(
            {"total": progress.count, "by_gender": progress.by_gender,
             "by_ethnicity": progress.by_ethnicity, "by_category": progress.by_category}
        )
        if progress.target:
            self.progress_label.setText(
                self.tr("{count}/{target} delegates").format(
                    count=format_number(progress.count), target=format_number(progress.target)
                )
            )
            self.progress_bar.setRange(0, progress.target)
            self.progress_bar.setValue(min(progress.count, progress.target))
            self.progress_note.setText(
                self.tr(
                    "Only the delegates of events linked to task {code} of the {year} plan (its training "
                    "conference) count towards the target; other events' delegates do not."
                ).format(code=progress.task_code, year=progress.year)
            )
        else:
            self.progress_label.setText(self.tr("{count} delegates").format(count=format_number(progress.count)))
            self.progress_note.setText(self.tr("The plan sets no delegate target for task {code}.").format(code=progress.task_code))
        self.progress_bar.setVisible(bool(progress.target))

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _saved(self, text: str, warnings: list[Issue]) -> None:
        notes = [w.message(self._lang) for w in warnings]
        self.show_message("\n".join([text, *notes]))
        self.refresh()
        self.changed.emit()

    # --- actions -------------------------------------------------------------------------

    def open_form(self, activity_id: str | None) -> EventForm | None:
        """Open the event form (window-modal, not blocking); the list follows when it is saved."""
        try:
            form = EventForm(self._workspace, activity_id, self, lang=self._lang)
        except TtdnError as exc:
            self.show_message(exc.message(self._lang), error=True)
            return None
        form.finished.connect(lambda result: self._form_finished(form, result))
        self.dialog = form
        form.open()
        return form

    def _form_finished(self, form: EventForm, result: int) -> None:
        self.dialog = None
        if result == QDialog.DialogCode.Accepted and not form.read_only:
            self._selected = {"id": form.activity_id}
            self._saved(self.tr("Event saved."), form.warnings)
        form.deleteLater()

    def edit_selected(self) -> None:
        if self._selected:
            self.open_form(self._selected["id"])

    def delete_selected(self) -> None:
        """Delete the selected event and its participant list, after asking."""
        event = self._selected
        if not event:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete event"),
            self.tr("Delete the event “{title}” and its list of {count} participants?").format(
                title=event["title"], count=event["participants"]
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            call(delete_activity, self._workspace, event["id"])
        except TtdnError as exc:
            self.show_message(exc.message(self._lang), error=True)
            return
        self._selected = None
        self._saved(self.tr("Event deleted: {title}").format(title=event["title"]), [])

    def open_import(self) -> ParticipantImportDialog | None:
        """Open the import dialog for the selected event and ask for the file."""
        if not self._selected:
            return None
        dialog = ParticipantImportDialog(self._workspace, self._selected["id"], self, lang=self._lang)
        dialog.finished.connect(lambda _result: self._import_finished(dialog))
        self.dialog = dialog
        dialog.open()
        dialog.choose_file()
        return dialog

    def _import_finished(self, dialog: ParticipantImportDialog) -> None:
        self.dialog = None
        if dialog.imported:
            self._saved(self.tr("{count} participants imported.").format(count=dialog.imported), [])
        dialog.deleteLater()
