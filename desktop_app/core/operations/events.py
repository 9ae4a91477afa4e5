"""Events and their participants: record or change an event with its participant list,
import a list from Excel, the counts and the progress against the delegate target."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from desktop_app.core.domain.enums import ActivityKind
from desktop_app.core.errors import Issue, TtdnError, ValidationFailed
from desktop_app.core.operations._tx import changing, reading
from desktop_app.core.services import activities as service
from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.services.ownership import get_activity, owned_activity
from desktop_app.core.services.participants import (
    ImportResult,
    ListPreview,
    add_participants,
    delete_participant,
    import_list,
    import_sheet,
    update_participant,
)
from desktop_app.core.services.suggestions import Suggestions
from desktop_app.core.services.targets import TargetProgress, delegate_progress, participant_counts
from desktop_app.core.workspace import Workspace

Row = tuple[int, dict[str, Any]]  # (row number in the form, 0-based; participant values)


def prefixed(issues: list[Issue], prefix: str) -> list[Issue]:
    """The issues of one participant, named by its row ("participants[3].phone")."""
    return [
        Issue(i.key, {**i.params, "field": prefix + (i.field or "name")}, prefix + (i.field or "name"), i.severity)
        for i in issues
    ]


@dataclass(frozen=True)
class EventForEditing:
    index: CatalogIndex
    hints: Suggestions  # the plan's tasks (newest plan first) and what fits them
    record: dict[str, Any] | None
    participants: list[tuple[str, dict[str, Any]]]  # (participant id, values), by name
    read_only: bool  # another unit's event


def _participant_values(participant, index: CatalogIndex) -> dict[str, Any]:
    return {
        "name": participant.name,
        "gender": participant.gender,
        "ethnicity": index.code_of(participant.ethnicity_id),
        "birth_year": participant.birth_year,
        "position": participant.position,
        "organization": participant.organization,
        "category": index.code_of(participant.category_id),
        "phone": participant.phone,
    }


def open_event(workspace: Workspace, activity_id: str | None) -> EventForEditing:
    with reading(workspace) as (session, inst):
        index = CatalogIndex(session)
        hints = Suggestions(session, index)
        if activity_id is None:
            return EventForEditing(index, hints, None, [], False)
        activity = get_activity(session, activity_id)
        if activity.deleted:
            raise TtdnError("activity.deleted", id=activity.id)
        people = sorted((p for p in activity.participants if not p.deleted), key=lambda p: (p.sort_key, p.id))
        return EventForEditing(
            index,
            hints,
            service.activity_to_dict(session, activity, index),
            [(p.id, _participant_values(p, index)) for p in people],
            activity.unit_id != inst.unit_id,
        )


def check_event(workspace: Workspace, data: Mapping[str, Any], activity_id: str | None) -> list[Issue]:
    """The core's verdict on the event fields, without storing anything."""
    try:
        with workspace.reading() as session:
            current = get_activity(session, activity_id) if activity_id else None
            service.read_activity(
                {"kind": ActivityKind.EVENT.value, **data} if current is None else data, CatalogIndex(session), current=current
            )
    except ValidationFailed as exc:
        return exc.issues
    return []


@dataclass(frozen=True)
class SavedEvent:
    id: str
    warnings: list[Issue] = field(default_factory=list)


def record_event(workspace: Workspace, data: Mapping[str, Any], participants: Sequence[Mapping[str, Any]]) -> SavedEvent:
    """A new event of this unit with its participants, in one transaction."""
    with changing(workspace) as (session, inst):
        activity, warnings = service.create_activity(
            session,
            inst,
            {"kind": ActivityKind.EVENT.value, **data, "participants": list(participants)},
            files_dir=workspace.db.files_dir,
        )
        return SavedEvent(activity.id, warnings)


def change_event(
    workspace: Workspace,
    activity_id: str,
    data: Mapping[str, Any],
    *,
    removed: Sequence[str] = (),
    changed: Sequence[tuple[int, str, Mapping[str, Any]]] = (),
    added: Sequence[Row] = (),
) -> SavedEvent:
    """Change an event of this unit: its fields, then participants removed, changed
    ((row, id, fields)) and added ((row, values)); issues name the form's rows."""
    with changing(workspace) as (session, inst):
        warnings: list[Issue] = []
        if data:
            warnings += service.update_activity(session, inst, activity_id, data)[1]
        event = owned_activity(session, inst, activity_id)
        for participant_id in removed:
            delete_participant(session, inst, participant_id)
        for row, participant_id, changes in changed:
            prefix = f"participants[{row + 1}]."
            try:
                warnings += prefixed(update_participant(session, inst, participant_id, changes), prefix)
            except ValidationFailed as exc:
                raise ValidationFailed(prefixed(exc.issues, prefix)) from exc
        if added:
            labels = [f"participants[{row + 1}]." for row, _values in added]
            warnings += add_participants(session, event, [values for _row, values in added], labels=labels)
        return SavedEvent(event.id, warnings)


@dataclass(frozen=True)
class Imported:
    event_id: str
    title: str
    count: int
    warnings: list[Issue]


def import_participants(
    workspace: Workspace,
    event_id: str,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: dict[str, int] | None = None,
) -> Imported:
    """Import a participant list from a workbook into one of this unit's events: every row
    or none (a ValidationFailed lists the rows to fix)."""
    with changing(workspace) as (session, inst):
        event = owned_activity(session, inst, event_id)
        count, warnings = import_sheet(session, event, path, sheet=sheet, mapping=mapping)
        return Imported(event.id, event.title, count, warnings)


@dataclass(frozen=True)
class EventDetails:
    record: dict[str, Any]
    owned: bool
    counts: dict[str, Any]


def event_details(workspace: Workspace, activity_id: str) -> EventDetails:
    with reading(workspace) as (session, inst):
        activity = get_activity(session, activity_id)
        return EventDetails(
            service.activity_to_dict(session, activity),
            activity.unit_id == inst.unit_id,
            participant_counts(session, activity.id),
        )


def target_progress(workspace: Workspace, task_code: str) -> TargetProgress:
    with workspace.reading() as session:
        return delegate_progress(session, task_code)


@dataclass(frozen=True)
class ListImport:
    """A participant list imported (or tried, with ``dry_run``) into an event."""

    event_id: str
    title: str
    preview: ListPreview
    result: ImportResult


def import_participant_list(
    workspace: Workspace,
    event_id: str,
    path: Path,
    *,
    mode: str = "merge",
    dry_run: bool = False,
    sheet: str | None = None,
    mapping: dict[str, int] | None = None,
    convert_legacy: bool = False,
    refuse_legacy: bool = True,
) -> ListImport:
    """Read a list (Excel, Word or CSV) and merge it into one of this unit's events; with
    ``dry_run`` nothing is written (the transaction only reads)."""
    with (workspace.reading() if dry_run else workspace.writing()) as session:
        event = owned_activity(session, workspace.require_installation(session), event_id)
        preview, result = import_list(
            session, event, path, mode=mode, dry_run=dry_run, sheet=sheet, mapping=mapping,
            convert_legacy=convert_legacy, refuse_legacy=refuse_legacy,
        )
        return ListImport(event.id, event.title, preview, result)
