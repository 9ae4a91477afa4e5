"""Participant counts and the plan's delegate target, checked against a count made
independently from the stored records (Python over ORM rows, not SQL grouping)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from desktop_app.core.db.models import Participant
from desktop_app.core.services.activities import create_activity, delete_activity
from desktop_app.core.operations.demo import generate
from desktop_app.core.operations.installation import initialise
from desktop_app.core.services.participants import delete_participant
from desktop_app.core.services.targets import delegate_progress, participant_counts
from desktop_app.core.workspace import Workspace

PEOPLE = [
    {"name": "Thạch Thị Sà Rum", "gender": "nữ", "ethnicity": "Khmer", "category": "TTDN_XA"},
    {"name": "Trần Văn Út", "gender": "nam", "ethnicity": "Kinh", "category": "BAO_CHI"},
    {"name": "Lý Mỹ Linh", "gender": "nữ", "ethnicity": "Hoa"},
    {"name": "Danh Sang"},
]


def _event(ws: Workspace, task: str | None, people: list[dict], **extra) -> str:
    data = {"kind": "event", "title": "Hội nghị tập huấn", "date": "2024-08-20", "participants": people, **extra}
    if task:
        data["plan_task"] = task
    with ws.writing() as session:
        activity, _ = create_activity(session, ws.require_installation(session), data)
        return activity.id


def _independent(ws: Workspace, keep) -> dict[str, Counter]:
    """Counts from the records themselves: every live participant of a live event kept by ``keep``."""
    counts = {"gender": Counter(), "ethnicity": Counter(), "category": Counter()}
    with ws.reading() as session:
        for person in session.scalars(select(Participant)):
            event = person.activity
            if person.deleted or event.deleted or not keep(event):
                continue
            counts["gender"][person.gender or "unknown"] += 1
            counts["ethnicity"][person.ethnicity.code if person.ethnicity else "unknown"] += 1
            counts["category"][person.category.code if person.category else "unknown"] += 1
    return counts


def _is_task(code: str):
    return lambda event: event.kind == "event" and event.plan_task is not None and event.plan_task.code == code


def test_delegates_of_the_training_task_against_its_target(unit_ws: Workspace) -> None:
    training = _event(unit_ws, "II.2", PEOPLE)
    _event(unit_ws, "II.2", PEOPLE[:2], title="Hội nghị tập huấn (đợt 2)")
    _event(unit_ws, "II.1", PEOPLE)  # another task: not counted
    _event(unit_ws, None, PEOPLE[:1])  # no task: not counted
    removed = _event(unit_ws, "II.2", PEOPLE)  # deleted event: not counted
    with unit_ws.writing() as session:
        inst = unit_ws.require_installation(session)
        delete_activity(session, inst, removed)
        first = session.scalar(
            select(Participant.id).where(Participant.activity_id == training, Participant.name == "Thạch Thị Sà Rum")
        )
        delete_participant(session, inst, first)  # deleted participant: not counted

    with unit_ws.reading() as session:
        progress = delegate_progress(session)
    expected = _independent(unit_ws, _is_task("II.2"))
    assert (progress.task_code, progress.target, progress.year) == ("II.2", 160, 2024)
    assert progress.count == sum(expected["gender"].values()) == 5
    assert progress.by_gender == dict(expected["gender"])
    assert progress.by_ethnicity == dict(expected["ethnicity"])
    assert progress.by_category == dict(expected["category"])
    assert progress.by_gender == {"male": 2, "female": 2, "unknown": 1}


def test_a_task_without_a_delegate_target(unit_ws: Workspace) -> None:
    _event(unit_ws, "II.1", PEOPLE)
    with unit_ws.reading() as session:
        progress = delegate_progress(session, "II.1")
        unknown = delegate_progress(session, "IX.9")
        other_year = delegate_progress(session, "II.2", year=2030)
    assert (progress.target, progress.count) == (None, 4)
    assert (unknown.target, unknown.count, unknown.year) == (None, 0, None)
    assert (other_year.target, other_year.count) == (None, 0)


def test_counts_of_one_event(unit_ws: Workspace) -> None:
    event = _event(unit_ws, None, PEOPLE)
    with unit_ws.writing() as session:
        first = session.scalar(select(Participant.id).where(Participant.activity_id == event, Participant.name == "Danh Sang"))
        delete_participant(session, unit_ws.require_installation(session), first)
    expected = _independent(unit_ws, lambda e: e.id == event)
    with unit_ws.reading() as session:
        counts = participant_counts(session, event)
    assert counts == {
        "total": 3,
        "by_gender": dict(expected["gender"]),
        "by_ethnicity": dict(expected["ethnicity"]),
        "by_category": dict(expected["category"]),
    }
    with unit_ws.writing() as session:
        delete_activity(session, unit_ws.require_installation(session), event)
    with unit_ws.reading() as session:
        assert participant_counts(session, event) == {"total": 0, "by_gender": {}, "by_ethnicity": {}, "by_category": {}}


def test_the_demo_conference_of_the_province(workspace: Workspace) -> None:
    initialise(workspace, "aggregator", "STTTT", None)
    generate(workspace, 400, seed=3)
    with workspace.reading() as session:
        progress = delegate_progress(session)
    expected = _independent(workspace, _is_task("II.2"))
    assert 150 <= progress.count <= 160 and progress.target == 160
    assert progress.by_category == dict(expected["category"])
    assert progress.by_ethnicity == dict(expected["ethnicity"])
    assert progress.by_gender == dict(expected["gender"])


def test_once_the_conference_is_marked_only_its_delegates_count(tmp_path) -> None:
    from desktop_app.core.operations.installation import initialise
    from desktop_app.core.services.plan_targets import mark_task_events

    ws = Workspace.open(tmp_path / "province")
    try:
        initialise(ws, "aggregator", "STTTT", "Trần Văn Sở")
        conference = _event(ws, "II.2", PEOPLE)
        _event(ws, "II.2", PEOPLE[:2], title="Tập huấn của huyện")
        with ws.reading() as session:
            assert delegate_progress(session).count == 6
        with ws.writing() as session:
            mark_task_events(session, ws.require_installation(session), "II.2", [conference])
        with ws.reading() as session:
            assert delegate_progress(session).count == 4
    finally:
        ws.close()
