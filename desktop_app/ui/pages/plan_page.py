"""Plan and catalogs: the plan's tasks, targets and legal basis, and the catalogs. Read-only
(the province changes them and sends them down in its configuration package)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Catalog
from desktop_app.core.operations.overview import catalogs, plans
from desktop_app.core.workspace import Workspace
from desktop_app.ui.workers import call


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    """A small read-only table (tens of rows: a QTableWidget is the right tool here)."""
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
    header.setStretchLastSection(True)
    table.resizeRowsToContents()
    return table


class PlanPage(QWidget):
    """The plan as data, and the catalogs (product types, themes, languages, channels, …)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._layout = QVBoxLayout(self)
        self._tabs = QTabWidget()
        self._layout.addWidget(self._tabs)
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

