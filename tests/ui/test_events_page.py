"""The events page and the event form: the list of events, counts of the selected event,
the plan's delegate progress, and saving events with their participants (checked in the core)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QMessageBox
from sqlalchemy import select

from desktop_app.core.db.models import Participant
from desktop_app.core.services.activities import activity_to_dict, create_activity, get_activity
from desktop_app.core.services.activity_list import ActivityFilter, count_activities
from desktop_app.core.services.targets import delegate_progress, participant_counts
from desktop_app.core.workspace import Workspace
from desktop_app.ui.event_form import EventForm
from desktop_app.ui.pages.events_page import EventsPage
from desktop_app.ui.participants_model import COLUMNS, ERROR_BACKGROUND

NAME, GENDER, POSITION = COLUMNS.index("name"), COLUMNS.index("gender"), COLUMNS.index("position")


@pytest.fixture
def page(qtbot, demo_workspace: Workspace) -> EventsPage:
    page = EventsPage(demo_workspace)
    qtbot.addWidget(page)
    page.show()
    return page


def _people(ws: Workspace, event_id: str) -> dict[str, Participant]:
    with ws.reading() as session:
        rows = session.scalars(select(Participant).where(Participant.activity_id == event_id))
        return {p.name: p for p in rows if not p.deleted}


def _progress_count(ws: Workspace) -> int:
    with ws.reading() as session:
        return delegate_progress(session).count


def _set_combo(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))
    assert combo.currentData() == value


def _fill_event(form: EventForm, title: str = "Hội nghị tập huấn nghiệp vụ TTĐN năm 2024") -> None:
    form.title_edit.setText(title)
    form.date_from.setDate(QDate(2024, 8, 20))
    form.until_check.setChecked(True)
    form.date_to.setDate(QDate(2024, 8, 21))
    form.place_edit.setText("Hội trường UBND thị xã Vĩnh Châu")
    _set_combo(form.event_type_combo, "TAP_HUAN")
    _set_combo(form.task_combo, "II.2")
    form.cost_edit.setText("150000000")
    form.cost_edit.editingFinished.emit()


def test_the_page_lists_events_only_and_shows_the_selected_ones_counts(page: EventsPage, demo_workspace) -> None:
    with demo_workspace.reading() as session:
        events = count_activities(session, ActivityFilter(kinds=["event"]))
    assert page.model.rowCount() == events > 0
    event_id = page.selected_event_id()
    assert event_id == page.model.activity_id(0)
    with demo_workspace.reading() as session:
        counts = participant_counts(session, event_id)
        title = get_activity(session, event_id).title
    assert counts["total"] > 0
    assert page.event_title.text() == title
    assert page.event_counts.total_label.text() == str(counts["total"])
    assert page.edit_button.isEnabled() and page.delete_button.isEnabled()


def test_the_page_shows_progress_against_the_160_delegates(page: EventsPage, demo_workspace) -> None:
    with demo_workspace.reading() as session:
        progress = delegate_progress(session)
    assert progress.target == 160
    assert re.search(rf"\b{progress.count}/160\b", page.progress_label.text())
    assert page.progress_bar.maximum() == 160 and page.progress_bar.value() == progress.count
    assert "II.2" in page.progress_box.title()


def test_search_filters_the_events(qtbot, page: EventsPage) -> None:
    before = page.model.rowCount()
    page.search.setText("không có sự kiện nào như thế")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.selected_event_id() is None and not page.edit_button.isEnabled()
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == before)


def test_a_new_event_with_participants_is_saved_and_counted(qtbot, page: EventsPage, demo_workspace) -> None:
    start = _progress_count(demo_workspace)
    page.new_button.click()
    form = page.dialog
    assert isinstance(form, EventForm) and form.isVisible()
    _fill_event(form)
    assert form.cost_edit.text() == "150.000.000"
    form.add_row_button.click()
    form.add_row_button.click()
    model = form.model
    # The first row has no name yet: red, with the core's Vietnamese message; nothing is saved.
    model.setData(model.index(1, NAME), "Trần Văn Út")
    form.save_button.click()
    assert form.isVisible()
    name = model.index(0, NAME)
    assert name.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    assert name.data(Qt.ItemDataRole.ToolTipRole) == "Họ và tên: bắt buộc phải nhập."
    assert "Đại biểu thứ 1 – Họ và tên: bắt buộc phải nhập." in form.rows_error.text()
    assert not form.rows_error.isHidden()
    with demo_workspace.reading() as session:
        assert count_activities(session, ActivityFilter(kinds=["event"], search="tap huan nghiep vu ttdn")) == 0

    model.setData(name, "Thạch Thị Sà Rum")
    model.setData(model.index(0, GENDER), "female")
    assert form.counts.total_label.text() == "2"
    assert "Female: 1" in form.counts.gender_label.text()
    with qtbot.waitSignal(page.changed):
        form.save_button.click()
    assert not form.isVisible()

    event_id = page.selected_event_id()
    with demo_workspace.reading() as session:
        stored = activity_to_dict(session, get_activity(session, event_id))
    assert (stored["title"], stored["date"], stored["date_to"]) == (
        "Hội nghị tập huấn nghiệp vụ TTĐN năm 2024", "2024-08-20", "2024-08-21")
    assert (stored["plan_task"], stored["event_type"], stored["cost"]) == ("II.2", "TAP_HUAN", 150_000_000)
    assert set(_people(demo_workspace, event_id)) == {"Thạch Thị Sà Rum", "Trần Văn Út"}
    assert re.search(rf"\b{start + 2}/160\b", page.progress_label.text())
    assert page.event_counts.total_label.text() == "2"
    assert page.message.text().startswith("Event saved.")


def _stored_event(ws: Workspace) -> str:
    people = [
        {"name": "Danh Sang", "gender": "nam", "ethnicity": "Khmer", "category": "TRUYEN_THANH_XA"},
        {"name": "Lý Mỹ Linh", "gender": "nữ", "ethnicity": "Hoa", "category": "BAO_CHI"},
    ]
    data = {"kind": "event", "title": "Hội nghị tập huấn (lớp 2)", "date": "2024-09-10", "plan_task": "II.2",
            "participants": people}
    with ws.writing() as session:
        activity, _ = create_activity(session, ws.require_installation(session), data)
        return activity.id


def test_editing_an_event_changes_only_what_changed(qtbot, page: EventsPage, demo_workspace) -> None:
    event_id = _stored_event(demo_workspace)
    before = _people(demo_workspace, event_id)
    page.refresh()
    page.select_event(event_id)
    page.edit_button.click()
    form = page.dialog
    assert isinstance(form, EventForm) and form.model.rowCount() == 2
    assert form.task_combo.currentData() == "II.2" and not form.until_check.isChecked()
    model = form.model
    row = next(r for r in range(model.rowCount()) if model.index(r, NAME).data() == "Danh Sang")
    model.setData(model.index(row, POSITION), "Trưởng Đài truyền thanh xã")
    form.table.selectRow(1 - row)
    form.delete_row_button.click()
    new = model.add_row({"name": "Sơn Thị Mai", "gender": "female"})
    model.setData(model.index(new, GENDER), "other")
    form.place_edit.setText("Nhà văn hóa xã Hòa Đông")
    with qtbot.waitSignal(page.changed):
        form.save_button.click()

    after = _people(demo_workspace, event_id)
    assert set(after) == {"Danh Sang", "Sơn Thị Mai"}
    assert after["Danh Sang"].id == before["Danh Sang"].id  # the same record, edited
    assert after["Danh Sang"].position == "Trưởng Đài truyền thanh xã"
    assert after["Danh Sang"].ver_counter > before["Danh Sang"].ver_counter
    assert after["Sơn Thị Mai"].gender == "other"
    with demo_workspace.reading() as session:
        gone = session.get(Participant, before["Lý Mỹ Linh"].id)
        event = get_activity(session, event_id)
        assert gone.deleted
        assert (event.place, event.title) == ("Nhà văn hóa xã Hòa Đông", "Hội nghị tập huấn (lớp 2)")


def test_event_fields_are_checked_inline(qtbot, page: EventsPage, demo_workspace) -> None:
    form = page.open_form(None)
    _fill_event(form, title="")
    form.date_to.setDate(QDate(2024, 8, 1))
    form.cost_edit.setText("12a")
    assert not form.save()
    assert form.field_errors["title"].text() == "Tên/tiêu đề: bắt buộc phải nhập."
    assert "ngày kết thúc sớm hơn ngày bắt đầu (20/08/2024)" in form.field_errors["date_to"].text()
    assert not form.field_errors["title"].isHidden() and form.field_errors["place"].isHidden()
    form.title_edit.setText("Buổi tuyên truyền")
    form.date_to.setDate(QDate(2024, 8, 21))
    form.cost_edit.setText("1.500.000")
    assert form.save()
    with demo_workspace.reading() as session:
        assert get_activity(session, form.activity_id).cost == 1_500_000


def test_deleting_asks_first(monkeypatch, page: EventsPage, demo_workspace) -> None:
    event_id = _stored_event(demo_workspace)
    page.refresh()
    page.select_event(event_id)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    page.delete_button.click()
    with demo_workspace.reading() as session:
        assert not get_activity(session, event_id).deleted
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    page.delete_button.click()
    with demo_workspace.reading() as session:
        assert get_activity(session, event_id).deleted
    assert all(page.model.activity_id(r) != event_id for r in range(page.model.rowCount()))
    assert "Hội nghị tập huấn (lớp 2)" in page.message.text()


def test_ctrl_s_saves_the_event_and_typing_is_spreadsheet_like(qtbot, page: EventsPage, demo_workspace) -> None:
    form = page.open_form(None)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.title_edit.setFocus()
    form.title_edit.setText("Hội nghị tập huấn cán bộ TTĐN")  # (QTest types ASCII only)
    qtbot.keyClick(form.title_edit, Qt.Key.Key_Return)  # Enter goes on to the date
    assert form.focusWidget() is form.date_from
    form.date_from.selectAll()
    qtbot.keyClicks(form.date_from, "20082024")
    form.place_edit.setText("Hội trường UBND thị xã Vĩnh Châu")
    _set_combo(form.event_type_combo, "TAP_HUAN")
    assert form.task_combo.currentData() == "II.2"  # suggested by the event type
    assert form.task_combo.currentText().startswith("II.2 – Bồi dưỡng nghiệp vụ")
    form.cost_edit.setFocus()
    qtbot.keyClicks(form.cost_edit, "25000000")
    assert form.cost_edit.text() == "25.000.000"  # grouped while editing, not only afterwards
    with qtbot.waitSignal(form.finished):
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with demo_workspace.reading() as session:
        saved = get_activity(session, form.activity_id)
        assert (saved.title, saved.date_from, saved.cost) == ("Hội nghị tập huấn cán bộ TTĐN", date(2024, 8, 20), 25_000_000)
    assert page.selected_event_id() == form.activity_id  # the saved row is selected
    again = page.open_form(None)
    assert again.date_from.value() == date(2024, 8, 20)  # the next one starts on the day just used
    again.reject()
