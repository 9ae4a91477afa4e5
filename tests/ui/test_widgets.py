"""The shared input widgets: Vietnamese numbers and dates, tick lists, the searching combo box."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.ui.widgets import (
    CheckList,
    DateEdit,
    MoneyEdit,
    NumberEdit,
    OptionalDateEdit,
    SearchCombo,
    WrappedLabel,
    format_number,
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
