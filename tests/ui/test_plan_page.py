"""The province enters a task's allocation and marks the II.2 conference on the plan page;
the report measures against them. A unit's plan page has no editor."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.core.db.models import Activity, PlanTarget, PlanTask
from desktop_app.core.operations.demo import generate
from desktop_app.core.operations.installation import initialise
from desktop_app.core.reports.api import plan_figures
from desktop_app.core.domain.periods import parse_period
from desktop_app.ui.pages.plan_page import PlanPage


def test_the_province_enters_an_allocation_and_marks_the_conference(qtbot, empty_workspace):
    ws = empty_workspace
    initialise(ws, "aggregator", "STTTT", "Trần Văn Sở")
    generate(ws, 200, seed=3)
    page = PlanPage(ws)
    qtbot.addWidget(page)
    editor = page.editor
    assert editor is not None
    editor.task.set_current_value("II.1")
    editor.amount.setText("300.000.000")
    editor.save_allocation.click()
    editor.unit.set_current_value("31786")
    editor.amount.setText("8000000")
    editor.save_allocation.click()
    editor.amount.setText("mười triệu")
    editor.save_allocation.click()
    assert "không phải là số" in editor.message.text() or "not a number" in editor.message.text()
    with ws.reading() as s:
        conference = s.scalar(
            select(Activity).join(PlanTask, PlanTask.id == Activity.plan_task_id).where(PlanTask.code == "II.2", Activity.kind == "event")
        )
    editor.task.set_current_value("II.2")
    editor.event.set_current_value(conference.id)
    editor.mark.click()
    assert conference.title in editor.marked.text()
    with ws.reading() as s:
        assert s.scalar(select(PlanTask.budget).where(PlanTask.code == "II.1")) == 300_000_000
        assert s.scalar(select(PlanTarget.target_value).where(PlanTarget.metric == "budget")) == 8_000_000
        assert s.scalar(select(PlanTask.event_ids).where(PlanTask.code == "II.2")) == [conference.id]
        figures = plan_figures(s, ws.require_installation(s), parse_period("2024"))
    assert next(t for t in figures.by_task if t.code == "II.2").marked
    editor.unmark.click()
    with ws.reading() as s:
        assert s.scalar(select(PlanTask.event_ids).where(PlanTask.code == "II.2")) is None


def test_a_unit_sees_the_plan_read_only(qtbot, empty_workspace):
    initialise(empty_workspace, "unit", "31786", "Lâm Thị Hoà")
    page = PlanPage(empty_workspace)
    qtbot.addWidget(page)
    assert page.editor is None
