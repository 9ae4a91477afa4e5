"""Small input widgets shared by the pages: dates, numbers and money, multi-select lists,
a searchable combo box; plus the UI language and the names of catalog items in it.

Numbers are shown the Vietnamese way whatever the UI language ("1.500.000", "3,5"),
as officers write them on paper and in Excel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QKeySequence, QPainter, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
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

_last_day: date | None = None  # the last day saved in a form this session (the next form starts there)


def remember_day(day: date) -> None:
    """A form was saved with ``day``: the next new form starts on it (back-dated entries come in runs)."""
    global _last_day
    _last_day = day


def default_day(periods: Iterable[tuple[date, date]] = ()) -> date:
    """The day a new form starts on: the last one saved this session; else today if a plan
    covers it; else the nearest day of the plans' periods (a 2024 plan entered in 2025 starts
    on 31/12/2024, not on a day no plan covers); else today."""
    if _last_day is not None:
        return _last_day
    today = date.today()
    spans = [(start, end) for start, end in periods if start and end and start <= end]
    if not spans or any(start <= today <= end for start, end in spans):
        return today
    return min((min(max(today, start), end) for start, end in spans), key=lambda day: abs((day - today).days))


def parse_typed_date(text: str, base: date | None = None) -> date | None:
    """A day as officers type it: "15052024", "150524", "15/5/2024", "15-5-24", "15.05.2024",
    "15/05" or "15/5" (the year of ``base``), "15" (the month and year of ``base``).
    None when the text is not a day."""
    text = text.strip()
    base = base or date.today()
    if not text:
        return None
    digits = text.isdigit()
    if digits and len(text) in (8, 6):
        day, month, year = int(text[:2]), int(text[2:4]), int(text[4:])
    elif digits and len(text) in (3, 4) and int(text[:2]) > 0:  # "1505" = 15/05, "105" = 10/5
        day, month, year = int(text[:2]), int(text[2:]), base.year
    elif digits and len(text) <= 2:
        day, month, year = int(text), base.month, base.year
    else:
        parts = [p for p in re.split(r"[/.\-\s]+", text) if p]
        if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[-1]) > 4:
            return None
        day, month = int(parts[0]), int(parts[1])
        year = int(parts[2]) if len(parts) == 3 else base.year
        if len(parts) == 3 and len(parts[2]) not in (2, 4):
            return None
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _calendar_icon(size: int = 16) -> QIcon:
    """A small calendar drawn for the date field's pop-up button (no image file needed)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    pen = QColor(70, 70, 70)
    painter.setPen(pen)
    painter.drawRect(1, 2, size - 3, size - 4)
    painter.fillRect(1, 2, size - 2, 4, pen)
    for row in range(2):
        for col in range(3):
            painter.fillRect(3 + col * 4, 8 + row * 3, 2, 2, pen)
    painter.end()
    return QIcon(pixmap)


class DateEdit(QLineEdit):
    """A day as dd/MM/yyyy that takes typing the way officers type it ("15052024",
    "15/5/2024", "15/05" — see :func:`parse_typed_date`), ↑/↓ for the next or previous day,
    and a calendar pop-up (the button, F4 or Alt+↓). Text that is not a day is explained
    in the tooltip and the last day is shown again when the field is left.
    Starts on :func:`default_day`."""

    dateChanged = Signal(QDate)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = QDate.currentDate()
        self._hint = self.tr("Type the day as dd/mm/yyyy, e.g. 15/05/2024 or 15052024; F4 opens the calendar.")
        self.setToolTip(self._hint)
        self.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.setMaxLength(10)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 44)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 64)
        self.calendar_action = self.addAction(_calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(self.tr("Choose on the calendar (F4)"))
        self.calendar_action.triggered.connect(self.show_calendar)
        self.calendar: QCalendarWidget | None = None
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._settle)
        self.setDate(QDate(default_day()))

    # QDateEdit's names, so that callers need not care which widget they hold.
    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, day: QDate) -> None:
        changed = day != self._date
        self._date = QDate(day)
        self._show_valid()
        self.setText(day.toString(DATE_FORMAT))
        if changed:
            self.dateChanged.emit(QDate(day))

    def displayFormat(self) -> str:
        return DATE_FORMAT

    def calendarPopup(self) -> bool:
        return True

    def value(self) -> date:
        return self._date.toPython()

    def set_value(self, day: date) -> None:
        self.setDate(QDate(day.year, day.month, day.day))

    def _typed(self, text: str) -> None:
        """While typing: a complete day (with its year) takes effect at once."""
        stripped = text.strip()
        parts = [p for p in re.split(r"[/.\-\s]+", stripped) if p]
        complete = (stripped.isdigit() and len(stripped) == 8) or (len(parts) == 3 and len(parts[2]) == 4)
        day = parse_typed_date(text, self.value()) if complete else None
        if day is not None:
            self._show_valid()
            if QDate(day) != self._date:
                self._date = QDate(day)
                self.dateChanged.emit(QDate(day))

    def _settle(self) -> None:
        """Leaving the field (or Enter): take the typed day, or explain and show the last one."""
        text = self.text()
        day = parse_typed_date(text, self.value())
        if day is None:
            if text.strip():
                self._show_invalid(text)
            self.setText(self._date.toString(DATE_FORMAT))
            return
        self._show_valid()
        self.set_value(day)

    def _show_invalid(self, text: str) -> None:
        message = self.tr("“{text}” is not a day. {hint}").format(text=text.strip(), hint=self._hint)
        self.setToolTip(message)
        self.setStyleSheet("QLineEdit { border: 1px solid #b00020; }")
        if self.isVisible():
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), message, self)

    def _show_valid(self) -> None:
        if self.styleSheet():
            self.setStyleSheet("")
            self.setToolTip(self._hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.show_calendar()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._settle()
            self.setDate(self._date.addDays(1 if key == Qt.Key.Key_Up else -1))
            self.selectAll()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, self, self.selectAll)  # typing replaces the day shown

    def show_calendar(self) -> QCalendarWidget:
        """The month of the current day in a pop-up; clicking a day (or Enter) takes it."""
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setLocale(QLocale())
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self.calendar.setGridVisible(True)
            self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        self._settle()
        self.calendar.setSelectedDate(self._date)
        self.calendar.adjustSize()
        below = self.mapToGlobal(self.rect().bottomLeft())
        screen = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        x = min(below.x(), screen.right() - self.calendar.width())
        y = below.y() if below.y() + self.calendar.height() <= screen.bottom() else self.mapToGlobal(self.rect().topLeft()).y() - self.calendar.height()
        self.calendar.move(max(screen.left(), x), max(screen.top(), y))
        self.calendar.show()
        self.calendar.setFocus()
        return self.calendar

    def _picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self.setDate(day)
        self.setFocus()


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
    """Several choices ticked in a list: a click anywhere on a row (box or label) or Space
    ticks it; one line each (long names are shortened; the tooltip has them whole); as tall
    as its items."""

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
        self.itemClicked.connect(self.toggle)

    def toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentItem() is not None:
            self.toggle(self.currentItem())
        else:
            super().keyPressEvent(event)

    def set_items(self, items: Iterable[tuple[str, str]]) -> None:
        """``items`` as (code, label), in the order to show."""
        self.blockSignals(True)
        self.clear()
        for code, label in items:
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setToolTip(label)
            # Not ItemIsUserCheckable: the list toggles a click anywhere on the row itself (the
            # box alone is a 12-pixel target), and Space.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
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
        self._reserved = 0
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def reserve_lines(self, count: int) -> None:
        """Stay at least ``count`` lines tall, text or not (a message appearing then does not
        push the widgets below it)."""
        self._reserved = count
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return False

    def _height(self) -> int:
        text = super().heightForWidth(max(self.width(), 200)) if self.text() else 0
        return max(text, self._reserved * self.fontMetrics().lineSpacing())

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self._height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.height() != self._height():
            self.updateGeometry()


# --- window sizes, keys, tables ----------------------------------------------------------

SETTINGS_ORGANIZATION = SETTINGS_APPLICATION = "TTDN"
SCREEN_MARGIN = QSize(16, 8)  # kept free around a window (its frame; the taskbar is outside the available area)


def settings() -> QSettings:
    """The user's settings of this program (the default format, so tests can redirect it)."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, SETTINGS_ORGANIZATION, SETTINGS_APPLICATION)


def available_size(widget: QWidget | None = None) -> QSize:
    """The room on the screen ``widget`` is on (without the taskbar), in Qt's scaled pixels:
    1366×768 at 125 % is about 1093×576 once the taskbar is off."""
    screen = (widget.screen() if widget is not None else None) or QApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen is not None else QSize(1366, 728)
    return room - SCREEN_MARGIN


def fit_to_screen(widget: QWidget, size: QSize) -> QSize:
    """``size`` made to fit the screen (and not below what the widget can shrink to)."""
    room = available_size(widget)
    least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    return size.boundedTo(room).expandedTo(least.boundedTo(room))


class _SizeKeeper(QObject):
    """Stores a window's size when it is hidden (closed), under ``key``."""

    def __init__(self, widget: QWidget, key: str) -> None:
        super().__init__(widget)
        self._key = key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(watched, QWidget) and not watched.isMaximized():
            settings().setValue(self._key, watched.size())
        return False


def remember_size(widget: QWidget, key: str, default: QSize) -> None:
    """Give ``widget`` the size it had last time (or ``default``), clamped to this screen,
    and remember it when it closes. A size stored on a bigger screen never puts the
    buttons under the taskbar of a small one."""
    key = f"sizes/{key}"
    widget.setProperty("preferred_size", default)
    stored = settings().value(key)
    wanted = stored if isinstance(stored, QSize) and stored.isValid() else default
    widget.resize(fit_to_screen(widget, wanted))
    widget.installEventFilter(_SizeKeeper(widget, key))


class EnterMovesFocus(QObject):
    """Enter in a one-line field goes on to the next field, as on a paper form or in Excel
    (Ctrl+S saves). Not in multi-line text, tables, lists or buttons, which use Enter."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.modifiers() not in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            return False
        focused = watched
        if isinstance(focused, QComboBox) and focused.view().isVisible():
            return False  # Enter chooses in the open list
        if isinstance(focused, QLineEdit) and isinstance(focused.parent(), QComboBox):
            focused = focused.parent()
        if not isinstance(focused, (QLineEdit, QComboBox, QAbstractSpinBox, QCheckBox)):
            return False
        # As Tab does (the tab order of the form); leaving the field settles it (a typed date).
        QApplication.sendEvent(focused, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier))
        return True


def one_above_the_other(top: QWidget, bottom: QWidget, top_share: int, bottom_share: int) -> QSplitter:
    """Two parts of a dialog one above the other, the user moving the line between them;
    neither can be squeezed away, and extra height goes to them ``top_share:bottom_share``."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(top)
    splitter.addWidget(bottom)
    splitter.setChildrenCollapsible(False)
    splitter.setStretchFactor(0, top_share)
    splitter.setStretchFactor(1, bottom_share)
    return splitter


def enter_moves_focus(dialog: QDialog) -> None:
    """Install :class:`EnterMovesFocus` on ``dialog`` and every field in it."""
    keeper = EnterMovesFocus(dialog)
    for child in dialog.findChildren(QWidget):
        if isinstance(child, (QLineEdit, QComboBox, QAbstractSpinBox, QCheckBox)):
            child.installEventFilter(keeper)


def shortcut_tip(text: str, *keys: QKeySequence | QKeySequence.StandardKey | Qt.Key | str) -> str:
    """A tooltip naming its keys: "Lưu (Ctrl+S)"."""
    names = [key_name(QKeySequence(k) if isinstance(k, str) else k) for k in keys]
    return f"{text} ({', '.join(n for n in names if n)})" if names else text


class FullTextDelegate(QStyledItemDelegate):
    """Cells cut short by their column show their whole text as a tooltip (when the model
    gives none of its own)."""

    def helpEvent(self, event, view, option: QStyleOptionViewItem, index) -> bool:
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid() and not index.data(Qt.ItemDataRole.ToolTipRole):
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str) and text:
                if option.fontMetrics.horizontalAdvance(text) + 12 > option.rect.width():
                    QToolTip.showText(event.globalPos(), text, view)
                    return True
            QToolTip.hideText()
            return True
        return super().helpEvent(event, view, option, index)


# The program's one set of shortcuts (menus and tooltips name them).
SHORTCUTS: dict[str, QKeySequence] = {
    "new": QKeySequence("Ctrl+N"),
    "save": QKeySequence("Ctrl+S"),
    "find": QKeySequence("Ctrl+F"),
    "copy": QKeySequence("Ctrl+D"),
    "delete": QKeySequence("Del"),
    "refresh": QKeySequence("F5"),
}


def add_action(
    owner: QWidget,
    text: str,
    shortcut: str,
    slot,
    *,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
    button: QAbstractButton | None = None,
) -> QAction:
    """An action of ``owner`` with one of :data:`SHORTCUTS` (working while the focus is in
    ``owner``), shown with its key in menus and in ``button``'s tooltip."""
    action = QAction(text, owner)
    action.setShortcut(SHORTCUTS[shortcut])
    action.setShortcutContext(context)
    action.setToolTip(shortcut_tip(text, SHORTCUTS[shortcut]))
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    if button is not None:
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
    return action


def unconfirmed_text(count: int) -> str:
    """What the sync counters mean to an officer: records the province has not confirmed
    yet, which the next package carries (every package sends all of them again)."""
    if count == 0:
        return QCoreApplication.translate("SyncStatus", "Everything recorded here is confirmed by the province")
    text = QCoreApplication.translate(
        "SyncStatus", "{count} records not yet confirmed by the province – they go in the next package"
    )
    return text.format(count=format_number(count))
