"""The history of packages sent and received here, newest first (a table of plain tuples
from one projected query)."""

from __future__ import annotations

from dataclasses import astuple
from datetime import datetime
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop_app.core.operations.sync import package_history
from desktop_app.core.workspace import Workspace
from desktop_app.ui.import_preview_dialog import kind_label
from desktop_app.ui.table_models import ReadOnlyTableModel
from desktop_app.ui.workers import call

Index = QModelIndex | QPersistentModelIndex

COL_TIME, COL_DIRECTION, COL_KIND, COL_PEER, COL_SEQUENCE, COL_VOLUME, COL_FILE, COL_SIZE = range(8)
COLUMN_COUNT = 8
_TOOLTIP = COLUMN_COUNT
MAX_ROWS = 5000


def local_time(value: datetime | None) -> str:
    """``dd/mm/yyyy HH:MM`` in this computer's time zone."""
    return value.astimezone().strftime("%d/%m/%Y %H:%M") if value is not None else ""


def size_text(size: int | None) -> str:
    if size is None:
        return ""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


class PackageHistoryModel(ReadOnlyTableModel):
    """PackageLog rows: time, direction, kind, the other side's unit, sequence, volume,
    file name, size. The tooltip gives the file's SHA-256."""

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._rows: list[tuple[str, ...]] = []
        self._headers = (
            self.tr("Time"),
            self.tr("Direction"),
            self.tr("Kind"),
            self.tr("Unit"),
            self.tr("No."),
            self.tr("Volume"),
            self.tr("File"),
            self.tr("Size"),
        )
        self.direction_labels = {"out": self.tr("Sent"), "in": self.tr("Received")}
        self.refresh()

    def refresh(self) -> None:
        rows = call(package_history, self._workspace, MAX_ROWS)
        self.beginResetModel()
        self._rows = [self._tuple(*astuple(row)) for row in rows]
        self.endResetModel()

    def _tuple(self, at, direction, kind, unit, sequence, index, count, name, size, sha256) -> tuple[str, ...]:
        if unit is None:
            unit = self.tr("All units") if kind == "config" and direction == "out" else ""
        return (
            local_time(at),
            self.direction_labels.get(direction, direction),
            kind_label(kind),
            unit,
            str(sequence),
            f"{index}/{count}",
            name or "",
            size_text(size),
            f"{name or ''}\nSHA-256: {sha256 or ''}",
        )

    # --- QAbstractTableModel ----------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row[_TOOLTIP]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (COL_SEQUENCE, COL_VOLUME, COL_SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
