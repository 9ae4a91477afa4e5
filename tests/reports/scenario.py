"""What the report tests add to the demonstration data: the plan's II.2 conference marked
by the province, a district's own training filed under II.2, records returned for
correction and accepted, allocations for the tasks and for one commune, a commune's own
target, and the plan's number and date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from desktop_app.core.db.models import Activity, OrgUnit, Participant, PlanTask
from desktop_app.core.services import plan_targets
from desktop_app.core.services.review import review_activity
from desktop_app.core.workspace import Workspace

TASK_BUDGET = {"II.1": 300_000_000, "II.2": 200_000_000}
COMMUNE = "31675"  # xã Liêu Tú
COMMUNE_BUDGET = 12_000_000
COMMUNE_PRODUCTS = 40
DISTRICT_TRAINING = "Tập huấn kỹ năng viết tin cho cộng tác viên huyện Trần Đề"


@dataclass
class Scenario:
    conference_id: str = ""
    training_id: str = ""
    returned_ids: list[str] = field(default_factory=list)
    accepted_ids: list[str] = field(default_factory=list)


def prepare(ws: Workspace, *, conference_title: str | None = None) -> Scenario:
    found = Scenario()
    with ws.writing() as s:
        inst = ws.require_installation(s)
        conference = s.scalar(
            select(Activity).join(PlanTask, PlanTask.id == Activity.plan_task_id).where(PlanTask.code == "II.2", Activity.kind == "event")
        )
        conference.status = "submitted"
        if conference_title:
            conference.title = conference_title
        found.conference_id = conference.id
        centre = s.scalar(select(OrgUnit).where(OrgUnit.code == "TTVH_951"))
        training = Activity(
            unit_id=centre.id, kind="event", status="submitted", plan_task_id=conference.plan_task_id, title=DISTRICT_TRAINING,
            date_from=date(2024, 8, 14), place="Trần Đề",
        )
        s.add(training)
        s.flush()
        for i in range(12):
            s.add(Participant(activity_id=training.id, name=f"Cộng tác viên {i + 1}", gender="female" if i % 3 else "other"))
        found.training_id = training.id
        s.flush()
        sent = s.scalars(
            select(Activity).where(Activity.status == "submitted", Activity.deleted.is_(False), Activity.kind != "event",
                                   Activity.date_from >= date(2024, 1, 1), Activity.date_from <= date(2024, 12, 31)).order_by(Activity.id).limit(16)
        ).all()
        for a in sent[:8]:
            review_activity(s, inst, a.id, "returned", "Bổ sung tệp số hóa và sửa ngày phát sóng.")
            found.returned_ids.append(a.id)
        for a in sent[8:]:
            review_activity(s, inst, a.id, "accepted")
            found.accepted_ids.append(a.id)
        plan_targets.mark_task_events(s, inst, "II.2", [conference.id])
        for code, amount in TASK_BUDGET.items():
            plan_targets.set_allocation(s, inst, code, amount)
        plan_targets.set_allocation(s, inst, "II.1", COMMUNE_BUDGET, unit=COMMUNE)
        plan_targets.set_unit_target(s, inst, "II.1", "products", COMMUNE_PRODUCTS, unit=COMMUNE)
        plan_targets.set_plan_reference(s, inst, number_text="123/KH-UBND", issued_on=date(2024, 3, 5))
    return found
