"""Office lists in, as the GUI runs them on the database worker: read a participant list
for the preview (with the catalog the preview checks edited rows against and how many
people the event already has), re-check one edited row, import the rows the officer kept."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop_app.core.db.models import Participant
from desktop_app.core.errors import Issue
from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.services.participants import ImportResult, ListPreview, import_people, read_list, read_participant
from desktop_app.core.tabular.people import PersonRow
from desktop_app.core.workspace import Workspace


@dataclass
class ListForImport:
    preview: ListPreview
    catalog: CatalogIndex
    existing: int  # live participants the event already has
    already: int = 0  # people of the file already on the event (what "merge" would skip)


def preview_participant_list(workspace: Workspace, event_id: str, path: Path, **corrections: Any) -> ListForImport:
    """Read ``path`` for the import preview; ``corrections`` as :func:`read_list` takes them."""
    with workspace.reading() as session:
        catalog = CatalogIndex(session)
        existing = session.scalar(
            select(func.count()).select_from(Participant).where(Participant.activity_id == event_id, Participant.deleted.is_(False))
        ) or 0
    preview = read_list(Path(path), catalog, **corrections)
    for person in preview.people:
        recheck(person, catalog)
    already = 0
    if existing:
        from desktop_app.core.services.activities import get_activity

        with workspace.reading() as session:
            dry = import_people(session, get_activity(session, event_id), preview.people, mode="merge", dry_run=True, index=catalog)
        already = dry.count("duplicate")
    return ListForImport(preview, catalog, int(existing), already)


def recheck(person: PersonRow, catalog: CatalogIndex) -> list[Issue]:
    """The problems of ``person`` as it now stands (after the reader's own findings)."""
    reader_issues = [i for i in person.issues if i.key.startswith("import.") or i.key == "participant.bad_phone"]
    _values, issues = read_participant(person.values, catalog, prefix=person.label)
    seen = {(i.key, i.field) for i in reader_issues}
    person.issues = reader_issues + [i for i in issues if (i.key, i.field) not in seen]
    return person.issues


def import_participant_rows(workspace: Workspace, event_id: str, rows: list[PersonRow], mode: str = "merge", dry_run: bool = False) -> ImportResult:
    """Import the officer's rows into the event (one transaction; nothing on a failure)."""
    from desktop_app.core.services.activities import get_activity, require_owned

    with workspace.writing() as session:
        event = get_activity(session, event_id)
        require_owned(workspace.require_installation(session), event)
        return import_people(session, event, rows, mode=mode, dry_run=dry_run)


# --- activity registers -----------------------------------------------------------------------


@dataclass
class RegisterForImport:
    preview: Any  # RegisterPreview
    check: ImportResult  # what an import would do now (a dry run)


def preview_register(workspace: Workspace, path: Path, **corrections: Any) -> RegisterForImport:
    """Read an activity register and check every row as an import would (nothing stored)."""
    from desktop_app.core.services.register import import_rows, read_register

    with workspace.reading() as session:
        catalog = CatalogIndex(session)
        preview = read_register(Path(path), catalog, **corrections)
        check = import_rows(session, workspace.require_installation(session), preview.rows, dry_run=True, catalog=catalog)
    return RegisterForImport(preview, check)


def check_register_rows(workspace: Workspace, rows: list) -> ImportResult:
    from desktop_app.core.services.register import import_rows

    with workspace.reading() as session:
        return import_rows(session, workspace.require_installation(session), rows, dry_run=True)


def import_register_rows(workspace: Workspace, rows: list) -> ImportResult:
    """Add the register's right rows as activities of this unit (one transaction)."""
    from desktop_app.core.services.register import import_rows

    with workspace.writing() as session:
        return import_rows(session, workspace.require_installation(session), rows, files_dir=workspace.db.files_dir)
