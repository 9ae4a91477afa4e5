"""The activity table: a thin, paged adapter over the core's activity list query.

Rows are plain tuples of display strings, fetched ``chunk_size`` at a time as the view
scrolls (``canFetchMore``/``fetchMore``), so 100,000 activities stay smooth. Filtering and
ordering happen in SQL in the core. Product types are shown by name in the UI language;
statuses the department returned stand out in red, drafts in grey.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.ui.table_models import ReadOnlyTableModel
from desktop_app.core.domain.enums import ActivityStatus, Catalog
from desktop_app.core.operations.activities import list_activities
from desktop_app.core.operations.overview import catalog_index
from desktop_app.core.services.activity_list import ActivityFilter, ActivityRow
from desktop_app.core.workspace import Workspace
from desktop_app.ui.widgets import item_name, ui_language
from desktop_app.ui.workers import call

Index = QModelIndex | QPersistentModelIndex

# Tuple layout: the visible columns first, then the tooltip, the activity id and its status.
COL_DATE, COL_KIND, COL_TITLE, COL_UNIT, COL_STATUS, COL_PRODUCT_TYPE = range(6)
COLUMN_COUNT = 6
_TOOLTIP, _ID, _STATUS = COLUMN_COUNT, COLUMN_COUNT + 1, COLUMN_COUNT + 2
STATUS_COLOURS = {ActivityStatus.RETURNED.value: QColor(180, 30, 30), ActivityStatus.DRAFT.value: QColor(110, 110, 110)}


def format_date(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def kind_labels() -> dict[str, str]:
    """Activity kinds in the UI language, in the order to offer them."""
    return {
        "product": QCoreApplication.translate("ActivityTableModel", "Product"),
        "broadcast": QCoreApplication.translate("ActivityTableModel", "Broadcast/posting"),
        "event": QCoreApplication.translate("ActivityTableModel", "Event"),
        "other": QCoreApplication.translate("ActivityTableModel", "Other"),
    }


def status_labels() -> dict[str, str]:
    """Activity statuses in the UI language: a unit's two, then the department's review."""
    return {
        "draft": QCoreApplication.translate("ActivityTableModel", "Draft"),
        "submitted": QCoreApplication.translate("ActivityTableModel", "Submitted"),
        "accepted": QCoreApplication.translate("ActivityTableModel", "Accepted"),
        "returned": QCoreApplication.translate("ActivityTableModel", "Returned"),
    }


class ActivityTableModel(ReadOnlyTableModel):
    """Activities matching a filter, newest first; ``Qt.UserRole`` gives the activity id."""

    def __init__(self, workspace: Workspace, chunk_size: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._chunk = chunk_size
        self._filter = ActivityFilter()
        self._rows: list[tuple[str, ...]] = []
        self._last: ActivityRow | None = None  # where the next chunk continues
        self._total = 0
        self._headers = (
            self.tr("Date"),
            self.tr("Type"),
            self.tr("Title"),
            self.tr("Unit"),
            self.tr("Status"),
            self.tr("Product type"),
        )
        lang = ui_language()
        types = call(catalog_index, workspace).by_code[Catalog.PRODUCT_TYPE]
        self.product_type_labels = {code: item_name(ref, lang) for code, ref in types.items()}
        self.kind_labels = kind_labels()
        self.status_labels = status_labels()

    # --- loading ----------------------------------------------------------------------

    def set_filter(self, flt: ActivityFilter) -> None:
        """Re-query: count the matches and load the first chunk."""
        self.beginResetModel()
        self._filter = flt
        page = call(list_activities, self._workspace, flt, limit=self._chunk)
        self._total, first = page.total, page.rows
        self._rows = [self._tuple(r) for r in first]
        self._last = first[-1] if first else None
        self._total = max(self._total, len(self._rows))
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def total(self) -> int:
        """How many activities match the filter (loaded or not)."""
        return self._total

    def activity_id(self, row: int) -> str:
        return self._rows[row][_ID]

    def row_of(self, activity_id: str) -> int | None:
        """The row showing ``activity_id`` among those loaded so far."""
        return next((i for i, row in enumerate(self._rows) if row[_ID] == activity_id), None)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        more = call(list_activities, self._workspace, self._filter, limit=self._chunk, after=self._last, count=False).rows
        if not more:  # rows were deleted since counting: stop asking
            self._total = len(self._rows)
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(self._tuple(r) for r in more)
        self._last = more[-1]
        self.endInsertRows()

    def _tuple(self, row: ActivityRow) -> tuple[str, ...]:
        date_text = format_date(row.date_from)
        if row.date_to is not None and row.date_to != row.date_from:
            tooltip_date = f"{date_text} – {format_date(row.date_to)}"
        else:
            tooltip_date = date_text
        return (
            date_text,
            self.kind_labels.get(row.kind, row.kind),
            row.title,
            row.unit_name,
            self.status_labels.get(row.status, row.status),
            self.product_type_labels.get(row.product_type, row.product_type or ""),
            f"{tooltip_date}\n{row.title}",
            row.id,
            row.status,
        )

    # --- QAbstractTableModel ----------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row[_TOOLTIP]
        if role == Qt.ItemDataRole.UserRole:
            return row[_ID]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_STATUS and row[_STATUS] in STATUS_COLOURS:
            return QBrush(STATUS_COLOURS[row[_STATUS]])
        return None
