"""``ttdn``: the command-line interface over the same core services as the GUI.

Every command takes ``--data-dir`` and ``--json``. Messages are Vietnamese unless
``TTDN_LANG=en``. Exit codes: 0 done, 1 refused (bad input, nothing changed),
2 wrong command line, 3 an unexpected error (a bug). JSON shapes are documented in README.md.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import shutil
import sys
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from desktop_app import __version__
from desktop_app.cli_text import ACTIVITY_ID, BACKUP_NAME, JSON_FILE, PERIOD, SAY, help_text, lang as _lang, name_arguments, say, speak_argparse
from desktop_app.core.domain.enums import ActivityKind, ActivityStatus, Role
from desktop_app.core.domain.text import fold
from desktop_app.core.errors import Issue, TtdnError, ValidationFailed
from desktop_app.core.messages import label, labels
from desktop_app.core.paths import resolve_data_dir

DATABASE_FILE = "ttdn.sqlite3"  # the data folder's database (desktop_app.core.db.database)


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
            print(say("warning") + issue.message(_lang()), file=sys.stderr)


@contextmanager
def open_workspace(args) -> Iterator[Any]:
    """The data folder, opened. A command that fails, or one that only looks (every one
    but ``init`` and the imports), leaves a folder that had no database as it found it:
    what opening created there is removed again."""
    from desktop_app.core.workspace import Workspace

    folder = resolve_data_dir(args.data_dir).path
    existed = folder.exists()
    before = {p.name for p in folder.iterdir()} if existed else set()
    fresh = not (folder / DATABASE_FILE).exists()
    workspace = Workspace.open(folder)
    done = False
    try:
        Output(args.json).warnings(workspace.warnings)
        yield workspace
        done = True
    finally:
        workspace.close()
        if fresh and not (done and getattr(args, "creates", False)):
            _remove_new(folder, existed, before)


def _remove_new(folder: Path, existed: bool, before: set[str]) -> None:
    if not existed:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for entry in folder.iterdir():
        if entry.name not in before:
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)


def _read_json_input(source: str | None) -> tuple[Any, Path | None]:
    """JSON from a file or, with ``-`` or nothing, from standard input."""
    if source in (None, "-"):
        text, base, name = sys.stdin.read(), Path.cwd(), "stdin"
    else:
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise TtdnError("file.unreadable", path=str(path), detail=_os_reason(exc)) from exc
        except UnicodeDecodeError as exc:
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
        out.result(
            data,
            say("init.done", unit=view.unit_label, code=view.unit_code, role=label("role", view.role, _lang()), data_dir=ws.data_dir),
        )
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
    out.result(data, _info_text(data))
    return 0


def _value_text(key: str, raw: Any, lang: str) -> str:
    """One value for a person: words for codes and yes/no, names with codes, local times."""
    if key in ("role", "kind", "status"):
        return label(key, raw, lang)
    if isinstance(raw, dict) and {"name", "code"} <= raw.keys():
        return f"{raw['name']} ({raw['code']})"
    if isinstance(raw, bool) or raw is None or raw == []:
        return label("bool", str(raw if isinstance(raw, bool) else None), lang)
    if isinstance(raw, list):
        return "; ".join(str(item.get("name", item)) if isinstance(item, dict) else str(item) for item in raw)
    if isinstance(raw, str) and key.endswith("_at"):
        return datetime.fromisoformat(raw).astimezone().strftime("%d/%m/%Y %H:%M")
    if isinstance(raw, str) and key in ("date", "date_to"):
        return date.fromisoformat(raw).strftime("%d/%m/%Y")
    return str(raw)


def _labelled(rows: list[tuple[str, Any]], words: Callable[[str], str]) -> str:
    """Aligned "label: value" lines; ``words`` names a key (``a.b``: its value's key is b)."""
    lang = _lang()
    width = max(len(words(k)) for k, _ in rows)
    return "\n".join(f"{words(k) + ':':<{width + 1}} {_value_text(k.split('.')[-1], v, lang)}" for k, v in rows)


def _info_text(data: dict[str, Any]) -> str:
    """``info`` for a person: labelled lines, words for codes and yes/no, local times."""
    if not data["initialised"]:
        return say("info.not_set_up", data_dir=data["data_dir"])
    rows = [(k, v) for k, v in data.items() if k != "sync"] + [(f"sync.{k}", v) for k, v in (data.get("sync") or {}).items()]
    return _labelled(rows, lambda k: say(f"info.{k}"))


def _field_words(key: str) -> str:
    """A field's name for a person: the CLI's own words, else the core's field label (or
    the field's name in plain words)."""
    from desktop_app.core.messages import field_label

    if f"field.{key}" in SAY:
        return say(f"field.{key}")
    words = field_label(key, _lang())
    return words.replace("_", " ").capitalize() if words == key else words


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
        text = "\n".join(f"{u['code']:<22} {u['display_name']}" for u in data) or say("units.none")
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
    out.result(data, "\n".join(say("activity.recorded", id=a.id, title=a.title) for a in saved))
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
    out.result(data, say("activity.changed", id=saved.id, title=saved.title))
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
    kinds = labels("kind", _lang())
    lines = [
        f"{r.id[:8]}  {r.date_from.strftime('%d/%m/%Y')}  {kinds.get(r.kind, r.kind):<20} "
        f"{r.unit_name[:28]:<28}  {r.title}" + (say("activity.deleted_mark") if r.deleted else "")
        for r in rows
    ]
    lines.append(say("activity.count", shown=len(rows), total=total))
    out.result(data, "\n".join(lines))
    return 0


def cmd_activity_show(args, out: Output) -> int:
    from desktop_app.core.operations.activities import show_activity

    with open_workspace(args) as ws:
        data = show_activity(ws, args.id)
    out.result(data, _labelled(list(data.items()), _field_words))
    return 0


def cmd_activity_delete(args, out: Output) -> int:
    from desktop_app.core.operations.activities import delete_activity

    with open_workspace(args) as ws:
        deleted = delete_activity(ws, args.id)
    out.result(deleted.record, say("activity.deleted", id=deleted.id, title=deleted.title))
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
    first, last = table["header_rows"]
    data_rows = "–".join(map(str, table["data_range"])) if table["data_range"] else say("rows.no_data")
    lines = [say("rows.table", sheet=table["sheet"], first=first, last=last, data=data_rows)]
    for row in result["rows"]:
        if row["status"] != "added" or row["issues"]:
            lines.append(say("rows.row", row=row["row"], name=row["name"] or "?", status=say(f"rows.{row['status']}")))
            lines += [f"    - {i['message']}" for i in row["issues"]]
    head = say("rows.dry_run") if result["dry_run"] else ""
    total = say("rows.total", added=result["added"], duplicate=result["duplicate"] + result["duplicate_in_file"], rejected=result["rejected"])
    removed = say("rows.removed", removed=result["removed"]) if result["removed"] else ""
    lines.append(f"{head}{total}{removed} — {target}")
    return "\n".join(lines)


def cmd_participants_template(args, out: Output) -> int:
    from desktop_app.core.tabular.template import write_participant_template

    path = write_participant_template(Path(args.out))
    out.result({"template": str(path)}, say("template.written", path=path))
    return 0


def cmd_register_import(args, out: Output) -> int:
    from desktop_app.core.operations.register import import_activity_register

    with open_workspace(args) as ws:
        preview, result = import_activity_register(
            ws, Path(args.file), dry_run=args.dry_run, sheet=args.sheet, convert_legacy=args.convert_legacy
        )
    data = {"table": preview.layout.describe(), **result.as_dict(_lang())}
    out.result(data, _rows_text(preview.layout.describe(), result.as_dict(_lang()), say("rows.register")))
    return 0


def cmd_stats(args, out: Output) -> int:
    from desktop_app.core.operations.overview import statistics

    with open_workspace(args) as ws:
        data = statistics(ws, args.period, args.unit)
    out.result(data, _stats_text(data))
    return 0


# Groups of ``ttdn stats`` whose codes have words in the core's label table.
_STATS_LABELS = {"by_kind": "kind", "by_status": "status", "by_gender": "gender"}


def _stats_text(data: dict[str, Any]) -> str:
    from desktop_app.core.messages import label

    def words(key: str) -> str:
        return say(f"stats.{key}") if f"stats.{key}" in SAY else key

    lines = []
    for section, values in data.items():
        if not isinstance(values, dict):
            lines.append(f"{words(section)}: {values}")
            continue
        lines.append(f"[{words(section)}]")
        for key, value in values.items():
            if isinstance(value, dict):
                group = _STATS_LABELS.get(key)
                body = "; ".join(f"{label(group, k, _lang()) if group else k}={v}" for k, v in sorted(value.items()))
                lines.append(f"  {words(key)}: {body}")
            else:
                lines.append(f"  {words(key)}: {value}")
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
    out.result(
        {"generated": tally},
        say("demo.done", activities=tally["activities"]["total"], participants=tally["participants"]["total"], attachments=tally["attachments"]),
    )
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
    out.result(data, say("difficulties.done", period=data["period"]))
    return 0


def _require_folder(target: Path) -> None:
    """``--out`` may name a new file, not a new folder: a mistyped folder is refused."""
    folder = target.expanduser().absolute().parent
    if not folder.is_dir():
        raise TtdnError("output.no_folder", path=str(target), folder=str(folder))


def cmd_report(args, out: Output) -> int:
    from desktop_app.core.operations.reports import generate_report, report_warnings

    def progress(done: int, total: int) -> None:
        if not args.json and total and sys.stderr.isatty():
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    _require_folder(Path(args.out))
    with open_workspace(args) as ws:
        missing = report_warnings(ws, args.kind, args.period or None, unit=args.unit)
        out.warnings(missing)  # what the signed report lacks, before it is made
        if missing and args.strict:
            print(say("report.strict"), file=sys.stderr)
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
    out.result({"kind": args.kind, "path": str(path), "warnings": [{"key": w.key, "params": w.params} for w in missing]}, say("written", path=path))
    return 0


def cmd_plan_allocate(args, out: Output) -> int:
    from desktop_app.core.operations import plan_targets

    with open_workspace(args) as ws:
        plan_targets.set_allocation(ws, args.task, None if args.remove else args.amount, unit=args.unit, period=args.period)
    where = say("plan.for_unit", unit=args.unit) if args.unit else ""
    text = say("plan.allocation_removed", task=args.task, where=where) if args.remove else say(
        "plan.allocation_set", task=args.task, where=where, amount=args.amount
    )
    out.result({"task": args.task, "unit": args.unit, "period": args.period, "amount": None if args.remove else args.amount}, text)
    return 0


def cmd_plan_target(args, out: Output) -> int:
    from desktop_app.core.operations import plan_targets

    with open_workspace(args) as ws:
        plan_targets.set_unit_target(ws, args.task, args.metric, None if args.remove else args.value, unit=args.unit, period=args.period)
    text = say("plan.target_removed" if args.remove else "plan.target_set", metric=args.metric, unit=args.unit, task=args.task)
    out.result({"task": args.task, "unit": args.unit, "metric": args.metric, "period": args.period, "value": None if args.remove else args.value}, text)
    return 0


def cmd_plan_mark_event(args, out: Output) -> int:
    from desktop_app.core.operations import plan_targets

    with open_workspace(args) as ws:
        ids = plan_targets.mark_event(ws, args.task, [] if args.clear else args.events)
    text = say("plan.events_marked", task=args.task, count=len(ids)) if ids else say("plan.events_cleared", task=args.task)
    out.result({"task": args.task, "events": ids}, text)
    return 0


def cmd_plan_reference(args, out: Output) -> int:
    from desktop_app.core.operations import plan_targets

    with open_workspace(args) as ws:
        plan_targets.set_plan_reference(ws, args.number, args.date)
    out.result({"number": args.number, "date": args.date}, say("plan.reference_set"))
    return 0


def cmd_plan_allocations(args, out: Output) -> int:
    from desktop_app.core.operations import plan_targets

    with open_workspace(args) as ws:
        rows = plan_targets.allocations(ws)
    data = [{"task": r.task_code, "unit": r.unit, "period": r.period, "amount": r.amount} for r in rows]
    whole = say("plan.whole_plan")
    lines = [f"{r.task_code}\t{r.unit or whole}\t{r.period or ''}\t{r.amount:,}".replace(",", ".") for r in rows]
    out.result(data, "\n".join(lines) or say("plan.no_allocation"))
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
    out.result({"period": args.period, "text": current}, current or say("direction.none"))
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
    out.result(data, _labelled(list(data.items()), lambda k: say(f"settings.{k}")))
    return 0


# --- sync --------------------------------------------------------------------------------


def _confirm(prompt: str, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        return False
    answer = input(prompt + say("confirm.suffix")).strip().lower()
    return answer in ("c", "co", "có", "y", "yes")


def cmd_keys_show(args, out: Output) -> int:
    from desktop_app.core.operations.sync import own_keys, write_enrolment

    with open_workspace(args) as ws:
        identity = own_keys(ws)
        data = identity.as_dict()
        if args.enrolment_file:
            data["enrolment_file"] = str(write_enrolment(ws, Path(args.enrolment_file)))
    text = say(
        "keys.text",
        unit=identity.unit_name,
        code=identity.unit_code,
        installation=identity.installation_id,
        fingerprint=identity.keys.fingerprint,
    )
    if args.enrolment_file:
        text += "\n" + say("keys.enrolment", path=args.enrolment_file)
    out.result(data, text)
    return 0


def cmd_unit_register(args, out: Output) -> int:
    from desktop_app.core.operations.sync import identity_from_file, register_unit

    identity = identity_from_file(Path(args.file))
    if not args.json:
        print(say("register.identity", unit=identity.unit_name, code=identity.unit_code, role=label("role", identity.role, _lang())))
        print(say("register.fingerprint", fingerprint=identity.keys.fingerprint))
    confirmed = _confirm(say("register.question"), args.yes)
    with open_workspace(args) as ws:
        done = register_unit(ws, identity, confirmed=confirmed)
    data = {"registered": done.installation_id, "unit": done.unit_code, "fingerprint": done.fingerprint}
    out.result(data, say("register.done", unit=identity.unit_name))
    return 0


def cmd_unit_revoke(args, out: Output) -> int:
    from desktop_app.core.operations.sync import revoke_unit

    with open_workspace(args) as ws:
        revoked = revoke_unit(ws, args.unit)
    out.result({"revoked": revoked}, say("revoke.done", count=len(revoked)))
    return 0


def cmd_export(args, out: Output) -> int:
    from desktop_app.core.operations.sync import export_data

    with open_workspace(args) as ws:
        result = export_data(
            ws, Path(args.to), full=args.full, max_volume_mb=args.max_volume_mb, counts_only=args.counts_only,
            package_format=args.format,
        )
    out.warnings(result.warnings)
    lines = [say("export.file", path=w.path, size=f"{w.size:,}".replace(",", ".")) for w in result.files]
    records = ", ".join(f"{n} {label('record', t, _lang())}" for t, n in result.counts.items() if n)
    lines.append(say("export.content", records=records, files=result.attachments))
    out.result(result.as_dict(), "\n".join(lines))
    return 0


def _import_text(report) -> str:
    from desktop_app.core.sync.describe import describe_import

    return "\n".join(describe_import(report, _lang()).lines())


def cmd_import(args, out: Output) -> int:
    from desktop_app.core.operations.sync import import_packages

    def confirm(volume) -> bool:
        if not args.json:
            print(say("import.province", unit=volume.sender.unit_name, fingerprint=volume.sender.keys.fingerprint))
        return _confirm(say("import.question"), args.yes)

    paths = [Path(p) for p in args.paths]
    for path in paths:
        if not path.is_file():
            raise TtdnError("file.not_found", path=str(path))
    with open_workspace(args) as ws:
        report = import_packages(ws, paths, dry_run=args.dry_run, confirm=confirm)
    out.result(report.as_dict(), _import_text(report))
    if all(f.status in ("rejected", "needs_confirmation") for f in report.files):
        return 1
    return 0


def cmd_receipt(args, out: Output) -> int:
    from desktop_app.core.operations.sync import make_receipts

    with open_workspace(args) as ws:
        written = make_receipts(ws, args.for_unit, Path(args.to))
    out.result({"files": [{"path": str(w.path), "sha256": w.sha256, "size": w.size} for w in written]},
               "\n".join(say("receipt.written", path=w.path) for w in written))
    return 0


def cmd_config_export(args, out: Output) -> int:
    from desktop_app.core.operations.sync import make_config

    with open_workspace(args) as ws:
        written = make_config(ws, Path(args.to))
    out.result({"files": [{"path": str(w.path), "sha256": w.sha256, "size": w.size} for w in written]},
               "\n".join(say("config.written", path=w.path) for w in written))
    return 0


def cmd_config_import(args, out: Output) -> int:
    args.paths, args.dry_run = [args.path], False
    return cmd_import(args, out)


# --- backups -----------------------------------------------------------------------------


def _backup_line(info) -> str:
    size = f"{(info.db_size + info.files_size) / 1e6:.1f} MB"
    return (f"{info.path.name:<36} {info.created_at.strftime('%d/%m/%Y %H:%M')}  {info.reason_label(_lang()):<26} "
            f"{info.counts.get('activities', 0):>7} hoạt động  {len(info.files):>5} tệp  {size}")


def cmd_backup(args, out: Output) -> int:
    """``ttdn backup list|create|restore|copy``: the data folder's backups."""
    from desktop_app.core.operations import backup
    from desktop_app.core.instance_lock import InstanceLock

    location = resolve_data_dir(args.data_dir)
    backups_dir = location.path / "backups"
    if args.action == "list":
        found = backup.list_backups(backups_dir)
        out.result({"backups": [b.as_dict() for b in found]},
                   "\n".join(map(_backup_line, found)) or TtdnError("backup.none", path=str(backups_dir)).message(_lang()))
        return 0
    if args.action == "create":
        with open_workspace(args) as ws:
            info = ws.backup("manual")
        out.result(info.as_dict(), "Đã sao lưu: " + _backup_line(info))
        return 0
    info = backup.find_backup(backups_dir, args.name)
    if args.action == "copy":
        target = backup.copy_to(info, Path(args.to))
        out.result({"copied": str(target), **info.as_dict()}, f"Đã chép bản sao lưu {info.path.name} vào {target}")
        return 0
    problems = backup.verify_backup(info)
    if problems:
        raise TtdnError("backup.damaged", name=info.path.name, detail="; ".join(problems))
    if not _confirm(f"Khôi phục bản sao lưu {info.path.name}? Dữ liệu hiện tại được giữ thành một bản sao lưu.", args.yes):
        raise TtdnError("backup.restore_needs_confirmation", name=info.path.name)
    with InstanceLock(location.path, program="ttdn backup restore"):
        result = backup.restore_backup(location.path, info)
    out.result(result.as_dict(), f"Đã khôi phục {info.path.name}. Dữ liệu trước đó: {result.safety}\n"
               "Máy đã nhận mã nguồn dữ liệu và khóa mới: hãy gửi tệp đăng ký (ttdn keys show --enrolment-file …) để Sở đăng ký lại.")
    return 0


# --- parser --------------------------------------------------------------------------


def code_of(group: str, codes: Sequence[str]):
    """An argparse ``type`` taking a stored code or its words in either language, typed
    with or without accents and with hyphens for spaces ("san-pham", "sản phẩm", "Sự kiện")."""
    names: dict[str, str] = {}
    for code in codes:
        names[fold(code)] = code
        for lang in ("vi", "en"):
            words = label(group, code, lang)
            names.setdefault(fold(words), code)
            for part in words.replace("(", ",").split(","):  # "Sự kiện, hội nghị": "su kien" too
                if part.strip():
                    names.setdefault(fold(part), code)

    def convert(text: str) -> str:
        code = names.get(fold(text.replace("-", " ").replace("_", " ")))
        if code is None:
            choices = ", ".join(f"{c} ({label(group, c, _lang())})" for c in codes)
            raise argparse.ArgumentTypeError(say("choice.invalid", value=text, choices=choices))
        return code

    convert.__name__ = group  # argparse names the type in its messages
    return convert


def _global_options(parser: argparse.ArgumentParser, *, default: Any) -> None:
    """``--data-dir`` and ``--json``, accepted before the command and after it: the
    command's copy has no default, so it does not undo one given before."""
    parser.add_argument(
        "--data-dir",
        default=default,
        help=help_text("thư mục dữ liệu (mặc định: TTDN_DATA_DIR, thư mục data/ cạnh chương trình, hoặc thư mục của người dùng)"),
    )
    parser.add_argument(
        "--json", action="store_true", default=False if default is None else default, help=help_text("in kết quả dạng JSON")
    )


def _actions(sub, name: str, help: str):
    """A command made of actions (``ttdn activity add``): its subparsers."""
    return sub.add_parser(name, help=help).add_subparsers(dest="action", required=True, metavar=help_text("THAO_TÁC"))


def build_parser() -> argparse.ArgumentParser:
    speak_argparse()
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, default=argparse.SUPPRESS)

    parser = argparse.ArgumentParser(prog="ttdn", description=help_text("Thông tin đối ngoại: ghi nhận, đồng bộ và báo cáo."))
    parser.add_argument("--version", action="version", version=f"ttdn {__version__}", help=help_text("in phiên bản"))
    _global_options(parser, default=None)
    sub = parser.add_subparsers(dest="command", required=True, metavar=help_text("LỆNH"))

    def command(group, name: str, help: str, func, **defaults):
        """A command (or an action of one) with the common options, run by ``func``."""
        p = group.add_parser(name, parents=[common], help=help_text(help))
        p.set_defaults(func=func, **defaults)
        return p

    p = command(sub, "init", "thiết lập máy lần đầu", cmd_init, creates=True)
    roles = [r.value for r in Role]
    p.add_argument("--role", required=True, type=code_of("role", roles), metavar="{" + ",".join(roles) + "}",
                   help=help_text("vai trò: unit (đơn vị) hoặc aggregator (Sở)"))
    p.add_argument("--unit", required=True, help=help_text("mã, id hoặc tên đơn vị"))
    p.add_argument("--officer", help=help_text("họ tên cán bộ sử dụng máy"))

    p = command(sub, "info", "thông tin về máy và dữ liệu", cmd_info)

    p = command(sub, "units", "tra cứu đơn vị", cmd_units)
    p.add_argument("--search", help=help_text("tìm theo tên hoặc mã (không phân biệt dấu)"))
    p.add_argument("--on", help=help_text("chỉ đơn vị còn hiệu lực vào ngày này"))

    activity = _actions(sub, "activity", help_text("hoạt động"))
    p = command(activity, "add", "thêm hoạt động từ JSON (tệp hoặc stdin)", cmd_activity_add)
    p.add_argument("file", nargs="?", help=help_text(JSON_FILE))
    p = command(activity, "update", "sửa hoạt động bằng các trường JSON", cmd_activity_update)
    p.add_argument("id", help=help_text(ACTIVITY_ID))
    p.add_argument("file", nargs="?", help=help_text(JSON_FILE))
    p = command(activity, "list", "liệt kê, tìm kiếm", cmd_activity_list)
    p.add_argument("--search", help=help_text("tìm theo tên, địa điểm, mô tả (không phân biệt dấu)"))
    p.add_argument("--period", help=help_text(PERIOD))
    p.add_argument("--unit", help=help_text("mã, id hoặc tên đơn vị"))
    kinds, statuses = [k.value for k in ActivityKind], [s.value for s in ActivityStatus]
    p.add_argument("--kind", action="append", type=code_of("kind", kinds), metavar="{" + ",".join(kinds) + "}",
                   help=help_text("loại hoạt động (mã hoặc tên: product, san-pham, \"sản phẩm\")"))
    p.add_argument("--status", action="append", type=code_of("status", statuses), metavar="{" + ",".join(statuses) + "}",
                   help=help_text("trạng thái (mã hoặc tên: draft, nhap, \"đã gửi\")"))
    p.add_argument("--limit", type=int, default=100, help=help_text("số hoạt động tối đa in ra"))
    p.add_argument("--include-deleted", action="store_true", help=help_text("kèm các hoạt động đã xóa"))
    p = command(activity, "show", "xem một hoạt động", cmd_activity_show)
    p.add_argument("id", help=help_text(ACTIVITY_ID))
    p = command(activity, "delete", "xóa một hoạt động", cmd_activity_delete)
    p.add_argument("id", help=help_text(ACTIVITY_ID))

    event = _actions(sub, "event", help_text("sự kiện, hội nghị"))
    p = command(event, "add", "thêm sự kiện (có thể kèm danh sách đại biểu) từ JSON", cmd_event_add)
    p.add_argument("file", nargs="?", help=help_text(JSON_FILE))

    participants = _actions(sub, "participants", help_text("đại biểu"))
    p = command(participants, "import", "nhập danh sách đại biểu từ tệp Excel, Word hoặc CSV", cmd_participants_import, mode="merge")
    p.add_argument("event_id", help=help_text("mã của sự kiện, hội nghị (8 ký tự đầu trở lên)"))
    p.add_argument("file", help=help_text("tệp danh sách (.xlsx, .docx hoặc .csv)"))
    p.add_argument("--sheet", help=help_text("tên trang (Excel) hoặc \"Bảng N\" (Word)"))
    p.add_argument("--dry-run", action="store_true", help=help_text("chỉ xem kết quả từng dòng, không ghi"))
    p.add_argument("--convert-legacy", action="store_true", help=help_text("chuyển chữ gõ bằng TCVN3/VNI sang Unicode"))
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--merge", dest="mode", action="store_const", const="merge", help=help_text("chỉ thêm người chưa có (mặc định)"))
    mode.add_argument("--replace", dest="mode", action="store_const", const="replace", help=help_text("thay cả danh sách cũ"))
    mode.add_argument("--append", dest="mode", action="store_const", const="append", help=help_text("thêm tất cả"))
    p = command(participants, "template", "ghi tệp mẫu danh sách đại biểu (.xlsx)", cmd_participants_template)
    p.add_argument("out", help=help_text("tệp .xlsx sẽ ghi"))

    register = _actions(sub, "register", help_text("sổ theo dõi hoạt động"))
    p = command(register, "import", "nhập sổ theo dõi (Excel) thành các hoạt động", cmd_register_import)
    p.add_argument("file", help=help_text("tệp sổ theo dõi (.xlsx)"))
    p.add_argument("--sheet", help=help_text("tên trang (Excel)"))
    p.add_argument("--dry-run", action="store_true", help=help_text("chỉ xem kết quả từng dòng, không ghi"))
    p.add_argument("--convert-legacy", action="store_true", help=help_text("chuyển chữ gõ bằng TCVN3/VNI sang Unicode"))

    p = command(sub, "stats", "thống kê", cmd_stats)
    p.add_argument("--period", help=help_text(PERIOD))
    p.add_argument("--unit", help=help_text("mã, id hoặc tên đơn vị"))

    p = command(sub, "difficulties", "ghi khó khăn, vướng mắc và đề xuất của đơn vị cho một kỳ", cmd_difficulties)
    p.add_argument("--period", required=True, help=help_text("2024-Q3, 2024-H1, 2024 …"))
    p.add_argument("--difficulties", help=help_text("khó khăn, vướng mắc (văn bản)"))
    p.add_argument("--proposals", help=help_text("đề xuất, kiến nghị (văn bản)"))
    p.add_argument("--nothing-to-report", action="store_true", help=help_text("kỳ này không có gì để báo cáo"))

    from desktop_app.core.reports.api import KINDS as REPORT_KINDS

    p = command(sub, "report", "lập báo cáo (PDF, Word, Excel, gói sản phẩm số hóa)", cmd_report)
    p.add_argument("kind", choices=list(REPORT_KINDS), help=help_text("loại báo cáo"))
    p.add_argument("--period", help=help_text("2024, 2024-Q3, 2024-H1, 2024-07, 01/03/2024..31/05/2024 (không cần cho danh sách đại biểu)"))
    p.add_argument("--out", required=True, help=help_text("tệp (hoặc thư mục/tệp .zip cho gói sản phẩm) để ghi"))
    p.add_argument("--unit", help=help_text("báo cáo của một đơn vị (mã hoặc tên)"))
    p.add_argument("--event", help=help_text("sự kiện của danh sách đại biểu (mã hoạt động)"))
    p.add_argument("--rollup", action="store_true", help=help_text("gộp đơn vị cũ vào đơn vị kế thừa (sắp xếp năm 2025)"))
    p.add_argument("--include-personal", action="store_true", help=help_text("Excel: kèm họ tên, số điện thoại đại biểu"))
    p.add_argument("--strict", action="store_true", help=help_text("không lập báo cáo khi còn thiếu người ký, nơi nhận, số Kế hoạch, kinh phí …"))

    p = command(sub, "report-settings", "người ký, nơi nhận, địa danh của báo cáo", cmd_report_settings)
    p.add_argument("--signer-name", dest="signer_name", help=help_text("họ tên người ký"))
    p.add_argument("--signer-title", dest="signer_title", help=help_text("ví dụ: PHÓ GIÁM ĐỐC"))
    p.add_argument("--signer-authority", dest="signer_authority", help=help_text("ví dụ: KT. GIÁM ĐỐC (để trống: ký trực tiếp)"))
    p.add_argument("--place", help=help_text("địa danh ghi trước ngày tháng"))
    p.add_argument("--subject", help=help_text("trích yếu; {period} là kỳ báo cáo"))
    p.add_argument("--recipient", action="append", help=help_text("một nơi nhận (lặp lại cho từng nơi; dòng cuối: Lưu: VT)"))

    p = command(sub, "direction", "phương hướng, nhiệm vụ kỳ tiếp theo của báo cáo một kỳ", cmd_direction)
    p.add_argument("--period", required=True, help=help_text(PERIOD))
    group = p.add_mutually_exclusive_group()
    group.add_argument("--text", help=help_text("nội dung, mỗi ý một dòng"))
    group.add_argument("--file", help=help_text("tệp văn bản UTF-8, mỗi ý một dòng"))
    group.add_argument("--clear", action="store_true", help=help_text("bỏ nội dung riêng, dùng nội dung lập từ chỉ tiêu chưa đạt"))

    plan = _actions(sub, "plan", help_text("kinh phí, chỉ tiêu, hội nghị của Kế hoạch (tại Sở)"))
    p = command(plan, "allocate", "kinh phí phân bổ cho một nhiệm vụ (toàn Kế hoạch hoặc một đơn vị)", cmd_plan_allocate)
    p.add_argument("--task", required=True, help=help_text("II.1, II.2 …"))
    amount = p.add_mutually_exclusive_group(required=True)
    amount.add_argument("--amount", help=help_text("đồng, ví dụ 300000000 hoặc 300.000.000"))
    amount.add_argument("--remove", action="store_true", help=help_text("xóa kinh phí đã phân bổ"))
    p.add_argument("--unit", help=help_text("đơn vị được phân bổ (mã hoặc tên); không ghi: toàn nhiệm vụ"))
    p.add_argument("--period", help=help_text(PERIOD))
    p = command(plan, "target", "chỉ tiêu riêng của một đơn vị", cmd_plan_target)
    p.add_argument("--task", required=True, help=help_text("II.1, II.2 …"))
    p.add_argument("--metric", required=True, choices=["products", "events", "delegates", "broadcasts", "cost"],
                   help=help_text("sản phẩm, sự kiện, đại biểu, lượt phát sóng hoặc kinh phí"))
    value = p.add_mutually_exclusive_group(required=True)
    value.add_argument("--value", help=help_text("chỉ tiêu (một số)"))
    value.add_argument("--remove", action="store_true", help=help_text("xóa chỉ tiêu đã ghi"))
    p.add_argument("--unit", required=True, help=help_text("mã, id hoặc tên đơn vị"))
    p.add_argument("--period", help=help_text("ví dụ 2024-Q3 (sản phẩm mỗi quý)"))
    p = command(plan, "mark-event", "đánh dấu sự kiện, hội nghị thực hiện nhiệm vụ (hội nghị II.2)", cmd_plan_mark_event)
    p.add_argument("--task", required=True, help=help_text("II.1, II.2 …"))
    p.add_argument("events", nargs="*", help=help_text("mã hoạt động (8 ký tự đầu trở lên)"))
    p.add_argument("--clear", action="store_true", help=help_text("bỏ đánh dấu mọi sự kiện của nhiệm vụ"))
    p = command(plan, "reference", "số, ngày ban hành của Kế hoạch", cmd_plan_reference)
    p.add_argument("--number", help=help_text("ví dụ 123/KH-UBND"))
    p.add_argument("--date", help=help_text("dd/mm/yyyy"))
    p = command(plan, "allocations", "xem kinh phí đã phân bổ", cmd_plan_allocations)

    keys = _actions(sub, "keys", help_text("khóa của máy"))
    p = command(keys, "show", "xem mã nhận diện; ghi tệp đăng ký gửi Sở", cmd_keys_show)
    p.add_argument("--enrolment-file", help=help_text("ghi tệp đăng ký vào đường dẫn này"))

    unit_cmd = _actions(sub, "unit", help_text("đơn vị gửi dữ liệu (tại Sở)"))
    p = command(unit_cmd, "register", "đăng ký máy của đơn vị từ tệp đăng ký hoặc một gói của đơn vị", cmd_unit_register)
    p.add_argument("file", help=help_text("tệp đăng ký (.json) hoặc gói (.ttdn) của đơn vị"))
    p.add_argument("--yes", action="store_true", help=help_text("đã đối chiếu mã nhận diện qua điện thoại"))

    p = command(unit_cmd, "revoke", "thu hồi khóa của máy đơn vị (mất máy, cài lại)", cmd_unit_revoke)
    p.add_argument("unit", help=help_text("mã đơn vị hoặc mã máy"))

    p = command(sub, "export", "xuất gói dữ liệu gửi Sở", cmd_export)
    p.add_argument("--to", required=True, help=help_text("thư mục (hoặc tên tệp .ttdn) để ghi gói"))
    p.add_argument("--full", action="store_true", help=help_text("gửi lại toàn bộ, không chỉ phần mới"))
    p.add_argument("--max-volume-mb", type=float, default=20, help=help_text("dung lượng tối đa mỗi tập (MB), mặc định 20 cho thư điện tử"))
    p.add_argument("--counts-only", action="store_true", help=help_text("không gửi họ tên, số điện thoại đại biểu, chỉ gửi số lượng"))
    p.add_argument("--format", choices=("1.0", "1.2"), help=help_text("phiên bản định dạng gói: 1.2 gọn nhất; 1.0 cho Sở chưa cập nhật chương trình"))

    p = command(sub, "import", "nhận gói dữ liệu, biên nhận hoặc gói cấu hình", cmd_import, creates=True)
    p.add_argument("paths", nargs="+", help=help_text("các tệp gói (.ttdn) hoặc biên nhận"))
    p.add_argument("--dry-run", action="store_true", help=help_text("chỉ xem trước, không thay đổi dữ liệu"))
    p.add_argument("--yes", action="store_true", help=help_text("đã đối chiếu mã nhận diện của Sở (gói cấu hình đầu tiên)"))

    p = command(sub, "receipt", "lập biên nhận gửi đơn vị (tại Sở)", cmd_receipt)
    p.add_argument("--for", dest="for_unit", required=True, help=help_text("mã đơn vị"))
    p.add_argument("--to", required=True, help=help_text("thư mục để ghi"))

    config = _actions(sub, "config", help_text("gói cấu hình"))
    p = command(config, "export", "xuất gói cấu hình cho các đơn vị (tại Sở)", cmd_config_export)
    p.add_argument("--to", required=True, help=help_text("thư mục để ghi"))
    p = command(config, "import", "nhận gói cấu hình của Sở", cmd_config_import, creates=True)
    p.add_argument("path", help=help_text("tệp gói cấu hình (.ttdn)"))
    p.add_argument("--yes", action="store_true", help=help_text("đã đối chiếu mã nhận diện của Sở"))

    backup_cmd = _actions(sub, "backup", help_text("sao lưu và khôi phục"))
    p = command(backup_cmd, "list", "liệt kê các bản sao lưu (mới nhất trước)", cmd_backup)
    p = command(backup_cmd, "create", "sao lưu ngay (cơ sở dữ liệu và tệp đính kèm)", cmd_backup)
    p = command(backup_cmd, "restore", "kiểm tra rồi khôi phục một bản sao lưu", cmd_backup)
    p.add_argument("name", help=help_text(BACKUP_NAME))
    p.add_argument("--yes", action="store_true", help=help_text("xác nhận thay dữ liệu hiện tại"))
    p = command(backup_cmd, "copy", "chép một bản sao lưu ra USB hoặc thư mục khác", cmd_backup)
    p.add_argument("name", help=help_text(BACKUP_NAME))
    p.add_argument("--to", required=True, help=help_text("ổ USB hoặc thư mục"))

    p = command(sub, "demo", "tạo dữ liệu mẫu", cmd_demo)
    p.add_argument("--activities", type=int, required=True, help=help_text("số hoạt động mẫu"))
    p.add_argument("--seed", type=int, default=0, help=help_text("hạt giống ngẫu nhiên (cùng số: cùng dữ liệu)"))
    name_arguments(parser)
    return parser


def _log_crash(args) -> None:
    """Put the unexpected error in the data folder's support log too."""
    from desktop_app.core import support_log

    try:
        data_dir = resolve_data_dir(getattr(args, "data_dir", None)).path
        support_log.setup(data_dir, program="cli")
        support_log.log_exception(*sys.exc_info())
        support_log.teardown(data_dir)
    except OSError:
        pass


def _refused(args, exc: TtdnError) -> int:
    """Say why a command was refused (nothing was changed); exit code 1."""
    lang = _lang()
    try:
        if args.json:
            error: dict[str, Any] = {"key": exc.key, "message": exc.message(lang), "params": exc.params}
            if isinstance(exc, ValidationFailed):
                error["issues"] = [i.as_dict(lang) for i in exc.issues]
            _print_json({"error": error})
        print(say("error") + exc.message(lang), file=sys.stderr)
    except BrokenPipeError:
        _quiet_stdout()
    return 1


_OS_REASONS = {errno.ENOENT: "os.not_found", errno.EACCES: "os.denied", errno.EPERM: "os.denied", errno.EISDIR: "os.is_folder",
               errno.ENOTDIR: "os.not_folder", errno.ENOSPC: "os.disk_full", errno.EROFS: "os.read_only", errno.EEXIST: "os.exists"}


def _os_reason(exc: OSError) -> str:
    from desktop_app.core.messages import render

    key = _OS_REASONS.get(exc.errno or -1)
    return render(key, {}, _lang()) if key else (exc.strerror or str(exc))


def _quiet_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush finds no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    out = Output(args.json)
    try:
        return args.func(args, out)
    except TtdnError as exc:
        return _refused(args, exc)
    except KeyboardInterrupt:
        print(say("stopped"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # ``ttdn stats | head``: the reader has what it wanted
        _quiet_stdout()
        return 0
    except OSError as exc:  # a file or folder the user named: say which, in words
        return _refused(args, TtdnError("file.os_error", path=exc.filename or "", detail=_os_reason(exc)))
    except json.JSONDecodeError as exc:
        name = getattr(args, "file", None) or getattr(args, "path", None) or "?"
        return _refused(args, TtdnError("json.invalid", path=str(name), line=exc.lineno, column=exc.colno, detail=exc.msg))
    except Exception:  # a bug: say so plainly, keep the details for whoever fixes it
        import traceback

        traceback.print_exc()
        _log_crash(args)
        print(say("bug"), file=sys.stderr)
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
