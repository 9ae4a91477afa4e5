"""The periodic results report (and a unit's own report) as a :class:`ReportDocument`:
every sentence and table built here once, from :class:`Figures`; the PDF and DOCX
renderers only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import OrgUnit, Plan
from desktop_app.core.domain.periods import Period, parse_period
from desktop_app.core.reports.agency import Issuer
from desktop_app.core.reports.charts import GENDER, chart_specs
from desktop_app.core.reports.document import Block, Bullet, Chart, Heading, Para, ReportDocument, Table
from desktop_app.core.reports.figures import Figures, TaskRow
from desktop_app.core.reports.settings import ReportSettings
from desktop_app.core.reports.wording import lower_first, number, percent, period_phrase, short_date
from desktop_app.core.services.units import display_name

COUNTING_RULES = [
    "Sản phẩm: tính theo số lượng ghi trong từng hoạt động sản xuất sản phẩm (không ghi số lượng thì tính 01).",
    "Phát sóng, đăng tải: tính số lượt ghi nhận và cộng số lần phát của các lượt đó.",
    "Chủ đề, ngôn ngữ: tính số hoạt động mang chủ đề, ngôn ngữ đó; một hoạt động có thể thuộc nhiều chủ đề.",
    "Đại biểu: các đại biểu trong danh sách của các sự kiện, hội nghị trong kỳ.",
    "Mỗi hoạt động thuộc kỳ có ngày bắt đầu của hoạt động và thuộc đơn vị đã ghi nhận hoạt động.",
]
METRICS = {
    "delegates": ("đại biểu", lambda t: t.delegates),
    "events": ("sự kiện, hội nghị", lambda t: t.events),
    "products": ("sản phẩm", lambda t: t.products),
    "broadcasts": ("lần phát sóng, đăng tải", lambda t: t.times_aired),
    "cost": ("đồng", lambda t: t.cost),
}


@dataclass(frozen=True)
class PlanInfo:
    title: str
    number: str | None
    issuer: str | None
    funding: str | None


def plan_info(session: Session, period: Period) -> PlanInfo | None:
    """The newest live plan overlapping the period."""
    for plan in session.scalars(select(Plan).where(Plan.deleted.is_(False)).order_by(Plan.year.desc())):
        if plan.start_date <= period.end and plan.end_date >= period.start:
            issuer = session.get(OrgUnit, plan.issuer_unit_id) if plan.issuer_unit_id else None
            return PlanInfo(plan.title, plan.number, issuer.name if issuer else None, plan.funding)
    return None


def build_periodic(
    session: Session, figures: Figures, settings: ReportSettings, issuer: Issuer, *, single_unit: bool = False
) -> ReportDocument:
    """The periodic results report of ``figures`` as ``issuer`` sends it."""
    period = figures.scope.period
    phrase = period_phrase(period)
    subject = settings.subject.replace("{period}", phrase)
    plan = plan_info(session, period)
    names = figures.catalog_names
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
    body.append(Heading("3. Kinh phí", 2))
    body += _budget_blocks(figures, plan)
    if not single_unit:
        body.append(Heading("4. Kết quả theo đơn vị", 2))
        body.append(
            Para(
                f"Trong kỳ có {number(len(figures.by_unit))} đơn vị ghi nhận hoạt động; "
                "số liệu chi tiết của từng đơn vị tại Biểu 2 của Phụ lục kèm theo Báo cáo này."  # see _appendix
            )
        )
    body.append(Heading("II. KHÓ KHĂN, VƯỚNG MẮC"))
    body += _notes(figures, "difficulties", "Trong kỳ báo cáo, các đơn vị chưa phản ánh khó khăn, vướng mắc.")
    body.append(Heading("III. ĐỀ XUẤT, KIẾN NGHỊ"))
    body.append(Heading("1. Đề xuất của các đơn vị", 2))
    body += _notes(figures, "proposals", "Các đơn vị chưa có đề xuất trong kỳ báo cáo.")
    if issuer.own and settings.recommendations.strip():
        body.append(Heading(f"2. Kiến nghị của {issuer.agency_name}", 2))
        body += [Para(line.strip()) for line in settings.recommendations.splitlines() if line.strip()]
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
        appendix=_appendix(session, figures, single_unit),
        title=f"Báo cáo {lower_first(subject)}",
        author=issuer.agency_name,
    )


def _opening(plan: PlanInfo | None, agency: str, phrase: str) -> str:
    if plan is None:
        return f"{agency} báo cáo kết quả thực hiện nhiệm vụ thông tin đối ngoại {phrase} như sau:"
    rest = plan.title[len("Kế hoạch ") :] if plan.title.startswith("Kế hoạch ") else lower_first(plan.title)
    number_part = f" số {plan.number}" if plan.number and any(c.isdigit() for c in plan.number) else ""
    issuer = f" của {plan.issuer}" if plan.issuer else ""
    return f"Thực hiện Kế hoạch{number_part}{issuer} về {rest}; {agency} báo cáo kết quả thực hiện {phrase} như sau:"


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
        blocks.append(Bullet(f"Sản xuất {number(task.products)} sản phẩm ({number(task.product_records)} lượt ghi nhận), gồm: {types}."))
    if task.broadcasts:
        blocks.append(Bullet(f"Phát sóng, đăng tải {number(task.broadcasts)} lượt với tổng số {number(task.times_aired)} lần phát."))
    if task.events:
        blocks.append(Bullet(f"Tổ chức {number(task.events)} sự kiện, hội nghị với {number(task.delegates)} lượt đại biểu tham dự."))
    if task.other:
        blocks.append(Bullet(f"Hoạt động khác: {number(task.other)} hoạt động."))
    for metric, target in task.targets.items():
        if metric in METRICS:
            unit, actual = METRICS[metric][0], METRICS[metric][1](task)
            blocks.append(
                Bullet(f"Chỉ tiêu Kế hoạch: {number(target)} {unit}; đã thực hiện {number(actual)} {unit}, đạt {percent(actual, target)}.")
            )
    if task.delegates:
        blocks.append(Bullet("Đại biểu theo thành phần: " + _series(task.delegates_by_category, names.get("participant_category", {})) + "."))
        gender = _series(task.delegates_by_gender, GENDER, count_first=True, joiner=", ")
        ethnicity = _series(task.delegates_by_ethnicity, names.get("ethnicity", {}), lower=False, joiner=", ", colon="")
        blocks.append(Bullet(f"Cơ cấu đại biểu: {gender}; dân tộc {ethnicity}."))
    if task.by_theme:
        themes = {c: f"chủ đề {i}" for i, c in enumerate(names.get("theme", {}), 1)}
        blocks.append(Bullet("Nội dung tuyên truyền (số hoạt động theo chủ đề): " + _series(task.by_theme, themes) + "."))
    if task.by_language:
        blocks.append(Bullet("Ngôn ngữ thể hiện (số hoạt động): " + _series(task.by_language, names.get("language", {})) + "."))
    if task.cost:
        blocks.append(Bullet(f"Kinh phí thực hiện: {number(task.cost)} đồng."))
    return blocks


def _budget_blocks(f: Figures, plan: PlanInfo | None) -> list[Block]:
    budgets = [t for t in f.by_task if t.budget is not None]
    blocks: list[Block] = []
    if budgets:
        allocated = sum(t.budget or 0 for t in budgets)
        spent = sum(t.cost for t in budgets)
        blocks.append(
            Para(
                f"Kinh phí được phân bổ: {number(allocated)} đồng; đã sử dụng trong kỳ: {number(spent)} đồng "
                f"({percent(spent, allocated) or '0%'}); còn lại: {number(allocated - spent)} đồng."
            )
        )
        for t in budgets:
            blocks.append(Bullet(f"Nhiệm vụ {t.code}: phân bổ {number(t.budget)} đồng; đã sử dụng {number(t.cost)} đồng."))
    else:
        if plan and plan.funding:
            blocks.append(Para(plan.funding))
        blocks.append(Para("Kinh phí phân bổ cho từng nhiệm vụ chưa được nhập vào chương trình."))
    blocks.append(Para(f"Tổng kinh phí các đơn vị đã sử dụng trong kỳ: {number(f.cost)} đồng."))
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


def _appendix(session: Session, f: Figures, single_unit: bool) -> list[Block]:
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
            ["Mã", "Nhiệm vụ", "Sản phẩm (số lượng)", "Phát sóng, đăng tải (lượt)", "Số lần phát", "Sự kiện", "Đại biểu", "Hoạt động khác", "Chỉ tiêu", "Kinh phí (đồng)"],
            task_rows,
            [6, 33, 9, 10, 8, 7, 8, 8, 12, 14],
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
    target = f" (chỉ tiêu Kế hoạch: {number(f.delegate_target)} đại biểu dự hội nghị tập huấn)" if f.delegate_target else ""
    blocks += [
        _count_table("Sản phẩm theo loại", "Loại sản phẩm", "Số lượng", f.by_product_type, names.get("product_type", {}), f.products, half=True),
        _count_table("Hoạt động theo ngôn ngữ", "Ngôn ngữ", "Số hoạt động", f.by_language, names.get("language", {}), f.activities,
                     note="Một hoạt động có thể có nhiều ngôn ngữ.", half=True),
        _count_table("Hoạt động theo chủ đề tuyên truyền", "Chủ đề", "Số hoạt động", f.by_theme, themes, f.activities,
                     note="Một hoạt động có thể thuộc nhiều chủ đề; tỷ lệ tính trên tổng số hoạt động."),
        _count_table(f"Đại biểu theo thành phần{target}", "Thành phần", "Số đại biểu", f.delegates_by_category,
                     names.get("participant_category", {}), f.delegates),
        _count_table("Đại biểu theo giới tính", "Giới tính", "Số đại biểu", f.delegates_by_gender, GENDER, f.delegates, half=True),
        _count_table("Đại biểu theo dân tộc", "Dân tộc", "Số đại biểu", f.delegates_by_ethnicity, names.get("ethnicity", {}), f.delegates, half=True),
    ]
    for i, spec in enumerate(chart_specs(f), 1):
        blocks.append(Chart(spec.name, f"Hình {i}. {spec.title}"))
    blocks.append(Heading("Cách tính số liệu", 3))
    blocks += [Bullet(rule) for rule in COUNTING_RULES]
    if f.scope.rollup:
        blocks.append(Bullet("Đơn vị đã sáp nhập, đổi tên được tính vào đơn vị kế thừa theo sắp xếp đơn vị hành chính (từ ngày 01/7/2025)."))
    return _numbered(blocks)


def _numbered(blocks: list[Block]) -> list[Block]:
    """"Biểu 1.", "Biểu 2."… in order (a unit's report has no table of units)."""
    tables = iter(range(1, len(blocks) + 1))
    return [replace(b, caption=f"Biểu {next(tables)}. {b.caption}") if isinstance(b, Table) else b for b in blocks]


def _targets_text(task: TaskRow) -> str:
    return "; ".join(f"{number(v)} {METRICS[m][0]}" for m, v in task.targets.items() if m in METRICS)


def _count_table(caption: str, label: str, value: str, counts: dict[str, int], names: dict[str, str], whole: int, note: str = "", half: bool = False) -> Table:
    codes = [c for c in names if counts.get(c)] + sorted(c for c in counts if c not in names and counts[c])
    rows = [[i, names.get(c, "Không rõ" if c == "unknown" else c), counts[c], percent(counts[c], whole)] for i, c in enumerate(codes, 1)]
    widths = [8, 40, 18, 14] if half else [6, 66, 14, 10]
    return Table(caption, ["STT", label, value, "Tỷ lệ"], rows, widths, total=["", "Tổng cộng", sum(counts.values()), ""], note=note, half=half)
