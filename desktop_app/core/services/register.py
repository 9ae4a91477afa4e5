"""Existing activity registers ("sổ theo dõi") into activities.

Offices keep one row per item they produced or aired: date, title, type, minutes, times
aired, channel, language, theme. The same header detection as participant lists finds
the table; each row becomes a product activity of this unit, checked like one typed in
the form. Rows already recorded (same unit, same day, same title ignoring accents and
case) or repeated in the file are reported and not added again, so a unit can bring in
its year so far more than once without doubling it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop_app.core.domain.enums import Catalog
from desktop_app.core.domain.text import fold
from desktop_app.core.errors import Issue, TtdnError, ValidationFailed
from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.services.participants import (
    ADDED,
    DUPLICATE,
    DUPLICATE_IN_FILE,
    EXCLUDED,
    REJECTED,
    ImportResult,
    RowOutcome,
)
from desktop_app.core.tabular.layout import DATA, Layout, Vocabulary, analyse, best_grid, first_match, text_of
from desktop_app.core.tabular.sources import converted, read_grids

_PATTERNS = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("stt", r"^(stt|tt|so tt|so thu tu)$"),
        ("date", r"^(ngay|ngay thang|ngay phat|ngay dang|ngay thuc hien|thoi gian|ngay san xuat|ngay phat song)\b"),
        ("title", r"^(ten tin|ten bai|ten tin, bai|ten tin bai|tieu de|ten san pham|ten chuong trinh|ten chuyen muc|noi dung|ten)\b"),
        ("product_type", r"^(loai|the loai|loai san pham|hinh thuc|dang san pham)\b"),
        ("minutes", r"(thoi luong|so phut|phut)"),
        ("times_aired", r"(so lan phat|luot phat|so lan|so buoi)"),
        ("channel", r"^(kenh|phuong tien|noi phat|noi dang|kenh phat|kenh dang)"),
        ("language", r"^(ngon ngu|tieng)"),
        ("themes", r"^(chu de|nhom chu de)"),
        ("quantity", r"^(so luong|sl)$"),
        ("copies", r"^(so ban|so to)"),
        ("cost", r"^(kinh phi|chi phi)"),
        ("note", r"^(ghi chu|note)"),
    )
)


def classify(parts: list[str]) -> str | None:
    return first_match(parts, _PATTERNS)


VOCABULARY = Vocabulary(classify, "title", frozenset({"stt", "note"}))

_TYPES = {"tin": "TIN", "tin bai": "TIN", "bai": "BAI", "bai viet": "BAI", "chuyen muc": "CHUYEN_MUC", "chuong trinh": "CHUYEN_MUC",
          "infographic": "INFOGRAPHIC", "to roi": "TO_ROI", "to gap": "TO_ROI", "video": "VIDEO", "video clip": "VIDEO", "clip": "VIDEO",
          "phong su": "VIDEO"}
_LANGUAGES = {"viet": "vi", "tieng viet": "vi", "vi": "vi", "khmer": "km", "tieng khmer": "km", "khome": "km", "hoa": "zh",
              "tieng hoa": "zh", "trung": "zh", "zh": "zh", "km": "km"}
_CHANNELS = (
    (r"truyen thanh (cap )?xa|loa|dai xa|dai truyen thanh xa", "TRUYEN_THANH_XA"),
    (r"truyen thanh.*huyen|huyen|ttvh|trung tam", "TRUYEN_THANH_HUYEN"),
    (r"phat thanh.*truyen hinh|ptth|stv", "DAI_PTTH"),
    (r"facebook|zalo|youtube|tiktok|fanpage|mang xa hoi", "MANG_XA_HOI"),
    (r"cong (thong tin|ttdt)|trang (thong tin|tin) dien tu|website", "CONG_TTDT"),
    (r"bao dien tu", "BAO_DIEN_TU"),
    (r"bao in|bao giay", "BAO_IN"),
    (r"luu dong|xe tuyen truyen", "LUU_DONG"),
    (r"pano|bang ron|ap phich", "PANO"),
)


@dataclass
class RegisterRow:
    row: int
    values: dict[str, Any]  # activity JSON (as ``activity add`` takes)
    issues: list[Issue] = field(default_factory=list)
    excluded: bool = False

    @property
    def label(self) -> str:
        return f"row {self.row}."


@dataclass
class RegisterPreview:
    path: Path
    sheets: list[str]
    layout: Layout
    rows: list[RegisterRow]


def _date_of(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and 20000 < value < 80000:
        return (datetime(1899, 12, 30) + timedelta(days=int(value))).date().isoformat()
    return text_of(value) if value is not None else None


def _minutes_of(value: Any) -> Any:
    if isinstance(value, str):
        text = fold(value).replace("phut", "").replace("'", "").strip()
        clock = re.fullmatch(r"(\d+):(\d{1,2})", text)
        if clock:
            return int(clock.group(1)) + int(clock.group(2)) / 60
        return text.replace(",", ".")
    if isinstance(value, datetime):  # "00:05:30" typed as a time
        return value.hour * 60 + value.minute + value.second / 60
    return value


def _split(value: Any) -> list[str]:
    return [p.strip() for p in re.split(r"[,;/+\n]| và ", text_of(value)) if p.strip()] if value is not None else []


def _read_row(layout: Layout, index_: int, catalog: CatalogIndex, number: int) -> RegisterRow:
    grid, mapping = layout.grid, layout.mapping
    row = RegisterRow(number, {"kind": "product"})
    values = row.values

    def cell(name: str) -> Any:
        column = mapping.get(name)
        return grid.cell(index_, column) if column is not None else None

    def warn(name: str, key: str, **params: Any) -> None:
        row.issues.append(Issue(key, {"field": row.label + name, **params}, row.label + name, "warning"))

    values["title"] = text_of(cell("title")) if cell("title") is not None else None
    values["date"] = _date_of(cell("date"))
    raw_type = cell("product_type")
    type_text = text_of(raw_type) if raw_type is not None else (values["title"] or "").split(":")[0]
    code = _TYPES.get(fold(type_text))
    if code is None and raw_type is not None:
        ref = catalog.find_item(Catalog.PRODUCT_TYPE, text_of(raw_type))
        code = ref.code if ref else None
        if code is None:
            warn("product_type", "register.unknown_type", value=text_of(raw_type))
            code = "KHAC"
    values["product_type"] = code
    languages = []
    for part in _split(cell("language")) or ["vi"]:
        found = _LANGUAGES.get(fold(part))
        if found is None:
            warn("languages", "register.unknown_value", value=part)
        elif found not in languages:
            languages.append(found)
    values["languages"] = languages or ["vi"]
    channels, unknown = [], []
    for part in _split(cell("channel")):
        ref = catalog.find_item(Catalog.CHANNEL, part)
        found = ref.code if ref else next((c for pattern, c in _CHANNELS if re.search(pattern, fold(part))), None)
        if found is None:
            unknown.append(part)
            warn("channels", "register.unknown_value", value=part)
        elif found not in channels:
            channels.append(found)
    values["channels"] = channels
    themes = []
    for part in _split(cell("themes")):
        digits = re.search(r"\d", part)
        code = f"CD{digits.group(0)}" if digits else part
        ref = catalog.find_item(Catalog.THEME, code)
        if ref is None:
            warn("themes", "register.unknown_value", value=part)
        elif ref.code not in themes:
            themes.append(ref.code)
    values["themes"] = themes
    for name in ("times_aired", "quantity", "copies", "cost"):
        if cell(name) is not None:
            values[name] = cell(name)
    if cell("minutes") is not None:
        values["minutes"] = _minutes_of(cell("minutes"))
    notes = [text_of(cell("note"))] if cell("note") is not None else []
    if unknown:
        notes.append("Kênh: " + ", ".join(unknown))
    if notes:
        values["description"] = "; ".join(notes)
    return row


def read_register(path: Path, catalog: CatalogIndex, *, sheet: str | None = None, header=None, mapping=None,
                  last_row: int | None = None, convert_legacy: bool = False) -> RegisterPreview:
    grids = read_grids(path)
    names = [g.name for g in grids]
    chosen = next((g for g in grids if g.name == sheet), None) if sheet else best_grid(VOCABULARY, grids)
    if chosen is None:
        raise TtdnError("xlsx.no_sheet", sheet=sheet, sheets=", ".join(names))
    layout = analyse(VOCABULARY, converted(chosen), header=(header[0] - 1, header[1] - 1) if header else None,
                     mapping=mapping, last_row=last_row - 1 if last_row else None)
    if not convert_legacy:
        layout.grid = chosen
    if "title" not in layout.mapping or "date" not in layout.mapping:
        raise TtdnError("register.no_columns", sheet=chosen.name)
    rows = [_read_row(layout, info.index, catalog, info.index + 1) for info in layout.rows if info.kind == DATA]
    return RegisterPreview(Path(path), names, layout, rows)


def import_rows(session: Session, installation, rows: list[RegisterRow], *, dry_run: bool = False,
                catalog: CatalogIndex | None = None, files_dir: Path | None = None) -> ImportResult:
    """Add each right row as an activity of this unit; report the others."""
    from desktop_app.core.services.activities import create_activity, read_activity
    from desktop_app.core.services.duplicates import likely_duplicates
    from desktop_app.core.domain.periods import parse_date

    catalog = catalog or CatalogIndex(session)
    outcomes: list[RowOutcome] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        if row.excluded:
            outcomes.append(RowOutcome(row.row, EXCLUDED, row.values))
            continue
        data = {k: v for k, v in row.values.items() if v not in (None, [], "")}
        if "II.1" in catalog.tasks:
            data.setdefault("plan_task", "II.1")
        try:
            parsed = read_activity(data, catalog)
        except ValidationFailed as exc:
            issues = [Issue(i.key, {**i.params, "field": row.label + (i.field or "")}, row.label + (i.field or ""), i.severity) for i in exc.issues]
            outcomes.append(RowOutcome(row.row, REJECTED, row.values, [*row.issues, *issues]))
            continue
        day = parse_date(str(data["date"]))
        key = (day.isoformat(), fold(data["title"]))
        if key in seen:
            issue = Issue("import.duplicate_in_file", {"field": row.label + "title", "row": seen[key]}, row.label + "title", "warning")
            outcomes.append(RowOutcome(row.row, DUPLICATE_IN_FILE, row.values, [*row.issues, issue]))
            continue
        seen[key] = row.row
        existing = likely_duplicates(session, installation.unit_id, data["title"], day)
        if existing:
            issue = Issue("import.already_listed", {"field": row.label + "title", "name": existing[0][1]}, row.label + "title", "warning")
            outcomes.append(RowOutcome(row.row, DUPLICATE, row.values, [*row.issues, issue], existing[0][0]))
            continue
        warnings = list(parsed.warnings)
        if not dry_run:
            _activity, warnings = create_activity(session, installation, data, files_dir=files_dir, index=catalog)
        outcomes.append(RowOutcome(row.row, ADDED, row.values, [*row.issues, *warnings]))
    return ImportResult("merge", outcomes, dry_run=dry_run)


def import_register(session: Session, installation, path: Path, *, dry_run: bool = False, sheet: str | None = None,
                    convert_legacy: bool = False) -> tuple[RegisterPreview, ImportResult]:
    catalog = CatalogIndex(session)
    preview = read_register(path, catalog, sheet=sheet, convert_legacy=convert_legacy)
    if preview.layout.grid.legacy and not convert_legacy:
        raise TtdnError("import.legacy_found", encoding=preview.layout.grid.legacy.upper())
    return preview, import_rows(session, installation, preview.rows, dry_run=dry_run, catalog=catalog)
