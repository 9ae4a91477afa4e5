"""Read-only tables: the base of their models (rows held in ``_rows``, column titles in
``_headers``; subclasses supply ``data``) and the view they are shown in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_app.ui.widgets import FullTextDelegate

Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    """Rows and horizontal headers held as ``_rows`` and ``_headers``."""

    _rows: list
    _headers: tuple[str, ...]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None


class ReadOnlyTableModel(RowsTableModel):
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def table_view(
    model: QAbstractTableModel, stretch: Sequence[int] = (), multi: bool = False, chars: dict[int, int] | None = None
) -> QTableView:
    """A read-only view with fixed row heights, whole-row selection and fitted columns;
    ``stretch`` columns share the spare width, ``chars`` columns start that many characters wide."""
    view = QTableView()
    view.setModel(model)
    view.setItemDelegate(FullTextDelegate(view))  # a cut cell shows its whole text as a tooltip
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    mode = QAbstractItemView.SelectionMode.ExtendedSelection if multi else QAbstractItemView.SelectionMode.SingleSelection
    view.setSelectionMode(mode)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    rows.hide()
    columns = view.horizontalHeader()
    columns.setHighlightSections(False)
    columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    for column, count in (chars or {}).items():
        columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        columns.resizeSection(column, view.fontMetrics().averageCharWidth() * count)
    return view
