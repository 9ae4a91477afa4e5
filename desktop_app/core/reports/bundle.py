"""The bundle of digitised products for the ministry's database (plan §IV.1): the files
attached to the product activities of a period, named safely and without personal data
("<date>_<unit code>_<short id>_<original name>"), and an index in JSON and XLSX of every
product of the period (title, catalog codes and names of its type, themes and languages,
channels, quantity, copies, length, plan task, date, unit, whether it has a file) and of
every file (name, size, SHA-256). Products without a digitised file are listed as such.
Written as a folder or, when the output ends in .zip, a zip file; atomically either way.
What counts is the reports' one rule: drafts and products returned for correction are left
out; files not yet received here are listed as missing."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Callable

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity, Attachment, CatalogItem, OrgUnit, activity_language, activity_theme
from desktop_app.core.domain.text import nfc
from desktop_app.core.errors import TtdnError
from desktop_app.core.progress import Progress, no_progress
from desktop_app.core.reports.figures import Scope, scope_conditions
from desktop_app.core.reports.output import atomic_output
from desktop_app.core.files import blob_path

FORMAT = "ttdn-product-bundle"
VERSION = 2  # 2: every product listed ("products"), with catalog codes, channels, quantities and task
FILES = "files"
INDEX_JSON, INDEX_XLSX = "index.json", "index.xlsx"
_STORED = {".jpg", ".jpeg", ".png", ".gif", ".mp4", ".mp3", ".m4a", ".zip", ".docx", ".xlsx", ".pptx", ".pdf", ".webm", ".mov"}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
MAX_NAME = 150


@dataclass(frozen=True)
class BundleItem:
    """One product file, as the index lists it."""

    file: str | None  # relative path in the bundle; None when the file is missing here
    original_name: str
    size: int
    sha256: str
    mime_type: str
    activity_id: str
    title: str
    product_type: str
    themes: list[str]
    languages: list[str]
    date: str  # ISO
    unit: str
    unit_code: str
    minutes: float | None
    product_type_code: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ProductEntry:
    """One product of the period, with or without a file."""

    activity_id: str
    date: str
    unit: str
    unit_code: str
    title: str
    product_type_code: str
    product_type: str
    themes: list[dict[str, str]]  # {"code", "name"}
    languages: list[dict[str, str]]
    channels: list[dict[str, str]]
    quantity: int | None
    copies: int | None
    minutes: float | None
    plan_task: str
    has_file: bool
    files: list[str]  # paths in the bundle

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def product_entries(session: Session, scope: Scope, items: list[BundleItem]) -> list[ProductEntry]:
    """Every counted product of the scope (those without files too)."""
    from desktop_app.core.reports.figures import product_rows

    catalog = {(i.catalog, i.code): i.name_vi for i in session.scalars(select(CatalogItem))}
    files: dict[str, list[str]] = defaultdict(list)
    for item in items:
        if item.file:
            files[item.activity_id].append(item.file)
    coded = lambda kind, codes: [{"code": c, "name": catalog.get((kind, c), c)} for c in codes]  # noqa: E731
    return [
        ProductEntry(
            p.activity_id, p.date_from.isoformat(), p.unit, p.unit_code, p.title, p.product_type, catalog.get(("product_type", p.product_type), ""),
            coded("theme", p.themes), coded("language", p.languages), coded("channel", p.channels), p.quantity, p.copies, p.minutes,
            p.task_code, bool(files.get(p.activity_id)), files.get(p.activity_id, []),
        )
        for p in product_rows(session, scope)
    ]


def safe_name(name: str, limit: int = MAX_NAME) -> str:
    """A file name every file system accepts: NFC, no folders or reserved characters, not
    ending in a dot or space, at most ``limit`` characters (the extension kept)."""
    base = _UNSAFE.sub("_", nfc(name).replace("\\", "/").rsplit("/", 1)[-1]).strip(" .") or "file"
    stem, dot, ext = base.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = base, ""
    ext = f".{ext}" if ext else ""
    return stem[: max(1, limit - len(ext))].rstrip(" .") + ext


def bundle_items(session: Session, scope: Scope, files_dir: Path) -> list[tuple[BundleItem, Path]]:
    """The product files in scope with their stored blob paths, by date, unit and title."""
    period = scope.period
    conditions = [Attachment.deleted.is_(False), Activity.kind == "product", *scope_conditions(scope)]
    rows = session.execute(select(Attachment, Activity).join(Activity, Attachment.activity_id == Activity.id).where(*conditions)).all()
    items = {i.id: i for i in session.scalars(select(CatalogItem))}
    units = {u.id: u for u in session.scalars(select(OrgUnit))}
    ids = list({a.id for _, a in rows})
    links: dict[str, dict[str, list[str]]] = {"theme": defaultdict(list), "language": defaultdict(list)}
    for kind, link in (("theme", activity_theme), ("language", activity_language)):
        for start in range(0, len(ids), 900):
            for activity_id, item_id in session.execute(select(link.c.activity_id, link.c.item_id).where(link.c.activity_id.in_(ids[start : start + 900]))):
                links[kind][activity_id].append(item_id)
    order = lambda i: (items[i].sort_order, items[i].code)  # noqa: E731
    rows.sort(key=lambda r: (r[1].date_from, units[r[1].unit_id].code if r[1].unit_id in units else "", r[1].title, r[0].original_name, r[0].id))
    used: set[str] = set()
    found = []
    for attachment, activity in rows:
        unit = units.get(activity.unit_id)
        code = unit.code if unit else activity.unit_id[:8]
        name = safe_name(f"{activity.date_from:%Y-%m-%d}_{safe_name(code, 40)}_{activity.id[:8]}_{attachment.original_name}")
        stem, ext = os.path.splitext(name)
        n = 1
        while name.casefold() in used:  # Windows folders ignore case
            n += 1
            name = f"{stem}-{n}{ext}"
        used.add(name.casefold())
        source = blob_path(files_dir, attachment.sha256)
        item = BundleItem(
            file=f"{FILES}/{name}" if source.is_file() else None,
            original_name=attachment.original_name,
            size=attachment.size,
            sha256=attachment.sha256,
            mime_type=attachment.mime_type,
            activity_id=activity.id,
            title=activity.title,
            product_type=items[activity.product_type_id].name_vi if activity.product_type_id in items else "",
            themes=[items[i].name_vi for i in sorted(links["theme"][activity.id], key=order)],
            languages=[items[i].name_vi for i in sorted(links["language"][activity.id], key=order)],
            date=activity.date_from.isoformat(),
            unit=unit.name if unit else "",
            unit_code=code,
            minutes=activity.minutes,
            product_type_code=items[activity.product_type_id].code if activity.product_type_id in items else "",
        )
        found.append((item, source))
    return found


def _index(scope: Scope, items: list[BundleItem], products: list[ProductEntry]) -> dict[str, Any]:
    present = [i for i in items if i.file]
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "period": {"label": scope.period.label, "start": scope.period.start.isoformat(), "end": scope.period.end.isoformat()},
        "count": len(present),
        "total_size": sum(i.size for i in present),
        "items": [i.as_dict() for i in present],
        "missing": [i.as_dict() for i in items if not i.file],
        "product_count": len(products),
        "products": [p.as_dict() for p in products],
        "products_without_file": [p.activity_id for p in products if not p.has_file],
    }


def _index_xlsx(items: list[BundleItem], products: list[ProductEntry], path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sản phẩm"
    joined = lambda entries: "; ".join(f"{e['code']} – {e['name']}" for e in entries)  # noqa: E731
    _sheet(
        ws,
        [("STT", 6), ("Ngày", 12), ("Đơn vị", 36), ("Mã đơn vị", 12), ("Nhiệm vụ", 10), ("Mã loại", 12), ("Loại sản phẩm", 14),
         ("Tiêu đề", 60), ("Chủ đề", 40), ("Ngôn ngữ", 20), ("Kênh", 40), ("Số lượng", 10), ("Số bản", 10), ("Thời lượng (phút)", 10),
         ("Có tệp số hóa", 10), ("Tệp", 60)],
        [[n, datetime.fromisoformat(p.date).date(), p.unit, p.unit_code, p.plan_task, p.product_type_code, p.product_type, p.title,
          joined(p.themes), joined(p.languages), joined(p.channels), p.quantity, p.copies, p.minutes, "Có" if p.has_file else "Chưa có",
          "; ".join(p.files)] for n, p in enumerate(products, 1)],
        ["", None, "Tổng cộng", "", "", "", "", f"{len(products)} sản phẩm", "", "", "", sum(p.quantity or 1 for p in products),
         sum(p.copies or 0 for p in products), sum(p.minutes or 0 for p in products), sum(1 for p in products if p.has_file), ""],
        dates=(2,),
    )
    _sheet(
        wb.create_sheet("Tệp"),
        [("Tệp", 60), ("Tiêu đề", 60), ("Loại sản phẩm", 14), ("Chủ đề", 40), ("Ngôn ngữ", 20), ("Ngày", 12), ("Đơn vị", 36),
         ("Mã đơn vị", 12), ("Thời lượng (phút)", 10), ("Tên tệp gốc", 30), ("Dung lượng (byte)", 14), ("SHA-256", 66)],
        [[item.file or "(chưa nhận được tệp)", item.title, item.product_type, "; ".join(item.themes), "; ".join(item.languages),
          datetime.fromisoformat(item.date).date(), item.unit, item.unit_code, item.minutes, item.original_name, item.size, item.sha256]
         for item in items],
        ["Tổng cộng", f"{len(items)} tệp", "", "", "", None, "", "", None, "", sum(i.size for i in items), ""],
        dates=(6,),
    )
    without = [p for p in products if not p.has_file]
    _sheet(
        wb.create_sheet("Chưa có tệp"),
        [("STT", 6), ("Ngày", 12), ("Đơn vị", 36), ("Mã loại", 12), ("Loại sản phẩm", 14), ("Tiêu đề", 60)],
        [[n, datetime.fromisoformat(p.date).date(), p.unit, p.product_type_code, p.product_type, p.title] for n, p in enumerate(without, 1)],
        ["", None, "Tổng cộng", "", "", f"{len(without)} sản phẩm chưa có tệp số hóa"],
        dates=(2,),
    )
    wb.save(str(path))


def _sheet(ws, columns: list[tuple[str, float]], rows: list[list[Any]], total: list[Any], dates: tuple[int, ...] = ()) -> None:
    """A table sheet: bold frozen header, rows, a bold totals row, printed fit to width."""
    ws.append([c for c, _ in columns])
    for i, (_, width) in enumerate(columns):
        ws.cell(row=1, column=i + 1).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = width
    ws.freeze_panes = "A2"
    for row in rows:
        ws.append(row)
        for column in dates:
            ws.cell(row=ws.max_row, column=column).number_format = "DD/MM/YYYY"
    ws.append(total)
    for i in range(len(columns)):
        ws.cell(row=ws.max_row, column=i + 1).font = Font(bold=True)
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def _copy_verified(source: Path, target: Path, sha256: str) -> None:
    """Copy a stored file and check it is the one the record names."""
    digest = hashlib.sha256()
    with open(source, "rb") as src, open(target, "wb") as dst:
        while chunk := src.read(1024 * 1024):
            digest.update(chunk)
            dst.write(chunk)
    if digest.hexdigest() != sha256:
        target.unlink(missing_ok=True)
        raise TtdnError("report.bundle_file_damaged", name=source.name, sha256=sha256)


def write_bundle(
    session: Session,
    scope: Scope,
    files_dir: Path,
    out: Path,
    *,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = lambda: False,
) -> Path:
    """Write the bundle to ``out`` (a folder, or a zip file when it ends in .zip)."""
    found = bundle_items(session, scope, files_dir)
    items = [item for item, _ in found]
    products = product_entries(session, scope, items)
    total = len(found) + 1
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{out.stem[:40]}-", suffix=".part", dir=out.parent))
        work.chmod(0o755)
    except OSError as exc:
        raise TtdnError("report.output_unwritable", path=str(out), detail=str(exc)) from exc
    try:
        (work / FILES).mkdir()
        for n, (item, source) in enumerate(found, 1):
            if cancelled():
                raise TtdnError("operation.cancelled")
            if item.file:
                _copy_verified(source, work / item.file, item.sha256)
            progress(n, total)
        (work / INDEX_JSON).write_text(json.dumps(_index(scope, items, products), ensure_ascii=False, indent=1), encoding="utf-8")
        _index_xlsx(items, products, work / INDEX_XLSX)
        if out.suffix.lower() == ".zip":
            _zip(work, out)
        else:
            _place_folder(work, out)
        progress(total, total)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _zip(work: Path, out: Path) -> None:
    with atomic_output(out) as tmp:
        with zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
            for path in sorted(work.rglob("*")):
                if path.is_file():
                    method = zipfile.ZIP_STORED if path.suffix.lower() in _STORED else zipfile.ZIP_DEFLATED
                    zf.write(path, path.relative_to(work).as_posix(), compress_type=method)


def _place_folder(work: Path, out: Path) -> None:
    """Rename the finished folder into place; an earlier bundle there is replaced, any
    other non-empty folder is left alone."""
    old = None
    if out.exists():
        if out.is_dir() and not any(out.iterdir()):
            out.rmdir()
        elif out.is_dir() and (out / INDEX_JSON).is_file():
            old = out.with_name(f".{out.name}-old-{os.getpid()}")
            os.replace(out, old)
        else:
            raise TtdnError("report.output_exists", path=str(out))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        os.replace(work, out)
    except OSError as exc:
        if old is not None:
            os.replace(old, out)
        raise TtdnError("report.output_unwritable", path=str(out), detail=str(exc)) from exc
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
