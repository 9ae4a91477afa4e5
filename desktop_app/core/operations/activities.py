"""Activities: record, change, delete, show and list them; what the form needs to open.

Each function owns its transaction; ownership (only the recording unit changes an
activity) and validation happen in the services it calls. Results are plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping, Sequence

from desktop_app.core.db import dialect
from desktop_app.core.domain.enums import ActivityKind
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.errors import Issue, NotFound, ValidationFailed
from desktop_app.core.operations._tx import changing, reading
from desktop_app.core.services import activities as service
from desktop_app.core.services.activity_list import (
    ActivityFilter,
    ActivityKey,
    ActivityRow,
    count_activities,
    first_page,
    offset_is_cheap,
    list_activities as _list_rows,
    page_ends,
    position_of,
    unit_and_descendants,
)
from desktop_app.core.services.attachments import StoredFile, attach_file, list_attachments, remove_attachment, set_attachment_personal
from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.services.duplicates import likely_duplicates
from desktop_app.core.services.ownership import get_activity
from desktop_app.core.services.suggestions import Suggestions, copy_for_new_date, usual_choices
from desktop_app.core.services.units import display_name, find_unit
from desktop_app.core.workspace import Workspace


@dataclass(frozen=True)
class Saved:
    """An activity as stored, with the core's warnings about it."""

    id: str
    title: str
    record: dict[str, Any]  # the JSON shape of README.md
    warnings: list[Issue] = field(default_factory=list)


def record_activities(
    workspace: Workspace,
    records: Sequence[Any],
    *,
    base_dir: Path | None = None,
    kind: str | None = None,
) -> list[Saved]:
    """Store several new activities (JSON objects) in one transaction: one bad record
    refuses them all (its number is in the error). ``kind`` forces the kind (``event add``)."""
    saved = []
    with changing(workspace) as (session, inst):
        index = CatalogIndex(session)
        results = []
        for number, record in enumerate(records, start=1):
            if kind is not None and isinstance(record, dict):
                record = {"kind": kind, **record}
            try:
                activity, warnings = service.create_activity(
                    session, inst, record, base_dir=base_dir, files_dir=workspace.db.files_dir, index=index
                )
            except ValidationFailed as exc:
                if len(records) > 1:
                    exc.params["record"] = number
                raise
            results.append((activity, warnings))
        session.flush()
        for activity, warnings in results:
            saved.append(Saved(activity.id, activity.title, service.activity_to_dict(session, activity, index), warnings))
    return saved


def _file_changes(
    session, workspace: Workspace, inst, activity, attach: Sequence[Path], remove: Sequence[str], personal: Mapping[Path | str, bool]
) -> None:
    """``personal`` marks files as holding personal data: files to attach by path, stored
    attachments by id."""
    for attachment_id in remove:
        remove_attachment(session, inst, activity.id, attachment_id)
    for path in attach:
        attach_file(session, workspace.db.files_dir, activity, path, personal=bool(personal.get(path)))
    for key, flag in personal.items():
        if isinstance(key, str) and key not in remove:
            set_attachment_personal(session, inst, key, flag)


def record_activity(
    workspace: Workspace,
    data: Mapping[str, Any],
    *,
    attach: Sequence[Path] = (),
    base_dir: Path | None = None,
    personal: Mapping[Path | str, bool] = {},
) -> Saved:
    """Store one new activity of this unit, with files to attach."""
    with changing(workspace) as (session, inst):
        activity, warnings = service.create_activity(
            session, inst, data, base_dir=base_dir, files_dir=workspace.db.files_dir
        )
        _file_changes(session, workspace, inst, activity, attach, (), personal)
        session.flush()
        return Saved(activity.id, activity.title, service.activity_to_dict(session, activity), warnings)


def change_activity(
    workspace: Workspace,
    activity_id: str,
    data: Mapping[str, Any],
    *,
    attach: Sequence[Path] = (),
    remove: Sequence[str] = (),
    personal: Mapping[Path | str, bool] = {},
) -> Saved:
    """Change the given fields of one of this unit's activities, and its files."""
    with changing(workspace) as (session, inst):
        activity, warnings = service.update_activity(session, inst, activity_id, data)
        _file_changes(session, workspace, inst, activity, attach, remove, personal)
        session.flush()
        return Saved(activity.id, activity.title, service.activity_to_dict(session, activity), warnings)


def delete_activity(workspace: Workspace, activity_id: str) -> Saved:
    """Delete (tombstone) one of this unit's activities, with its participants and files."""
    with changing(workspace) as (session, inst):
        activity = service.delete_activity(session, inst, activity_id)
        return Saved(activity.id, activity.title, {"deleted": activity.id, "title": activity.title})


def show_activity(workspace: Workspace, ref: str) -> dict[str, Any]:
    """One activity (a full id or a unique prefix of 8 characters) in the JSON shape."""
    with workspace.reading() as session:
        return service.activity_to_dict(session, get_activity(session, ref))


@dataclass(frozen=True)
class ActivityPage:
    total: int
    rows: list[ActivityRow]


def activity_filter(
    workspace: Workspace,
    *,
    search: str | None = None,
    period: str | None = None,
    unit: str | None = None,
    kinds: Sequence[str] = (),
    statuses: Sequence[str] = (),
    include_deleted: bool = False,
) -> ActivityFilter:
    """A filter from what a user types: a period label, a unit code or name."""
    flt = ActivityFilter(search=search)
    if period:
        flt.period = parse_period(period)
    if unit:
        with workspace.reading() as session:
            flt.unit_ids = unit_and_descendants(session, find_unit(session, unit).id)
    flt.kinds = list(kinds)
    flt.statuses = list(statuses)
    flt.include_deleted = include_deleted
    return flt


def list_activities(
    workspace: Workspace,
    flt: ActivityFilter,
    *,
    limit: int | None = 100,
    after: ActivityRow | ActivityKey | None = None,
    count: bool = True,
) -> ActivityPage:
    """The activities matching ``flt`` (newest first, ``limit`` rows after ``after``) and how many match."""
    if count and after is None and limit is not None:  # what the list shows first: the hot path
        with dialect.quick_read(workspace.db.engine, workspace.db.session) as reader:
            return ActivityPage(*first_page(reader, flt, limit))
    with workspace.reading() as session:
        total = count_activities(session, flt) if count else -1
        rows = _list_rows(session, flt, limit=limit, after=after)
    return ActivityPage(total, rows)


def activity_position(workspace: Workspace, flt: ActivityFilter, activity_id: str) -> int | None:
    """The row of ``activity_id`` in the list ``flt`` describes (None: not listed)."""
    with workspace.reading() as session:
        return position_of(session, flt, activity_id)


def activity_window(
    workspace: Workspace,
    flt: ActivityFilter,
    *,
    number: int,
    size: int,
    total: int,
    after: ActivityKey | None,
    ends: list[ActivityKey] | None,
) -> tuple[list[ActivityRow], list[ActivityKey] | None]:
    """Page ``number`` (of ``size`` rows) of the list: after the key of the page before
    when the table has it, from the end for the last pages, by an offset in the list-order
    index when the filter is covered by it, else through the keys of every page's last
    row (``ends``, computed once and returned for the next call)."""
    with workspace.reading() as session:
        if number == 0:
            rows = _list_rows(session, flt, limit=size)
        elif after is not None:
            rows = _list_rows(session, flt, limit=size, after=after)
        elif ends is None and total - number * size <= 2 * size:
            from_end = _list_rows(session, flt, limit=total - number * size, from_end=True)
            rows = list(reversed(from_end))[:size]
        elif ends is None and offset_is_cheap(session, flt):  # skipped in the index: ms at row 100,000
            rows = _list_rows(session, flt, limit=size, offset=number * size)
        else:
            if ends is None:
                ends = page_ends(session, flt, size)
            last = ends[number - 1] if number - 1 < len(ends) else None
            rows = _list_rows(session, flt, limit=size, after=last) if last is not None else []
    return rows, ends


def units_below(workspace: Workspace, unit_id: str) -> list[str]:
    """A unit's id and the ids of every unit under it (a district and its communes)."""
    with workspace.reading() as session:
        return unit_and_descendants(session, unit_id)


# --- the activity form ---------------------------------------------------------------


@dataclass(frozen=True)
class ActivityForEditing:
    """What the form needs to open: the catalogs, the stored activity (None when new),
    its files, whose it is and why it may not be changed here (None: it may)."""

    index: CatalogIndex
    unit_id: str
    record: dict[str, Any] | None
    files: list[StoredFile]
    refused: str | None  # "activity.deleted" or "activity.not_owner"
    owner_name: str | None
    hints: Suggestions  # the plan's tasks and what fits them, read once
    usual: dict[str, dict[str, list[str]]]  # a new form: the unit's usual lists per kind


def open_activity(workspace: Workspace, activity_id: str | None) -> ActivityForEditing:
    with reading(workspace) as (session, inst):
        index = CatalogIndex(session)
        hints = Suggestions(session, index)
        if activity_id is None:
            usual = {
                kind.value: usual_choices(session, inst.unit_id, kind.value, index)
                for kind in (ActivityKind.PRODUCT, ActivityKind.BROADCAST)
            }
            return ActivityForEditing(index, inst.unit_id, None, [], None, None, hints, usual)
        activity = get_activity(session, activity_id)
        refused = None
        if activity.deleted:
            refused = "activity.deleted"
        elif activity.unit_id != inst.unit_id:
            refused = "activity.not_owner"
        return ActivityForEditing(
            index,
            activity.unit_id,
            service.activity_to_dict(session, activity, index),
            list_attachments(session, activity.id),
            refused,
            display_name(session, activity.unit),
            hints,
            {},
        )


@dataclass(frozen=True)
class Check:
    """The core's verdict on a form's input, without storing anything."""

    issues: list[Issue]
    twins: list[tuple[str, str, date]]  # likely duplicates: (id, title, date)


def check_activity(
    workspace: Workspace, data: Mapping[str, Any], activity_id: str | None, unit_id: str, day: date | None
) -> Check:
    with workspace.reading() as session:
        current = get_activity(session, activity_id) if activity_id is not None else None
        try:
            issues = service.read_activity(data, CatalogIndex(session), current=current, base_dir=None).warnings
        except ValidationFailed as exc:
            issues = exc.issues
        twins = likely_duplicates(session, unit_id, data.get("title"), day, exclude_id=activity_id)
    return Check(list(issues), list(twins))


def product_choices(workspace: Workspace, unit_id: str, wanted: str | None, limit: int) -> list[tuple[date, str, str]]:
    """(date, title, id) of the unit's newest products, plus ``wanted`` when it is older."""
    with workspace.reading() as session:
        flt = ActivityFilter(kinds=[ActivityKind.PRODUCT.value], unit_ids=[unit_id])
        rows = [(r.date_from, r.title, r.id) for r in _list_rows(session, flt, limit=limit)]
        if wanted and wanted not in {r[2] for r in rows}:  # an older product, or one from a draft
            try:
                product = get_activity(session, wanted)
                rows.append((product.date_from, product.title, product.id))
            except NotFound:
                pass
    return rows


def copy_activity(workspace: Workspace, activity_id: str, day: date | None = None) -> dict[str, Any]:
    """The JSON of a new draft like ``activity_id`` on ``day`` (default: a week later);
    nothing is stored."""
    with workspace.reading() as session:
        return copy_for_new_date(session, activity_id, day)


def usual_values(workspace: Workspace, unit_id: str, kind: str, index: CatalogIndex | None = None) -> dict[str, list[str]]:
    """What the unit usually chooses for this kind of activity (offered first in the form)."""
    with workspace.reading() as session:
        return usual_choices(session, unit_id, kind, index)
