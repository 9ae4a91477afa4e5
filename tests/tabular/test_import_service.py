"""Importing office lists into an event: safe by default, never counting a person twice."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop_app.core.db.models import Participant
from desktop_app.core.domain.text import person_sorted
from desktop_app.core.errors import TtdnError
from desktop_app.core.services.activities import create_activity, get_activity
from desktop_app.core.services.participants import import_list
from desktop_app.core.services.targets import delegate_progress, participant_counts
from tests.tabular.sheets import PEOPLE, save_xlsx
from tests.tabular.test_people_import import two_row_gender_layout


@pytest.fixture
def event_id(unit_ws):
    with unit_ws.writing() as session:
        activity, _ = create_activity(
            session,
            unit_ws.require_installation(session),
            {"kind": "event", "title": "Hội nghị tập huấn TTĐN", "date": "2024-08-20", "plan_task": "II.2"},
        )
        return activity.id


@pytest.fixture
def sheet(tmp_path):
    rows, merges = two_row_gender_layout(PEOPLE)
    return save_xlsx(rows, tmp_path / "ds.xlsx", merges)


def run(ws, event_id, path, **kwargs):
    with ws.writing() as session:
        return import_list(session, get_activity(session, event_id), path, **kwargs)[1]


def live(ws, event_id):
    with ws.reading() as session:
        return list(session.scalars(select(Participant).where(Participant.activity_id == event_id, Participant.deleted.is_(False))))


def test_a_list_imported_twice_with_the_default_keeps_the_count(unit_ws, event_id, sheet):
    first = run(unit_ws, event_id, sheet)
    assert first.added == len(PEOPLE)
    second = run(unit_ws, event_id, sheet)
    assert second.added == 0 and second.count("duplicate") == len(PEOPLE)
    people = live(unit_ws, event_id)
    assert len(people) == len(PEOPLE)
    stored = {p.name: p for p in people}
    absent = stored["Trần Quốc Bảo"]
    assert absent.absent and absent.note == "Vắng có lý do"
    assert stored["Lâm Thị Hoà"].gender == "female" and stored["Lâm Thị Hoà"].birth_year == 1990
    with unit_ws.reading() as session:
        counts = participant_counts(session, event_id)
        progress = delegate_progress(session, "II.2")
    assert counts["total"] == len(PEOPLE) - 1  # the absent delegate is listed, not counted
    assert progress.count == len(PEOPLE) - 1 and progress.target == 160


def test_append_adds_all_but_progress_counts_each_person_once(unit_ws, event_id, sheet):
    run(unit_ws, event_id, sheet)
    result = run(unit_ws, event_id, sheet, mode="append")
    assert result.added == len(PEOPLE)
    assert len(live(unit_ws, event_id)) == 2 * len(PEOPLE)
    with unit_ws.reading() as session:
        assert participant_counts(session, event_id)["total"] == len(PEOPLE) - 1
        assert participant_counts(session, event_id)["by_gender"] == {"male": 3, "female": 4}


def test_replace_takes_the_old_list_off(unit_ws, event_id, sheet, tmp_path):
    run(unit_ws, event_id, sheet)
    rows, merges = two_row_gender_layout(PEOPLE[:3])
    smaller = save_xlsx(rows, tmp_path / "moi.xlsx", merges)
    dry = run(unit_ws, event_id, smaller, mode="replace", dry_run=True)
    assert dry.removed == len(PEOPLE) and dry.added == 3 and len(live(unit_ws, event_id)) == len(PEOPLE)
    result = run(unit_ws, event_id, smaller, mode="replace")
    assert result.removed == len(PEOPLE) and result.added == 3
    assert sorted(p.name for p in live(unit_ws, event_id)) == sorted(p.name for p in PEOPLE[:3])


def test_the_same_person_twice_in_one_file_is_flagged_and_added_once(unit_ws, event_id, tmp_path):
    rows = [["STT", "Họ và tên", "Năm sinh", "Đơn vị"], [1, "Nguyễn Văn An", 1975, "UBND xã Viên An"],
            [2, "NGUYEN VAN AN", 1975, "ubnd xa vien an"], [3, "Nguyễn Văn An", 1980, "UBND xã Viên An"]]
    result = run(unit_ws, event_id, save_xlsx(rows, tmp_path / "trung.xlsx"))
    assert [(o.row, o.status) for o in result.outcomes] == [(2, "added"), (3, "duplicate_in_file"), (4, "added")]
    assert "dòng 2" in result.outcomes[1].issues[-1].message("vi")


def test_an_unreadable_sheet_changes_nothing(unit_ws, event_id, sheet, tmp_path):
    run(unit_ws, event_id, sheet)
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(sheet.read_bytes()[:300])
    with pytest.raises(TtdnError) as info:
        run(unit_ws, event_id, broken, mode="replace")
    assert "Chưa có gì thay đổi" in info.value.message("vi")
    assert len(live(unit_ws, event_id)) == len(PEOPLE)


def test_people_sort_by_given_name_then_middle_then_family():
    names = ["Nguyễn Văn An", "Lê Thị Bình", "Trần An", "Âu Văn An", "Đỗ Thị Ánh", "Lê Văn Bình", "Nguyễn Thị Ân"]
    assert person_sorted(names) == ["Trần An", "Âu Văn An", "Nguyễn Văn An", "Đỗ Thị Ánh", "Nguyễn Thị Ân", "Lê Thị Bình", "Lê Văn Bình"]


def test_participant_table_order_is_vietnamese(unit_ws, event_id, sheet):
    run(unit_ws, event_id, sheet)
    with unit_ws.reading() as session:
        names = list(session.scalars(select(Participant.name).where(Participant.activity_id == event_id).order_by(Participant.sort_key)))
    assert names == person_sorted(p.name for p in PEOPLE)
    assert names[0] == "Nguyễn Văn An"
