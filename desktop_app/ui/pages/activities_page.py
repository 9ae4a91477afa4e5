"""The activities page: filters over the paged activity table, and new / edit / delete.

Every filter becomes part of the core's :class:`ActivityFilter`, so narrowing 100,000
activities happens in SQL. The search box waits for a pause in typing (250 ms). The
table's column layout is remembered between sessions (QSettings "activities/header").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Catalog, Role
from desktop_app.core.domain.periods import Period, parse_period
from desktop_app.core.domain.text import vi_sort_key
from desktop_app.core.errors import TtdnError
from desktop_app.core.operations.first_page import FirstScreen
from desktop_app.ui.activity_model import (
    COL_DATE,
    COL_KIND,
    COL_PRODUCT_TYPE,
    COL_STATUS,
    COL_TITLE,
    COL_UNIT,
    ActivityTableModel,
    kind_labels,
    status_labels,
)
from desktop_app.ui.widgets import (
    DateEdit,
    FullTextDelegate,
    SearchCombo,
    add_action,
    item_name,
    key_name,
    settings,
    ui_language,
)
from desktop_app.ui.workers import call

if TYPE_CHECKING:  # the core's operations load SQLAlchemy: imported where used, so the
    # page can show the first screen before they are loaded (see ActivitiesPage)
    from desktop_app.core.services.activity_list import ActivityFilter
    from desktop_app.core.workspace import Workspace
    from desktop_app.ui.activity_form import ActivityForm

SEARCH_DELAY_MS = 250
NOTICE_MS = 6000  # how long "Saved" stays
HEADER_KEY = "activities/header"
CUSTOM = "custom"  # the period combo's value for a range typed in the two date edits


class ActivitiesPage(QWidget):
    """Lists this installation's activities (all units' at an aggregator); ``changed`` is
    emitted after an activity is created, edited or deleted here.

    At the program's start it is made with ``first`` (the first screen read light) and no
    workspace: it shows those rows with the filters at "all", and what is asked of it
    before :meth:`attach` hands it the workspace (a button, a search typed) is done then."""

    changed = Signal()

    def __init__(self, workspace: Workspace | None, parent: QWidget | None = None, *, first: FirstScreen | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._lang = ui_language()
        self.form: ActivityForm | None = None  # the form open over the page, if any
        self._waiting: list[Callable[[], Any]] = []  # asked for before the workspace came
        if workspace is not None:
            from desktop_app.core.operations.installation import describe_installation

            role = call(describe_installation, workspace, keys=False).role
        elif first is not None:
            role = first.role
        else:
            raise ValueError("the activities page needs a workspace or a first screen")
        self._aggregator = role == Role.AGGREGATOR

        self.new_button = QPushButton(self.tr("New"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.copy_button = QPushButton(self.tr("Duplicate"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.register_button = QPushButton(self.tr("Import register…"))
        self.register_button.setToolTip(self.tr("Bring in an activity register kept in Excel, Word or CSV (sổ theo dõi)"))
        self.register_button.clicked.connect(lambda: self.open_register_import())
        self.register_button.setVisible(not self._aggregator)
        self.edit_button.setToolTip(self.tr("Edit the selected activity ({key})").format(key=key_name(Qt.Key.Key_Enter)))
        self.edit_button.clicked.connect(lambda: self.edit_activity())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles, places, descriptions…"))
        self.search.setClearButtonEnabled(True)

        self.period_combo = QComboBox()
        self.period_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.period_combo.setMinimumContentsLength(12)
        self.period_combo.setToolTip(self.tr("Period (by start date)"))
        self.from_edit, self.to_edit = DateEdit(), DateEdit()
        self.from_edit.setToolTip(self.tr("From"))
        self.to_edit.setToolTip(self.tr("To"))
        self.period_error = QLabel()
        self.period_error.setStyleSheet("color: #b00020;")
        self.kind_combo = self._filter_combo(self.tr("Type of activity"))
        self.product_type_combo = self._filter_combo(self.tr("Product type"))
        self.theme_combo = self._filter_combo(self.tr("Theme"))
        self.language_combo = self._filter_combo(self.tr("Language"))
        self.status_combo = self._filter_combo(self.tr("Status"))
        self.unit_combo: SearchCombo | None = None
        if self._aggregator:
            self.unit_combo = SearchCombo()
            self.unit_combo.setToolTip(self.tr("Unit (with the units under it); type to search"))
        self.reload_choices()

        self.model = ActivityTableModel(workspace, parent=self, first=first)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(FullTextDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.hide()
        self._layout_columns()
        self.count_label = QLabel()
        self.notice = QLabel()  # "Đã lưu …" for a few seconds after a save
        self.notice.setStyleSheet("color: #1b5e20;")
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(NOTICE_MS)
        self._notice_timer.timeout.connect(self.notice.clear)

        self._build_layout()
        self._connect()
        self.refresh()

    @property
    def attached(self) -> bool:
        return self._workspace is not None

    def attach(self, workspace: Workspace) -> None:
        """Go on with ``workspace`` after the first screen read light: the same rows stay
        (see :meth:`ActivityTableModel.attach`), the filter lists are filled, and what was
        asked for meanwhile is done."""
        self._workspace = workspace
        self.model.attach(workspace)
        self.reload_choices()
        if self.search.text().strip():  # typed before the core was there
            self.apply_filters()
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    def _later(self, action: Callable[[], Any]) -> bool:
        """Before :meth:`attach`: keep ``action`` for then (True); after it, False."""
        if self._workspace is not None:
            return False
        self._waiting.append(action)
        return True

    # --- building ------------------------------------------------------------------------

    def _filter_combo(self, tooltip: str) -> QComboBox:
        combo = QComboBox()
        combo.setToolTip(tooltip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(7)  # shrinks on a small screen; the list shows whole names
        return combo

    def _build_layout(self) -> None:
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.copy_button, self.delete_button, self.register_button):
            actions.addWidget(button)
        actions.addSpacing(12)
        actions.addWidget(self.search, 2)
        if self.unit_combo is not None:
            actions.addWidget(self.unit_combo, 1)
        filters = QHBoxLayout()
        for widget in (self.period_combo, self.from_edit, self.to_edit, self.period_error):
            filters.addWidget(widget)
        for combo in (self.kind_combo, self.product_type_combo, self.theme_combo, self.language_combo, self.status_combo):
            filters.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.notice, 1)
        layout.addLayout(bottom)

    def _layout_columns(self) -> None:
        """Default widths, then the layout the user left last time."""
        columns = self.table.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setSectionsMovable(True)
        metrics = self.fontMetrics()

        def widest(texts: Iterable[str]) -> int:
            return max(metrics.horizontalAdvance(text) for text in texts) + 32

        columns.resizeSection(COL_DATE, metrics.horizontalAdvance("00/00/0000") + 24)
        columns.resizeSection(COL_KIND, widest(self.model.kind_labels.values()))
        columns.resizeSection(COL_UNIT, metrics.averageCharWidth() * 28)
        columns.resizeSection(COL_STATUS, widest(self.model.status_labels.values()))
        columns.resizeSection(COL_PRODUCT_TYPE, widest([*self.model.product_type_labels.values(), "—"]))
        columns.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        state = settings().value(HEADER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            columns.restoreState(state)
        self.table.setColumnHidden(COL_UNIT, not self._aggregator)  # one unit: the column says nothing

    def _connect(self) -> None:
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self.apply_filters)
        for combo in (self.kind_combo, self.product_type_combo, self.theme_combo, self.language_combo, self.status_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        if self.unit_combo is not None:
            self.unit_combo.currentIndexChanged.connect(self.apply_filters)
        self.table.activated.connect(lambda index: self.edit_activity(self.model.activity_id(index.row())))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        header = self.table.horizontalHeader()
        header.sectionResized.connect(self.save_layout)
        header.sectionMoved.connect(self.save_layout)
        on_table = Qt.ShortcutContext.WidgetShortcut  # Del in the search box deletes a letter, not a record
        self.new_action = add_action(self, self.tr("New activity"), "new", self.new_activity, button=self.new_button)
        self.copy_action = add_action(
            self, self.tr("Duplicate with a new date"), "copy", self.copy_selected, button=self.copy_button
        )
        self.delete_action = add_action(
            self.table, self.tr("Delete the selected activity"), "delete", self.delete_selected,
            context=on_table, button=self.delete_button,
        )  # fmt: skip
        self.find_action = add_action(self, self.tr("Search"), "find", self.focus_search)
        self.refresh_action = add_action(self, self.tr("Refresh"), "refresh", self.refresh)
        self.search.setToolTip(self.find_action.toolTip())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (self.new_action, self.copy_action, self.refresh_action):
            self.table.addAction(action)
        self._period_changed()

    # --- choices -------------------------------------------------------------------------

    def reload_choices(self) -> None:
        """(Re)fill the filter lists from the catalogs, the plan and the units, keeping
        choices (before :meth:`attach`: the "all" entries, and the kinds and statuses)."""
        index = None
        if self._workspace is not None:
            from desktop_app.core.operations.overview import catalog_index

            index = call(catalog_index, self._workspace)
        units = self._unit_choices() if self.unit_combo is not None and index is not None else []
        self._fill(self.kind_combo, self.tr("All types"), list(kind_labels().items()))
        self._fill(self.status_combo, self.tr("All statuses"), list(status_labels().items()))
        for combo, catalog, everything in (
            (self.product_type_combo, Catalog.PRODUCT_TYPE, self.tr("All product types")),
            (self.theme_combo, Catalog.THEME, self.tr("All themes")),
            (self.language_combo, Catalog.LANGUAGE, self.tr("All languages")),
        ):
            items: list[tuple[str, str]] = []
            if index is not None:
                items = [(r.id, item_name(r, self._lang)) for r in index.by_code[catalog].values()]
                if catalog == Catalog.THEME:  # the plan numbers its themes: keep its order
                    items.sort(key=lambda item: vi_sort_key(index.code_of(item[0])))
                else:
                    items.sort(key=lambda item: vi_sort_key(item[1]))
            self._fill(combo, everything, items)
        if index is None:
            self._fill(self.period_combo, self.tr("All dates"), [])
        else:
            self._fill_periods(sorted({t.plan_year for t in index.tasks_by_id.values()}, reverse=True))
        if self.unit_combo is not None:
            self.unit_combo.blockSignals(True)  # the caller applies the filters once, after
            self.unit_combo.set_items([(self.tr("All units"), ""), *units])
            self.unit_combo.blockSignals(False)

    def _unit_choices(self) -> list[tuple[str, str]]:
        from desktop_app.core.operations.overview import unit_choices

        labels = [(unit.label, unit.id) for unit in call(unit_choices, self._workspace)]
        return sorted(labels, key=lambda item: vi_sort_key(item[0]))

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        """``items`` as (value, label) after an "all" entry; the chosen value is kept."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for value, label in items:
            combo.addItem(label, value)
            combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def _fill_periods(self, years: list[int]) -> None:
        items: list[tuple[str, str]] = []
        for year in years or [date.today().year]:
            quarter, month = self.tr("Quarter {quarter}/{year}"), self.tr("Month {month}/{year}")
            items.append((f"{year}", self.tr("Year {year}").format(year=year)))
            items += [(f"{year}-Q{q}", quarter.format(quarter=q, year=year)) for q in range(1, 5)]
            items += [(f"{year}-{m:02d}", month.format(month=f"{m:02d}", year=year)) for m in range(1, 13)]
        items.append((CUSTOM, self.tr("Custom range…")))
        self._fill(self.period_combo, self.tr("All dates"), items)
        if years and not getattr(self, "_range_set", False):  # a custom range starts as the plans' years
            self.from_edit.set_value(date(years[-1], 1, 1))
            self.to_edit.set_value(date(years[0], 12, 31))
            self._range_set = True

    # --- filtering -----------------------------------------------------------------------

    def current_filter(self) -> ActivityFilter:
        """The core filter the page's controls describe."""
        from desktop_app.core.operations.activities import units_below
        from desktop_app.core.services.activity_list import ActivityFilter

        unit = self.unit_combo.current_value() if self.unit_combo is not None else ""
        unit_ids = None
        if unit:
            unit_ids = call(units_below, self._workspace, unit)
        kind, status = self.kind_combo.currentData(), self.status_combo.currentData()
        return ActivityFilter(
            search=self.search.text().strip() or None,
            period=self._period(),
            unit_ids=unit_ids,
            kinds=[kind] if kind else [],
            statuses=[status] if status else [],
            product_type_id=self.product_type_combo.currentData() or None,
            theme_id=self.theme_combo.currentData() or None,
            language_id=self.language_combo.currentData() or None,
        )

    def _period(self) -> Period | None:
        value = self.period_combo.currentData()
        if not value:
            return None
        if value == CUSTOM:
            value = f"{self.from_edit.value().isoformat()}..{self.to_edit.value().isoformat()}"
        return parse_period(value)

    def _period_changed(self) -> None:
        custom = self.period_combo.currentData() == CUSTOM
        self.from_edit.setVisible(custom)
        self.to_edit.setVisible(custom)
        self.apply_filters()

    def apply_filters(self) -> None:
        """Re-query the table with the current filters (an impossible range is explained, not applied)."""
        self._search_timer.stop()
        if self._workspace is None:  # the first screen: filtered once the core is there (attach)
            self.period_error.hide()
            return
        try:
            flt = self.current_filter()
        except TtdnError as exc:
            self.period_error.setText(exc.message(self._lang))
            self.period_error.show()
            return
        self.period_error.hide()
        selected = self.selected_id()
        self.model.set_filter(flt)
        self._show_count()
        if selected is not None:
            self.select_activity(selected)

    def refresh(self) -> None:
        """Reload the choices and the rows (after changes made elsewhere, e.g. an import)."""
        if self._workspace is None:  # the first screen read light: its rows are shown already
            self._show_count()
            self._update_buttons()
            return
        self.reload_choices()
        self.apply_filters()

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%Ln activities", "", self.model.total()))

    # --- selection and actions -----------------------------------------------------------

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.activity_id(rows[0].row()) if rows else None

    def select_activity(self, activity_id: str) -> bool:
        """Select ``activity_id`` (and scroll to it) if the filters list it."""
        row = self.model.row_of(activity_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def select_row(self, row: int) -> None:
        """Make ``row`` the current, selected row, in sight."""
        index = self.model.index(row, COL_TITLE)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.copy_action.setEnabled(chosen)
        self.delete_action.setEnabled(chosen)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def copy_selected(self) -> ActivityForm | None:
        """Ctrl+D: a new activity like the selected one, a week later (a weekly programme),
        in the form, where the officer types the real day and saves."""
        activity_id = self.selected_id()
        if activity_id is None or self._later(self.copy_selected):
            return None
        from desktop_app.core.operations.activities import copy_activity

        try:
            data = call(copy_activity, self._workspace, activity_id)
        except TtdnError as exc:
            QMessageBox.warning(self, self.tr("Duplicate with a new date"), exc.message(self._lang))
            return None
        return self._open_form(None, initial=data)

    def new_activity(self) -> ActivityForm | None:
        return None if self._later(self.new_activity) else self._open_form(None)

    def edit_activity(self, activity_id: str | None = None) -> ActivityForm | None:
        """Open the form on ``activity_id`` (default: the selected activity)."""
        activity_id = activity_id or self.selected_id()
        if activity_id and self._later(lambda: self.edit_activity(activity_id)):
            return None
        return self._open_form(activity_id) if activity_id else None

    def _open_form(self, activity_id: str | None, initial: dict[str, Any] | None = None) -> ActivityForm:
        from desktop_app.ui.activity_form import ActivityForm

        form = ActivityForm(self._workspace, activity_id, self, initial=initial)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._saved)
        form.finished.connect(lambda _result: setattr(self, "form", None))
        self.form = form
        form.open()
        return form

    def _saved(self, activity_id: str) -> None:
        self.refresh()
        if self.select_activity(activity_id):
            title = self.model.index(self.model.row_of(activity_id), COL_TITLE).data()
            self.show_notice(self.tr("Saved: “{title}”.").format(title=title))
        else:  # saved, but the filters do not show it
            self.show_notice(self.tr("Saved. The current filters do not show this activity."))
        self.changed.emit()

    def open_register_import(self):
        """Open the register import and ask for the file; the list reloads after an import."""
        if self._later(self.open_register_import):
            return None
        from desktop_app.ui.register_import_dialog import RegisterImportDialog

        dialog = RegisterImportDialog(self._workspace, self, lang=self._lang)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._register_imported(dialog.imported))
        self.dialog = dialog
        dialog.open()
        dialog.choose_file()
        return dialog

    def _register_imported(self, count: int) -> None:
        self.dialog = None
        if count:
            self.refresh()
            self.show_notice(self.tr("{count} activities imported from the register.").format(count=count))
            self.changed.emit()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self._notice_timer.start()

    def delete_selected(self) -> bool:
        """Delete the selected activity after the user confirms."""
        activity_id = self.selected_id()
        if activity_id is None or self._later(self.delete_selected):
            return False
        from desktop_app.core.operations.activities import delete_activity

        title = self.model.index(self.model.row_of(activity_id), COL_TITLE).data()
        question = self.tr(
            "Delete the activity “{title}”? It is removed here and, at the next sending, at the department too."
        )
        answer = QMessageBox.question(self, self.tr("Delete activity"), question.format(title=title))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            call(delete_activity, self._workspace, activity_id)
        except TtdnError as exc:
            QMessageBox.warning(self, self.tr("Delete activity"), exc.message(self._lang))
            return False
        self.apply_filters()
        self.changed.emit()
        return True

    # --- layout memory -------------------------------------------------------------------

    def save_layout(self, *_args: Any) -> None:
        settings().setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
