"""The Excel workbook of a period: summary figures, activity detail, delegates (names only
when personal data may be shared, else counts), and unit × period summaries by theme and
by product type. Numbers stay numbers, dates are real dates. Rows are read as plain tuples
and the workbook is written in write-only mode (streamed to disk), atomically."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity, CatalogItem, OrgUnit, Participant, PlanTask, activity_channel, activity_language, activity_theme
from desktop_app.core.domain.periods import month_label, quarter_label
from desktop_app.core.errors import TtdnError
from desktop_app.core.progress import Progress, no_progress
from desktop_app.core.reports.charts import GENDER
from desktop_app.core.reports.figures import Figures, Scope, compute_figures, scope_conditions, successor_map
from desktop_app.core.services.counting import COUNTING_NOTE
from desktop_app.core.reports.output import atomic_output
from desktop_app.core.reports.wording import ROMAN, short_date
from desktop_app.core.services.units import display_name

KINDS = {"product": "Sản phẩm", "broadcast": "Phát sóng, đăng tải", "event": "Sự kiện, hội nghị", "other": "Hoạt động khác"}
STATUSES = {"draft": "Nháp", "submitted": "Đã gửi", "accepted": "Đã duyệt", "returned": "Trả lại để sửa"}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="999999")
HEADER_BORDER = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"
CHUNK = 900


class _Sheet:
    """A write-only sheet with a styled, frozen header row and set column widths."""

    def __init__(self, wb: Workbook, title: str, columns: list[tuple[str, float]]) -> None:
        self.ws = wb.create_sheet(title)
        for i, (_, width) in enumerate(columns, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.freeze_panes = "A2"
        # Printed fit to the page's width, landscape, the header row on every page.
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.paperSize = "9"  # A4
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.page_setup.fitToWidth = 1
        self.ws.page_setup.fitToHeight = 0
        self.ws.print_title_rows = "1:1"
        header = []
        for name, _ in columns:
            cell = WriteOnlyCell(self.ws, value=name)
            cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            header.append(cell)
        self.ws.append(header)

    def row(self, values: Iterable[Any], formats: dict[int, str] | None = None, bold: bool = False) -> None:
        cells = []
        for i, value in enumerate(values):
            fmt = (formats or {}).get(i)
            if fmt or bold:
                cell = WriteOnlyCell(self.ws, value=value)
                if fmt:
                    cell.number_format = fmt
                if bold:
                    cell.font = HEADER_FONT
                cells.append(cell)
            else:
                cells.append(value)
        self.ws.append(cells)


def _links(session: Session, ids: list[str], link) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        for activity_id, item_id in session.execute(select(link.c.activity_id, link.c.item_id).where(link.c.activity_id.in_(ids[start : start + CHUNK]))):
            found[activity_id].append(item_id)
    return found


def _period_key(day: date, monthly: bool) -> str:
    return month_label(day) if monthly else quarter_label(day)


def _period_name(key: str) -> str:
    year, part = key.split("-")
    return f"Quý {ROMAN[int(part[1]) - 1]}/{year}" if part.startswith("Q") else f"Tháng {part}/{year}"


def write_xlsx(
    session: Session,
    scope: Scope,
    out: Path,
    *,
    include_personal: bool = False,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = lambda: False,
) -> Path:
    figures = compute_figures(session, scope)
    items = {i.id: i for i in session.scalars(select(CatalogItem).order_by(CatalogItem.sort_order, CatalogItem.code))}
    units = {u.id: u for u in session.scalars(select(OrgUnit))}
    labels: dict[str, str] = {}

    def unit_label(unit_id: str) -> str:
        if unit_id not in labels:
            labels[unit_id] = display_name(session, units[unit_id]) if unit_id in units else unit_id
        return labels[unit_id]

    successors = successor_map(session) if scope.rollup else {}
    tasks = {t.id: t.code for t in session.scalars(select(PlanTask))}
    period = scope.period
    conditions = scope_conditions(scope)  # what counts: the reports' one rule
    columns = (Activity.id, Activity.unit_id, Activity.kind, Activity.status, Activity.plan_task_id, Activity.title, Activity.date_from,
               Activity.date_to, Activity.product_type_id, Activity.quantity, Activity.copies, Activity.minutes, Activity.times_aired,
               Activity.audience, Activity.cost)
    activities = session.execute(select(*columns).where(*conditions).order_by(Activity.date_from, Activity.unit_id, Activity.id)).all()
    ids = [a.id for a in activities]
    themes = _links(session, ids, activity_theme)
    languages = _links(session, ids, activity_language)
    channels = _links(session, ids, activity_channel)
    delegates = dict(
        session.execute(
            select(Participant.activity_id, func.count()).where(Participant.deleted.is_(False), Participant.activity_id.in_(select(Activity.id).where(*conditions, Activity.kind == "event"))).group_by(Participant.activity_id)
        ).all()
    )
    monthly = (period.end - period.start).days <= 92
    total = len(activities) + 10
    wb = Workbook(write_only=True)
    _summary_sheet(wb, figures)

    def names(ids_: list[str]) -> str:
        return "; ".join(items[i].name_vi for i in ids_ if i in items)

    def codes(ids_: list[str]) -> str:
        return ", ".join(items[i].code for i in ids_ if i in items)

    detail = _Sheet(
        wb,
        "Hoạt động",
        [("Mã", 10), ("Ngày", 12), ("Đến ngày", 12), ("Đơn vị", 36), ("Đơn vị báo cáo", 36), ("Loại hoạt động", 18), ("Nhiệm vụ", 10),
         ("Tiêu đề", 60), ("Loại sản phẩm", 14), ("Chủ đề", 14), ("Ngôn ngữ", 20), ("Kênh", 30), ("Số lượng", 10), ("Số bản", 10),
         ("Thời lượng (phút)", 10), ("Số lần phát", 10), ("Lượt tiếp cận", 12), ("Số đại biểu", 10), ("Kinh phí (đồng)", 15), ("Trạng thái", 14)],
    )
    sums = [0] * 7  # quantity, copies, minutes, times aired, audience, delegates, cost
    theme_table: dict[tuple[str, str], Counter] = defaultdict(Counter)
    type_table: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for n, a in enumerate(activities, 1):
        if n % 1000 == 0:
            if cancelled():
                raise TtdnError("operation.cancelled")
            progress(n, total)
        reporting = successors.get(a.unit_id, a.unit_id)
        key = (reporting, _period_key(a.date_from, monthly))
        theme_table[key]["_"] += 1
        for item_id in themes.get(a.id, []):
            theme_table[key][items[item_id].code] += 1
        if a.kind == "product":
            quantity = a.quantity or 1
            type_table[key]["_"] += quantity
            if a.product_type_id in items:
                type_table[key][items[a.product_type_id].code] += quantity
        for i, value in enumerate((a.quantity, a.copies, a.minutes, a.times_aired, a.audience, delegates.get(a.id) if a.kind == "event" else None, a.cost)):
            sums[i] += value or 0
        detail.row(
            [a.id[:8], a.date_from, a.date_to, unit_label(a.unit_id), unit_label(reporting), KINDS.get(a.kind, a.kind), tasks.get(a.plan_task_id or "", ""),
             a.title, items[a.product_type_id].name_vi if a.product_type_id in items else None, codes(themes.get(a.id, [])),
             names(languages.get(a.id, [])), names(channels.get(a.id, [])), a.quantity, a.copies, a.minutes, a.times_aired, a.audience,
             delegates.get(a.id) if a.kind == "event" else None, a.cost, STATUSES.get(a.status, a.status)],
            {1: DATE_FORMAT, 2: DATE_FORMAT, 18: MONEY_FORMAT},
        )
    detail.row(["", None, None, "Tổng cộng", "", f"{len(activities)} hoạt động", "", "", None, "", "", "", *sums, ""], {18: MONEY_FORMAT}, bold=True)
    _delegate_sheet(wb, session, [a for a in activities if a.kind == "event"], items, unit_label, include_personal)
    _unit_sheet(wb, figures, unit_label)
    catalog = figures.catalog_names
    _cross_sheet(wb, "Chủ đề theo đơn vị, kỳ", theme_table, catalog.get("theme", {}), "Số hoạt động", unit_label)
    _cross_sheet(wb, "Sản phẩm theo đơn vị, kỳ", type_table, catalog.get("product_type", {}), "Tổng số sản phẩm", unit_label)
    with atomic_output(out) as tmp:
        wb.save(str(tmp))
    progress(total, total)
    return out


def _summary_sheet(wb: Workbook, f: Figures) -> None:
    sheet = _Sheet(wb, "Tổng hợp", [("Chỉ tiêu", 44), ("Số liệu", 18)])
    p = f.scope.period
    sheet.row(["Kỳ báo cáo", f"{short_date(p.start)} – {short_date(p.end)}"])
    rows = [
        ("Số đơn vị ghi nhận hoạt động", len(f.by_unit)),
        ("Tổng số hoạt động", f.activities),
        ("Sản phẩm (lượt ghi nhận)", f.product_records),
        ("Sản phẩm (số lượng)", f.products),
        ("Phát sóng, đăng tải (lượt)", f.broadcasts),
        ("Số lần phát", f.times_aired),
        ("Sự kiện, hội nghị", f.events),
        ("Đại biểu", f.delegates),
        ("Hoạt động khác", f.other),
        ("Kinh phí (đồng)", f.cost),
    ]
    for label, value in rows:
        sheet.row([label, value], {1: MONEY_FORMAT})
    from desktop_app.core.reports.sections import METRICS

    for t in f.by_task:
        for metric, value in t.targets.items():
            if metric in METRICS:
                label = METRICS[metric][0]
                sheet.row([f"Chỉ tiêu nhiệm vụ {t.code} ({label})", value], {1: MONEY_FORMAT})
                sheet.row([f"Đã thực hiện nhiệm vụ {t.code} ({label})", METRICS[metric][1](t)], {1: MONEY_FORMAT})
        sheet.row([f"Kinh phí phân bổ nhiệm vụ {t.code} (đồng)", t.budget], {1: MONEY_FORMAT})
        sheet.row([f"Kinh phí đã sử dụng nhiệm vụ {t.code} (đồng)", t.cost], {1: MONEY_FORMAT})
        sheet.row([f"Kinh phí còn lại nhiệm vụ {t.code} (đồng)", t.remaining], {1: MONEY_FORMAT})
    sheet.row(["Không tính: bản nháp", f.drafts])
    sheet.row(["Không tính: hoạt động bị trả lại", f.returned])
    sheet.row(["Cách tính", COUNTING_NOTE])


def _unit_sheet(wb: Workbook, f: Figures, unit_label: Callable[[str], str]) -> None:
    sheet = _Sheet(
        wb,
        "Theo đơn vị",
        [("Đơn vị", 44), ("Sản phẩm (lượt)", 11), ("Sản phẩm (số lượng)", 11), ("Phát sóng, đăng tải (lượt)", 12), ("Số lần phát", 10),
         ("Sự kiện", 9), ("Đại biểu", 9), ("Hoạt động khác", 10), ("Tổng số hoạt động", 11), ("Kinh phí (đồng)", 15)],
    )
    for r in f.by_unit:
        sheet.row([unit_label(r.unit_id), r.product_records, r.products, r.broadcasts, r.times_aired, r.events, r.delegates, r.other, r.activities, r.cost], {9: MONEY_FORMAT})
    sheet.row(["Tổng cộng", f.product_records, f.products, f.broadcasts, f.times_aired, f.events, f.delegates, f.other, f.activities, f.cost], {9: MONEY_FORMAT}, bold=True)


def _cross_sheet(wb: Workbook, title: str, table: dict[tuple[str, str], Counter], names: dict[str, str], total_label: str, unit_label: Callable[[str], str]) -> None:
    codes = list(names) + sorted({c for counts in table.values() for c in counts if c != "_" and c not in names})
    sheet = _Sheet(wb, title, [("Đơn vị", 44), ("Kỳ", 14), *[(names.get(c, c), 14) for c in codes], (total_label, 14)])
    totals: Counter = Counter()
    for (unit_id, key), counts in sorted(table.items(), key=lambda kv: (unit_label(kv[0][0]), kv[0][1])):
        sheet.row([unit_label(unit_id), _period_name(key), *[counts.get(c, 0) for c in codes], counts["_"]])
        totals.update(counts)
    sheet.row(["Tổng cộng", "", *[totals.get(c, 0) for c in codes], totals["_"]], bold=True)


def _delegate_sheet(wb: Workbook, session: Session, events: list[Any], items: dict[str, CatalogItem], unit_label: Callable[[str], str], personal: bool) -> None:
    by_event: dict[str, list[Any]] = defaultdict(list)
    ids = [e.id for e in events]
    fields = (Participant.activity_id, Participant.name, Participant.gender, Participant.ethnicity_id, Participant.birth_year, Participant.position,
              Participant.organization, Participant.category_id, Participant.phone, Participant.personal_withheld)
    for start in range(0, len(ids), CHUNK):
        for p in session.execute(select(*fields).where(Participant.deleted.is_(False), Participant.activity_id.in_(ids[start : start + CHUNK]))):
            by_event[p.activity_id].append(p)
    name = lambda item_id: items[item_id].name_vi if item_id in items else None  # noqa: E731
    if personal:
        sheet = _Sheet(
            wb,
            "Đại biểu",
            [("Sự kiện", 50), ("Ngày", 12), ("Họ và tên", 26), ("Giới tính", 9), ("Dân tộc", 10), ("Năm sinh", 9), ("Chức vụ", 26),
             ("Đơn vị công tác", 34), ("Thành phần", 40), ("Số điện thoại", 14)],
        )
        for e in events:
            for p in by_event.get(e.id, []):
                withheld = p.personal_withheld
                sheet.row([e.title, e.date_from, None if withheld else p.name, GENDER.get(p.gender or "unknown"), name(p.ethnicity_id), p.birth_year,
                           p.position, p.organization, name(p.category_id), None if withheld else p.phone], {1: DATE_FORMAT})
        count = sum(len(v) for v in by_event.values())
        sheet.row(["Tổng cộng", None, f"{count} đại biểu"], bold=True)
        return
    ethnicities = [i for i in items.values() if i.catalog == "ethnicity"]
    categories = [i for i in items.values() if i.catalog == "participant_category"]
    sheet = _Sheet(
        wb,
        "Đại biểu (số lượng)",
        [("Sự kiện", 50), ("Ngày", 12), ("Đơn vị tổ chức", 34), ("Nam", 8), ("Nữ", 8), ("Khác, không ghi", 9), ("Tổng số", 9),
         *[(i.name_vi, 9) for i in ethnicities], ("Dân tộc khác, không ghi", 10), *[(i.name_vi, 14) for i in categories], ("Thành phần khác, không ghi", 12)],
    )
    totals: list[int] = []
    for e in events:
        people = by_event.get(e.id, [])
        gender = Counter(p.gender for p in people)
        eth = Counter(p.ethnicity_id for p in people)
        cat = Counter(p.category_id for p in people)
        male, female = gender.get("male", 0), gender.get("female", 0)
        known_eth = [eth.get(i.id, 0) for i in ethnicities]
        known_cat = [cat.get(i.id, 0) for i in categories]
        values = [male, female, len(people) - male - female, len(people), *known_eth, len(people) - sum(known_eth), *known_cat, len(people) - sum(known_cat)]
        totals = [a + b for a, b in zip(totals, values)] if totals else values
        sheet.row([e.title, e.date_from, unit_label(e.unit_id), *values], {1: DATE_FORMAT})
    sheet.row(["Tổng cộng", None, f"{len(events)} sự kiện", *(totals or [0] * (6 + len(ethnicities) + len(categories)))], bold=True)
