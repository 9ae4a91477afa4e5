"""``ttdn``: the command-line interface over the same core services as the GUI.

Every command takes ``--data-dir`` and ``--json``. Messages are Vietnamese unless
``TTDN_LANG=en``. Exit codes: 0 done, 1 refused (bad input, nothing changed),
2 wrong command line, 3 an unexpected error (a bug). JSON shapes are documented in README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator, Sequence

from desktop_app import __version__
from desktop_app.core.errors import Issue, TtdnError, ValidationFailed
from desktop_app.core.paths import resolve_data_dir

KIND_LABELS = {"product": "Sản phẩm", "broadcast": "Phát sóng/đăng", "event": "Sự kiện", "other": "Khác"}
STATUS_LABELS = {"draft": "Nháp", "submitted": "Đã gửi", "accepted": "Đã duyệt", "returned": "Trả lại"}


def _lang() -> str:
    return "en" if os.environ.get("TTDN_LANG", "vi").lower().startswith("en") else "vi"


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(type(value))


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n")


class Output:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def result(self, data: Any, text: str | None = None) -> None:
        if self.as_json:
            _print_json(data)
        elif text is not None:
            print(text)

    def warnings(self, issues: Sequence[Issue | TtdnError]) -> None:
        for issue in issues:
            print(("Cảnh báo: " if _lang() == "vi" else "Warning: ") + issue.message(_lang()), file=sys.stderr)


@contextmanager
def open_workspace(args) -> Iterator[Any]:
    from desktop_app.core.workspace import Workspace

    location = resolve_data_dir(args.data_dir)
    workspace = Workspace.open(location.path)
    try:
        Output(args.json).warnings(workspace.warnings)
        yield workspace
    finally:
        workspace.close()


def _read_json_input(source: str | None) -> tuple[Any, Path | None]:
    """JSON from a file or, with ``-`` or nothing, from standard input."""
    if source in (None, "-"):
        text, base, name = sys.stdin.read(), Path.cwd(), "stdin"
    else:
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise TtdnError("file.unreadable", path=str(path), detail=str(exc)) from exc
        base, name = path.resolve().parent, str(path)
    try:
        return json.loads(text), base
    except json.JSONDecodeError as exc:
        raise TtdnError("json.invalid", path=name, line=exc.lineno, column=exc.colno, detail=exc.msg) from exc


# --- commands ------------------------------------------------------------------------


def cmd_init(args, out: Output) -> int:
    from desktop_app.core.operations.installation import describe_installation, initialise

    with open_workspace(args) as ws:
        initialise(ws, args.role, args.unit, args.officer)
        view = describe_installation(ws)
        data = {
            "data_dir": str(ws.data_dir),
            "role": view.role,
            "unit": {"id": view.unit_id, "code": view.unit_code, "name": view.unit_label},
            "origin_id": view.origin_id,
            "officer": view.officer,
        }
        out.result(data, f"Đã thiết lập máy: {view.unit_label} ({view.unit_code}), vai trò {view.role}.\nThư mục dữ liệu: {ws.data_dir}")
    return 0


def cmd_info(args, out: Output) -> int:
    from desktop_app.core.operations.installation import describe_installation, is_set_up, schema_revision
    from desktop_app.core.operations.sync import status

    with open_workspace(args) as ws:
        view = describe_installation(ws) if is_set_up(ws) else None
        data = {
            "version": __version__,
            "data_dir": str(ws.data_dir),
            "database": str(ws.db.path),
            "schema": schema_revision(ws),
            "initialised": view is not None,
            "role": view.role if view else None,
            "unit": {"code": view.unit_code, "name": view.unit_name} if view else None,
            "origin_id": view.origin_id if view else None,
            "counter": view.counter if view else None,
            "officer": view.officer if view else None,
        }
        if view is not None:
            data["fingerprint"] = view.fingerprint
            data["sync"] = status(ws).as_dict()
        lines = [f"{k}: {v}" for k, v in data.items() if not isinstance(v, dict)]
        for k, v in (data.get("sync") or {}).items():
            lines.append(f"sync.{k}: {v}")
        if view:
            lines.append(f"unit: {view.unit_name} ({view.unit_code})")
        out.result(data, "\n".join(lines))
    return 0


def cmd_units(args, out: Output) -> int:
    from desktop_app.core.operations.overview import unit_choices

    on = _parse_date_arg(args.on) if args.on else None
    with open_workspace(args) as ws:
        data = [
            {
                "id": u.id,
                "code": u.code,
                "gso_code": u.gso_code,
                "name": u.name,
                "display_name": u.label,
                "kind": u.kind,
                "valid_from": u.valid_from,
                "valid_to": u.valid_to,
            }
            for u in unit_choices(ws, args.search, on)
        ]
        text = "\n".join(f"{u['code']:<22} {u['display_name']}" for u in data) or "Không có đơn vị nào khớp."
        out.result(data, text)
    return 0


def _parse_date_arg(text: str) -> date:
    from desktop_app.core.domain.periods import parse_date

    return parse_date(text)


def _records(payload: Any) -> list[Any]:
    return payload if isinstance(payload, list) else [payload]


def _add_records(args, out: Output, *, force_kind: str | None) -> int:
    from desktop_app.core.operations.activities import record_activities

    payload, base_dir = _read_json_input(args.file)
    with open_workspace(args) as ws:
        saved = record_activities(ws, _records(payload), base_dir=base_dir, kind=force_kind)
    data = {"created": [{**a.record, "warnings": [w.as_dict(_lang()) for w in a.warnings]} for a in saved]}
    out.warnings([w for a in saved for w in a.warnings])
    out.result(data, "\n".join(f"Đã ghi: {a.id}  {a.title}" for a in saved))
    return 0


def cmd_activity_add(args, out: Output) -> int:
    return _add_records(args, out, force_kind=None)


def cmd_event_add(args, out: Output) -> int:
    return _add_records(args, out, force_kind="event")


def cmd_activity_update(args, out: Output) -> int:
    from desktop_app.core.operations.activities import change_activity

    payload, _ = _read_json_input(args.file)
    with open_workspace(args) as ws:
        saved = change_activity(ws, args.id, payload)
    data = {**saved.record, "warnings": [w.as_dict(_lang()) for w in saved.warnings]}
    out.warnings(saved.warnings)
    out.result(data, f"Đã sửa: {saved.id}  {saved.title}")
    return 0


def cmd_activity_list(args, out: Output) -> int:
    from desktop_app.core.operations.activities import activity_filter, list_activities

    with open_workspace(args) as ws:
        flt = activity_filter(
            ws,
            search=args.search,
            period=args.period,
            unit=args.unit,
            kinds=args.kind or (),
            statuses=args.status or (),
            include_deleted=args.include_deleted,
        )
        page = list_activities(ws, flt, limit=args.limit)
    total, rows = page.total, page.rows
    data = {
        "total": total,
        "shown": len(rows),
        "activities": [
            {
                "id": r.id,
                "date": r.date_from,
                "date_to": r.date_to,
                "kind": r.kind,
                "status": r.status,
                "title": r.title,
                "unit": {"code": r.unit_code, "name": r.unit_name},
                "product_type": r.product_type,
                "deleted": r.deleted,
            }
            for r in rows
        ],
    }
    lines = [
        f"{r.id[:8]}  {r.date_from.strftime('%d/%m/%Y')}  {KIND_LABELS.get(r.kind, r.kind):<15} "
        f"{r.unit_name[:28]:<28}  {r.title}" + ("  [đã xóa]" if r.deleted else "")
        for r in rows
    ]
    lines.append(f"({len(rows)}/{total} hoạt động)")
    out.result(data, "\n".join(lines))
    return 0


def cmd_activity_show(args, out: Output) -> int:
    from desktop_app.core.operations.activities import show_activity

    with open_workspace(args) as ws:
        data = show_activity(ws, args.id)
    text = "\n".join(f"{k}: {v}" for k, v in data.items())
    out.result(data, text)
    return 0


def cmd_activity_delete(args, out: Output) -> int:
    from desktop_app.core.operations.activities import delete_activity

    with open_workspace(args) as ws:
        deleted = delete_activity(ws, args.id)
    out.result(deleted.record, f"Đã xóa: {deleted.id}  {deleted.title}")
    return 0


def cmd_participants_import(args, out: Output) -> int:
    from desktop_app.core.operations.events import import_participant_list

    with open_workspace(args) as ws:
        done = import_participant_list(
            ws, args.event_id, Path(args.file), mode=args.mode, dry_run=args.dry_run, sheet=args.sheet,
            convert_legacy=args.convert_legacy,
        )
    preview, result = done.preview, done.result
    data = {"event": done.event_id, "imported": result.added, "table": preview.describe(), **result.as_dict(_lang())}
    out.result(data, _rows_text(preview.describe(), result.as_dict(_lang()), done.title))
    return 0


def _rows_text(table: dict[str, Any], result: dict[str, Any], target: str) -> str:
    """The per-row outcome of an import, as lines an officer reads."""
    words = {"added": "thêm", "duplicate": "đã có, bỏ qua", "duplicate_in_file": "trùng trong tệp, bỏ qua",
             "rejected": "không nhập", "excluded": "loại ra"}
    first, last = table["header_rows"]
    lines = [f"Trang \"{table['sheet']}\": tiêu đề dòng {first}–{last}, dữ liệu dòng "
             + ("–".join(map(str, table["data_range"])) if table["data_range"] else "(không có)")]
    for row in result["rows"]:
        if row["status"] != "added" or row["issues"]:
            lines.append(f"  Dòng {row['row']} ({row['name'] or '?'}): {words[row['status']]}")
            lines += [f"    - {i['message']}" for i in row["issues"]]
    head = "Thử (không ghi gì): " if result["dry_run"] else ""
    lines.append(f"{head}{result['added']} thêm, {result['duplicate'] + result['duplicate_in_file']} trùng, "
                 f"{result['rejected']} không nhập" + (f", {result['removed']} bỏ khỏi danh sách cũ" if result["removed"] else "")
                 + f" — {target}")
    return "\n".join(lines)


def cmd_participants_template(args, out: Output) -> int:
    from desktop_app.core.tabular.template import write_participant_template

    path = write_participant_template(Path(args.out))
    out.result({"template": str(path)}, f"Đã ghi mẫu danh sách: {path}")
    return 0


def cmd_register_import(args, out: Output) -> int:
    from desktop_app.core.operations.register import import_activity_register

    with open_workspace(args) as ws:
        preview, result = import_activity_register(
            ws, Path(args.file), dry_run=args.dry_run, sheet=args.sheet, convert_legacy=args.convert_legacy
        )
    data = {"table": preview.layout.describe(), **result.as_dict(_lang())}
    out.result(data, _rows_text(preview.layout.describe(), result.as_dict(_lang()), "sổ theo dõi hoạt động"))
    return 0


def cmd_stats(args, out: Output) -> int:
    from desktop_app.core.operations.overview import statistics

    with open_workspace(args) as ws:
        data = statistics(ws, args.period, args.unit)
    out.result(data, _stats_text(data))
    return 0


def _stats_text(data: dict[str, Any]) -> str:
    lines = []
    for section, values in data.items():
        if not isinstance(values, dict):
            lines.append(f"{section}: {values}")
            continue
        lines.append(f"[{section}]")
        for key, value in values.items():
            if isinstance(value, dict):
                body = ", ".join(f"{k}={v}" for k, v in sorted(value.items()))
                lines.append(f"  {key}: {body}")
            else:
                lines.append(f"  {key}: {value}")
    return "\n".join(lines)


def cmd_demo(args, out: Output) -> int:
    from desktop_app.core.operations.demo import generate

    def progress(done: int, total: int) -> None:
        if not args.json and total and sys.stderr.isatty():
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    with open_workspace(args) as ws:
        tally = generate(ws, args.activities, args.seed, progress=progress)
    if not args.json and sys.stderr.isatty():
        print(file=sys.stderr)
    out.result({"generated": tally}, f"Đã tạo {tally['activities']['total']} hoạt động mẫu, "
               f"{tally['participants']['total']} đại biểu, {tally['attachments']} tệp đính kèm.")
    return 0


def cmd_difficulties(args, out: Output) -> int:
    from desktop_app.core.operations.unit_reports import record_difficulties

    with open_workspace(args) as ws:
        data = record_difficulties(
            ws,
            args.period,
            difficulties=args.difficulties,
            proposals=args.proposals,
            nothing_to_report=args.nothing_to_report,
        )
    out.result(data, f"Đã ghi khó khăn, đề xuất kỳ {data['period']}.")
    return 0


def cmd_report(args, out: Output) -> int:
    from desktop_app.core.operations.reports import generate_report, report_warnings

    def progress(done: int, total: int) -> None:
        if not args.json and total and sys.stderr.isatty():
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    with open_workspace(args) as ws:
        missing = report_warnings(ws, args.kind, args.period or None, unit=args.unit)
        out.warnings(missing)  # what the signed report lacks, before it is made
        if missing and args.strict:
            print(("Chưa lập báo cáo: hãy bổ sung các mục trên (hoặc bỏ --strict)." if _lang() == "vi"
                   else "The report was not made: complete the items above (or drop --strict)."), file=sys.stderr)
            return 1
        path = generate_report(
            ws,
            args.kind,
            args.period or None,
            Path(args.out),
            unit=args.unit,
            event=args.event,
            rollup=args.rollup,
            include_personal=args.include_personal,
            progress=progress,
        )
    if not args.json and sys.stderr.isatty():
        print(file=sys.stderr)
    out.result({"kind": args.kind, "path": str(path), "warnings": [{"key": w.key, "params": w.params} for w in missing]}, f"Đã ghi: {path}")
    return 0


def cmd_plan_allocate(args, out: Output) -> int:
    from desktop_app.core.operations import plan_targets

    with open_workspace(args) as ws:
        plan_targets.set_allocation(ws, args.task, None if args.remove else args.amount, unit=args.unit, period=args.period)
    where = f" cho {args.unit}" if args.unit else ""
    text = f"Đã xóa kinh phí phân bổ nhiệm vụ {args.task}{where}." if args.remove else f"Đã ghi kinh phí phân bổ nhiệm vụ {args.task}{where}: {args.amount} đồng."
    out.result({"task": args.task, "unit": args.unit, "period": args.period, "amount": None if args.remove else args.amount}, text)
    return 0


def cmd_plan_target(args, out: Output) -> int:
    from desktop_app.core.operations import plan_targets

    with open_workspace(args) as ws:
        plan_targets.set_unit_target(ws, args.task, args.metric, None if args.remove else args.value, unit=args.unit, period=args.period)
    text = f"Đã {'xóa' if args.remove else 'ghi'} chỉ tiêu {args.metric} của {args.unit} cho nhiệm vụ {args.task}."
    out.result({"task": args.task, "unit": args.unit, "metric": args.metric, "period": args.period, "value": None if args.remove else args.value}, text)
    return 0


def cmd_plan_mark_event(args, out: Output) -> int:
    from desktop_app.core.operations import plan_targets

    with open_workspace(args) as ws:
        ids = plan_targets.mark_event(ws, args.task, [] if args.clear else args.events)
    text = f"Nhiệm vụ {args.task}: đã đánh dấu {len(ids)} sự kiện thực hiện nhiệm vụ." if ids else f"Nhiệm vụ {args.task}: đã bỏ đánh dấu sự kiện."
    out.result({"task": args.task, "events": ids}, text)
    return 0


def cmd_plan_reference(args, out: Output) -> int:
    from desktop_app.core.operations import plan_targets

    with open_workspace(args) as ws:
        plan_targets.set_plan_reference(ws, args.number, args.date)
    out.result({"number": args.number, "date": args.date}, "Đã ghi số, ngày của Kế hoạch.")
    return 0


def cmd_plan_allocations(args, out: Output) -> int:
    from desktop_app.core.operations import plan_targets

    with open_workspace(args) as ws:
        rows = plan_targets.allocations(ws)
    data = [{"task": r.task_code, "unit": r.unit, "period": r.period, "amount": r.amount} for r in rows]
    out.result(data, "\n".join(f"{r.task_code}\t{r.unit or 'toàn Kế hoạch'}\t{r.period or ''}\t{r.amount:,}".replace(",", ".") for r in rows)
               or "Chưa có kinh phí phân bổ nào.")
    return 0


def cmd_direction(args, out: Output) -> int:
    from desktop_app.core.operations import plan_targets

    text = args.text
    if args.file:
        text = Path(args.file).read_text(encoding="utf-8")
    with open_workspace(args) as ws:
        if args.clear or text is not None:
            plan_targets.save_direction(ws, args.period, None if args.clear else text)
        current = plan_targets.direction(ws, args.period)
    out.result({"period": args.period, "text": current}, current or "Chưa có phương hướng riêng cho kỳ này: báo cáo dùng nội dung lập từ các chỉ tiêu chưa đạt.")
    return 0


def cmd_report_settings(args, out: Output) -> int:
    from desktop_app.core.reports.settings import load_settings, save_settings

    location = resolve_data_dir(args.data_dir)
    folder = location.path
    settings = load_settings(folder)
    changed = False
    for name in ("signer_name", "signer_title", "signer_authority", "place", "subject"):
        value = getattr(args, name)
        if value is not None:
            setattr(settings, name, " ".join(value.split()))
            changed = True
    if args.recipient:
        settings.recipients = [r.strip() for r in args.recipient if r.strip()]
        changed = True
    if changed:
        save_settings(folder, settings)
    data = {"signer_authority": settings.signer_authority, "signer_title": settings.signer_title, "signer_name": settings.signer_name,
            "place": settings.place, "recipients": settings.recipients}
    out.result(data, "\n".join(f"{k}: {v}" for k, v in data.items()))
    return 0


# --- sync --------------------------------------------------------------------------------


def _confirm(prompt: str, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        return False
    answer = input(prompt + " [c/K] (có/không): ").strip().lower()
    return answer in ("c", "co", "có", "y", "yes")


def cmd_keys_show(args, out: Output) -> int:
    from desktop_app.core.operations.sync import own_keys, write_enrolment

    with open_workspace(args) as ws:
        identity = own_keys(ws)
        data = identity.as_dict()
        if args.enrolment_file:
            data["enrolment_file"] = str(write_enrolment(ws, Path(args.enrolment_file)))
    text = (
        f"Đơn vị: {identity.unit_name} ({identity.unit_code})\n"
        f"Mã máy: {identity.installation_id}\n"
        f"Mã nhận diện (đọc qua điện thoại để Sở đối chiếu): {identity.keys.fingerprint}"
    )
    if args.enrolment_file:
        text += f"\nĐã ghi tệp đăng ký: {args.enrolment_file}"
    out.result(data, text)
    return 0


def cmd_unit_register(args, out: Output) -> int:
    from desktop_app.core.operations.sync import identity_from_file, register_unit

    identity = identity_from_file(Path(args.file))
    if not args.json:
        print(f"Đơn vị: {identity.unit_name} ({identity.unit_code}), vai trò {identity.role}")
        print(f"Mã nhận diện: {identity.keys.fingerprint}")
    confirmed = _confirm("Mã nhận diện trên có khớp với mã đơn vị đọc qua điện thoại không?", args.yes)
    with open_workspace(args) as ws:
        done = register_unit(ws, identity, confirmed=confirmed)
    data = {"registered": done.installation_id, "unit": done.unit_code, "fingerprint": done.fingerprint}
    out.result(data, f"Đã đăng ký máy của {identity.unit_name}.")
    return 0


def cmd_unit_revoke(args, out: Output) -> int:
    from desktop_app.core.operations.sync import revoke_unit

    with open_workspace(args) as ws:
        revoked = revoke_unit(ws, args.unit)
    out.result({"revoked": revoked}, f"Đã thu hồi khóa của {len(revoked)} máy. Gửi gói cấu hình mới để các đơn vị biết.")
    return 0


def cmd_export(args, out: Output) -> int:
    from desktop_app.core.operations.sync import export_data

    with open_workspace(args) as ws:
        result = export_data(
            ws, Path(args.to), full=args.full, max_volume_mb=args.max_volume_mb, counts_only=args.counts_only
        )
    out.warnings(result.warnings)
    lines = [f"Đã ghi: {w.path} ({w.size:,} byte)".replace(",", ".") for w in result.files]
    from desktop_app.core.sync.package import TABLE_LABELS

    lines.append(
        "Nội dung: " + ", ".join(f"{n} {TABLE_LABELS.get(t, t)}" for t, n in result.counts.items() if n)
        + f"; {result.attachments} tệp"
    )
    out.result(result.as_dict(), "\n".join(lines))
    return 0


def _import_text(report) -> str:
    lines = []
    labels = {"applied": "đã nhận", "already": "đã nhận trước đây", "rejected": "TỪ CHỐI", "needs_confirmation": "cần xác nhận"}
    for f in report.files:
        head = f"{Path(f.path).name}: {labels.get(f.status, f.status)}"
        if f.sender:
            head += f" — {f.sender}, gói số {f.sequence}, tập {f.volume}"
        lines.append(head)
        if f.message and f.status != "applied":
            lines.append(f"    {f.message}")
    totals = report.as_dict()["totals"]
    lines.append(
        "Bản ghi: {new} mới, {updated} cập nhật, {unchanged} không đổi, {stale} cũ hơn, "
        "{conflicting} xung đột, {rejected} bị từ chối".format(**totals)
    )
    for r in report.rejections[:20]:
        lines.append(f"    từ chối {r['table']} {r['id']}: {render_message(r['key'], r['params'])}")
    for gap in report.sequence_gaps:
        lines.append(f"Thiếu gói số {', '.join(map(str, gap['missing']))} của {gap['sender']}.")
    for missing in report.missing_volumes:
        lines.append(f"Gói số {missing['sequence']} của {missing['sender']} còn thiếu tập {', '.join(map(str, missing['missing']))}/{missing['count']}.")
    if report.dry_run:
        lines.append("(Xem trước: chưa thay đổi dữ liệu.)")
    elif not report.changed:
        lines.append("Không có gì thay đổi: dữ liệu này đã có.")
    return "\n".join(lines)


def render_message(key: str, params: dict) -> str:
    from desktop_app.core.messages import render

    return render(key, params, _lang())


def cmd_import(args, out: Output) -> int:
    from desktop_app.core.operations.sync import import_packages

    def confirm(volume) -> bool:
        if not args.json:
            print(f"Gói cấu hình từ {volume.sender.unit_name}; mã nhận diện: {volume.sender.keys.fingerprint}")
        return _confirm("Mã nhận diện có khớp với mã Sở đọc qua điện thoại không?", args.yes)

    with open_workspace(args) as ws:
        report = import_packages(ws, [Path(p) for p in args.paths], dry_run=args.dry_run, confirm=confirm)
    out.result(report.as_dict(), _import_text(report))
    if all(f.status in ("rejected", "needs_confirmation") for f in report.files):
        return 1
    return 0


def cmd_receipt(args, out: Output) -> int:
    from desktop_app.core.operations.sync import make_receipts

    with open_workspace(args) as ws:
        written = make_receipts(ws, args.for_unit, Path(args.to))
    out.result({"files": [{"path": str(w.path), "sha256": w.sha256, "size": w.size} for w in written]},
               "\n".join(f"Đã ghi biên nhận: {w.path}" for w in written))
    return 0


def cmd_config_export(args, out: Output) -> int:
    from desktop_app.core.operations.sync import make_config

    with open_workspace(args) as ws:
        written = make_config(ws, Path(args.to))
    out.result({"files": [{"path": str(w.path), "sha256": w.sha256, "size": w.size} for w in written]},
               "\n".join(f"Đã ghi gói cấu hình: {w.path}" for w in written))
    return 0


def cmd_config_import(args, out: Output) -> int:
    args.paths, args.dry_run = [args.path], False
    return cmd_import(args, out)


# --- parser --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="thư mục dữ liệu (mặc định: TTDN_DATA_DIR, thư mục data/ cạnh chương trình, hoặc thư mục của người dùng)")
    common.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    parser = argparse.ArgumentParser(prog="ttdn", description="Thông tin đối ngoại: ghi nhận, đồng bộ và báo cáo.")
    parser.add_argument("--version", action="version", version=f"ttdn {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    p = sub.add_parser("init", parents=[common], help="thiết lập máy lần đầu")
    p.add_argument("--role", required=True, choices=["unit", "aggregator"])
    p.add_argument("--unit", required=True, help="mã, id hoặc tên đơn vị")
    p.add_argument("--officer", help="họ tên cán bộ sử dụng máy")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("info", parents=[common], help="thông tin về máy và dữ liệu")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("units", parents=[common], help="tra cứu đơn vị")
    p.add_argument("--search")
    p.add_argument("--on", help="chỉ đơn vị còn hiệu lực vào ngày này")
    p.set_defaults(func=cmd_units)

    activity = sub.add_parser("activity", help="hoạt động").add_subparsers(dest="action", required=True, metavar="THAO_TÁC")
    p = activity.add_parser("add", parents=[common], help="thêm hoạt động từ JSON (tệp hoặc stdin)")
    p.add_argument("file", nargs="?", help="tệp JSON; bỏ trống hoặc - để đọc từ stdin")
    p.set_defaults(func=cmd_activity_add)
    p = activity.add_parser("update", parents=[common], help="sửa hoạt động bằng các trường JSON")
    p.add_argument("id")
    p.add_argument("file", nargs="?")
    p.set_defaults(func=cmd_activity_update)
    p = activity.add_parser("list", parents=[common], help="liệt kê, tìm kiếm")
    p.add_argument("--search")
    p.add_argument("--period", help="2024, 2024-Q3, 2024-H1, 2024-07, 01/03/2024..31/05/2024")
    p.add_argument("--unit")
    p.add_argument("--kind", action="append", choices=["product", "broadcast", "event", "other"])
    p.add_argument("--status", action="append", choices=["draft", "submitted", "accepted", "returned"])
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--include-deleted", action="store_true")
    p.set_defaults(func=cmd_activity_list)
    p = activity.add_parser("show", parents=[common], help="xem một hoạt động")
    p.add_argument("id")
    p.set_defaults(func=cmd_activity_show)
    p = activity.add_parser("delete", parents=[common], help="xóa một hoạt động")
    p.add_argument("id")
    p.set_defaults(func=cmd_activity_delete)

    event = sub.add_parser("event", help="sự kiện, hội nghị").add_subparsers(dest="action", required=True, metavar="THAO_TÁC")
    p = event.add_parser("add", parents=[common], help="thêm sự kiện (có thể kèm danh sách đại biểu) từ JSON")
    p.add_argument("file", nargs="?")
    p.set_defaults(func=cmd_event_add)

    participants = sub.add_parser("participants", help="đại biểu").add_subparsers(dest="action", required=True, metavar="THAO_TÁC")
    p = participants.add_parser("import", parents=[common], help="nhập danh sách đại biểu từ tệp Excel, Word hoặc CSV")
    p.add_argument("event_id")
    p.add_argument("file")
    p.add_argument("--sheet", help="tên trang (Excel) hoặc \"Bảng N\" (Word)")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem kết quả từng dòng, không ghi")
    p.add_argument("--convert-legacy", action="store_true", help="chuyển chữ gõ bằng TCVN3/VNI sang Unicode")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--merge", dest="mode", action="store_const", const="merge", help="chỉ thêm người chưa có (mặc định)")
    mode.add_argument("--replace", dest="mode", action="store_const", const="replace", help="thay cả danh sách cũ")
    mode.add_argument("--append", dest="mode", action="store_const", const="append", help="thêm tất cả")
    p.set_defaults(func=cmd_participants_import, mode="merge")
    p = participants.add_parser("template", parents=[common], help="ghi tệp mẫu danh sách đại biểu (.xlsx)")
    p.add_argument("out")
    p.set_defaults(func=cmd_participants_template)

    register = sub.add_parser("register", help="sổ theo dõi hoạt động").add_subparsers(dest="action", required=True, metavar="THAO_TÁC")
    p = register.add_parser("import", parents=[common], help="nhập sổ theo dõi (Excel) thành các hoạt động")
    p.add_argument("file")
    p.add_argument("--sheet")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem kết quả từng dòng, không ghi")
    p.add_argument("--convert-legacy", action="store_true", help="chuyển chữ gõ bằng TCVN3/VNI sang Unicode")
    p.set_defaults(func=cmd_register_import)

    p = sub.add_parser("stats", parents=[common], help="thống kê")
    p.add_argument("--period")
    p.add_argument("--unit")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("difficulties", parents=[common], help="ghi khó khăn, vướng mắc và đề xuất của đơn vị cho một kỳ")
    p.add_argument("--period", required=True, help="2024-Q3, 2024-H1, 2024 …")
    p.add_argument("--difficulties")
    p.add_argument("--proposals")
    p.add_argument("--nothing-to-report", action="store_true", help="kỳ này không có gì để báo cáo")
    p.set_defaults(func=cmd_difficulties)

    from desktop_app.core.reports.api import KINDS as REPORT_KINDS

    p = sub.add_parser("report", parents=[common], help="lập báo cáo (PDF, Word, Excel, gói sản phẩm số hóa)")
    p.add_argument("kind", choices=list(REPORT_KINDS))
    p.add_argument("--period", help="2024, 2024-Q3, 2024-H1, 2024-07, 01/03/2024..31/05/2024 (không cần cho danh sách đại biểu)")
    p.add_argument("--out", required=True, help="tệp (hoặc thư mục/tệp .zip cho gói sản phẩm) để ghi")
    p.add_argument("--unit", help="báo cáo của một đơn vị (mã hoặc tên)")
    p.add_argument("--event", help="sự kiện của danh sách đại biểu (mã hoạt động)")
    p.add_argument("--rollup", action="store_true", help="gộp đơn vị cũ vào đơn vị kế thừa (sắp xếp năm 2025)")
    p.add_argument("--include-personal", action="store_true", help="Excel: kèm họ tên, số điện thoại đại biểu")
    p.add_argument("--strict", action="store_true", help="không lập báo cáo khi còn thiếu người ký, nơi nhận, số Kế hoạch, kinh phí …")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("report-settings", parents=[common], help="người ký, nơi nhận, địa danh của báo cáo")
    p.add_argument("--signer-name", dest="signer_name")
    p.add_argument("--signer-title", dest="signer_title", help="ví dụ: PHÓ GIÁM ĐỐC")
    p.add_argument("--signer-authority", dest="signer_authority", help="ví dụ: KT. GIÁM ĐỐC (để trống: ký trực tiếp)")
    p.add_argument("--place", help="địa danh ghi trước ngày tháng")
    p.add_argument("--subject", help="trích yếu; {period} là kỳ báo cáo")
    p.add_argument("--recipient", action="append", help="một nơi nhận (lặp lại cho từng nơi; dòng cuối: Lưu: VT)")
    p.set_defaults(func=cmd_report_settings)

    p = sub.add_parser("direction", parents=[common], help="phương hướng, nhiệm vụ kỳ tiếp theo của báo cáo một kỳ")
    p.add_argument("--period", required=True)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--text")
    group.add_argument("--file", help="tệp văn bản UTF-8, mỗi ý một dòng")
    group.add_argument("--clear", action="store_true", help="bỏ nội dung riêng, dùng nội dung lập từ chỉ tiêu chưa đạt")
    p.set_defaults(func=cmd_direction)

    plan = sub.add_parser("plan", help="kinh phí, chỉ tiêu, hội nghị của Kế hoạch (tại Sở)").add_subparsers(dest="action", required=True, metavar="THAO_TÁC")
    p = plan.add_parser("allocate", parents=[common], help="kinh phí phân bổ cho một nhiệm vụ (toàn Kế hoạch hoặc một đơn vị)")
    p.add_argument("--task", required=True, help="II.1, II.2 …")
    amount = p.add_mutually_exclusive_group(required=True)
    amount.add_argument("--amount", help="đồng, ví dụ 300000000 hoặc 300.000.000")
    amount.add_argument("--remove", action="store_true")
    p.add_argument("--unit", help="đơn vị được phân bổ (mã hoặc tên); không ghi: toàn nhiệm vụ")
    p.add_argument("--period")
    p.set_defaults(func=cmd_plan_allocate)
    p = plan.add_parser("target", parents=[common], help="chỉ tiêu riêng của một đơn vị")
    p.add_argument("--task", required=True)
    p.add_argument("--metric", required=True, choices=["products", "events", "delegates", "broadcasts", "cost"])
    value = p.add_mutually_exclusive_group(required=True)
    value.add_argument("--value")
    value.add_argument("--remove", action="store_true")
    p.add_argument("--unit", required=True)
    p.add_argument("--period", help="ví dụ 2024-Q3 (sản phẩm mỗi quý)")
    p.set_defaults(func=cmd_plan_target)
    p = plan.add_parser("mark-event", parents=[common], help="đánh dấu sự kiện, hội nghị thực hiện nhiệm vụ (hội nghị II.2)")
    p.add_argument("--task", required=True)
    p.add_argument("events", nargs="*", help="mã hoạt động (8 ký tự đầu trở lên)")
    p.add_argument("--clear", action="store_true")
    p.set_defaults(func=cmd_plan_mark_event)
    p = plan.add_parser("reference", parents=[common], help="số, ngày ban hành của Kế hoạch")
    p.add_argument("--number", help="ví dụ 123/KH-UBND")
    p.add_argument("--date", help="dd/mm/yyyy")
    p.set_defaults(func=cmd_plan_reference)
    p = plan.add_parser("allocations", parents=[common], help="xem kinh phí đã phân bổ")
    p.set_defaults(func=cmd_plan_allocations)

    keys = sub.add_parser("keys", help="khóa của máy").add_subparsers(dest="action", required=True, metavar="THAO_TÁC")
    p = keys.add_parser("show", parents=[common], help="xem mã nhận diện; ghi tệp đăng ký gửi Sở")
    p.add_argument("--enrolment-file", help="ghi tệp đăng ký vào đường dẫn này")
    p.set_defaults(func=cmd_keys_show)

    unit_cmd = sub.add_parser("unit", help="đơn vị gửi dữ liệu (tại Sở)").add_subparsers(dest="action", required=True, metavar="THAO_TÁC")
    p = unit_cmd.add_parser("register", parents=[common], help="đăng ký máy của đơn vị từ tệp đăng ký hoặc một gói của đơn vị")
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="đã đối chiếu mã nhận diện qua điện thoại")
    p.set_defaults(func=cmd_unit_register)

    p = unit_cmd.add_parser("revoke", parents=[common], help="thu hồi khóa của máy đơn vị (mất máy, cài lại)")
    p.add_argument("unit", help="mã đơn vị hoặc mã máy")
    p.set_defaults(func=cmd_unit_revoke)

    p = sub.add_parser("export", parents=[common], help="xuất gói dữ liệu gửi Sở")
    p.add_argument("--to", required=True, help="thư mục (hoặc tên tệp .ttdn) để ghi gói")
    p.add_argument("--full", action="store_true", help="gửi lại toàn bộ, không chỉ phần mới")
    p.add_argument("--max-volume-mb", type=float, default=20, help="dung lượng tối đa mỗi tập (MB), mặc định 20 cho thư điện tử")
    p.add_argument("--counts-only", action="store_true", help="không gửi họ tên, số điện thoại đại biểu, chỉ gửi số lượng")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", parents=[common], help="nhận gói dữ liệu, biên nhận hoặc gói cấu hình")
    p.add_argument("paths", nargs="+")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không thay đổi dữ liệu")
    p.add_argument("--yes", action="store_true", help="đã đối chiếu mã nhận diện của Sở (gói cấu hình đầu tiên)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("receipt", parents=[common], help="lập biên nhận gửi đơn vị (tại Sở)")
    p.add_argument("--for", dest="for_unit", required=True, help="mã đơn vị")
    p.add_argument("--to", required=True)
    p.set_defaults(func=cmd_receipt)

    config = sub.add_parser("config", help="gói cấu hình").add_subparsers(dest="action", required=True, metavar="THAO_TÁC")
    p = config.add_parser("export", parents=[common], help="xuất gói cấu hình cho các đơn vị (tại Sở)")
    p.add_argument("--to", required=True)
    p.set_defaults(func=cmd_config_export)
    p = config.add_parser("import", parents=[common], help="nhận gói cấu hình của Sở")
    p.add_argument("path")
    p.add_argument("--yes", action="store_true", help="đã đối chiếu mã nhận diện của Sở")
    p.set_defaults(func=cmd_config_import)

    p = sub.add_parser("demo", parents=[common], help="tạo dữ liệu mẫu")
    p.add_argument("--activities", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    out = Output(args.json)
    try:
        return args.func(args, out)
    except TtdnError as exc:
        lang = _lang()
        if args.json:
            error: dict[str, Any] = {"key": exc.key, "message": exc.message(lang), "params": exc.params}
            if isinstance(exc, ValidationFailed):
                error["issues"] = [i.as_dict(lang) for i in exc.issues]
            _print_json({"error": error})
        print(("Lỗi: " if lang == "vi" else "Error: ") + exc.message(lang), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except Exception:  # a bug: say so plainly, keep the details for whoever fixes it
        import traceback

        traceback.print_exc()
        print(
            "Lỗi không mong đợi của chương trình (chi tiết ở trên). Dữ liệu đã ghi trước đó không bị ảnh hưởng; "
            "hãy gửi nội dung lỗi này cho người hỗ trợ.",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
