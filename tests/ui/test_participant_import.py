"""The participant import dialog: the preview of a real office list (header rows, data
range, conventions found), problem rows highlighted with the reason and corrected in
place, rows left out, the duplicate choice when the event already has people, the
mapping remembered per sheet layout, the template, and unreadable files explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.services.activities import create_activity
from desktop_app.core.services.targets import participant_counts
from desktop_app.core.workspace import Workspace
from desktop_app.ui.pages.events_page import EventsPage
from desktop_app.ui.participant_import_dialog import NOT_USED, ParticipantImportDialog, column_letter
from desktop_app.ui.participant_preview_model import FIELDS, FIRST_FIELD, INCLUDE, PROBLEMS, ParticipantPreviewModel
from desktop_app.ui.participants_model import ERROR_BACKGROUND
from desktop_app.ui.workers import wait_for_workers
from tests.tabular.sheets import PEOPLE, save_xlsx
from tests.tabular.test_people_import import two_row_gender_layout

SHOTS = Path("/tmp/ttdn-issue9")


@pytest.fixture
def event_id(demo_workspace: Workspace) -> str:
    with demo_workspace.writing() as session:
        activity, _ = create_activity(
            session, demo_workspace.require_installation(session),
            {"kind": "event", "title": "Hội nghị tập huấn", "date": "2024-08-20", "plan_task": "II.2"},
        )
        return activity.id


@pytest.fixture
def dialog(qtbot, demo_workspace: Workspace, event_id: str) -> ParticipantImportDialog:
    dialog = ParticipantImportDialog(demo_workspace, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose(monkeypatch, path: Path | None) -> list[str]:
    filters: list[str] = []

    def fake(parent, caption, folder, filter_text, *args, **kwargs):
        filters.append(filter_text)
        return (str(path) if path else "", filter_text)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    return filters


def _stored(ws: Workspace, event_id: str) -> int:
    with ws.reading() as session:
        return participant_counts(session, event_id)["total"]


def _open(qtbot, dialog, monkeypatch, path: Path) -> None:
    _choose(monkeypatch, path)
    dialog.choose_file()
    qtbot.waitUntil(lambda: not dialog._loading and (dialog._loaded is not None or bool(dialog.error.text())), timeout=15000)
    wait_for_workers()
    qtbot.waitUntil(lambda: not dialog._loading, timeout=15000)


def _list_with_a_bad_row(tmp_path: Path) -> Path:
    rows, merges = two_row_gender_layout(PEOPLE)
    bad = next(n for n, row in enumerate(rows) if len(row) > 1 and row[1] == PEOPLE[2].name)  # sheet row 15
    rows[bad][3] = "năm 90"  # a birth the reader cannot take
    return save_xlsx(rows, tmp_path / "ds.xlsx", merges)


def _import(qtbot, dialog) -> None:
    dialog.run_import()
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=15000)


def test_preview_shows_the_table_found_and_highlights_a_problem_row(qtbot, monkeypatch, tmp_path, dialog, demo_workspace, event_id) -> None:
    _open(qtbot, dialog, monkeypatch, _list_with_a_bad_row(tmp_path))
    model = dialog.model
    assert model.rowCount() == len(PEOPLE)
    info = dialog.info.text()
    assert "7–9" in info and "12–21" in info and "Tổng cộng: 8 đại biểu" in info and "birth year" in info
    assert dialog.header_first.value() == 7 and dialog.header_last.value() == 9
    assert dialog.mapping_combos["birth_female"].currentData() == 3
    assert model.problem_rows() == [2]
    reason = model.data(model.index(2, PROBLEMS))
    assert "Dòng 15 – Năm sinh" in reason and "năm 90" in reason
    assert model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    SHOTS.mkdir(exist_ok=True)
    dialog.preview.scrollTo(model.index(2, 0))
    dialog.grab().save(str(SHOTS / "preview-problem-row.png"))
    # Corrected in place: the row is checked again and imports.
    birth = FIRST_FIELD + FIELDS.index("birth_year")
    assert model.setData(model.index(2, birth), "1990")
    assert model.problem_rows() == []
    # One row left out by the officer.
    assert model.setData(model.index(0, INCLUDE), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    _import(qtbot, dialog)
    assert dialog.last_result.added == len(PEOPLE) - 1 and dialog.last_result.count("excluded") == 1
    with demo_workspace.reading() as session:
        from sqlalchemy import select

        from desktop_app.core.db.models import Participant

        stored = {p.name: p for p in session.scalars(select(Participant).where(Participant.activity_id == event_id))}
    assert stored[PEOPLE[2].name].birth_year == 1990 and stored[PEOPLE[2].name].gender == "female"
    assert PEOPLE[0].name not in stored


def test_a_second_import_offers_the_duplicate_choice_and_adds_nobody_twice(qtbot, monkeypatch, tmp_path, dialog, demo_workspace, event_id) -> None:
    rows, merges = two_row_gender_layout(PEOPLE)
    path = save_xlsx(rows, tmp_path / "ds.xlsx", merges)
    _open(qtbot, dialog, monkeypatch, path)
    assert dialog.mode_box.isHidden()
    _import(qtbot, dialog)
    assert _stored(demo_workspace, event_id) == len(PEOPLE) - 1  # one is absent
    again = ParticipantImportDialog(demo_workspace, event_id)
    qtbot.addWidget(again)
    again.show()
    _open(qtbot, again, monkeypatch, path)
    assert again.mode_box.isVisible() and again.mode_merge.isChecked()
    assert str(len(PEOPLE)) in again.existing_label.text()
    SHOTS.mkdir(exist_ok=True)
    again.grab().save(str(SHOTS / "duplicate-choice.png"))
    _import(qtbot, again)
    assert again.last_result.added == 0 and again.last_result.count("duplicate") == len(PEOPLE)
    assert _stored(demo_workspace, event_id) == len(PEOPLE) - 1
    assert "đã có" in again.report.item(0).text()


def test_the_mapping_is_remembered_for_the_same_layout(qtbot, monkeypatch, tmp_path, dialog, demo_workspace, event_id) -> None:
    rows, merges = two_row_gender_layout(PEOPLE)
    first = save_xlsx(rows, tmp_path / "a.xlsx", merges)
    _open(qtbot, dialog, monkeypatch, first)
    combo = dialog.mapping_combos["phone"]
    combo.setCurrentIndex(combo.findData(NOT_USED))
    dialog._mapping_changed(0)
    qtbot.waitUntil(lambda: not dialog._loading and "phone" not in dialog._loaded.preview.layout.mapping, timeout=15000)
    second = save_xlsx(two_row_gender_layout(PEOPLE[:4])[0], tmp_path / "b.xlsx", two_row_gender_layout(PEOPLE[:4])[1])
    later = ParticipantImportDialog(demo_workspace, event_id)
    qtbot.addWidget(later)
    _open(qtbot, later, monkeypatch, second)
    qtbot.waitUntil(lambda: later._loaded is not None and "phone" not in later._loaded.preview.layout.mapping, timeout=15000)
    assert later.model.rowCount() == 4 and all(p.values["phone"] is None for p in later.model.people())


def test_unreadable_files_are_explained_and_nothing_changes(qtbot, monkeypatch, tmp_path, dialog, demo_workspace, event_id) -> None:
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    _open(qtbot, dialog, monkeypatch, path)
    assert "Không đọc được tệp" in dialog.error.text() and "Chưa có gì thay đổi" in dialog.error.text()
    assert not dialog.import_button.isEnabled() and _stored(demo_workspace, event_id) == 0


def test_the_template_is_saved_and_reads_back(qtbot, monkeypatch, tmp_path, dialog) -> None:
    target = tmp_path / "mau.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert dialog.save_template() == target
    _open(qtbot, dialog, monkeypatch, target)
    assert [p.values["name"] for p in dialog.model.people()] == ["Nguyễn Văn An"]


def test_the_preview_model_sorts_people_the_vietnamese_way(qtmodeltester, tmp_path, demo_workspace, event_id) -> None:
    from desktop_app.core.operations.office_input import preview_participant_list

    rows, merges = two_row_gender_layout(PEOPLE)
    loaded = preview_participant_list(demo_workspace, event_id, save_xlsx(rows, tmp_path / "ds.xlsx", merges))
    model = ParticipantPreviewModel()
    model.load(loaded.preview.people, loaded.catalog)
    qtmodeltester.check(model)
    model.sort(FIRST_FIELD + FIELDS.index("name"))
    names = [model.person(n).values["name"] for n in range(model.rowCount())]
    assert names[:3] == ["Nguyễn Văn An", "Trần Quốc Bảo", "Lâm Thị Hoà"]


def test_the_page_imports_into_the_selected_event(qtbot, monkeypatch, tmp_path, demo_workspace, event_id) -> None:
    page = EventsPage(demo_workspace)
    qtbot.addWidget(page)
    page.select_event(event_id)
    rows, merges = two_row_gender_layout(PEOPLE[:3])
    _choose(monkeypatch, save_xlsx(rows, tmp_path / "ds.xlsx", merges))
    dialog = page.open_import()
    assert dialog is page.dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=15000)
    _import(qtbot, dialog)
    with qtbot.waitSignal(page.changed, timeout=15000):
        dialog.close_button.click()
    assert page.selected_event_id() == event_id
    qtbot.waitUntil(lambda: page.event_counts.total_label.text() == "3", timeout=15000)
    assert page.progress_label.text().startswith("3/160")


def test_excel_column_letters() -> None:
    assert [column_letter(n) for n in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
