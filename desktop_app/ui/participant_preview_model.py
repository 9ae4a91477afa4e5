"""The import preview's table: one row per person read from the file, editable in place.

The first column says whether the row is imported (uncheck to exclude it), then the
sheet row, the reasons a row has problems, and the fields. Rows with errors are shaded
red and rows with warnings yellow, with the reasons in Vietnamese in the last column and
the tooltip; an edit re-checks that row at once. Sorting by the name column sorts the
Vietnamese way (given name, middle names, family name).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from desktop_app.core.domain.text import person_sort_key, vi_sort_key
from desktop_app.core.operations.office_input import recheck
from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.tabular.people import PersonRow
from desktop_app.ui.participants_model import ERROR_BACKGROUND, WARNING_BACKGROUND, field_labels
from desktop_app.ui.table_models import Index, RowsTableModel

FIELDS = ("name", "gender", "birth_year", "ethnicity", "position", "organization", "category", "phone", "note", "absent")
INCLUDE, ROW, PROBLEMS = 0, 1, 2
FIRST_FIELD = 3


def _labels() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        **field_labels(),
        "note": translate("ParticipantPreviewModel", "Note"),
        "absent": translate("ParticipantPreviewModel", "Absent"),
    }


class ParticipantPreviewModel(RowsTableModel):
    def __init__(self, catalog: CatalogIndex | None = None, lang: str = "vi", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._lang = lang
        self._rows: list[PersonRow] = []
        labels = _labels()
        translate = QCoreApplication.translate
        self._headers = (
            translate("ParticipantPreviewModel", "Import"),
            translate("ParticipantPreviewModel", "Row"),
            translate("ParticipantPreviewModel", "Problems"),
            *(labels[f] for f in FIELDS),
        )

    # --- content ------------------------------------------------------------------------

    def load(self, rows: list[PersonRow], catalog: CatalogIndex) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._catalog = catalog
        self.endResetModel()

    def people(self) -> list[PersonRow]:
        return list(self._rows)

    def person(self, row: int) -> PersonRow:
        return self._rows[row]

    def problem_rows(self) -> list[int]:
        return [n for n, p in enumerate(self._rows) if p.errors]

    def included(self) -> int:
        return sum(1 for p in self._rows if not p.excluded)

    # --- Qt -------------------------------------------------------------------------------

    def _field(self, column: int) -> str | None:
        number = column - FIRST_FIELD
        return FIELDS[number] if 0 <= number < len(FIELDS) else None

    def _display(self, person: PersonRow, name: str) -> str:
        value = person.values.get(name)
        if name == "gender":
            translate = QCoreApplication.translate
            return {"nam": translate("ParticipantTableModel", "Male"), "nu": translate("ParticipantTableModel", "Female")}.get(
                value, "" if value is None else str(value)
            )
        if name in ("ethnicity", "category") and value and self._catalog is not None:
            from desktop_app.core.domain.enums import Catalog

            catalog = Catalog.ETHNICITY if name == "ethnicity" else Catalog.PARTICIPANT_CATEGORY
            ref = self._catalog.find_item(catalog, str(value))
            if ref is not None:
                return ref.name_vi if self._lang == "vi" or not ref.name_en else ref.name_en
        if name == "absent":
            return ""
        return "" if value is None else str(value)

    def _reasons(self, person: PersonRow) -> str:
        return "\n".join(i.message(self._lang) for i in sorted(person.issues, key=lambda i: i.severity != "error"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._rows[index.row()]
        column = index.column()
        name = self._field(column)
        if role == Qt.ItemDataRole.CheckStateRole:
            if column == INCLUDE:
                return Qt.CheckState.Unchecked if person.excluded else Qt.CheckState.Checked
            if name == "absent":
                return Qt.CheckState.Checked if person.values.get("absent") else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == ROW:
                return person.row
            if name is not None:
                return self._display(person, name) if role == Qt.ItemDataRole.DisplayRole else person.values.get(name)
            if column == PROBLEMS:
                return " ".join(self._reasons(person).split("\n"))
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if person.excluded:
                return None
            if person.errors:
                return ERROR_BACKGROUND
            if person.issues:
                return WARNING_BACKGROUND
            return None
        if role == Qt.ItemDataRole.ForegroundRole and person.excluded:
            from PySide6.QtGui import QColor

            return QColor("#888888")
        if role == Qt.ItemDataRole.ToolTipRole:
            how = person.how.get(name or "")
            tips = []
            if how:
                tips.append(_how_text(how))
            if person.issues:
                tips.append(self._reasons(person))
            return "\n".join(tips) or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        name = self._field(index.column())
        if index.column() == INCLUDE or name == "absent":
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if name is not None:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        person = self._rows[index.row()]
        name = self._field(index.column())
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            if index.column() == INCLUDE:
                person.excluded = not checked
            elif name == "absent":
                person.values["absent"] = checked
            else:
                return False
        elif role == Qt.ItemDataRole.EditRole and name is not None:
            text = "" if value is None else str(value).strip()
            person.values[name] = text or None
            # The reader's finding on this field no longer holds: check the row as it is now.
            person.issues = [i for i in person.issues if i.field != person.label + name]
            person.how.pop(name, None)
        else:
            return False
        if self._catalog is not None:
            recheck(person, self._catalog)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self._headers) - 1))
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        name = self._field(column)
        if name == "name":
            key = lambda p: person_sort_key(p.values.get("name"))  # noqa: E731
        elif column == ROW or name is None:
            key = lambda p: p.row  # noqa: E731
        elif name == "birth_year":
            key = lambda p: (p.values.get("birth_year") is None, p.values.get("birth_year") or 0)  # noqa: E731
        else:
            key = lambda p: vi_sort_key(self._display(p, name))  # noqa: E731
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


def _how_text(how: str) -> str:
    translate = QCoreApplication.translate
    return {
        "from_birth_column": translate("ParticipantPreviewModel", "Gender from the column holding the birth year"),
        "from_mark": translate("ParticipantPreviewModel", "Gender from the x mark"),
        "from_title": translate("ParticipantPreviewModel", "Gender from Ông/Bà before the name"),
        "from_gender_column": translate("ParticipantPreviewModel", "From the gender column"),
        "split": translate("ParticipantPreviewModel", "Split from the column “Position, workplace”"),
        "from_group": translate("ParticipantPreviewModel", "From the group row above"),
    }.get(how.split(":")[0], how)
