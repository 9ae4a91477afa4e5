"""The activity table: a thin, paged adapter over the core's activity list query.

Rows are plain tuples of display strings, fetched a page at a time where the view looks
(the model has every matching row from the start, so Ctrl+End or dragging the scroll bar
reaches row 100,000 at once). Filtering and
ordering happen in SQL in the core. Product types are shown by name in the UI language;
statuses the department returned stand out in red, drafts in grey.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.ui.table_models import ReadOnlyTableModel
from desktop_app.core.domain.enums import ActivityStatus, Catalog
from desktop_app.core.messages import labels
from desktop_app.core.domain.listing import ActivityKey, ActivityRow
from desktop_app.core.operations.first_page import FirstScreen
from desktop_app.ui.widgets import item_name, ui_language
from desktop_app.ui.workers import call

if TYPE_CHECKING:  # the core's list code loads SQLAlchemy: imported where used (see first_page)
    from desktop_app.core.services.activity_list import ActivityFilter
    from desktop_app.core.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex

# Tuple layout: the visible columns first, then the tooltip, the activity id and its status.
COL_DATE, COL_KIND, COL_TITLE, COL_UNIT, COL_STATUS, COL_PRODUCT_TYPE = range(6)
COLUMN_COUNT = 6
PAGE_ROWS = 200  # rows read at a time (the first page is what the program's start reads light)
_TOOLTIP, _ID, _STATUS, _KEY = COLUMN_COUNT, COLUMN_COUNT + 1, COLUMN_COUNT + 2, COLUMN_COUNT + 3
STATUS_COLOURS = {ActivityStatus.RETURNED.value: QColor(180, 30, 30), ActivityStatus.DRAFT.value: QColor(110, 110, 110)}


def format_date(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def kind_labels() -> dict[str, str]:
    """Activity kinds in the UI language, in the order to offer them (the core's labels)."""
    return labels("kind", ui_language())


def status_labels() -> dict[str, str]:
    """Activity statuses in the UI language: a unit's two, then the department's review."""
    return labels("status", ui_language())


class ActivityTableModel(ReadOnlyTableModel):
    """Activities matching a filter, newest first; ``Qt.UserRole`` gives the activity id.

    The model knows how many rows match and has that many rows from the start, so the
    scroll bar covers the whole list; it fetches the page (``chunk_size`` rows) of the rows
    being looked at when they are first shown and keeps the latest pages in memory.
    A page next to one already read continues after its last row (keyset paging); the last
    pages are read backwards from the end (Ctrl+End); any other page continues after the
    end of the page before it, found once per filter for all pages in one pass.

    Made with ``first`` instead of a workspace (the program's start), it shows the first
    page read light (:mod:`desktop_app.core.operations.first_page`) before the core is
    loaded, rows further down blank; :meth:`attach` then hands it the workspace, and it
    goes on as if it had read that page itself (it reads it again to be sure: a
    difference, e.g. catalog names just updated, reloads the list)."""

    KEPT_PAGES = 60  # pages kept in memory (the least recently used are dropped)

    def __init__(
        self,
        workspace: Workspace | None,
        chunk_size: int = PAGE_ROWS,
        parent: QObject | None = None,
        *,
        event_type_as_kind: bool = False,
        first: FirstScreen | None = None,
    ) -> None:
        """``event_type_as_kind``: the "Type" column names the event type (the events list).
        ``first`` (with no workspace): the first screen read light."""
        super().__init__(parent)
        self._workspace = workspace
        self._chunk = chunk_size
        self._filter: ActivityFilter | None = None  # None until attached: the list as it opens
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
        self.kind_labels = kind_labels()
        self.status_labels = status_labels()
        if workspace is not None:
            self._filter = self._everything()
            self._read_labels()
        elif first is not None:
            self._set_labels(first.names)
            self._total = first.total
            if first.total:
                self._store(0, first.rows)
        else:
            raise ValueError("an activity table needs a workspace or a first screen")

    @staticmethod
    def _everything() -> ActivityFilter:
        from desktop_app.core.services.activity_list import ActivityFilter

        return ActivityFilter()

    def _read_labels(self) -> None:
        from desktop_app.core.operations.overview import catalog_index

        index = call(catalog_index, self._workspace)
        self._set_labels({catalog: index.by_code[catalog] for catalog in (Catalog.PRODUCT_TYPE, Catalog.EVENT_TYPE)})

    def _set_labels(self, names: Any) -> None:
        """The product and event types' names from ``names`` (catalog -> code -> item)."""
        lang = ui_language()
        self.product_type_labels = {code: item_name(ref, lang) for code, ref in names[Catalog.PRODUCT_TYPE].items()}
        self.event_type_labels = {code: item_name(ref, lang) for code, ref in names[Catalog.EVENT_TYPE].items()}

    @property
    def attached(self) -> bool:
        return self._workspace is not None

    def attach(self, workspace: Workspace) -> bool:
        """Go on with ``workspace`` from the first screen read light. True when the real
        reading equals what is shown (nothing moves); otherwise the list is reloaded."""
        from desktop_app.core.operations.activities import list_activities

        self._workspace = workspace
        self._filter = self._everything()
        self._read_labels()
        page = call(list_activities, workspace, self._filter, limit=self._chunk)
        shown = self._pages.get(0, [])
        fresh = [self._tuple(row) for row in page.rows]
        if page.total == self._total and fresh == shown:
            if self._total > len(shown):  # rows looked at while detached were blank
                self.dataChanged.emit(self.index(len(shown), 0), self.index(self._total - 1, COLUMN_COUNT - 1))
            return True
        self.set_filter(self._filter)
        return False

    # --- loading ----------------------------------------------------------------------

    def set_filter(self, flt: ActivityFilter) -> None:
        """Re-query: count the matches and read the first page."""
        from desktop_app.core.operations.activities import list_activities

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
        if self._filter is not None:
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
        if self._workspace is None:
            return None
        from desktop_app.core.operations.activities import activity_position

        return call(activity_position, self._workspace, self._filter, activity_id)

    def _row(self, row: int) -> tuple[Any, ...]:
        number, offset = divmod(row, self._chunk)
        page = self._pages.get(number)
        if page is None and self._workspace is None:  # before the core is loaded (see attach)
            return self._blank
        if page is None:
            page = self._load(number)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else self._blank

    def _load(self, number: int) -> list[tuple[Any, ...]]:
        """Read page ``number`` (see the class notes for how)."""
        from desktop_app.core.operations.activities import activity_window

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
            ActivityKey(row.date_from, row.sort_key, row.id),  # what keyset paging continues after
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
