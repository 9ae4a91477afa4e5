"""The Excel workbook of a period: summary figures, activity detail, delegates (names only
when personal data may be shared, else counts), and unit × period summaries by theme and
by product type. Numbers stay numbers, dates are real dates. Rows are read in chunks as
plain tuples and streamed into the file as they are read (memory does not grow with the
number of activities), atomically."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop_app.core.messages import labels
from desktop_app.core.db.models import Activity, CatalogItem, OrgUnit, Participant, PlanTask, activity_channel, activity_language, activity_theme
from desktop_app.core.domain.periods import month_label, quarter_label
from desktop_app.core.errors import TtdnError
from desktop_app.core.progress import Progress, no_progress
from desktop_app.core.reports.charts import GENDER
from desktop_app.core.reports.figures import Figures, Scope, compute_figures, linked_ids, scope_conditions, scope_day, split_ids, successor_map
from desktop_app.core.reports.output import atomic_output
from desktop_app.core.reports.wording import ROMAN, short_date
from desktop_app.core.reports.xlsx_stream import DATE_FORMAT, MONEY_FORMAT, StreamingWorkbook
from desktop_app.core.services.counting import COUNTING_NOTE, delegate_key, present_participant
from desktop_app.core.services.units import display_name

KINDS = labels("kind", "vi")  # the workbook is in Vietnamese, as the reports are
STATUSES = labels("status", "vi")
CHUNK = 900  # activities read, looked up and written at a time (also under SQLite's 999 parameters)
DETAIL_COLUMNS = [
    ("Mã", 10), ("Ngày", 12), ("Đến ngày", 12), ("Đơn vị", 36), ("Đơn vị báo cáo", 36), ("Loại hoạt động", 18), ("Nhiệm vụ", 10),
    ("Tiêu đề", 60), ("Loại sản phẩm", 14), ("Chủ đề", 14), ("Ngôn ngữ", 20), ("Kênh", 30), ("Số lượng", 10), ("Số bản", 10),
    ("Thời lượng (phút)", 10), ("Số lần phát", 10), ("Lượt tiếp cận", 12), ("Số đại biểu", 10), ("Kinh phí (đồng)", 15), ("Trạng thái", 14),
]
DETAIL_FORMATS = {1: DATE_FORMAT, 2: DATE_FORMAT, 18: MONEY_FORMAT}


def _delegates() -> Any:
    """The number of an event's delegates as a column of the activity query."""
    counted = (  # the reports' delegate rule: present, a person once per event
        select(func.count(func.distinct(delegate_key()))).where(Participant.activity_id == Activity.id, *present_participant()).scalar_subquery()
    )
    return case((Activity.kind == "event", counted), else_=None)


def _chunks(session: Session, columns: Sequence[Any], conditions: list[Any], day: Any = Activity.date_from) -> Iterator[Sequence[Any]]:
    """The scope's activities in report order, CHUNK rows at a time (one query, streamed).
    ``day``: the start date as the scope's conditions read it (see figures.scope_day)."""
    query = select(*columns).where(*conditions).order_by(day, Activity.unit_id, Activity.id)
    yield from session.execute(query.execution_options(yield_per=CHUNK)).partitions()


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
    conditions = scope_conditions(scope, session=session)  # what counts: the reports' one rule
    order_day = scope_day(scope, session)
    columns = (Activity.id, Activity.unit_id, Activity.kind, Activity.status, Activity.plan_task_id, Activity.title, Activity.date_from,
               Activity.date_to, Activity.product_type_id, Activity.quantity, Activity.copies, Activity.minutes, Activity.times_aired,
               Activity.audience, Activity.cost, linked_ids(activity_theme).label("themes"), linked_ids(activity_language).label("languages"),
               linked_ids(activity_channel).label("channels"), _delegates().label("delegates"))
    monthly = (period.end - period.start).days <= 92
    total = figures.activities + 10  # the detail rows are the counted activities

    # Per distinct value, not per row: the links' texts, the periods of the days.
    themes_of: dict[str | None, tuple[list[str], str]] = {}
    names_of: dict[str | None, str] = {}
    period_of: dict[date, str] = {}

    def themes(linked: str | None) -> tuple[list[str], str]:
        if linked not in themes_of:
            found = [items[i].code for i in split_ids(linked) if i in items]
            themes_of[linked] = found, ", ".join(found)
        return themes_of[linked]

    def names(linked: str | None) -> str:
        if linked not in names_of:
            names_of[linked] = "; ".join(items[i].name_vi for i in split_ids(linked) if i in items)
        return names_of[linked]

    type_names = {i.id: i.name_vi for i in items.values()}
    type_codes = {i.id: i.code for i in items.values()}
    theme_table: dict[tuple[str, str], Counter] = defaultdict(Counter)
    type_table: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with atomic_output(out) as tmp, StreamingWorkbook(tmp) as book:
        _summary_sheet(book, figures)
        with book.sheet("Hoạt động", DETAIL_COLUMNS) as detail:
            n = 0
            sums = [0] * 7  # quantity, copies, minutes, times aired, audience, delegates, cost
            for chunk in _chunks(session, columns, conditions, order_day):
                if cancelled():
                    raise TtdnError("operation.cancelled")
                for (activity_id, unit_id, kind, status, task_id, title, day, day_to, type_id, quantity, copies, minutes, aired, audience,
                     cost, linked_themes, languages, channels, delegates) in chunk:
                    reporting = successors.get(unit_id, unit_id)
                    if day not in period_of:
                        period_of[day] = _period_key(day, monthly)
                    table = theme_table[(reporting, period_of[day])]
                    table["_"] += 1
                    codes, codes_text = themes(linked_themes)
                    for code in codes:
                        table[code] += 1
                    if kind == "product":
                        table = type_table[(reporting, period_of[day])]
                        table["_"] += quantity or 1
                        if type_id in type_codes:
                            table[type_codes[type_id]] += quantity or 1
                    delegates = delegates if kind == "event" else None
                    for i, value in enumerate((quantity, copies, minutes, aired, audience, delegates, cost)):
                        if value:
                            sums[i] += value
                    detail.row(
                        [activity_id[:8], day, day_to, unit_label(unit_id), unit_label(reporting), KINDS.get(kind, kind), tasks.get(task_id or "", ""),
                         title, type_names.get(type_id), codes_text, names(languages), names(channels), quantity, copies, minutes, aired,
                         audience, delegates or None, cost, STATUSES.get(status, status)],
                        DETAIL_FORMATS,
                    )
                n += len(chunk)
                progress(n, total)
            detail.row(["", None, None, "Tổng cộng", "", f"{n} hoạt động", "", "", None, "", "", "", *sums, ""], {18: MONEY_FORMAT}, bold=True)
        events = _chunks(session, (Activity.id, Activity.title, Activity.date_from, Activity.unit_id), [*conditions, Activity.kind == "event"], order_day)
        _delegate_sheet(book, session, events, items, unit_label, include_personal, cancelled)
        _unit_sheet(book, figures, unit_label)
        catalog = figures.catalog_names
        _cross_sheet(book, "Chủ đề theo đơn vị, kỳ", theme_table, catalog.get("theme", {}), "Số hoạt động", unit_label)
        _cross_sheet(book, "Sản phẩm theo đơn vị, kỳ", type_table, catalog.get("product_type", {}), "Tổng số sản phẩm", unit_label)
    progress(total, total)
    return out


def _summary_sheet(book: StreamingWorkbook, f: Figures) -> None:
    with book.sheet("Tổng hợp", [("Chỉ tiêu", 44), ("Số liệu", 18)]) as sheet:
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


def _unit_sheet(book: StreamingWorkbook, f: Figures, unit_label: Callable[[str], str]) -> None:
    columns = [("Đơn vị", 44), ("Sản phẩm (lượt)", 11), ("Sản phẩm (số lượng)", 11), ("Phát sóng, đăng tải (lượt)", 12), ("Số lần phát", 10),
               ("Sự kiện", 9), ("Đại biểu", 9), ("Hoạt động khác", 10), ("Tổng số hoạt động", 11), ("Kinh phí (đồng)", 15)]
    with book.sheet("Theo đơn vị", columns) as sheet:
        for r in f.by_unit:
            sheet.row([unit_label(r.unit_id), r.product_records, r.products, r.broadcasts, r.times_aired, r.events, r.delegates, r.other, r.activities, r.cost], {9: MONEY_FORMAT})
        sheet.row(["Tổng cộng", f.product_records, f.products, f.broadcasts, f.times_aired, f.events, f.delegates, f.other, f.activities, f.cost], {9: MONEY_FORMAT}, bold=True)


def _cross_sheet(book: StreamingWorkbook, title: str, table: dict[tuple[str, str], Counter], names: dict[str, str], total_label: str, unit_label: Callable[[str], str]) -> None:
    codes = list(names) + sorted({c for counts in table.values() for c in counts if c != "_" and c not in names})
    with book.sheet(title, [("Đơn vị", 44), ("Kỳ", 14), *[(names.get(c, c), 14) for c in codes], (total_label, 14)]) as sheet:
        totals: Counter = Counter()
        for (unit_id, key), counts in sorted(table.items(), key=lambda kv: (unit_label(kv[0][0]), kv[0][1])):
            sheet.row([unit_label(unit_id), _period_name(key), *[counts.get(c, 0) for c in codes], counts["_"]])
            totals.update(counts)
        sheet.row(["Tổng cộng", "", *[totals.get(c, 0) for c in codes], totals["_"]], bold=True)


def _delegate_sheet(
    book: StreamingWorkbook,
    session: Session,
    events: Iterator[Sequence[Any]],
    items: dict[str, CatalogItem],
    unit_label: Callable[[str], str],
    personal: bool,
    cancelled: Callable[[], bool],
) -> None:
    """One row per delegate (``personal``) or per event with its counts; ``events`` come
    in chunks, their participants are read a chunk at a time."""
    fields = (Participant.activity_id, Participant.name, Participant.gender, Participant.ethnicity_id, Participant.birth_year, Participant.position,
              Participant.organization, Participant.category_id, Participant.phone, Participant.personal_withheld)
    name = lambda item_id: items[item_id].name_vi if item_id in items else None  # noqa: E731
    ethnicities = [i for i in items.values() if i.catalog == "ethnicity"]
    categories = [i for i in items.values() if i.catalog == "participant_category"]
    if personal:
        title, columns = "Đại biểu", [
            ("Sự kiện", 50), ("Ngày", 12), ("Họ và tên", 26), ("Giới tính", 9), ("Dân tộc", 10), ("Năm sinh", 9), ("Chức vụ", 26),
            ("Đơn vị công tác", 34), ("Thành phần", 40), ("Số điện thoại", 14)]
    else:
        title, columns = "Đại biểu (số lượng)", [
            ("Sự kiện", 50), ("Ngày", 12), ("Đơn vị tổ chức", 34), ("Nam", 8), ("Nữ", 8), ("Khác, không ghi", 9), ("Tổng số", 9),
            *[(i.name_vi, 9) for i in ethnicities], ("Dân tộc khác, không ghi", 10), *[(i.name_vi, 14) for i in categories],
            ("Thành phần khác, không ghi", 12)]
    totals = [0] * (len(columns) - 3)  # every count column adds up in the totals row
    people_count = events_count = 0
    with book.sheet(title, columns) as sheet:
        for chunk in events:
            if cancelled():
                raise TtdnError("operation.cancelled")
            by_event: dict[str, list[Any]] = defaultdict(list)
            query = select(*fields, Participant.person_key).where(*present_participant(), Participant.activity_id.in_([e.id for e in chunk]))
            seen: set[tuple[str, str]] = set()
            for p in session.execute(query.order_by(Participant.activity_id, Participant.id)):
                if (p.activity_id, p.person_key) not in seen:  # a person listed twice on an event counts once
                    seen.add((p.activity_id, p.person_key))
                    by_event[p.activity_id].append(p)
            for e in chunk:
                people = by_event.get(e.id, [])
                people_count += len(people)
                events_count += 1
                if personal:
                    for p in people:
                        withheld = p.personal_withheld
                        sheet.row([e.title, e.date_from, None if withheld else p.name, GENDER.get(p.gender or "unknown"), name(p.ethnicity_id), p.birth_year,
                                   p.position, p.organization, name(p.category_id), None if withheld else p.phone], {1: DATE_FORMAT})
                    continue
                gender = Counter(p.gender for p in people)
                eth = Counter(p.ethnicity_id for p in people)
                cat = Counter(p.category_id for p in people)
                male, female = gender.get("male", 0), gender.get("female", 0)
                known_eth = [eth.get(i.id, 0) for i in ethnicities]
                known_cat = [cat.get(i.id, 0) for i in categories]
                values = [male, female, len(people) - male - female, len(people), *known_eth, len(people) - sum(known_eth),
                          *known_cat, len(people) - sum(known_cat)]
                totals = [a + b for a, b in zip(totals, values)]
                sheet.row([e.title, e.date_from, unit_label(e.unit_id), *values], {1: DATE_FORMAT})
        if personal:
            sheet.row(["Tổng cộng", None, f"{people_count} đại biểu"], bold=True)
        else:
            sheet.row(["Tổng cộng", None, f"{events_count} sự kiện", *totals], bold=True)
