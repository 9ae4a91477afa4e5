"""Plan and catalogs: the plan's tasks, targets and legal basis, and the catalogs. At the
province, also what the reports measure against: the allocation of each task (for the
whole plan or per unit) and the event(s) that carry a task out (the II.2 conference); they
reach the units in the configuration package. Elsewhere read-only."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Catalog, Role
from desktop_app.core.errors import TtdnError
from desktop_app.core.operations import plan_targets
from desktop_app.core.operations.installation import describe_installation
from desktop_app.core.operations.overview import catalogs, plans
from desktop_app.core.workspace import Workspace
from desktop_app.ui.widgets import SearchCombo, ui_language
from desktop_app.ui.workers import call


WRAP_CHARS = 34  # a long-text column (name, partners, products) wraps at about this width


def _table(headers: list[str], rows: list[list[str]], wrapped: tuple[int, ...] = ()) -> QTableWidget:
    """A small read-only table (tens of rows: a QTableWidget is the right tool here).
    Short columns fit their contents; the ``wrapped`` ones share the rest of the width
    and wrap their text, so every column is in sight without scrolling sideways."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in wrapped:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(min(header.minimumSectionSize(), 40))
    header.setStretchLastSection(not wrapped)
    if wrapped:
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.sectionResized.connect(lambda *_args: table.resizeRowsToContents())
    table.resizeRowsToContents()
    return table


class PlanPage(QWidget):
    """The plan as data, and the catalogs (product types, themes, languages, channels, …)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._layout = QVBoxLayout(self)
        self.role = call(describe_installation, workspace, keys=False).role
        self.editor: PlanEditor | None = None
        if self.role == Role.AGGREGATOR:
            self.editor = PlanEditor(workspace, self)
            self.editor.changed.connect(self.refresh)
            self._layout.addWidget(self.editor)
        self._tabs = QTabWidget()
        self._layout.addWidget(self._tabs, 1)
        self.refresh()

    def _catalog_names(self) -> dict[Catalog, str]:
        return {
            Catalog.PRODUCT_TYPE: self.tr("Product types"),
            Catalog.THEME: self.tr("Themes"),
            Catalog.LANGUAGE: self.tr("Languages"),
            Catalog.CHANNEL: self.tr("Channels"),
            Catalog.PARTICIPANT_CATEGORY: self.tr("Participant categories"),
            Catalog.EVENT_TYPE: self.tr("Event types"),
            Catalog.ETHNICITY: self.tr("Ethnicities"),
        }

    def refresh(self) -> None:
        vietnamese = QLocale().language() == QLocale.Language.Vietnamese
        money = QLocale()
        self._tabs.clear()
        for view in call(plans, self._workspace):
            page = QWidget()
            layout = QVBoxLayout(page)
            title = QLabel(f"<b>{view.title}</b>")
            title.setWordWrap(True)
            layout.addWidget(title)
            if view.legal_refs:
                refs = QLabel(self.tr("Legal basis:") + "<ul>" + "".join(f"<li>{r}</li>" for r in view.legal_refs) + "</ul>")
                refs.setWordWrap(True)
                refs.setTextFormat(Qt.TextFormat.RichText)
                layout.addWidget(refs)
            layout.addWidget(
                _table(
                    [self.tr("Task"), self.tr("Name"), self.tr("Lead"), self.tr("Partners"), self.tr("Time"), self.tr("Budget (VND)"), self.tr("Products")],
                    [
                        [
                            t.code,
                            t.name,
                            t.lead,
                            "; ".join(t.partners),
                            t.time,
                            money.toString(t.budget) if t.budget is not None else self.tr("not set"),
                            t.products,
                        ]
                        for t in view.tasks
                    ],
                    wrapped=(1, 3, 6),
                ),
                3,
            )
            metric_names = {
                "products": self.tr("products"),
                "broadcasts": self.tr("broadcasts"),
                "events": self.tr("events"),
                "delegates": self.tr("delegates"),
                "cost": self.tr("cost (VND)"),
            }
            layout.addWidget(QLabel(self.tr("Targets")))
            layout.addWidget(
                _table(
                    [self.tr("Task"), self.tr("Target"), self.tr("Period"), self.tr("Description")],
                    [
                        [
                            t.task_code,
                            f"{money.toString(t.value, 'f', 0)} {metric_names.get(t.metric, t.metric)}",
                            t.period or "",
                            t.description or "",
                        ]
                        for t in view.targets
                    ],
                    wrapped=(3,),
                ),
                1,
            )
            if view.funding:
                funding = QLabel(self.tr("Funding: {text}").format(text=view.funding))
                funding.setWordWrap(True)
                layout.addWidget(funding)
            self._tabs.addTab(page, self.tr("Plan {year}").format(year=view.year))
        names = self._catalog_names()
        stored = call(catalogs, self._workspace, names)
        for catalog, label in names.items():
            rows = [
                [item.code, item.name_vi if vietnamese else (item.name_en or item.name_vi)]
                for item in stored[catalog]
            ]
            self._tabs.addTab(_table([self.tr("Code"), self.tr("Name")], rows), label)


class PlanEditor(QGroupBox):
    """The province's entries for the reports: a task's allocation (for the whole task or
    one unit) and the event(s) that carry a task out."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("For the reports (sent to the units in the configuration package)"))
        self._workspace = workspace
        self.task = SearchCombo()
        self.unit = SearchCombo()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("VND, e.g. 300.000.000"))
        self.save_allocation = QPushButton(self.tr("Save the allocation"))
        self.event = SearchCombo()
        self.event.setPlaceholderText(self.tr("No event in the plan's period"))
        self.mark = QPushButton(self.tr("Mark as carrying out the task"))
        self.unmark = QPushButton(self.tr("Clear the mark"))
        self.marked = QLabel()
        self.marked.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Task:"), self.task)
        allocation = QHBoxLayout()
        allocation.addWidget(self.unit, 2)
        allocation.addWidget(self.amount, 1)
        allocation.addWidget(self.save_allocation)
        form.addRow(self.tr("Allocation:"), allocation)
        events = QHBoxLayout()
        events.addWidget(self.event, 1)
        events.addWidget(self.mark)
        events.addWidget(self.unmark)
        form.addRow(self.tr("Event:"), events)
        form.addRow("", self.marked)
        form.addRow("", self.message)
        self.save_allocation.clicked.connect(self._save_allocation)
        self.mark.clicked.connect(lambda: self._mark(False))
        self.unmark.clicked.connect(lambda: self._mark(True))
        self.task.currentIndexChanged.connect(self._show_marked)
        self.load()

    def load(self) -> None:
        self.choices = call(plan_targets.plan_choices, self._workspace)
        self.task.set_items([(f"{code}. {name}", code) for code, name in self.choices["tasks"]])
        self.unit.set_items([(self.tr("The whole task"), None), *self.choices["units"]])
        self.event.set_items(self.choices["events"])
        self._show_marked()

    def _show_marked(self) -> None:
        ids = self.choices["marked"].get(self.task.current_value(), [])
        labels = dict((value, label) for label, value in self.choices["events"])
        names = [labels.get(i, i[:8]) for i in ids]
        self.marked.setText(self.tr("Carried out by: {events}").format(events="; ".join(names)) if names else self.tr("No event marked for this task."))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")

    def _save_allocation(self) -> None:
        task, unit, amount = self.task.current_value(), self.unit.current_value(), self.amount.text().strip()
        try:
            call(plan_targets.set_allocation, self._workspace, task, amount or None, unit=unit)
        except TtdnError as exc:
            self._say(exc.message(ui_language()), error=True)
            return
        self._say(self.tr("Saved. Send the configuration package so the units receive it."))
        self.changed.emit()

    def _mark(self, clear: bool) -> None:
        task, event = self.task.current_value(), self.event.current_value()
        try:
            call(plan_targets.mark_event, self._workspace, task, [] if clear or event is None else [event])
        except TtdnError as exc:
            self._say(exc.message(ui_language()), error=True)
            return
        self.load()
        self._say(self.tr("Saved. Send the configuration package so the units receive it."))
        self.changed.emit()
