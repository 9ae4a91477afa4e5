"""The activities page: filters that match the core's counts, new / edit / delete, the
remembered column layout, and the unit filter of the province's installation."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.domain.enums import Catalog
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.errors import TtdnError
from desktop_app.core.services.activity_list import ActivityFilter, count_activities, unit_and_descendants
from desktop_app.core.services.activities import get_activity
from desktop_app.core.services.attachments import remove_attachment
from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.operations.demo import generate
from desktop_app.core.operations.installation import initialise
from desktop_app.core.services.units import find_unit
from desktop_app.core.workspace import Workspace
from desktop_app.ui.activity_model import COL_KIND, COL_STATUS, COL_TITLE, COL_UNIT
from desktop_app.ui.pages.activities_page import HEADER_KEY, ActivitiesPage, settings

DEMO_COUNT = 300


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch):
    def set_answer(button: QMessageBox.StandardButton) -> None:
        monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *args, **kwargs: button))

    return set_answer


@pytest.fixture
def province_workspace(empty_workspace: Workspace) -> Workspace:
    """The department's installation, holding demo activities of many units."""
    initialise(empty_workspace, "aggregator", "STTTT", "Nguyễn Văn Tổng")
    generate(empty_workspace, 600, seed=2)
    return empty_workspace


def make_page(qtbot, workspace: Workspace) -> ActivitiesPage:
    page = ActivitiesPage(workspace)
    qtbot.addWidget(page, before_close_func=_hide_form)
    page.resize(1200, 700)
    page.show()
    return page


def _hide_form(page: ActivitiesPage) -> None:
    if page.form is not None:
        page.form.hide()


def count(workspace: Workspace, **criteria) -> int:
    with workspace.reading() as session:
        return count_activities(session, ActivityFilter(**criteria))


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_lists_every_activity_and_passes_the_model_checks(qtbot, qtmodeltester, demo_workspace: Workspace) -> None:
    page = make_page(qtbot, demo_workspace)
    assert page.model.total() == DEMO_COUNT
    assert page.count_label.text() == f"{DEMO_COUNT} activities"
    assert page.unit_combo is None and page.table.isColumnHidden(COL_UNIT)  # one unit: no unit filter
    assert page.table.verticalHeader().sectionResizeMode(0) == page.table.verticalHeader().ResizeMode.Fixed
    assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()
    choose(page.status_combo, "draft")
    qtmodeltester.check(page.model)


def test_each_filter_narrows_to_what_the_core_counts(qtbot, demo_workspace: Workspace) -> None:
    page = make_page(qtbot, demo_workspace)
    with demo_workspace.reading() as session:
        index = CatalogIndex(session)
    video = index.item(Catalog.PRODUCT_TYPE, "VIDEO").id
    theme = index.item(Catalog.THEME, "CD2").id
    khmer = index.item(Catalog.LANGUAGE, "km").id
    cases = [
        (page.kind_combo, "event", {"kinds": ["event"]}),
        (page.status_combo, "submitted", {"statuses": ["submitted"]}),
        (page.product_type_combo, video, {"product_type_id": video}),
        (page.theme_combo, theme, {"theme_id": theme}),
        (page.language_combo, khmer, {"language_id": khmer}),
        (page.period_combo, "2024-Q3", {"period": parse_period("2024-Q3")}),
        (page.period_combo, "2024-05", {"period": parse_period("2024-05")}),
    ]
    for combo, value, criteria in cases:
        choose(combo, value)
        expected = count(demo_workspace, **criteria)
        assert 0 < expected < DEMO_COUNT, criteria
        assert page.model.total() == expected, criteria
        combo.setCurrentIndex(0)
        assert page.model.total() == DEMO_COUNT

    choose(page.kind_combo, "product")  # filters combine
    choose(page.language_combo, khmer)
    assert page.model.total() == count(demo_workspace, kinds=["product"], language_id=khmer)


def test_a_custom_period_uses_the_two_dates(qtbot, demo_workspace: Workspace) -> None:
    page = make_page(qtbot, demo_workspace)
    assert not page.from_edit.isVisible()
    choose(page.period_combo, "custom")
    assert page.from_edit.isVisible() and page.to_edit.isVisible()
    page.from_edit.set_value(date(2024, 3, 1))
    page.to_edit.set_value(date(2024, 5, 31))
    assert page.model.total() == count(demo_workspace, period=parse_period("01/03/2024..31/05/2024"))
    page.to_edit.set_value(date(2024, 2, 1))  # before the start: explained, not applied
    assert page.period_error.isVisibleTo(page) and "2024" in page.period_error.text()
    assert page.model.total() == count(demo_workspace, period=parse_period("01/03/2024..31/05/2024"))


def test_search_waits_for_a_pause_and_ignores_diacritics(qtbot, demo_workspace: Workspace) -> None:
    page = make_page(qtbot, demo_workspace)
    expected = count(demo_workspace, search="bien gioi")
    assert 0 < expected < DEMO_COUNT
    qtbot.keyClicks(page.search, "BIEN GIOI")
    assert page.model.total() == DEMO_COUNT  # not yet: the user may still be typing
    qtbot.waitUntil(lambda: page.model.total() == expected, timeout=3000)
    assert page.count_label.text() == f"{expected} activities"


def test_new_activity_is_listed_and_selected(qtbot, demo_workspace: Workspace) -> None:
    page = make_page(qtbot, demo_workspace)
    form = page.new_activity()
    assert page.form is form and form.isVisible()
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("other"))
    form.title_edit.setText("Zzz hoạt động mới nhất")
    form.date_edit.set_value(date(2024, 12, 31))
    with qtbot.waitSignal(page.changed):
        assert form.save()
    assert page.model.total() == DEMO_COUNT + 1
    assert page.model.index(page.table.currentIndex().row(), COL_TITLE).data() == "Zzz hoạt động mới nhất"
    assert page.selected_id() == form._id and page.edit_button.isEnabled()
    qtbot.waitUntil(lambda: page.form is None)


def test_enter_on_a_row_edits_it(qtbot, demo_workspace: Workspace) -> None:
    page = make_page(qtbot, demo_workspace)
    page.table.setFocus()
    page.table.selectRow(3)
    page.table.setCurrentIndex(page.model.index(3, COL_TITLE))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.form is not None and page.form._id == page.model.activity_id(3)
    assert page.form.title_edit.text() == page.model.index(3, COL_TITLE).data()
    page.form.title_edit.setText("Tiêu đề đã sửa")
    with qtbot.waitSignal(page.changed):
        page.form.save()
    assert page.model.index(page.model.row_of(page.selected_id()), COL_TITLE).data() == "Tiêu đề đã sửa"


def test_delete_asks_first(qtbot, demo_workspace: Workspace, answer, message_boxes) -> None:
    page = make_page(qtbot, demo_workspace)
    page.table.selectRow(0)
    victim = page.selected_id()
    assert page.delete_selected() is False  # the autouse fixture answers "Ok": neither yes nor no
    assert message_boxes[0][0] == "question" and page.model.total() == DEMO_COUNT
    answer(QMessageBox.StandardButton.No)
    assert page.delete_selected() is False
    answer(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.changed):
        assert page.delete_selected() is True
    assert page.model.total() == DEMO_COUNT - 1 and page.model.row_of(victim) is None


def test_ctrl_d_copies_the_selected_activity_with_a_new_date(qtbot, demo_workspace: Workspace) -> None:
    page = make_page(qtbot, demo_workspace)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    row = next(r for r in range(50) if page.model.index(r, COL_KIND).data() == "Product")
    page.table.selectRow(row)
    page.table.setFocus()
    source_id = page.selected_id()
    with demo_workspace.reading() as session:
        source = get_activity(session, source_id)
        source_day, source_title, source_themes = source.date_from, source.title, {t.code for t in source.themes}
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    form = page.form
    assert form is not None and form._id is None  # a new activity, not the source edited
    assert form.title_edit.text() == source_title and set(form.themes.checked()) == source_themes
    assert form.date_edit.value() == source_day + timedelta(days=7)  # suggested: a week later
    assert form.focusWidget() is form.date_edit  # the new day is typed first
    form.date_edit.set_value(date(2024, 12, 30))
    with qtbot.waitSignal(page.changed):
        assert form.save()
    assert page.model.total() == DEMO_COUNT + 1
    copy_id = page.selected_id()  # the copy is selected, and said to be saved
    assert copy_id not in (None, source_id)
    assert page.notice.text() == f"Saved: “{source_title}”."
    with demo_workspace.reading() as session:
        copy = get_activity(session, copy_id)
        assert (copy.title, copy.date_from) == (source_title, date(2024, 12, 30))
        assert get_activity(session, source_id).date_from == source_day  # the source is unchanged
    qtbot.waitUntil(lambda: page.form is None)


def test_one_set_of_shortcuts_named_in_tooltips_and_the_menu(qtbot, demo_workspace: Workspace) -> None:
    page = make_page(qtbot, demo_workspace)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    assert "Ctrl+N" in page.new_button.toolTip() and "Ctrl+D" in page.copy_button.toolTip()
    assert "Del" in page.delete_button.toolTip() and "Ctrl+F" in page.search.toolTip()
    menu = {a.text(): a.shortcut().toString() for a in page.table.actions()}
    assert menu == {"New activity": "Ctrl+N", "Duplicate with a new date": "Ctrl+D", "Refresh": "F5", "Delete the selected activity": "Del"}
    assert not page.copy_button.isEnabled()  # nothing selected yet
    page.table.selectRow(0)
    assert page.copy_button.isEnabled() and page.delete_button.isEnabled()


def test_the_column_layout_is_remembered(qtbot, demo_workspace: Workspace, settings_file: Path) -> None:
    first = make_page(qtbot, demo_workspace)
    header = first.table.horizontalHeader()
    header.resizeSection(COL_KIND, 211)
    header.moveSection(header.visualIndex(COL_STATUS), 0)
    assert not settings().value(HEADER_KEY).isEmpty()
    assert list(settings_file.rglob("*.ini"))  # written where the test put it
    first.close()

    second = make_page(qtbot, demo_workspace)
    restored = second.table.horizontalHeader()
    assert restored.sectionSize(COL_KIND) == 211
    assert restored.visualIndex(COL_STATUS) == 0
    assert second.table.isColumnHidden(COL_UNIT)


def test_the_province_filters_by_unit_and_views_units_records_read_only(qtbot, province_workspace: Workspace) -> None:
    page = make_page(qtbot, province_workspace)
    everything = count(province_workspace)
    assert page.model.total() == everything and not page.table.isColumnHidden(COL_UNIT)
    combo = page.unit_combo
    assert combo is not None and combo.itemText(0) == "All units"
    with province_workspace.reading() as session:
        district = find_unit(session, "Thị xã Vĩnh Châu")
        below = unit_and_descendants(session, district.id)
    choose(combo, district.id)
    expected = count(province_workspace, unit_ids=below)
    assert 0 < expected < everything and page.model.total() == expected
    assert {page.model.index(r, COL_UNIT).data() for r in range(page.model.rowCount())} != {district.name}

    page.table.selectRow(0)
    form = page.edit_activity()
    assert form is not None and form.read_only
    assert not form.save_button.isVisible() and not form.title_edit.isEnabled()
    assert "only that unit can change it" in form.owner_label.text()
    with province_workspace.writing() as session, pytest.raises(TtdnError) as refused:
        remove_attachment(session, province_workspace.require_installation(session), form._id, "any")
    assert refused.value.key == "activity.not_owner"  # the core refuses too, not only the form


def test_page_and_form_have_no_english_left(qtbot, demo_workspace: Workspace, vietnamese) -> None:
    from test_translations import _english_left, _model_texts, _visible_texts  # tests/ui is on sys.path

    if QCoreApplication.translate("ActivitiesPage", "New") == "New":
        pytest.skip("the activities page's strings are not in resources/i18n/ttdn_vi.qm yet")
    page = make_page(qtbot, demo_workspace)
    form = page.new_activity()
    form.save()  # the inline messages too
    combos = [page.period_combo, page.kind_combo, page.status_combo, form.kind_combo, form.status_combo]
    texts = _visible_texts(page) + _model_texts(page.model) + _visible_texts(form)
    texts += [combo.itemText(i) for combo in combos for i in range(combo.count())]
    assert _english_left(texts) == []
    assert page.new_button.text() == "Thêm" and form.save_button.text() == "Lưu"
    assert page.count_label.text() == f"{DEMO_COUNT} hoạt động"
