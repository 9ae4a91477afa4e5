"""The periodic results report (and a unit's own report) as a :class:`ReportDocument`:
every sentence and table built here once, from :class:`Figures`; the PDF and DOCX
renderers only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity, OrgUnit, Plan, Review
from desktop_app.core.domain.periods import Period, parse_period
from desktop_app.core.reports.agency import Issuer
from desktop_app.core.reports.charts import GENDER, chart_specs
from desktop_app.core.reports.document import Block, Bullet, Chart, Heading, Para, ReportDocument, Table
from desktop_app.core.reports.figures import Figures, ProductRow, TaskRow, product_rows, scope_live
from desktop_app.core.reports.settings import ReportSettings
from desktop_app.core.reports.wording import lower_first, number, percent, period_phrase, short_date
from desktop_app.core.domain.text import vi_sort_key
from desktop_app.core.domain.enums import ActivityStatus
from desktop_app.core.services.counting import COUNTING_NOTE, current_version
from desktop_app.core.services.units import display_name

COUNTING_RULES = [
    COUNTING_NOTE,
    "Sản phẩm: tính theo số lượng ghi trong từng hoạt động sản xuất sản phẩm (không ghi số lượng thì tính 01).",
    "Phát sóng, đăng tải: tính số lượt ghi nhận và cộng số lần phát của các lượt đó; lượt phát sóng sản phẩm của Kế hoạch tính vào nhiệm vụ của sản phẩm.",
    "Chủ đề, ngôn ngữ, kênh: tính số hoạt động mang chủ đề, ngôn ngữ, kênh đó; một hoạt động có thể thuộc nhiều chủ đề.",
    "Đại biểu: các đại biểu trong danh sách của các sự kiện, hội nghị trong kỳ; chỉ tiêu đại biểu của nhiệm vụ chỉ tính đại biểu của hội nghị được Sở xác định là thực hiện nhiệm vụ đó.",
    "Mỗi hoạt động thuộc kỳ có ngày bắt đầu của hoạt động và thuộc đơn vị đã ghi nhận hoạt động.",
]
METRICS = {
    "delegates": ("đại biểu", lambda t: t.actual("delegates")),
    "events": ("sự kiện, hội nghị", lambda t: t.actual("events")),
    "products": ("sản phẩm", lambda t: t.actual("products")),
    "broadcasts": ("lần phát sóng, đăng tải", lambda t: t.actual("broadcasts")),
    "cost": ("đồng", lambda t: t.actual("cost")),
}


@dataclass(frozen=True)
class PlanInfo:
    title: str
    number: str | None
    issuer: str | None
    funding: str | None
    issued_on: date | None = None

    @property
    def has_number(self) -> bool:
        return bool(self.number) and any(c.isdigit() for c in self.number or "")

    def citation(self) -> str:
        """"Kế hoạch số 123/KH-UBND ngày 05/02/2024 của UBND tỉnh" (what is known of it)."""
        number_part = f" số {self.number}" if self.has_number else ""
        day = f" ngày {short_date(self.issued_on)}" if self.issued_on else ""
        issuer = f" của {self.issuer}" if self.issuer else ""
        return f"Kế hoạch{number_part}{day}{issuer}"


def plan_info(session: Session, period: Period) -> PlanInfo | None:
    """The newest live plan overlapping the period."""
    for plan in session.scalars(select(Plan).where(Plan.deleted.is_(False)).order_by(Plan.year.desc())):
        if plan.start_date <= period.end and plan.end_date >= period.start:
            issuer = session.get(OrgUnit, plan.issuer_unit_id) if plan.issuer_unit_id else None
            return PlanInfo(plan.title, plan.number, issuer.name if issuer else None, plan.funding, plan.issued_on)
    return None


@dataclass(frozen=True)
class Supervision:
    """Plan §IV.1: the province's checking and supervision in the period."""

    received: int  # sent by the units (not drafts)
    reviewed: int
    accepted: int
    returned: int
    waiting: int
    late: list[str]  # units whose records came after the deadline
    silent: list[str]  # units not heard from


Standing = Callable[[Session, Period], tuple[list[str], list[str]]]  # (late units, silent units) of a period


def supervision(session: Session, figures: Figures, standing: Standing | None = None) -> Supervision | None:
    """Review outcomes of the period and, for the whole province, the units late or silent
    (``standing``: from the units overview, which the sync layer keeps). None at a unit's
    installation (it reviews nothing)."""
    from desktop_app.core.db.models import Installation

    inst = session.scalar(select(Installation))
    if inst is None or inst.role != "aggregator":
        return None
    scope = figures.scope
    # Sent by the units: what counts and what was returned (the figures' one pass over the period).
    received, returned = figures.activities + figures.returned, figures.returned
    where = [Activity.status != ActivityStatus.DRAFT.value, *scope_live(scope, session=session)]
    current = Review.activity_version == current_version()
    reviewed = dict(
        session.execute(
            select(Review.decision, func.count(func.distinct(Activity.id)))
            .join(Activity, Activity.id == Review.activity_id)
            .where(*where, Review.deleted.is_(False), current)
            .group_by(Review.decision)
        ).all()
    )
    accepted = reviewed.get("accepted", 0)
    late, silent = standing(session, scope.period) if standing is not None and scope.unit_ids is None else ([], [])
    return Supervision(received, accepted + reviewed.get("returned", 0), accepted, returned, max(0, received - accepted - reviewed.get("returned", 0)), late, silent)


def build_periodic(
    session: Session,
    figures: Figures,
    settings: ReportSettings,
    issuer: Issuer,
    *,
    single_unit: bool = False,
    direction: str | None = None,
    products: list[ProductRow] | None = None,
    standing: Standing | None = None,
) -> ReportDocument:
    """The periodic results report of ``figures`` as ``issuer`` sends it, in the plan's
    order: I. results (II.1 content, II.2 training, other tasks, III. budget, IV.1 the
    department's duties), II. difficulties and proposals, III. direction for the next period."""
    period = figures.scope.period
    phrase = period_phrase(period)
    subject = settings.subject.replace("{period}", phrase)
    plan = plan_info(session, period)
    names = figures.catalog_names
    products = product_rows(session, figures.scope) if products is None else products
    body: list[Block] = [Para(_opening(plan, issuer.agency_name, phrase))]
    body.append(Heading("I. KẾT QUẢ THỰC HIỆN"))
    body.append(Heading("1. Kết quả chung", 2))
    body.append(Para(_overview(figures, single_unit)))
    body.append(Heading("2. Kết quả thực hiện các nhiệm vụ của Kế hoạch", 2))
    tasks = list(figures.by_task) + ([figures.unplanned] if figures.unplanned else [])
    for i, task in enumerate(tasks, 1):
        title = task.name if task.code else "Hoạt động khác ngoài các nhiệm vụ của Kế hoạch"
        body.append(Heading(f"2.{i}. {title}", 3))
        body += _task_blocks(task, names)
    if not tasks:
        body.append(Para("Trong kỳ báo cáo không có nhiệm vụ nào của Kế hoạch."))
    body.append(Heading("3. Kinh phí thực hiện", 2))
    body += _budget_blocks(figures, plan)
    n = 4
    if not single_unit:
        body.append(Heading(f"{n}. Kết quả theo đơn vị", 2))
        body.append(
            Para(
                f"Trong kỳ có {number(len(figures.by_unit))} đơn vị ghi nhận hoạt động; "
                "số liệu chi tiết của từng đơn vị tại Biểu 2 của Phụ lục kèm theo Báo cáo này."  # see _appendix
            )
        )
        n += 1
    checks = supervision(session, figures, standing) if issuer.own else None
    if issuer.own:
        body.append(Heading(f"{n}. Thực hiện nhiệm vụ của {issuer.agency_name}", 2))
        body += _duties(products, checks)
    body.append(Heading("II. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ"))
    body.append(Heading("1. Khó khăn, vướng mắc", 2))
    body += _notes(figures, "difficulties", "Trong kỳ báo cáo, các đơn vị chưa phản ánh khó khăn, vướng mắc.")
    body.append(Heading("2. Đề xuất của các đơn vị", 2))
    body += _notes(figures, "proposals", "Các đơn vị chưa có đề xuất trong kỳ báo cáo.")
    if issuer.own and settings.recommendations.strip():
        body.append(Heading(f"3. Kiến nghị của {issuer.agency_name}", 2))
        body += [Para(line.strip()) for line in settings.recommendations.splitlines() if line.strip()]
    body.append(Heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TIẾP THEO"))
    text = direction if direction and direction.strip() else default_direction(figures)
    body += [Bullet(line.strip().lstrip("-").strip()) for line in text.splitlines() if line.strip()]
    body.append(Para(f"Trên đây là báo cáo {lower_first(subject)} của {issuer.agency_name}./."))
    header = issuer.header
    return ReportDocument(
        header=header,
        doc_type="BÁO CÁO",
        subject=subject,
        body=body,
        signature=issuer.signature,
        recipients=issuer.recipients,
        appendix_title="PHỤ LỤC",
        appendix_subtitle=(
            f"Số liệu kết quả thực hiện {phrase}\n(Kèm theo Báo cáo số      /BC-{issuer.abbreviation} "
            f"ngày {header.place_date.split('ngày ', 1)[-1].replace(' tháng ', '/').replace(' năm ', '/')} "
            f"của {issuer.agency_name})"
        ),
        appendix=_appendix(session, figures, single_unit, products),
        title=f"Báo cáo {lower_first(subject)}",
        author=issuer.agency_name,
    )


def unmet_targets(figures: Figures) -> list[str]:
    """Sentences on the targets not yet met, to start the direction text from."""
    lines = []
    for task in figures.by_task:
        for metric, target in task.targets.items():
            if metric not in METRICS or (metric in ("delegates", "events") and not task.marked):
                continue
            actual = task.actual(metric)
            if actual < target:
                unit = METRICS[metric][0]
                lines.append(
                    f"Tiếp tục thực hiện nhiệm vụ {task.code} ({lower_first(task.name)}): còn {number(target - actual)} {unit} "
                    f"so với chỉ tiêu {number(target)} {unit} (đã đạt {percent(actual, target) or '0,0%'})."
                )
    return lines


def default_direction(figures: Figures) -> str:
    """The direction text a report starts from when none was written for the period."""
    lines = unmet_targets(figures)
    lines.append(
        "Tiếp tục tổng hợp, số hóa sản phẩm thông tin đối ngoại gửi cơ sở dữ liệu của Cục Thông tin đối ngoại; "
        "kiểm tra, giám sát và đôn đốc các đơn vị báo cáo đúng hạn."
    )
    return "\n".join(lines)


def _opening(plan: PlanInfo | None, agency: str, phrase: str) -> str:
    if plan is None:
        return f"{agency} báo cáo kết quả thực hiện nhiệm vụ thông tin đối ngoại {phrase} như sau:"
    rest = plan.title[len("Kế hoạch ") :] if plan.title.startswith("Kế hoạch ") else lower_first(plan.title)
    return f"Thực hiện {plan.citation()} về {rest}; {agency} báo cáo kết quả thực hiện {phrase} như sau:"


def _overview(f: Figures, single_unit: bool) -> str:
    p = f.scope.period
    parts = [f"{number(f.product_records)} lượt sản xuất với {number(f.products)} sản phẩm"]
    parts.append(f"{number(f.broadcasts)} lượt phát sóng, đăng tải ({number(f.times_aired)} lần phát)")
    parts.append(f"{number(f.events)} sự kiện, hội nghị với {number(f.delegates)} lượt đại biểu tham dự")
    parts.append(f"{number(f.other)} hoạt động khác")
    return (
        f"Trong kỳ báo cáo (từ ngày {short_date(p.start)} đến ngày {short_date(p.end)}), "
        + ("" if single_unit else f"{number(len(f.by_unit))} đơn vị ")
        + f"đã ghi nhận {number(f.activities)} hoạt động thông tin đối ngoại, gồm: "
        + "; ".join(parts)
        + f". Tổng kinh phí thực hiện: {number(f.cost)} đồng."
    )


def _series(counts: dict[str, int], names: dict[str, str], *, count_first: bool = False, lower: bool = True, joiner: str = "; ", colon: str = ":") -> str:
    """"12 tin, 8 bài" (count first) or "tiếng Việt: 90; tiếng Khmer: 20", in catalog order."""
    codes = [c for c in names if counts.get(c)] + sorted(c for c in counts if c not in names and counts[c])
    parts = []
    for code in codes:
        label = names.get(code, "không rõ")
        label = lower_first(label) if lower else label
        parts.append(f"{number(counts[code])} {label}" if count_first else f"{label}{colon} {number(counts[code])}")
    return joiner.join(parts)


def _task_blocks(task: TaskRow, names: dict[str, dict[str, str]]) -> list[Block]:
    blocks: list[Block] = []
    known = [f"Đơn vị chủ trì: {task.lead}" if task.lead else "", f"thời gian thực hiện: {lower_first(task.time_text)}" if task.time_text else ""]
    if any(known):
        blocks.append(Para("; ".join(k for k in known if k) + "."))
    if not task.activities:
        blocks.append(Para("Trong kỳ báo cáo chưa ghi nhận hoạt động thực hiện nhiệm vụ này."))
    if task.product_records:
        types = _series(task.by_product_type, names.get("product_type", {}), count_first=True, joiner=", ")
        extra = []
        if task.copies:
            extra.append(f"{number(task.copies)} bản in")
        if task.minutes:
            extra.append(f"tổng thời lượng {number(round(task.minutes, 1))} phút")
        more = f"; {', '.join(extra)}" if extra else ""
        blocks.append(Bullet(f"Sản xuất {number(task.products)} sản phẩm ({number(task.product_records)} lượt ghi nhận), gồm: {types}{more}."))
        if task.by_unit:
            ranked = sorted(task.by_unit.items(), key=lambda kv: (-kv[1], vi_sort_key(kv[0])))
            makers = "; ".join(f"{name}: {number(n)}" for name, n in ranked[:10])
            if len(ranked) > 10:
                rest = ranked[10:]
                makers += f"; {number(len(rest))} đơn vị khác: {number(sum(n for _, n in rest))}"
            blocks.append(Bullet(f"Đơn vị thực hiện (số sản phẩm): {makers} (chi tiết tại Biểu 2 và Danh mục sản phẩm của Phụ lục)."))
    if task.broadcasts:
        reach = f"; lượt tiếp cận ước đạt {number(task.audience)} lượt" if task.audience else ""
        blocks.append(Bullet(f"Phát sóng, đăng tải {number(task.broadcasts)} lượt với tổng số {number(task.times_aired)} lần phát{reach}."))
    if task.by_channel:
        blocks.append(Bullet("Kênh thông tin (số hoạt động): " + _series(task.by_channel, names.get("channel", {})) + "."))
    blocks += _event_blocks(task, names)
    if task.other:
        blocks.append(Bullet(f"Hoạt động khác: {number(task.other)} hoạt động."))
    for metric, target in task.targets.items():
        if metric in METRICS and (metric not in ("delegates", "events") or task.marked):
            unit, actual = METRICS[metric][0], METRICS[metric][1](task)
            blocks.append(
                Bullet(f"Chỉ tiêu: {number(target)} {unit}; đã thực hiện {number(actual)} {unit}, đạt {percent(actual, target) or '0,0%'}.")
            )
    if task.by_theme:
        themes = {c: f"chủ đề {i}" for i, c in enumerate(names.get("theme", {}), 1)}
        blocks.append(Bullet("Nội dung tuyên truyền (số hoạt động theo chủ đề): " + _series(task.by_theme, themes) + "."))
    if task.by_language:
        blocks.append(Bullet("Ngôn ngữ thể hiện (số hoạt động): " + _series(task.by_language, names.get("language", {})) + "."))
    if task.cost:
        blocks.append(Bullet(f"Kinh phí thực hiện: {number(task.cost)} đồng."))
    return blocks


def _event_blocks(task: TaskRow, names: dict[str, dict[str, str]]) -> list[Block]:
    """The event(s) carrying the task out, with their delegates; other events listed apart."""
    blocks: list[Block] = []
    if not task.events:
        return blocks
    for e in task.target_events:
        blocks.append(Bullet(f"Tổ chức {e.title} ({e.unit}, ngày {short_date(e.date_from)}) với {number(e.delegates)} đại biểu tham dự."))
    if task.target_events and task.target_delegates:
        blocks.append(Bullet("Đại biểu theo thành phần: " + _series(task.delegates_by_category, names.get("participant_category", {})) + "."))
        gender = _series(task.delegates_by_gender, GENDER, count_first=True, joiner=", ")
        ethnicity = _series(task.delegates_by_ethnicity, names.get("ethnicity", {}), lower=False, joiner=", ", colon="")
        blocks.append(Bullet(f"Cơ cấu đại biểu: {gender}; dân tộc {ethnicity}."))
    others = task.other_events
    if others:
        delegates = sum(e.delegates for e in others)
        what = "Các sự kiện, hội nghị, tập huấn khác" if task.target_events or task.marked else "Tổ chức"
        blocks.append(Bullet(f"{what}: {number(len(others))} sự kiện với {number(delegates)} lượt đại biểu"
                             + (" (không tính vào chỉ tiêu của nhiệm vụ)" if task.marked else "") + ":"))
        shown = others[:20]
        for e in shown:
            blocks.append(Para(f"+ {e.title} ({e.unit}, ngày {short_date(e.date_from)}): {number(e.delegates)} đại biểu."))
        if len(others) > len(shown):
            blocks.append(Para(f"+ Và {number(len(others) - len(shown))} sự kiện khác (chi tiết tại Phụ lục)."))
    return blocks


def _budget_blocks(f: Figures, plan: PlanInfo | None) -> list[Block]:
    """Allocated, spent, remaining and the rate: per task and in total (a table in the body)."""
    blocks: list[Block] = []
    if plan and plan.funding and f.scope.unit_ids is None:
        blocks.append(Para(plan.funding))
    allocated = f.allocated
    spent = f.planned_cost
    if allocated is not None:
        blocks.append(
            Para(
                f"Kinh phí được phân bổ: {number(allocated)} đồng; đã sử dụng trong kỳ: {number(spent)} đồng "
                f"(đạt {percent(spent, allocated) or '0,0%'}); còn lại: {number(allocated - spent)} đồng."
            )
        )
    blocks.append(budget_table(f))
    if f.unplanned and f.unplanned.cost:
        blocks.append(Para(f"Kinh phí các hoạt động ngoài nhiệm vụ của Kế hoạch: {number(f.unplanned.cost)} đồng."))
    return blocks


def budget_table(f: Figures) -> Table:
    rows = [[t.code, t.name, t.budget, t.cost, t.remaining, percent(t.cost, t.budget)] for t in f.by_task]
    allocated = f.allocated
    return Table(
        "Kinh phí theo nhiệm vụ",
        ["Mã", "Nhiệm vụ", "Phân bổ (đồng)", "Đã sử dụng (đồng)", "Còn lại (đồng)", "Tỷ lệ sử dụng"],
        rows,
        [6, 40, 15, 15, 15, 9],
        total=["", "Tổng cộng", allocated, f.planned_cost, None if allocated is None else allocated - f.planned_cost, percent(f.planned_cost, allocated)],
        font_size=11,
    )


def _duties(products: list[ProductRow], checks: Supervision | None) -> list[Block]:
    """Plan §IV.1: digitised products for the ministry's database, and review and supervision."""
    with_file = [p for p in products if p.files]
    without = len(products) - len(with_file)
    blocks: list[Block] = [
        Para(
            f"Tổng hợp, số hóa sản phẩm thông tin đối ngoại gửi cơ sở dữ liệu của Cục Thông tin đối ngoại: trong kỳ có "
            f"{number(len(products))} sản phẩm, trong đó {number(len(with_file))} sản phẩm có tệp số hóa"
            + (f", {number(without)} sản phẩm chưa có tệp số hóa (đánh dấu tại Danh mục sản phẩm của Phụ lục)" if without else "")
            + "."
        )
    ]
    if checks is not None:
        text = (
            f"Kiểm tra, giám sát: các đơn vị đã gửi {number(checks.received)} hoạt động; Sở đã duyệt {number(checks.reviewed)} hoạt động "
            f"(chấp nhận {number(checks.accepted)}, trả lại để sửa {number(checks.returned)}); {number(checks.waiting)} hoạt động đang chờ duyệt."
        )
        blocks.append(Para(text))
        if checks.late:
            blocks.append(Bullet(f"Đơn vị gửi báo cáo chậm ({number(len(checks.late))}): " + "; ".join(checks.late) + "."))
        if checks.silent:
            blocks.append(Bullet(f"Đơn vị chưa gửi dữ liệu ({number(len(checks.silent))}): " + "; ".join(checks.silent) + "."))
    return blocks


def _notes(f: Figures, key: str, none_text: str) -> list[Block]:
    blocks: list[Block] = []
    periods = {n["period"] for n in f.notes}
    for note in f.notes:
        text = " ".join((note.get(key) or "").split())
        if not text:
            continue
        when = ""
        if len(periods) > 1:
            try:
                when = f" ({period_phrase(parse_period(note['period']))})"
            except Exception:
                when = f" ({note['period']})"
        blocks.append(Bullet(f"{note['unit']}{when}: {text}"))
    if key == "difficulties":
        quiet = len({n["unit"] for n in f.notes if n.get("nothing_to_report")})
        if quiet:
            blocks.append(Para(f"Có {number(quiet)} đơn vị báo cáo không có khó khăn, vướng mắc trong kỳ."))
    return blocks or [Para(none_text)]


def _appendix(session: Session, f: Figures, single_unit: bool, products: list[ProductRow]) -> list[Block]:
    names = f.catalog_names
    blocks: list[Block] = []
    task_rows = [
        [t.code, t.name, t.products, t.broadcasts, t.times_aired, t.events, t.delegates, t.other, _targets_text(t), t.cost]
        for t in f.by_task
    ]
    if f.unplanned:
        u = f.unplanned
        task_rows.append(["", "Hoạt động ngoài Kế hoạch", u.products, u.broadcasts, u.times_aired, u.events, u.delegates, u.other, "", u.cost])
    blocks.append(
        Table(
            "Kết quả theo nhiệm vụ của Kế hoạch",
            ["Mã", "Nhiệm vụ", "Sản phẩm (số lượng)", "Phát sóng, đăng tải (lượt)", "Số lần phát", "Sự kiện", "Đại biểu", "Hoạt động khác", "Chỉ tiêu (đã đạt)", "Kinh phí (đồng)"],
            task_rows,
            [6, 31, 9, 10, 8, 7, 8, 8, 14, 14],
            total=["", "Tổng cộng", f.products, f.broadcasts, f.times_aired, f.events, f.delegates, f.other, "", f.cost],
        )
    )
    if not single_unit:
        units = {u.id: u for u in session.scalars(select(OrgUnit).where(OrgUnit.id.in_([r.unit_id for r in f.by_unit])))}
        rows = [
            [i, display_name(session, units[r.unit_id]) if r.unit_id in units else r.name, r.product_records, r.products, r.broadcasts, r.times_aired, r.events, r.delegates, r.other, r.activities, r.cost]
            for i, r in enumerate(f.by_unit, 1)
        ]
        blocks.append(
            Table(
                "Kết quả theo đơn vị",
                ["STT", "Đơn vị", "Sản phẩm (lượt)", "Sản phẩm (số lượng)", "Phát sóng, đăng tải (lượt)", "Số lần phát", "Sự kiện", "Đại biểu", "Hoạt động khác", "Tổng số hoạt động", "Kinh phí (đồng)"],
                rows,
                [6, 35, 8, 8, 9, 8, 7, 7, 8, 9, 12],
                total=["", "Tổng cộng", f.product_records, f.products, f.broadcasts, f.times_aired, f.events, f.delegates, f.other, f.activities, f.cost],
                font_size=11,
            )
        )
    themes = {c: f"Chủ đề {i}: {n}" for i, (c, n) in enumerate(names.get("theme", {}).items(), 1)}
    blocks += [
        _count_table("Sản phẩm theo loại", "Loại sản phẩm", "Số lượng", f.by_product_type, names.get("product_type", {}), f.products, half=True),
        _count_table("Hoạt động theo ngôn ngữ", "Ngôn ngữ", "Số hoạt động", f.by_language, names.get("language", {}), f.activities,
                     note="Một hoạt động có thể có nhiều ngôn ngữ; tỷ lệ tính trên tổng số hoạt động.", half=True, whole_total=False),
        _count_table("Hoạt động theo chủ đề tuyên truyền", "Chủ đề", "Số hoạt động", f.by_theme, themes, f.activities,
                     note="Một hoạt động có thể thuộc nhiều chủ đề; tỷ lệ tính trên tổng số hoạt động.", whole_total=False),
        _count_table("Hoạt động theo kênh thông tin", "Kênh", "Số hoạt động", f.by_channel, names.get("channel", {}), f.product_records + f.broadcasts,
                     note="Một sản phẩm, lượt phát sóng có thể trên nhiều kênh; tỷ lệ tính trên tổng số sản phẩm và lượt phát sóng.", whole_total=False),
        _count_table("Đại biểu theo thành phần", "Thành phần", "Số đại biểu", f.delegates_by_category,
                     names.get("participant_category", {}), f.delegates),
        _count_table("Đại biểu theo giới tính", "Giới tính", "Số đại biểu", f.delegates_by_gender, GENDER, f.delegates, half=True),
        _count_table("Đại biểu theo dân tộc", "Dân tộc", "Số đại biểu", f.delegates_by_ethnicity, names.get("ethnicity", {}), f.delegates, half=True),
    ]
    if products:
        blocks.append(product_table(products, names))
    for i, spec in enumerate(chart_specs(f), 1):
        blocks.append(Chart(spec.name, f"Hình {i}. {spec.title}"))
    blocks.append(Heading("Cách tính số liệu", 3))
    blocks += [Bullet(rule) for rule in COUNTING_RULES]
    if f.scope.rollup:
        blocks.append(Bullet("Đơn vị đã sáp nhập, đổi tên được tính vào đơn vị kế thừa theo sắp xếp đơn vị hành chính (từ ngày 01/7/2025)."))
    return _numbered(blocks)


def product_table(products: list[ProductRow], names: dict[str, dict[str, str]]) -> Table:
    """Every product of the period: date, unit, type, title in its own script, language,
    channel, quantity or copies, length, whether a digitised file is held."""
    types, languages, channels = names.get("product_type", {}), names.get("language", {}), names.get("channel", {})
    rows = []
    for i, p in enumerate(products, 1):
        amount = f"{number(p.copies)} bản" if p.copies else number(p.quantity or 1)
        rows.append([
            i, short_date(p.date_from), p.unit, types.get(p.product_type, p.product_type), p.title,
            ", ".join(languages.get(c, c) for c in p.languages), "; ".join(channels.get(c, c) for c in p.channels),
            amount, p.minutes, "Có" if p.files else "Chưa có",
        ])
    return Table(
        "Danh mục sản phẩm",
        ["STT", "Ngày", "Đơn vị", "Loại", "Tiêu đề", "Ngôn ngữ", "Kênh", "Số lượng", "Thời lượng (phút)", "Tệp số hóa"],
        rows,
        # The row number's column widens, from the title's, once numbers reach "10.000".
        [5 + (wider := max(0, len(number(len(products))) - 5)), 9, 17, 8, 34 - wider, 9, 15, 8, 8, 7],
        total=["", "", "", "", f"Tổng cộng: {number(len(products))} sản phẩm", "", "", number(sum(p.quantity or 1 for p in products)), None,
               f"{number(sum(1 for p in products if p.files))} có tệp"],
        font_size=10,
    )


def _numbered(blocks: list[Block]) -> list[Block]:
    """"Biểu 1.", "Biểu 2."… in order (a unit's report has no table of units)."""
    tables = iter(range(1, len(blocks) + 1))
    return [replace(b, caption=f"Biểu {next(tables)}. {b.caption}") if isinstance(b, Table) else b for b in blocks]


def _targets_text(task: TaskRow) -> str:
    return "; ".join(
        f"{number(v)} {METRICS[m][0]} ({number(METRICS[m][1](task))})"
        for m, v in task.targets.items()
        if m in METRICS and (m not in ("delegates", "events") or task.marked)
    )


def _count_table(caption: str, label: str, value: str, counts: dict[str, int], names: dict[str, str], whole: int, note: str = "", half: bool = False,
                 whole_total: bool = True) -> Table:
    codes = [c for c in names if counts.get(c)] + sorted(c for c in counts if c not in names and counts[c])
    rows = [[i, names.get(c, "Không rõ" if c == "unknown" else c), counts[c], percent(counts[c], whole)] for i, c in enumerate(codes, 1)]
    widths = [8, 40, 18, 14] if half else [6, 66, 14, 10]
    total = ["", "Tổng cộng", sum(counts.values()), percent(sum(counts.values()), whole) if whole_total else ""]
    return Table(caption, ["STT", label, value, "Tỷ lệ"], rows, widths, total=total, note=note, half=half)
