"""Participants of events (personal data: collect only what is needed; phone optional).

Participants come one by one, with an event's JSON, or from a spreadsheet. A spreadsheet
is read completely and checked before anything is stored: any row in error rejects the
import (nothing half-written) with the list of rows to fix. Text that looks typed in
TCVN3 or VNI is flagged so the officer converts it (for example with Unikey) first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity, Participant
from desktop_app.core.domain.enums import ActivityKind, Catalog, Gender
from desktop_app.core.domain.fields import FieldReader
from desktop_app.core.domain.legacy_encoding import looks_legacy_encoded
from desktop_app.core.domain.rules import check_record, text_limit
from desktop_app.core.domain.text import fold
from desktop_app.core.errors import Issue, TtdnError, ValidationFailed
from desktop_app.core.services.catalogs import CatalogIndex

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
    from desktop_app.core.services.units import find_unit

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


# --- spreadsheets --------------------------------------------------------------------

# Header words (folded) that name each field; the first matching column wins.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("ho va ten", "ho ten", "ten dai bieu", "name", "full name", "ho va ten dai bieu"),
    "gender": ("gioi tinh", "gioi", "gender", "sex", "nam/nu"),
    "ethnicity": ("dan toc", "ethnicity"),
    "birth_year": ("nam sinh", "birth year", "year of birth", "nam sinh (yyyy)"),
    "position": ("chuc vu", "chuc danh", "position", "title"),
    "organization": ("don vi", "co quan", "don vi cong tac", "co quan, don vi", "organization", "organisation"),
    "unit": ("ma don vi", "unit code"),
    "category": ("thanh phan", "doi tuong", "nhom", "category"),
    "phone": ("so dien thoai", "dien thoai", "sdt", "phone", "dt"),
}


@dataclass
class SheetPreview:
    """What a spreadsheet holds and how its columns map to fields."""

    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[str, int]  # field -> column index (0-based)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (sheet row number, values)


def guess_mapping(headers: list[str]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    folded = [fold(h).rstrip(":*") for h in headers]
    for field_name, aliases in HEADER_ALIASES.items():
        for column, header in enumerate(folded):
            if header in aliases and column not in mapping.values():
                mapping[field_name] = column
                break
    return mapping


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip() or None
    return value


def read_sheet(path: Path, *, sheet: str | None = None, mapping: dict[str, int] | None = None) -> SheetPreview:
    """Read a participant list: find the header row (the first with a name column among
    the first 15 rows), map columns, and return the non-empty rows below it."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from zipfile import BadZipFile

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise TtdnError("xlsx.unreadable", path=str(path), detail=str(exc)) from exc
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise TtdnError("xlsx.no_sheet", sheet=sheet, sheets=", ".join(workbook.sheetnames))
        ws = workbook[sheet] if sheet else workbook.worksheets[0]
        all_rows = [tuple(_cell(v) for v in row) for row in ws.iter_rows(values_only=True)]
    finally:
        workbook.close()
    header_index = None
    for i, row in enumerate(all_rows[:15]):
        headers = ["" if v is None else str(v) for v in row]
        if "name" in guess_mapping(headers):
            header_index = i
            break
    if header_index is None and mapping is None:
        raise TtdnError("xlsx.no_header", path=str(path))
    header_index = header_index or 0
    headers = ["" if v is None else str(v) for v in all_rows[header_index]] if all_rows else []
    chosen = mapping if mapping is not None else guess_mapping(headers)
    preview = SheetPreview(ws.title, header_index + 1, headers, chosen)
    for offset, row in enumerate(all_rows[header_index + 1 :], start=header_index + 2):
        values = {f: row[c] for f, c in chosen.items() if c < len(row) and row[c] is not None}
        if not values:
            continue
        if "name" not in values and all(isinstance(v, (int, float)) for v in values.values()):
            continue  # a numbering or totals row
        preview.rows.append((offset, {k: v if isinstance(v, (int, float)) else str(v) for k, v in values.items()}))
    return preview


def import_sheet(
    session: Session,
    event: Activity,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: dict[str, int] | None = None,
) -> tuple[int, list[Issue]]:
    """Import a participant list into ``event``: all rows or none; issues name sheet rows."""
    preview = read_sheet(path, sheet=sheet, mapping=mapping)
    if not preview.rows:
        raise TtdnError("xlsx.empty", path=str(path))
    rows = [values for _, values in preview.rows]
    labels = [f"row {sheet_row}." for sheet_row, _ in preview.rows]
    warnings = add_participants(session, event, rows, labels=labels)
    return len(rows), warnings


# --- one participant -----------------------------------------------------------------


def _owned_participant(session: Session, installation, participant_id: str) -> Participant:
    from desktop_app.core.services.activities import require_owned

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
