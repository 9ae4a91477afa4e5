"""Participants of events (personal data: collect only what is needed; phone optional).

Participants come one by one, with an event's JSON, or from an office list (Excel, Word,
CSV) read by :mod:`desktop_app.core.tabular`. An import is checked row by row before
anything is stored: rows with errors are reported and left out, duplicates of people
already on the event (or earlier in the same file) are not added twice, and the rows
that are right are stored in one transaction. A file that cannot be read changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity, Participant
from desktop_app.core.domain.enums import ActivityKind, Catalog, Gender
from desktop_app.core.domain.fields import FieldReader
from desktop_app.core.domain.legacy_encoding import looks_legacy_encoded
from desktop_app.core.domain.rules import check_record, text_limit
from desktop_app.core.domain.text import fold
from desktop_app.core.errors import Issue, TtdnError, ValidationFailed
from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.services.ownership import require_owned
from desktop_app.core.services.units import find_unit
from desktop_app.core.tabular import people
from desktop_app.core.tabular.layout import Layout, analyse, best_grid
from desktop_app.core.tabular.people import PersonRow
from desktop_app.core.tabular.sources import converted, read_grids

PARTICIPANT_FIELDS = {
    "name",
    "gender",
    "ethnicity",
    "birth_year",
    "position",
    "organization",
    "unit",
    "category",
    "phone",
    "note",
    "absent",
}
GENDER_CHOICES = {
    "male": Gender.MALE.value,
    "female": Gender.FEMALE.value,
    "other": Gender.OTHER.value,
    "nam": Gender.MALE.value,
    "nu": Gender.FEMALE.value,
    "khac": Gender.OTHER.value,
    "m": Gender.MALE.value,
    "f": Gender.FEMALE.value,
}


def read_participant(data: Mapping[str, Any], index: CatalogIndex, *, prefix: str = "") -> tuple[dict[str, Any], list[Issue]]:
    """Clean column values of one participant and the issues found (errors and warnings)."""
    if not isinstance(data, Mapping):
        return {}, [Issue("record.not_object", {}, prefix.rstrip(".") or None)]
    r = FieldReader(data, PARTICIPANT_FIELDS, prefix=prefix)
    values: dict[str, Any] = {
        "name": r.text("name", required=True, max_length=text_limit("participant", "name")),
        "gender": r.choice("gender", GENDER_CHOICES, shown="nam, nữ, khác"),
        "birth_year": r.number("birth_year"),
        "position": r.text("position", max_length=text_limit("participant", "position")),
        "organization": r.text("organization", max_length=text_limit("participant", "organization")),
        "phone": r.text("phone", max_length=text_limit("participant", "phone")),
        "note": r.text("note", max_length=text_limit("participant", "note")),
        "absent": bool(data.get("absent")),
    }
    # The rules on the stored values: the same ones sync packages are held to.
    r.issues += check_record("participant", values, prefix=prefix)
    for name, catalog in (("ethnicity", Catalog.ETHNICITY), ("category", Catalog.PARTICIPANT_CATEGORY)):
        text = r.text(name)
        ref = index.find_item(catalog, text) if text else None
        if text and ref is None:
            r.error(name, "catalog.unknown_code", value=text)
        values[f"{name}_id"] = ref.id if ref else None
    values["unit_code"] = r.text("unit")
    for name in ("name", "position", "organization"):
        if looks_legacy_encoded(values.get(name)):
            r.warn(name, "text.legacy_encoding", value=values[name])
    return values, r.issues


def _resolve_unit(session: Session, code: str | None) -> str | None:
    if not code:
        return None
    return find_unit(session, code).id


def add_participants(
    session: Session,
    event: Activity,
    rows: Iterable[Mapping[str, Any]],
    *,
    index: CatalogIndex | None = None,
    labels: list[str] | None = None,
) -> list[Issue]:
    """Validate every row, then store them all; raise :class:`ValidationFailed` if any
    fails. ``labels`` name the rows in messages (default ``participants[N].``)."""
    if event.kind != ActivityKind.EVENT:
        raise TtdnError("participant.not_event", id=event.id)
    index = index or CatalogIndex(session)
    parsed: list[dict[str, Any]] = []
    issues: list[Issue] = []
    for number, row in enumerate(rows, start=1):
        prefix = labels[number - 1] if labels else f"participants[{number}]."
        values, row_issues = read_participant(row, index, prefix=prefix)
        issues += row_issues
        if values.get("unit_code"):
            try:
                values["unit_id"] = _resolve_unit(session, values["unit_code"])
            except TtdnError as exc:
                issues.append(Issue(exc.key, {**exc.params, "field": prefix + "unit"}, prefix + "unit"))
        values.pop("unit_code", None)
        parsed.append(values)
    if any(i.severity == "error" for i in issues):
        raise ValidationFailed(issues)
    for values in parsed:
        session.add(Participant(activity_id=event.id, **values))
    session.flush()
    return [i for i in issues if i.severity == "warning"]


# --- office lists ----------------------------------------------------------------------

IMPORT_MODES = ("merge", "replace", "append")
# Row outcomes of an import.
ADDED, DUPLICATE, DUPLICATE_IN_FILE, REJECTED, EXCLUDED = "added", "duplicate", "duplicate_in_file", "rejected", "excluded"


@dataclass
class ListPreview:
    """A participant list as read: where its table is, and every person row."""

    path: Path
    sheets: list[str]
    layout: Layout
    people: list[PersonRow]

    @property
    def sheet(self) -> str:
        return self.layout.grid.name

    @property
    def legacy(self) -> str | None:
        return self.layout.grid.legacy

    def describe(self) -> dict[str, Any]:
        return {**self.layout.describe(), "sheets": self.sheets, "rows": len(self.people)}


def _finders(index: CatalogIndex):
    def find_ethnicity(text: str) -> str | None:
        ref = index.find_item(Catalog.ETHNICITY, text)
        return ref.code if ref else None

    categories = {ref.code: ref.name_vi for ref in index.by_code.get(Catalog.PARTICIPANT_CATEGORY, {}).values()}
    return find_ethnicity, categories


def read_list(
    path: Path,
    index: CatalogIndex,
    *,
    sheet: str | None = None,
    header: tuple[int, int] | None = None,
    mapping: dict[str, int] | None = None,
    last_row: int | None = None,
    convert_legacy: bool = False,
) -> ListPreview:
    """Read a participant list (.xlsx, .docx, .csv). ``header`` (1-based first and last
    header rows), ``mapping`` (field -> 0-based column) and ``last_row`` (1-based, the last
    data row) are the officer's corrections; ``convert_legacy`` converts TCVN3/VNI text."""
    grids = read_grids(path)
    names = [g.name for g in grids]
    if sheet is not None:
        chosen = next((g for g in grids if g.name == sheet), None)
        if chosen is None:
            raise TtdnError("xlsx.no_sheet", sheet=sheet, sheets=", ".join(names))
    else:
        chosen = best_grid(people.VOCABULARY, grids)
    # The structure is found on converted text (headers and totals are typed in the old
    # encoding too); the values stay as typed unless the officer confirmed the conversion.
    layout = analyse(
        people.VOCABULARY,
        converted(chosen),
        header=(header[0] - 1, header[1] - 1) if header else None,
        mapping=mapping,
        last_row=last_row - 1 if last_row else None,
    )
    if not convert_legacy:
        layout.grid = chosen
    if "name" not in layout.mapping:
        raise TtdnError("table.no_name_column", sheet=chosen.name)
    find_ethnicity, categories = _finders(index)
    rows = people.read_people(layout, find_ethnicity=find_ethnicity, categories=categories)
    return ListPreview(Path(path), names, layout, rows)


def same_person(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two records name one person: the same name (ignoring accents and case), no
    different birth year or gender, and the same phone, or else the same organisation."""
    if fold(a.get("name")) != fold(b.get("name")) or not fold(a.get("name")):
        return False
    if a.get("birth_year") and b.get("birth_year") and a["birth_year"] != b["birth_year"]:
        return False
    if a.get("gender") and b.get("gender") and a["gender"] != b["gender"]:
        return False
    if a.get("phone") and b.get("phone"):
        return _digits(a["phone"]) == _digits(b["phone"])
    if a.get("organization") and b.get("organization"):
        return fold(a["organization"]) == fold(b["organization"])
    return True


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


@dataclass
class RowOutcome:
    row: int
    status: str  # added | duplicate | duplicate_in_file | rejected | excluded
    values: dict[str, Any]
    issues: list[Issue] = field(default_factory=list)
    same_as: str | None = None  # the name (and row) it duplicates

    def as_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "row": self.row,
            "status": self.status,
            "name": self.values.get("name"),
            "same_as": self.same_as,
            "issues": [i.as_dict(lang) for i in self.issues],
        }


@dataclass
class ImportResult:
    mode: str
    outcomes: list[RowOutcome]
    removed: int = 0  # replace: participants taken off the list
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def added(self) -> int:
        return self.count(ADDED)

    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in (ADDED, DUPLICATE, DUPLICATE_IN_FILE, REJECTED, EXCLUDED)} | {"removed": self.removed}

    def as_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {"mode": self.mode, "dry_run": self.dry_run, **self.summary(), "rows": [o.as_dict(lang) for o in self.outcomes]}


def _existing(session: Session, event: Activity) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Participant.name, Participant.birth_year, Participant.gender, Participant.phone, Participant.organization).where(
            Participant.activity_id == event.id, Participant.deleted.is_(False)
        )
    )
    return [dict(zip(("name", "birth_year", "gender", "phone", "organization"), r)) for r in rows]


def import_people(
    session: Session,
    event: Activity,
    rows: list[PersonRow],
    *,
    mode: str = "merge",
    dry_run: bool = False,
    index: CatalogIndex | None = None,
) -> ImportResult:
    """Store the right rows of a read list into ``event``.

    ``merge`` (the default) adds only people not yet on the event; ``replace`` takes the
    current list off (tombstones, so the change travels) and stores this one; ``append``
    adds every row. In every mode a person twice in the file is added once, and rows with
    errors or excluded by the officer are reported, not stored. ``dry_run`` stores nothing."""
    if mode not in IMPORT_MODES:
        raise TtdnError("import.bad_mode", value=mode, options=", ".join(IMPORT_MODES))
    if event.kind != ActivityKind.EVENT:
        raise TtdnError("participant.not_event", id=event.id)
    index = index or CatalogIndex(session)
    existing = [] if mode in ("replace", "append") else _existing(session, event)
    taken: list[tuple[int, dict[str, Any]]] = []
    outcomes: list[RowOutcome] = []
    to_store: list[dict[str, Any]] = []
    for person in rows:
        if person.excluded:
            outcomes.append(RowOutcome(person.row, EXCLUDED, person.values))
            continue
        values, issues = read_participant(person.values, index, prefix=person.label)
        issues = [*person.issues, *issues]
        if values.get("unit_code"):
            try:
                values["unit_id"] = _resolve_unit(session, values["unit_code"])
            except TtdnError as exc:
                issues.append(Issue(exc.key, {**exc.params, "field": person.label + "unit"}, person.label + "unit"))
        values.pop("unit_code", None)
        if any(i.severity == "error" for i in issues):
            outcomes.append(RowOutcome(person.row, REJECTED, person.values, issues))
            continue
        earlier = next((row for row, other in taken if same_person(values, other)), None)
        if earlier is not None:
            issue = Issue("import.duplicate_in_file", {"field": person.label + "name", "row": earlier}, person.label + "name", "warning")
            outcomes.append(RowOutcome(person.row, DUPLICATE_IN_FILE, person.values, [*issues, issue], f"row {earlier}"))
            continue
        match = next((other for other in existing if same_person(values, other)), None)
        if match is not None:
            issue = Issue("import.already_listed", {"field": person.label + "name", "name": match["name"]}, person.label + "name", "warning")
            outcomes.append(RowOutcome(person.row, DUPLICATE, person.values, [*issues, issue], match["name"]))
            continue
        taken.append((person.row, values))
        to_store.append(values)
        outcomes.append(RowOutcome(person.row, ADDED, person.values, issues))
    result = ImportResult(mode, outcomes, dry_run=dry_run)
    if dry_run:
        if mode == "replace":
            result.removed = len(_existing(session, event))
        return result
    if mode == "replace":
        for participant in session.scalars(
            select(Participant).where(Participant.activity_id == event.id, Participant.deleted.is_(False))
        ):
            participant.deleted = True
            result.removed += 1
    for values in to_store:
        session.add(Participant(activity_id=event.id, **values))
    session.flush()
    return result


def import_list(
    session: Session,
    event: Activity,
    path: Path,
    *,
    mode: str = "merge",
    dry_run: bool = False,
    sheet: str | None = None,
    mapping: dict[str, int] | None = None,
    convert_legacy: bool = False,
    refuse_legacy: bool = False,
) -> tuple[ListPreview, ImportResult]:
    """Read ``path`` and import it into ``event`` (the CLI's one call). With
    ``refuse_legacy``, TCVN3/VNI text not confirmed for conversion stops the import."""
    index = CatalogIndex(session)
    preview = read_list(path, index, sheet=sheet, mapping=mapping, convert_legacy=convert_legacy)
    if refuse_legacy and preview.legacy and not convert_legacy:
        raise TtdnError("import.legacy_found", encoding=preview.legacy.upper())
    if not preview.people:
        raise TtdnError("xlsx.empty", path=str(path))
    return preview, import_people(session, event, preview.people, mode=mode, dry_run=dry_run, index=index)


def import_sheet(
    session: Session,
    event: Activity,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: dict[str, int] | None = None,
) -> tuple[int, list[Issue]]:
    """Import a list with the safe default (merge): (people added, issues of every row)."""
    _preview, result = import_list(session, event, path, sheet=sheet, mapping=mapping)
    return result.added, [i for o in result.outcomes for i in o.issues]


# --- one participant -----------------------------------------------------------------


def _owned_participant(session: Session, installation, participant_id: str) -> Participant:
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise TtdnError("participant.not_found", id=participant_id)
    if participant.deleted:
        raise TtdnError("participant.deleted", id=participant_id)
    require_owned(installation, session.get(Activity, participant.activity_id))
    return participant


def update_participant(session: Session, installation, participant_id: str, changes: Mapping[str, Any]) -> list[Issue]:
    """Change the given fields of one participant (of an event of this unit)."""
    participant = _owned_participant(session, installation, participant_id)
    index = CatalogIndex(session)
    current = {
        "name": participant.name,
        "gender": participant.gender,
        "birth_year": participant.birth_year,
        "position": participant.position,
        "organization": participant.organization,
        "phone": participant.phone,
        "ethnicity": index.code_of(participant.ethnicity_id),
        "category": index.code_of(participant.category_id),
    }
    if not isinstance(changes, Mapping):
        raise ValidationFailed([Issue("record.not_object")])
    values, issues = read_participant({**current, **changes}, index)
    if "unit" in changes and values.get("unit_code"):
        try:
            values["unit_id"] = _resolve_unit(session, values["unit_code"])
        except TtdnError as exc:
            issues.append(Issue(exc.key, {**exc.params, "field": "unit"}, "unit"))
    elif "unit" in changes:
        values["unit_id"] = None
    values.pop("unit_code", None)
    if any(i.severity == "error" for i in issues):
        raise ValidationFailed(issues)
    with session.no_autoflush:
        for key, value in values.items():
            if getattr(participant, key) != value:
                setattr(participant, key, value)
    session.flush()
    return [i for i in issues if i.severity == "warning"]


def delete_participant(session: Session, installation, participant_id: str) -> Participant:
    participant = _owned_participant(session, installation, participant_id)
    participant.deleted = True
    session.flush()
    return participant
