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
