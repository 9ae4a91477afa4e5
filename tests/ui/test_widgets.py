"""The shared input widgets: Vietnamese numbers and dates, tick lists, the searching combo box."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale, QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout

from desktop_app.ui.widgets import (
    CheckList,
    DateEdit,
    MoneyEdit,
    NumberEdit,
    OptionalDateEdit,
    SearchCombo,
    WrappedLabel,
    available_size,
    default_day,
    enter_moves_focus,
    format_number,
    remember_day,
    remember_size,
    settings,
    ui_language,
)

UNITS = [("Tất cả đơn vị", ""), ("Xã Hòa Đông, Thị xã Vĩnh Châu", "a"), ("Phường 1, Thị xã Vĩnh Châu", "b"), ("Xã Đại Ân 1", "c")]


def focus(qtbot, widget) -> None:
    widget.show()
    with qtbot.waitActive(widget.window()):
        widget.window().activateWindow()
    widget.setFocus()


def test_numbers_are_written_the_vietnamese_way() -> None:
    assert format_number(1500000) == "1.500.000"
    assert format_number(3.5, 2) == "3,5"
    assert format_number(12.0, 1) == "12"
    assert format_number(1234.5, 2) == "1234,5"
    assert format_number(None) == ""


def test_money_is_grouped_while_typing(qtbot) -> None:
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "1500000")
    assert edit.text() == "1.500.000"
    assert edit.value() == 1500000
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # the cursor stays after the last digit
    assert (edit.text(), edit.value()) == ("150.000", 150000)
    edit.set_value(2500)
    assert edit.text() == "2.500"
    edit.set_value(None)
    assert edit.value() is None


def test_letters_are_refused_and_a_minus_sign_is_kept_for_the_validator(qtbot) -> None:
    edit = NumberEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "-12a3")
    assert (edit.text(), edit.value()) == ("-123", -123)


def test_decimal_numbers_take_a_comma_or_a_point(qtbot) -> None:
    edit = NumberEdit(decimals=2)
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "3,5")
    assert edit.value() == 3.5
    edit.clear()
    qtbot.keyClicks(edit, "3.5")
    assert edit.value() == 3.5
    edit.editingFinished.emit()
    assert edit.text() == "3,5"
    edit.set_value(12.25)
    assert edit.text() == "12,25"


def test_dates_show_day_month_year_with_a_calendar(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    assert edit.calendarPopup() and edit.displayFormat() == "dd/MM/yyyy"
    edit.set_value(date(2024, 9, 5))
    assert (edit.text(), edit.value()) == ("05/09/2024", date(2024, 9, 5))


def test_optional_date_is_absent_until_ticked(qtbot) -> None:
    edit = OptionalDateEdit("to")
    qtbot.addWidget(edit)
    edit.set_value(None, default=date(2024, 5, 2))
    assert edit.value() is None and not edit.edit.isEnabled()
    with qtbot.waitSignal(edit.changed):
        edit.check.setChecked(True)
    assert edit.value() == date(2024, 5, 2)
    edit.set_value(date(2024, 5, 9))
    assert edit.value() == date(2024, 5, 9) and edit.check.isChecked()


def test_check_list_ticks_by_code_and_by_space(qtbot) -> None:
    checklist = CheckList()
    qtbot.addWidget(checklist)
    checklist.set_items([("vi", "Tiếng Việt"), ("km", "Tiếng Khmer"), ("zh", "Tiếng Hoa")])
    assert checklist.codes() == ["vi", "km", "zh"] and checklist.checked() == []
    checklist.set_checked(["zh", "vi", "xx"])
    assert checklist.checked() == ["vi", "zh"]
    focus(qtbot, checklist)
    checklist.setCurrentRow(1)
    with qtbot.waitSignal(checklist.changed):
        qtbot.keyClick(checklist, Qt.Key.Key_Space)
    assert checklist.checked() == ["vi", "km", "zh"]
    assert checklist.sizeHint().height() >= 3 * checklist.sizeHintForRow(0)


def test_search_combo_finds_items_without_diacritics(qtbot) -> None:
    combo = SearchCombo()
    qtbot.addWidget(combo)
    combo.set_items(UNITS)
    assert combo.current_value() == ""
    focus(qtbot, combo)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo, "hoa dong")
    completer = combo.completer()
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Xã Hòa Đông, Thị xã Vĩnh Châu"
    combo.lineEdit().editingFinished.emit()  # leaving the box takes the one match
    assert combo.current_value() == "a"
    combo.set_items(list(reversed(UNITS)))  # refilling keeps the choice
    assert combo.current_value() == "a"


def test_search_combo_restores_its_text_when_nothing_matches(qtbot) -> None:
    combo = SearchCombo()
    qtbot.addWidget(combo)
    combo.set_items(UNITS)
    combo.set_current_value("c")
    combo.lineEdit().setText("vinh chau")  # two matches: keep the current one
    combo.lineEdit().editingFinished.emit()
    assert (combo.current_value(), combo.currentText()) == ("c", "Xã Đại Ân 1")
    combo.lineEdit().setText("nowhere")
    combo.lineEdit().editingFinished.emit()
    assert combo.currentText() == "Xã Đại Ân 1"


def test_wrapped_label_is_as_tall_as_its_text(qtbot) -> None:
    label = WrappedLabel()
    qtbot.addWidget(label)
    assert label.sizeHint().height() == 0
    label.setText("một hai ba " * 40)
    label.resize(200, 10)
    assert label.sizeHint().height() > 3 * label.fontMetrics().height()


def test_ui_language_follows_the_default_locale(qapp: QApplication) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    assert ui_language() == "vi"
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert ui_language() == "en"


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("15052024", date(2024, 5, 15)),
        ("150524", date(2024, 5, 15)),
        ("15/5/2024", date(2024, 5, 15)),
        ("15-05-24", date(2024, 5, 15)),
        ("15.5.2024", date(2024, 5, 15)),
        ("15/05", date(2024, 5, 15)),  # the year of the day shown
        ("3/7", date(2024, 7, 3)),
        ("1505", date(2024, 5, 15)),
        ("9", date(2024, 9, 9)),  # the month and year shown
    ],
)
def test_a_date_is_typed_the_way_officers_type_it(qtbot, typed: str, expected: date) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.set_value(date(2024, 9, 5))
    focus(qtbot, edit)
    edit.selectAll()
    qtbot.keyClicks(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert (edit.value(), edit.text()) == (expected, expected.strftime("%d/%m/%Y"))


def test_typing_15052024_after_clicking_into_the_field_gives_15_05_2024(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.set_value(date(2024, 9, 5))
    focus(qtbot, edit)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)  # the cursor lands somewhere in the day
    qtbot.wait(10)  # the field selects its text when focused: typing replaces it
    with qtbot.waitSignal(edit.dateChanged):
        qtbot.keyClicks(edit, "15052024")  # complete: takes effect before the field is left
    assert edit.value() == date(2024, 5, 15)
    edit.editingFinished.emit()
    assert edit.text() == "15/05/2024"


def test_a_wrong_date_is_explained_and_the_last_day_kept(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.set_value(date(2024, 9, 5))
    edit.setText("31/02/2024")
    edit.editingFinished.emit()
    assert edit.value() == date(2024, 9, 5) and edit.text() == "05/09/2024"
    assert "31/02/2024" in edit.toolTip()
    edit.setText("1/3/2024")
    edit.editingFinished.emit()
    assert edit.value() == date(2024, 3, 1) and "31/02/2024" not in edit.toolTip()


def test_arrow_keys_step_the_day_and_the_calendar_picks_one(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.set_value(date(2024, 2, 28))
    focus(qtbot, edit)
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.value() == date(2024, 3, 1)
    qtbot.keyClick(edit, Qt.Key.Key_F4)
    calendar = edit.calendar
    assert calendar is not None and calendar.isVisible() and calendar.selectedDate() == QDate(2024, 3, 1)
    calendar.clicked.emit(QDate(2024, 3, 20))
    assert edit.value() == date(2024, 3, 20) and not calendar.isVisible()


def test_a_new_form_starts_on_the_last_day_saved_or_in_the_plan() -> None:
    today = date.today()
    plan_2024 = [(date(2024, 1, 1), date(2024, 12, 31))]
    if today.year > 2024:
        assert default_day(plan_2024) == date(2024, 12, 31)  # not a day no plan covers
    assert default_day([(today.replace(day=1), today.replace(day=28) if today.day <= 28 else today)]) == today
    assert default_day() == today
    remember_day(date(2024, 5, 2))
    assert default_day(plan_2024) == date(2024, 5, 2)
    assert DateEdit().value() == date(2024, 5, 2)


def test_clicking_an_items_label_toggles_it(qtbot) -> None:
    checklist = CheckList()
    qtbot.addWidget(checklist)
    checklist.set_items([("vi", "Tiếng Việt"), ("km", "Tiếng Khmer")])
    checklist.resize(300, 100)
    checklist.show()
    rect = checklist.visualItemRect(checklist.item(1))
    label = rect.center() + QPoint(rect.width() // 4, 0)  # well right of the box, on the text
    with qtbot.waitSignal(checklist.changed):
        qtbot.mouseClick(checklist.viewport(), Qt.MouseButton.LeftButton, pos=label)
    assert checklist.checked() == ["km"]
    box = QPoint(rect.left() + 10, rect.center().y())  # the box itself: once, not twice
    qtbot.mouseClick(checklist.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert checklist.checked() == []


def test_a_remembered_size_is_clamped_to_the_screen(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    room = available_size(dialog)
    settings().setValue("sizes/test", QSize(room.width() + 500, room.height() + 300))
    remember_size(dialog, "test", QSize(400, 300))
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    dialog.show()
    dialog.resize(420, 310)
    dialog.hide()
    other = QDialog()
    qtbot.addWidget(other)
    remember_size(other, "test", QSize(400, 300))
    assert other.size() == QSize(420, 310)


def test_enter_moves_to_the_next_field(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    first, day, last = QLineEdit(), DateEdit(), QLineEdit()
    layout = QVBoxLayout(dialog)
    for widget in (first, day, last):
        layout.addWidget(widget)
    enter_moves_focus(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert day.hasFocus()
    day.selectAll()
    qtbot.keyClicks(day, "2/9/2024")
    qtbot.keyClick(day, Qt.Key.Key_Return)
    assert last.hasFocus() and day.text() == "02/09/2024"
