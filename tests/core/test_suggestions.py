"""Suggestions that save typing: product type from a title, task from a type, a unit's
usual channels and languages, a copy of an activity for a new date."""

from __future__ import annotations

from datetime import date

from desktop_app.core.services.activities import create_activity, get_activity
from desktop_app.core.services.suggestions import Suggestions, copy_for_new_date, usual_choices
from desktop_app.core.workspace import Workspace

RADIO = {
    "kind": "product",
    "title": "Bài: Chuyên mục tiếng Khmer tuần này",
    "date": "2024-05-02",
    "plan_task": "II.1",
    "product_type": "BAI",
    "themes": ["CD1"],
    "languages": ["vi", "km"],
    "channels": ["TRUYEN_THANH_XA"],
    "quantity": 1,
    "minutes": 15,
    "audience": 4000,
    "cost": 300000,
}


def add(ws: Workspace, **changes) -> str:
    with ws.writing() as session:
        activity, _warnings = create_activity(session, ws.require_installation(session), {**RADIO, **changes})
        return activity.id


def test_the_title_prefix_names_the_product_type(unit_ws: Workspace) -> None:
    with unit_ws.reading() as session:
        hints = Suggestions(session)
    assert hints.product_type_for_title("Tin: Ngư dân Vĩnh Châu bám biển") == "TIN"
    assert hints.product_type_for_title("bài - Giữ gìn bản sắc") == "BAI"  # any case, a dash
    assert hints.product_type_for_title("Ngư dân: bám biển") is None  # not a product type
    assert hints.product_type_for_title("Tin tức tổng hợp") is None  # no colon: no prefix


def test_a_training_conference_belongs_to_task_ii_2_and_a_news_item_to_ii_1(unit_ws: Workspace) -> None:
    with unit_ws.reading() as session:
        hints = Suggestions(session)
    assert hints.task_for_event_type("TAP_HUAN", date(2024, 8, 20)) == "II.2"
    assert hints.task_for_event_type("HOI_THI", date(2024, 8, 20)) is None  # the plan has no contest task
    assert hints.task_for_product_type("TIN", date(2024, 5, 2)) == "II.1"
    assert hints.task_names()["II.2"].startswith("Bồi dưỡng nghiệp vụ")
    assert (date(2024, 1, 1), date(2024, 12, 31)) in hints.plan_periods()


def test_the_usual_channels_and_languages_are_those_of_most_recent_items(unit_ws: Workspace) -> None:
    for day in ("2024-05-02", "2024-05-09", "2024-05-16"):
        add(unit_ws, date=day)
    add(unit_ws, date="2024-05-20", languages=["vi"], channels=["MANG_XA_HOI"])
    with unit_ws.reading() as session:
        unit_id = unit_ws.require_installation(session).unit_id
        usual = usual_choices(session, unit_id, "product")
        none = usual_choices(session, unit_id, "event")
    assert usual == {"channels": ["TRUYEN_THANH_XA"], "languages": ["km", "vi"]}
    assert none == {"channels": [], "languages": []}


def test_a_copy_keeps_the_content_and_takes_a_new_date(unit_ws: Workspace) -> None:
    source = add(unit_ws, date="2024-05-02", date_to="2024-05-03")
    with unit_ws.reading() as session:
        week_later = copy_for_new_date(session, source)
        chosen = copy_for_new_date(session, source, date(2024, 6, 1))
    assert (week_later["date"], week_later["date_to"]) == ("2024-05-09", "2024-05-10")
    assert (chosen["date"], chosen["date_to"]) == ("2024-06-01", "2024-06-02")
    assert week_later["title"] == RADIO["title"] and week_later["languages"] == ["vi", "km"]
    assert week_later["status"] == "draft" and "audience" not in week_later and "id" not in week_later
    copy_id = add(unit_ws, **week_later)
    with unit_ws.reading() as session:
        copy = get_activity(session, copy_id)
        assert copy.id != source and copy.date_from == date(2024, 5, 9) and copy.cost == 300000
