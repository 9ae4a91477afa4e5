"""``--self-test``: prove that an installed (or frozen) program works, end to end.

In a temporary folder it sets up a unit PC and a temporary province, migrates both,
records an activity with a Vietnamese and a Khmer title and an attached file, exports
it, imports it at the province, renders the province's report to PDF and reads its text
back, takes a backup and checks it, and opens and closes the main window offscreen.
Exit code 0 when every step passed, 1 otherwise; each step is printed with its result.
Nothing outside the temporary folder is touched.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

VI_TITLE = "Tin: Ngư dân Vĩnh Châu bám biển, giữ vững chủ quyền biển đảo"
KM_TITLE = "ព័ត៌មាន៖ អ្នកនេសាទវិញចូវ ការពារអធិបតេយ្យភាពសមុទ្រ"
ATTACHMENT = "ảnh hội nghị tập huấn.txt"


class _Run:
    def __init__(self, out) -> None:
        self.out = out
        self.failed: list[str] = []

    def step(self, name: str, fn: Callable[[], str | None]) -> bool:
        start = time.perf_counter()
        try:
            detail = fn() or ""
        except Exception as exc:  # report every failure, with what failed
            self.failed.append(name)
            print(f"FAIL  {name}: {type(exc).__name__}: {exc}", file=self.out)
            traceback.print_exc(file=self.out)
            return False
        print(f"ok    {name} ({time.perf_counter() - start:.1f} s) {detail}".rstrip(), file=self.out)
        return True


def run(out=None, keep: Path | None = None) -> int:
    """Run every step; return the exit code (0: all passed)."""
    out = out or sys.stdout
    root = Path(tempfile.mkdtemp(prefix="ttdn-selftest-"))
    run = _Run(out)
    state: dict = {}
    # Never the officer's data, whatever the environment says.
    saved_env = {k: os.environ.pop(k, None) for k in ("TTDN_DATA_DIR",)}
    try:
        _steps(run, root, state)
    finally:
        for ws in state.get("open", []):
            try:
                ws.close()
            except Exception:  # noqa: BLE001 - closing after a failure
                pass
        for key, value in saved_env.items():
            if value is not None:
                os.environ[key] = value
        if keep is not None:
            shutil.copytree(root, keep, dirs_exist_ok=True)
        shutil.rmtree(root, ignore_errors=True)
    if run.failed:
        from desktop_app.core.messages import render

        print(render("selftest.failed", {"step": ", ".join(run.failed), "detail": f"{len(run.failed)}"}), file=out)
        return 1
    print("Tự kiểm tra: tất cả các bước đều đạt.", file=out)
    return 0


def _steps(run: _Run, root: Path, state: dict) -> None:
    from desktop_app.core.workspace import Workspace

    def open_ws(name: str) -> Workspace:
        ws = Workspace.open(root / name)
        state.setdefault("open", []).append(ws)
        return ws

    def migrate() -> str:
        from desktop_app.core.db import migrate as m

        state["province"] = open_ws("province")
        state["unit"] = open_ws("unit")
        revision = m.read_revision(state["unit"].db.path)
        if revision != m.head_revision():
            raise AssertionError(f"schema {revision}, expected {m.head_revision()}")
        return f"schema {revision}"

    def set_up() -> str:
        from desktop_app.core.operations.installation import initialise
        from desktop_app.core.sync.identity import enrolment_document, read_enrolment, register_peer
        from desktop_app.core.sync.importer import import_packages
        from desktop_app.core.sync.outbound import make_config

        province, unit = state["province"], state["unit"]
        initialise(province, "aggregator", "STTTT", "Cán bộ Sở")
        config = [w.path for w in make_config(province, root / "config")]
        report = import_packages(unit, config, confirm=lambda volume: True)
        if report.files[0].status != "applied":
            raise AssertionError(report.files[0].message)
        initialise(unit, "unit", "31786", "Cán bộ xã Hòa Đông")
        enrolment = root / "enrol.json"
        with unit.writing() as session:
            enrolment.write_bytes(enrolment_document(session))
        with province.writing() as session:
            register_peer(session, read_enrolment(enrolment), confirmed=True)
        return "unit 31786 registered at STTTT"

    def record() -> str:
        from desktop_app.core.services.activities import create_activity

        unit = state["unit"]
        source = root / "input"
        source.mkdir()
        (source / ATTACHMENT).write_text("Tệp đính kèm của bước tự kiểm tra – ảnh hội nghị.\n", encoding="utf-8")
        base = {"kind": "product", "date": "2024-05-02", "plan_task": "II.1", "product_type": "TIN",
                "themes": ["CD1"], "channels": ["TRUYEN_THANH_XA"], "quantity": 1}
        with unit.writing() as session:
            inst = unit.require_installation(session)
            create_activity(session, inst, {**base, "title": VI_TITLE, "languages": ["vi"], "attachments": [ATTACHMENT]},
                            base_dir=source, files_dir=unit.db.files_dir)
            create_activity(session, inst, {**base, "title": KM_TITLE, "languages": ["km"]},
                            base_dir=source, files_dir=unit.db.files_dir)
        return "2 activities, 1 attachment"

    def export_import() -> str:
        from sqlalchemy import select

        from desktop_app.core.db.models import Activity, Attachment
        from desktop_app.core.sync.export import export_data
        from desktop_app.core.sync.importer import import_packages

        result = export_data(state["unit"], root / "outbox")
        report = import_packages(state["province"], [w.path for w in result.files])
        bad = [f for f in report.files if f.status != "applied"]
        if bad:
            raise AssertionError(bad[0].message)
        with state["province"].reading() as session:
            titles = set(session.scalars(select(Activity.title)))
            attachments = session.scalar(select(Attachment.id).limit(1))
        if not {VI_TITLE, KM_TITLE} <= titles:
            raise AssertionError(f"titles at the province: {sorted(titles)}")
        if attachments is None:
            raise AssertionError("the attachment did not arrive")
        return f"{len(result.files)} volume(s)"

    def report_pdf() -> str:
        from desktop_app.core.reports.api import generate_report
        from desktop_app.core.reports.pdf_text import page_text

        path = generate_report(state["province"], "periodic-pdf", "2024", root / "bao-cao.pdf")
        text = page_text(path, 0)
        for expected in ("BÁO CÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
            if expected not in text:
                raise AssertionError(f"{expected!r} not found on page 1")
        return f"{path.stat().st_size // 1024} KB, page 1 has {len(text.split())} words"

    def report_docx() -> str:
        from docx import Document

        from desktop_app.core.reports.api import generate_report

        path = generate_report(state["province"], "periodic-docx", "2024", root / "bao-cao.docx")
        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        if "BÁO CÁO" not in text:
            raise AssertionError("'BÁO CÁO' not found in the Word report")
        return f"{path.stat().st_size // 1024} KB"

    def backup() -> str:
        from desktop_app.core.db.backup import verify_backup

        info = state["unit"].backup("manual")
        problems = verify_backup(info)
        if problems:
            raise AssertionError("; ".join(problems))
        if not info.files:
            raise AssertionError("the attached file is not in the backup")
        return f"{info.path.name}, {len(info.files)} file(s)"

    def main_window() -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QCoreApplication, QEvent
        from PySide6.QtWidgets import QApplication

        from desktop_app.ui.main_window import MainWindow
        from desktop_app.ui.workers import wait_for_workers

        app = QApplication.instance() or QApplication([sys.argv[0]])
        window = MainWindow(state["province"], state["province"].data_dir)
        window.show()
        for key in window.pages:  # every screen is built (they are imported on first show)
            window.pages[key]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not window.isVisible():
            app.processEvents()
        app.processEvents()
        shown = window.isVisible()
        window_pages = list(window.pages)
        window.close()
        wait_for_workers()
        app.processEvents()
        window.deleteLater()  # its status timer must not outlive the temporary folder
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        if not shown:
            raise AssertionError("the main window did not show")
        return f"{len(window_pages)} screens, {app.platformName()}"

    for name, fn in (
        ("migrate", migrate),
        ("set up a unit and a province", set_up),
        ("record activities (Vietnamese, Khmer, attachment)", record),
        ("export and import at the province", export_import),
        ("report PDF", report_pdf),
        ("report Word", report_docx),
        ("backup", backup),
        ("main window", main_window),
    ):
        if not run.step(name, fn) and name in ("migrate", "set up a unit and a province"):
            break  # later steps need these
