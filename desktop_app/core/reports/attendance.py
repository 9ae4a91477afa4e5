"""The attendance sheet of an event (danh sách đại biểu): one row per delegate with a
column to sign, a few blank rows for walk-ins, and a summary by category, gender,
ethnicity and unit. Names are printed: the sheet is signed at the event itself
(DOMAIN.md §7). Delegates whose names were withheld get blank lines to fill in by hand."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity, CatalogItem, OrgUnit, Participant
from desktop_app.core.domain.text import person_sort_key, vi_sort_key
from desktop_app.core.reports.agency import unit_issuer
from desktop_app.core.reports.charts import GENDER
from desktop_app.core.reports.document import Heading, Para, ReportDocument, Table
from desktop_app.core.reports.settings import ReportSettings
from desktop_app.core.reports.wording import lower_first, percent, short_date

BLANK_ROWS = 5
COLUMNS = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Thành phần", "Ký tên"]


def attendance_rows(session: Session, event: Activity) -> list[dict[str, str]]:
    """The live delegates of ``event``, by unit then name (Vietnamese order)."""
    items = {i.id: i for i in session.scalars(select(CatalogItem))}
    units = {u.id: u.name for u in session.scalars(select(OrgUnit))}
    rows = []
    for p in session.scalars(select(Participant).where(Participant.activity_id == event.id, Participant.deleted.is_(False))):
        withheld = p.personal_withheld or not (p.name or "").strip()
        rows.append(
            {
                "name": "" if withheld else p.name,
                "position": p.position or "",
                "unit": p.organization or units.get(p.unit_id or "", ""),
                "category": items[p.category_id].name_vi if p.category_id in items else "",
                "category_code": items[p.category_id].code if p.category_id in items else "unknown",
                "gender": p.gender or "unknown",
                "ethnicity": items[p.ethnicity_id].code if p.ethnicity_id in items else "unknown",
            }
        )
    # By unit, then the Vietnamese way: given name, middle names, family name.
    rows.sort(key=lambda r: (vi_sort_key(r["unit"]), not r["name"], person_sort_key(r["name"])))
    return rows


def attendance_document(session: Session, event: Activity, settings: ReportSettings) -> ReportDocument:
    unit = session.get(OrgUnit, event.unit_id)
    issuer = unit_issuer(session, unit, settings, event.date_from)
    rows = attendance_rows(session, event)
    when = short_date(event.date_from) + (f" – {short_date(event.date_to)}" if event.date_to and event.date_to != event.date_from else "")
    place = f"; địa điểm: {event.place}" if event.place else ""
    table_rows = [[i, r["name"], r["position"], r["unit"], r["category"], ""] for i, r in enumerate(rows, 1)]
    table_rows += [[len(rows) + i, "", "", "", "", ""] for i in range(1, BLANK_ROWS + 1)]
    names: dict[str, dict[str, str]] = {}
    for item in session.scalars(select(CatalogItem).order_by(CatalogItem.sort_order, CatalogItem.code)):
        names.setdefault(item.catalog, {})[item.code] = item.name_vi
    body = [
        Para(f"Thời gian: {when}{place}.", italic=True, centred=True),
        Table("Danh sách đại biểu", COLUMNS, table_rows, [6, 24, 22, 26, 30, 16], font_size=12, row_height=30),
        Heading("Tổng hợp thành phần đại biểu", 1),
        summary_table("Theo thành phần", "Thành phần", Counter(r["category_code"] for r in rows), names.get("participant_category", {}), len(rows)),
        summary_table("Theo giới tính", "Giới tính", Counter(r["gender"] for r in rows), GENDER, len(rows), half=True),
        summary_table("Theo dân tộc", "Dân tộc", Counter(r["ethnicity"] for r in rows), names.get("ethnicity", {}), len(rows), half=True),
        summary_table("Theo đơn vị", "Đơn vị", Counter(r["unit"] or "unknown" for r in rows), {}, len(rows)),
    ]
    return ReportDocument(
        header=replace(issuer.header, number_line=""),  # a list to sign, not a numbered document
        doc_type="DANH SÁCH ĐẠI BIỂU",
        subject=f"Tham dự {lower_first(event.title)}",
        body=body,
        signature=None,
        recipients=[],
        landscape=True,
        title=f"Danh sách đại biểu: {event.title}",
        author=issuer.agency_name,
    )


def summary_table(caption: str, label: str, counts: Counter, names: dict[str, str], whole: int, half: bool = False) -> Table:
    codes = [c for c in names if counts.get(c)] + sorted((c for c in counts if c not in names), key=vi_sort_key)
    rows = [[i, names.get(c, "Không rõ" if c == "unknown" else c), counts[c], percent(counts[c], whole)] for i, c in enumerate(codes, 1)]
    return Table(caption, ["STT", label, "Số đại biểu", "Tỷ lệ"], rows, [8, 60, 16, 12], total=["", "Tổng cộng", whole, ""], half=half)

