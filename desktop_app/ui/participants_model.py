"""An event's participants in the GUI: the editable table model (validated row by row with
the core's ``read_participant``), a combo-box delegate for its choice columns, and a small
view of the counts by gender, ethnicity and category.

Rows keep their participant id, so a save sends only what changed: new rows, edited
fields, removed ids. Values are kept as the core's input takes them: gender as its stored
value ("male", "female", "other"), ethnicity and category as catalog codes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop_app.core.domain.enums import Catalog
from desktop_app.core.errors import Issue
from desktop_app.core.services.catalogs import CatalogIndex, ItemRef
from desktop_app.core.services.participants import read_participant
from desktop_app.core.services.stats import UNKNOWN
from desktop_app.ui.widgets import format_number

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("name", "gender", "ethnicity", "birth_year", "position", "organization", "category", "phone")
GENDERS = ("male", "female", "other")
CATALOG_OF = {"ethnicity": Catalog.ETHNICITY.value, "category": Catalog.PARTICIPANT_CATEGORY.value}
ERROR_BACKGROUND = QColor("#f8d7da")
WARNING_BACKGROUND = QColor("#fff3cd")


def field_labels() -> dict[str, str]:
    """The participant fields' names in the UI language (table headers, column mapping)."""
    translate = QCoreApplication.translate
    return {
        "name": translate("ParticipantTableModel", "Full name"),
        "gender": translate("ParticipantTableModel", "Gender"),
        "ethnicity": translate("ParticipantTableModel", "Ethnicity"),
        "birth_year": translate("ParticipantTableModel", "Birth year"),
        "position": translate("ParticipantTableModel", "Position"),
        "organization": translate("ParticipantTableModel", "Workplace"),
        "unit": translate("ParticipantTableModel", "Unit code"),
        "category": translate("ParticipantTableModel", "Delegate group"),
        "phone": translate("ParticipantTableModel", "Phone number"),
    }


def gender_labels() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "male": translate("ParticipantTableModel", "Male"),
        "female": translate("ParticipantTableModel", "Female"),
        "other": translate("ParticipantTableModel", "Other"),
    }


def item_label(ref: ItemRef, lang: str) -> str:
    return ref.name_vi if lang == "vi" or not ref.name_en else ref.name_en


@dataclass
class ParticipantRow:
    """One row: its values, the participant id and values as stored (None: a new row)."""

    values: dict[str, Any]
    id: str | None = None
    original: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def changes(self) -> dict[str, Any]:
        return {k: self.values.get(k) for k in COLUMNS if self.values.get(k) != self.original.get(k)}

    def input(self) -> dict[str, Any]:
        """The values as the core's participant input (empty fields left out)."""
        return {k: v for k, v in self.values.items() if v not in (None, "")}


def _clean(column: str, value: Any) -> Any:
    """An edited value as stored in the row: trimmed text, None for empty, a year as int."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
        if column == "birth_year" and value.isdigit():
            return int(value)
    return value


class ParticipantTableModel(QAbstractTableModel):
    """Editable participants; cells with an error are red (warnings yellow), the message is
    their tooltip. ``changed`` is emitted on any edit, so counts can follow."""

    changed = Signal()

    def __init__(self, index: CatalogIndex, lang: str = "vi", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._index = index
        self._lang = lang
        self._rows: list[ParticipantRow] = []
        self._removed: list[str] = []
        self._read_only = False
        self._headers = field_labels()
        self._genders = gender_labels()
        self._names = {
            column: {code: item_label(ref, lang) for code, ref in index.by_code.get(catalog, {}).items()}
            for column, catalog in CATALOG_OF.items()
        }

    # --- contents -----------------------------------------------------------------------

    def load(self, rows: list[tuple[str | None, dict[str, Any]]]) -> None:
        """Replace the rows with stored participants: (id, values) pairs."""
        self.beginResetModel()
        self._rows = []
        for participant_id, values in rows:
            clean = {c: values.get(c) for c in COLUMNS}
            self._rows.append(self._validated(ParticipantRow(clean, participant_id, dict(clean))))
        self._removed = []
        self.endResetModel()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def add_row(self, values: Mapping[str, Any] | None = None) -> int:
        """Append a new row (empty, or with ``values``); returns its number."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        clean = {c: _clean(c, (values or {}).get(c)) for c in COLUMNS}
        self._rows.append(self._validated(ParticipantRow(clean)))
        self.endInsertRows()
        self.changed.emit()
        return row

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:
        if parent.isValid() or row < 0 or count <= 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        for gone in self._rows[row : row + count]:
            if gone.id is not None:
                self._removed.append(gone.id)
        del self._rows[row : row + count]
        self.endRemoveRows()
        self.changed.emit()
        return True

    def remove_rows(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.removeRows(row, 1)

    def _validated(self, row: ParticipantRow) -> ParticipantRow:
        _, row.issues = read_participant(row.input(), self._index)
        return row

    # --- what to save -------------------------------------------------------------------

    def new_rows(self) -> list[tuple[int, dict[str, Any]]]:
        """(row number, participant input) of the rows not stored yet."""
        return [(n, r.input()) for n, r in enumerate(self._rows) if r.id is None]

    def changed_rows(self) -> list[tuple[int, str, dict[str, Any]]]:
        """(row number, participant id, changed fields) of the stored rows edited."""
        return [(n, r.id, r.changes()) for n, r in enumerate(self._rows) if r.id is not None and r.changes()]

    def removed_ids(self) -> list[str]:
        return list(self._removed)

    def is_modified(self) -> bool:
        return bool(self._removed or self.new_rows() or self.changed_rows())

    def row_issues(self, row: int) -> list[Issue]:
        return list(self._rows[row].issues)

    def error_rows(self) -> list[int]:
        return [n for n, r in enumerate(self._rows) if any(i.severity == "error" for i in r.issues)]

    def counts(self) -> dict[str, Any]:
        """Counts of the rows as they are now, shaped like the core's ``participant_counts``."""
        tallies: dict[str, Counter] = {"gender": Counter(), "ethnicity": Counter(), "category": Counter()}
        for row in self._rows:
            for name, tally in tallies.items():
                tally[row.values.get(name) or UNKNOWN] += 1
        return {
            "total": len(self._rows),
            "by_gender": dict(tallies["gender"]),
            "by_ethnicity": dict(tallies["ethnicity"]),
            "by_category": dict(tallies["category"]),
        }

    def choices(self, column: int) -> list[tuple[str, str]] | None:
        """(value, label) pairs a combo box offers for ``column``; None for free text."""
        name = COLUMNS[column]
        if name == "gender":
            return list(self._genders.items())
        if name in CATALOG_OF:
            items = self._index.by_code.get(CATALOG_OF[name], {})
            return [(code, self._names[name][code]) for code, ref in items.items() if ref.active]
        return None

    # --- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def _display(self, name: str, value: Any) -> str:
        if value is None:
            return ""
        if name == "gender":
            return self._genders.get(value, str(value))
        if name in self._names:
            return self._names[name].get(value, str(value))
        return str(value)

    def _cell_issues(self, row: ParticipantRow, name: str) -> list[Issue]:
        """Issues of this column; the name column also shows those of fields not in the table."""
        return [
            i for i in row.issues if i.field == name or (name == "name" and (i.field or "name") not in COLUMNS)
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        name = COLUMNS[index.column()]
        value = row.values.get(name)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(name, value)
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else value if name in ("gender", *CATALOG_OF) else str(value)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole):
            issues = self._cell_issues(row, name)
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(i.message(self._lang) for i in issues) or self._display(name, value) or None
            if any(i.severity == "error" for i in issues):
                return ERROR_BACKGROUND
            return WARNING_BACKGROUND if issues else None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._read_only:
            return False
        row = self._rows[index.row()]
        name = COLUMNS[index.column()]
        clean = _clean(name, value)
        if row.values.get(name) == clean:
            return True
        row.values[name] = clean
        self._validated(row)
        last = self.index(index.row(), len(COLUMNS) - 1)
        self.dataChanged.emit(self.index(index.row(), 0), last)
        self.changed.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return self._headers[COLUMNS[section]]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags if self._read_only else flags | Qt.ItemFlag.ItemIsEditable


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for the columns whose model offers ``choices``; plain editors elsewhere."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        choices = index.model().choices(index.column())
        if choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.addItem("", "")
        for value, label in choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _n, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or None, Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class ParticipantCountsView(QWidget):
    """Counts of participants: the total, then by gender, ethnicity and delegate group."""

    def __init__(self, index: CatalogIndex, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = {
            "by_gender": gender_labels(),
            **{
                f"by_{column}": {code: item_label(ref, lang) for code, ref in index.by_code.get(catalog, {}).items()}
                for column, catalog in CATALOG_OF.items()
            },
        }
        self.total_label = QLabel()
        self.gender_label = QLabel()
        self.ethnicity_label = QLabel()
        self.category_label = QLabel()
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for title, label in (
            (self.tr("Delegates:"), self.total_label),
            (self.tr("Gender:"), self.gender_label),
            (self.tr("Ethnicity:"), self.ethnicity_label),
            (self.tr("Groups:"), self.category_label),
        ):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addRow(title, label)
        self.set_counts({"total": 0})

    def _parts(self, key: str, counts: Mapping[str, int]) -> list[str]:
        names = {**self._names[key], UNKNOWN: self.tr("not given")}
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] == UNKNOWN, kv[0]))
        return [f"{names.get(code, code)}: {format_number(n)}" for code, n in ordered]

    def set_counts(self, counts: Mapping[str, Any]) -> None:
        """Show ``{"total", "by_gender", "by_ethnicity", "by_category"}`` (missing keys: none)."""
        self.total_label.setText(format_number(counts.get("total", 0)))
        self.gender_label.setText(" · ".join(self._parts("by_gender", counts.get("by_gender", {}))) or "—")
        self.ethnicity_label.setText(" · ".join(self._parts("by_ethnicity", counts.get("by_ethnicity", {}))) or "—")
        self.category_label.setText("\n".join(self._parts("by_category", counts.get("by_category", {}))) or "—")
