"""The activity table: a thin, paged adapter over the core's activity list query.

Rows are plain tuples of display strings, fetched a page at a time where the view looks
(the model has every matching row from the start, so Ctrl+End or dragging the scroll bar
reaches row 100,000 at once). Filtering and
ordering happen in SQL in the core. Product types are shown by name in the UI language;
statuses the department returned stand out in red, drafts in grey.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.ui.table_models import ReadOnlyTableModel
from desktop_app.core.domain.enums import ActivityStatus, Catalog
from desktop_app.core.operations.activities import activity_position, activity_window, list_activities
from desktop_app.core.operations.overview import catalog_index
from desktop_app.core.services.activity_list import ActivityFilter, ActivityKey, ActivityRow
from desktop_app.core.workspace import Workspace
from desktop_app.ui.widgets import item_name, ui_language
from desktop_app.ui.workers import call

Index = QModelIndex | QPersistentModelIndex

# Tuple layout: the visible columns first, then the tooltip, the activity id and its status.
COL_DATE, COL_KIND, COL_TITLE, COL_UNIT, COL_STATUS, COL_PRODUCT_TYPE = range(6)
COLUMN_COUNT = 6
_TOOLTIP, _ID, _STATUS, _KEY = COLUMN_COUNT, COLUMN_COUNT + 1, COLUMN_COUNT + 2, COLUMN_COUNT + 3
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
    """Activities matching a filter, newest first; ``Qt.UserRole`` gives the activity id.

    The model knows how many rows match and has that many rows from the start, so the
    scroll bar covers the whole list; it fetches the page (``chunk_size`` rows) of the rows
    being looked at when they are first shown and keeps the latest pages in memory.
    A page next to one already read continues after its last row (keyset paging); the last
    pages are read backwards from the end (Ctrl+End); any other page continues after the
    end of the page before it, found once per filter for all pages in one pass."""

    KEPT_PAGES = 60  # pages kept in memory (the least recently used are dropped)

    def __init__(
        self,
        workspace: Workspace,
        chunk_size: int = 200,
        parent: QObject | None = None,
        *,
        event_type_as_kind: bool = False,
    ) -> None:
        """``event_type_as_kind``: the "Type" column names the event type (the events list)."""
        super().__init__(parent)
        self._workspace = workspace
        self._chunk = chunk_size
        self._filter = ActivityFilter()
        self._pages: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        self._ends: list[ActivityKey] | None = None  # the last row of every full page, once needed
        self._total = 0
        self._event_type_as_kind = event_type_as_kind
        self._headers = (
            self.tr("Date"),
            self.tr("Type"),
            self.tr("Title"),
            self.tr("Unit"),
            self.tr("Status"),
            self.tr("Product type"),
        )
        lang = ui_language()
        index = call(catalog_index, workspace)
        names = {catalog: {code: item_name(ref, lang) for code, ref in index.by_code[catalog].items()}
                 for catalog in (Catalog.PRODUCT_TYPE, Catalog.EVENT_TYPE)}  # fmt: skip
        self.product_type_labels = names[Catalog.PRODUCT_TYPE]
        self.event_type_labels = names[Catalog.EVENT_TYPE]
        self.kind_labels = kind_labels()
        self.status_labels = status_labels()

    # --- loading ----------------------------------------------------------------------

    def set_filter(self, flt: ActivityFilter) -> None:
        """Re-query: count the matches and read the first page."""
        self.beginResetModel()
        self._filter = flt
        self._pages.clear()
        self._ends = None
        page = call(list_activities, self._workspace, flt, limit=self._chunk)
        self._total = page.total
        if self._total:
            self._store(0, page.rows)
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def total(self) -> int:
        """How many activities match the filter."""
        return self._total

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._total

    def activity_id(self, row: int) -> str:
        return self._row(row)[_ID]

    def loaded_pages(self) -> list[int]:
        return sorted(self._pages)

    def row_of(self, activity_id: str) -> int | None:
        """The row showing ``activity_id`` (None when the filter does not list it)."""
        for number, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row[_ID] == activity_id:
                    return number * self._chunk + offset
        return call(activity_position, self._workspace, self._filter, activity_id)

    def _row(self, row: int) -> tuple[Any, ...]:
        number, offset = divmod(row, self._chunk)
        page = self._pages.get(number)
        if page is None:
            page = self._load(number)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else self._blank

    def _load(self, number: int) -> list[tuple[Any, ...]]:
        """Read page ``number`` (see the class notes for how)."""
        flt, size = self._filter, self._chunk
        wanted = min(size, self._total - number * size)
        before = self._pages.get(number - 1)
        after = before[-1][_KEY] if before is not None and len(before) == size and before[-1][_KEY] is not None else None
        rows, self._ends = call(
            activity_window, self._workspace, flt, number=number, size=size, total=self._total, after=after, ends=self._ends
        )
        page = self._store(number, rows)
        if len(page) < wanted:  # rows deleted since counting: show blanks, count again soon
            page.extend([self._blank] * (wanted - len(page)))
        return page

    def _store(self, number: int, rows: list[ActivityRow]) -> list[tuple[Any, ...]]:
        page = [self._tuple(r) for r in rows]
        self._pages[number] = page
        self._pages.move_to_end(number)
        while len(self._pages) > self.KEPT_PAGES:
            self._pages.popitem(last=False)
        return page

    @property
    def _blank(self) -> tuple[Any, ...]:
        return ("",) * (COLUMN_COUNT + 1) + (None, "", None)

    def _tuple(self, row: ActivityRow) -> tuple[str, ...]:
        date_text = format_date(row.date_from)
        if row.date_to is not None and row.date_to != row.date_from:
            tooltip_date = f"{date_text} – {format_date(row.date_to)}"
        else:
            tooltip_date = date_text
        kind = self.kind_labels.get(row.kind, row.kind)
        if self._event_type_as_kind and row.event_type:
            kind = self.event_type_labels.get(row.event_type, row.event_type)
        return (
            date_text,
            kind,
            row.title,
            row.unit_name,
            self.status_labels.get(row.status, row.status),
            self.product_type_labels.get(row.product_type, row.product_type or ""),
            f"{tooltip_date}\n{row.title}",
            row.id,
            row.status,
            ActivityKey(row.date_from, row.sort_key, row.id),
        )

    # --- QAbstractTableModel ----------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._row(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row[_TOOLTIP]
        if role == Qt.ItemDataRole.UserRole:
            return row[_ID]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_STATUS and row[_STATUS] in STATUS_COLOURS:
            return QBrush(STATUS_COLOURS[row[_STATUS]])
        return None
