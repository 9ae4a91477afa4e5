"""Small input widgets shared by the pages: dates, numbers and money, multi-select lists,
a searchable combo box; plus the UI language and the names of catalog items in it.

Numbers are shown the Vietnamese way whatever the UI language ("1.500.000", "3,5"),
as officers write them on paper and in Excel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, QModelIndex, QPersistentModelIndex, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QWidget,
)

from desktop_app.core.domain.text import fold

DATE_FORMAT = "dd/MM/yyyy"
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1  # a combo item's folded text, for searching


def ui_language() -> str:
    """"vi" when the UI runs in Vietnamese (the default locale is set with the translator), else "en"."""
    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"


def item_name(ref: Any, lang: str) -> str:
    """A catalog item's name in ``lang`` (Vietnamese when there is no English name)."""
    return ref.name_vi if lang == "vi" or not ref.name_en else ref.name_en


def key_name(keys: QKeySequence | QKeySequence.StandardKey | Qt.Key) -> str:
    """A shortcut as the keyboard labels it ("Ctrl+S", "Del"), for tooltips."""
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def vi_locale() -> QLocale:
    return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """``1500000`` -> "1.500.000"; with decimals ``1234.5`` -> "1234,5" (not grouped, so
    that "." never reads as a decimal point; trailing zeros dropped)."""
    if value is None:
        return ""
    locale = vi_locale()
    if decimals:
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    if decimals == 0 or float(value).is_integer():
        return locale.toString(int(value))
    return locale.toString(float(value), "f", decimals).rstrip("0").rstrip(",")


# --- dates -------------------------------------------------------------------------------


class DateEdit(QDateEdit):
    """A day as dd/MM/yyyy with a calendar pop-up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setDate(QDate.currentDate())

    def value(self) -> date:
        return self.date().toPython()

    def set_value(self, day: date) -> None:
        self.setDate(QDate(day.year, day.month, day.day))


class OptionalDateEdit(QWidget):
    """A day that may be absent: a check box ("to") enabling a :class:`DateEdit`."""

    changed = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text)
        self.edit = DateEdit()
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.setFocusProxy(self.check)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.clicked.connect(self._check_toggled)  # the user ticked it: go on to the day
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)

    def value(self) -> date | None:
        return self.edit.value() if self.check.isChecked() else None

    def follow(self, day: date) -> None:
        """While unticked, show ``day`` (the start), ready to be ticked and moved on from."""
        if not self.check.isChecked():
            self.edit.blockSignals(True)
            self.edit.set_value(day)
            self.edit.blockSignals(False)

    def _check_toggled(self, checked: bool) -> None:
        if checked:
            self.edit.setFocus()

    def set_value(self, day: date | None, default: date | None = None) -> None:
        """Show ``day``; when absent, the unchecked edit shows ``default`` (e.g. the start)."""
        shown = day or default
        if shown is not None:
            self.edit.set_value(shown)
        self.check.setChecked(day is not None)


# --- numbers -----------------------------------------------------------------------------


class NumberEdit(QLineEdit):
    """A number typed the Vietnamese way. Whole numbers are grouped as they are typed
    ("1500000" shows "1.500.000"); numbers with decimals take "," or "." as the decimal
    point ("3,5" or "3.5", shown "3,5"), without grouping. A minus sign is accepted so that
    the validator, not the keyboard, explains that the value must not be negative."""

    def __init__(self, decimals: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.decimals = decimals
        pattern = r"-?[0-9.]*" if decimals == 0 else r"-?[0-9]*([.,][0-9]{0,%d})?" % decimals
        self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if decimals == 0:
            self.textEdited.connect(self._regroup)
        self.editingFinished.connect(self._reformat)

    def value(self) -> int | float | str | None:
        """The number; None when empty; the text itself when it is not a number (the core says why)."""
        text = self.text().strip()
        if not text or text == "-":
            return None
        cleaned = text.replace(".", "") if self.decimals == 0 else text.replace(",", ".")
        try:
            number = float(cleaned)
        except ValueError:
            return text
        return int(number) if self.decimals == 0 or number.is_integer() else number

    def set_value(self, value: int | float | str | None) -> None:
        self.setText(format_number(value, self.decimals) if isinstance(value, (int, float)) else (value or ""))

    def _regroup(self, text: str) -> None:
        """Re-insert the group separators, keeping the cursor after the same digit."""
        digits_before = sum(ch.isdigit() for ch in text[: self.cursorPosition()])
        sign = "-" if text.startswith("-") else ""
        digits = "".join(ch for ch in text if ch.isdigit()).lstrip("0") or ("0" if any(c.isdigit() for c in text) else "")
        grouped = sign + (vi_locale().toString(int(digits)) if digits else "")
        if grouped == text:
            return
        self.setText(grouped)
        position, seen = len(sign), 0
        while seen < digits_before and position < len(grouped):
            seen += grouped[position].isdigit()
            position += 1
        self.setCursorPosition(position)

    def _reformat(self) -> None:
        value = self.value()
        if isinstance(value, (int, float)):
            self.set_value(value)


class MoneyEdit(NumberEdit):
    """Whole VND, grouped: "1.500.000"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, parent)
        self.setPlaceholderText("0")


# --- choices -----------------------------------------------------------------------------


class CheckList(QListWidget):
    """Several choices ticked in a list (Space ticks the current one), one line each (long
    names are shortened; the tooltip has them whole); as tall as its items."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, max_visible_rows: int = 12) -> None:
        super().__init__(parent)
        self._max_rows = max_visible_rows
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_items(self, items: Iterable[tuple[str, str]]) -> None:
        """``items`` as (code, label), in the order to show."""
        self.blockSignals(True)
        self.clear()
        for code, label in items:
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setToolTip(label)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.blockSignals(False)
        self.updateGeometry()

    def checked(self) -> list[str]:
        return [it.data(Qt.ItemDataRole.UserRole) for it in self._items() if it.checkState() == Qt.CheckState.Checked]

    def set_checked(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        self.blockSignals(True)
        for item in self._items():
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked
            item.setCheckState(state)
        self.blockSignals(False)
        self.changed.emit()

    def codes(self) -> list[str]:
        return [it.data(Qt.ItemDataRole.UserRole) for it in self._items()]

    def _items(self) -> list[QListWidgetItem]:
        return [self.item(i) for i in range(self.count())]

    def sizeHint(self) -> QSize:
        row = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 4
        height = row * max(1, min(self.count(), self._max_rows)) + 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())


class _FoldingCompleter(QCompleter):
    """Matches typed words anywhere in an item, ignoring case and diacritics ("hoa dong")."""

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


class SearchCombo(QComboBox):
    """A combo box the user can also type into to find an item; typing "hoa dong" offers
    "Xã Hòa Đông". Each item carries a value (e.g. an id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        completer = _FoldingCompleter(self)
        completer.setModel(self.model())
        completer.setCompletionRole(FOLDED_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().editingFinished.connect(self._settle)

    def set_items(self, items: Sequence[tuple[str, Any]]) -> None:
        """``items`` as (label, value), in the order to show; the current value is kept if present."""
        current = self.current_value()
        self.blockSignals(True)
        self.clear()
        for label, value in items:
            self.addItem(label, value)
            self.setItemData(self.count() - 1, fold(label), FOLDED_ROLE)
        self.blockSignals(False)
        self.set_current_value(current)

    def current_value(self) -> Any:
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_current_value(self, value: Any) -> None:
        found = self.findData(value)
        self.setCurrentIndex(found if found >= 0 else (0 if self.count() else -1))

    def _settle(self) -> None:
        """Leaving the box: take the one item the typed text names, else show the current again."""
        text = self.lineEdit().text()
        key = fold(text)
        matches = [i for i in range(self.count()) if key and key in (self.itemData(i, FOLDED_ROLE) or "")]
        exact = [i for i in matches if self.itemText(i) == text]
        chosen = (exact or (matches if len(matches) == 1 else []) or [self.currentIndex()])[0]
        if chosen != self.currentIndex():
            self.setCurrentIndex(chosen)
        elif chosen >= 0:
            self.lineEdit().setText(self.itemText(chosen))


class WrappedLabel(QLabel):
    """A word-wrapped label as tall as its text at its current width. (Layouts such as
    QFormLayout size wrapped labels by a guessed width, leaving them cut or too tall.)"""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def hasHeightForWidth(self) -> bool:
        return False

    def _height(self) -> int:
        return super().heightForWidth(max(self.width(), 200)) if self.text() else 0

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self._height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.height() != self._height():
            self.updateGeometry()
