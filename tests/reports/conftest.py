"""A province (aggregator) with demo records, unit notes with Khmer text, and every report
produced once for the package's tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.db.models import Activity, OrgUnit, PlanTask, UnitReport
from desktop_app.core.reports.api import generate_report
from desktop_app.core.operations.demo import generate
from desktop_app.core.operations.installation import initialise
from desktop_app.core.services.unit_reports import save_unit_report, unit_report_id
from desktop_app.core.workspace import Workspace
from reportdata import KHMER_NOTE, KHMER_TITLE, PERIOD, SETTINGS, TODAY
from scenario import Scenario, prepare


@dataclass
class Province:
    workspace: Workspace
    out: Path
    event_id: str = ""
    files: dict[str, Path] = field(default_factory=dict)
    scenario: Scenario = field(default_factory=Scenario)


def _notes(ws: Workspace) -> str:
    """Unit notes (one in Khmer) and a Khmer title for the training; the training's id."""
    with ws.writing() as s:
        inst = ws.require_installation(s)
        save_unit_report(s, inst, "2024-Q3", proposals="Đề nghị Bộ hỗ trợ tập huấn kỹ năng sản xuất video.")
        lieu_tu = s.scalar(select(OrgUnit).where(OrgUnit.code == "31675"))
        hoa_dong = s.scalar(select(OrgUnit).where(OrgUnit.code == "31786"))
        s.add(UnitReport(id=unit_report_id(lieu_tu.id, "2024-Q3"), unit_id=lieu_tu.id, period="2024-Q3", difficulties=KHMER_NOTE))
        s.add(UnitReport(id=unit_report_id(hoa_dong.id, "2024-Q2"), unit_id=hoa_dong.id, period="2024-Q2", nothing_to_report=True))
        training = s.scalar(
            select(Activity).join(PlanTask, PlanTask.id == Activity.plan_task_id).where(PlanTask.code == "II.2", Activity.kind == "event")
        )
        training.title = KHMER_TITLE
        return training.id


@pytest.fixture(scope="package")
def province(tmp_path_factory) -> Province:
    root = tmp_path_factory.mktemp("province")
    ws = Workspace.open(root / "data")
    initialise(ws, "aggregator", "STTTT")
    generate(ws, 400, seed=11)
    event_id = _notes(ws)
    p = Province(ws, root / "out", event_id, scenario=prepare(ws))
    jobs = {
        "periodic-pdf": ("periodic-pdf", "bao-cao.pdf", {}),
        "periodic-docx": ("periodic-docx", "bao-cao.docx", {}),
        "unit-pdf": ("unit-pdf", "lieu-tu.pdf", {"unit": "31675"}),
        "attendance": ("attendance", "dai-bieu.pdf", {"event": event_id}),
        "xlsx": ("xlsx", "so-lieu.xlsx", {}),
        "xlsx-personal": ("xlsx", "so-lieu-ca-nhan.xlsx", {"include_personal": True}),
        "bundle": ("bundle", "goi-san-pham", {}),
        "bundle-zip": ("bundle", "goi-san-pham.zip", {}),
    }
    for name, (kind, file, kw) in jobs.items():
        period = None if kind == "attendance" else PERIOD
        p.files[name] = generate_report(ws, kind, period, p.out / file, settings=SETTINGS, today=TODAY, **kw)
    yield p
    ws.close()
