"""Likely duplicates: same unit, same day, same title up to case, diacritics and tone placement."""

from __future__ import annotations

from datetime import date

from desktop_app.core.services.activities import create_activity, delete_activity
from desktop_app.core.services.duplicates import likely_duplicates
from desktop_app.core.workspace import Workspace

DAY = date(2024, 5, 2)


def add(ws: Workspace, title: str, day: str = "2024-05-02", **extra) -> str:
    data = {"kind": "other", "title": title, "date": day, **extra}
    with ws.writing() as session:
        activity, _ = create_activity(session, ws.require_installation(session), data)
        return activity.id


def find(ws: Workspace, title: str, day: date = DAY, exclude_id: str | None = None):
    with ws.reading() as session:
        unit_id = ws.require_installation(session).unit_id
        return likely_duplicates(session, unit_id, title, day, exclude_id=exclude_id)


def test_same_title_folded_on_the_same_day_is_found(unit_ws: Workspace) -> None:
    first = add(unit_ws, "Tuyên truyền tại xã Hòa Đông", place="Nhà văn hóa ấp", description="Buổi sáng")
    assert find(unit_ws, "  TUYÊN TRUYỀN tại xã Hoà   Đông ") == [(first, "Tuyên truyền tại xã Hòa Đông", DAY)]
    assert find(unit_ws, "tuyen truyen tai xa hoa dong") == [(first, "Tuyên truyền tại xã Hòa Đông", DAY)]


def test_other_days_titles_and_the_record_itself_are_not(unit_ws: Workspace) -> None:
    first = add(unit_ws, "Tuyên truyền tại xã Hòa Đông")
    add(unit_ws, "Tuyên truyền tại xã Hòa Đông", day="2024-05-03")
    add(unit_ws, "Tuyên truyền tại xã Hòa Đông lần 2")  # a longer title sharing the prefix
    assert [row[0] for row in find(unit_ws, "Tuyên truyền tại xã Hòa Đông")] == [first]
    assert find(unit_ws, "Tuyên truyền tại xã Hòa Đông", exclude_id=first) == []
    assert find(unit_ws, "Tuyên truyền") == []
    assert find(unit_ws, "") == [] and find(unit_ws, "x", day=None) == []  # type: ignore[arg-type]


def test_deleted_activities_and_other_units_do_not_count(unit_ws: Workspace) -> None:
    gone = add(unit_ws, "Tin biển đảo")
    with unit_ws.writing() as session:
        delete_activity(session, unit_ws.require_installation(session), gone)
    assert find(unit_ws, "Tin biển đảo") == []
    add(unit_ws, "Tin biển đảo")
    with unit_ws.reading() as session:
        assert likely_duplicates(session, "another-unit", "Tin biển đảo", DAY) == []


def test_like_wildcards_in_titles_are_plain_text(unit_ws: Workspace) -> None:
    add(unit_ws, "Tin 100% thật")
    assert find(unit_ws, "Tin 100_ thật") == []
    assert len(find(unit_ws, "tin 100% that")) == 1
