"""Activities: create, update, tombstone, read; validation of the JSON shape in README.

Only the unit that owns an activity edits it. Deleting sets the tombstone flag on the
activity and on its participants and attachments, so the deletion travels in sync
packages and an older copy cannot bring it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from sqlalchemy.orm import Session

from desktop_app.core.db.models import Activity, CatalogItem, Installation, OrgUnit
from desktop_app.core.domain.enums import ActivityKind, ActivityStatus, Catalog
from desktop_app.core.domain.fields import FieldReader
from desktop_app.core.domain.kinds import FIELD_COLUMNS, LIST_FIELDS
from desktop_app.core.domain.rules import UNIT_STATUSES, check_record, number_limit, text_limit
from desktop_app.core.errors import Issue, ValidationFailed
from desktop_app.core.services.attachments import attach_file
from desktop_app.core.services.catalogs import CatalogIndex
# get_activity and require_owned are part of this module's API too (they live in ownership).
from desktop_app.core.services.ownership import get_activity, owned_activity, require_owned, resolve_activity_id  # noqa: F401
from desktop_app.core.services.participants import add_participants

# JSON field -> meaning; the shape is documented in README.md.
ACTIVITY_FIELDS = {
    "kind",
    "title",
    "date",
    "date_to",
    "plan_task",
    "product_type",
    "event_type",
    "product",
    "themes",
    "languages",
    "channels",
    "place",
    "quantity",
    "copies",
    "minutes",
    "times_aired",
    "audience",
    "cost",
    "description",
    "status",
    "attachments",
    "participants",
}
READ_ONLY_FIELDS = {"id", "unit", "origin_id", "version", "deleted", "created_at", "updated_at", "recorded_by"}

LOCAL_STATUSES = UNIT_STATUSES
KIND_CHOICES = {
    **{k.value: k.value for k in ActivityKind},
    "san pham": "product",
    "phat song": "broadcast",
    "dang tai": "broadcast",
    "su kien": "event",
    "hoi nghi": "event",
    "khac": "other",
}
STATUS_CHOICES = {s.value: s.value for s in ActivityStatus} | {"nhap": "draft", "da gui": "submitted"}
# The activity's own columns (lists, files and participants are rows of other tables).
SCALAR_COLUMNS = tuple(
    sorted(
        {"date": "date_from", "plan_task": "plan_task_id", **FIELD_COLUMNS}.get(name, name)
        for name in ACTIVITY_FIELDS - {*LIST_FIELDS, "attachments", "participants"}
    )
)


@dataclass
class ActivityInput:
    """Validated values of one activity, ready to store."""

    values: dict[str, Any]
    themes: list[str] | None = None  # catalog item ids; None: unchanged
    languages: list[str] | None = None
    channels: list[str] | None = None
    attachments: list[Path] = field(default_factory=list)
    personal_attachments: set[Path] = field(default_factory=set)  # marked as holding personal data
    participants: list[Mapping[str, Any]] | None = None
    warnings: list[Issue] = field(default_factory=list)


def read_activity(
    data: Mapping[str, Any],
    index: CatalogIndex,
    *,
    current: Activity | None = None,
    base_dir: Path | None = None,
    allow_participants: bool = False,
) -> ActivityInput:
    """Validate ``data`` (a whole activity, or the changed fields of ``current``).
    Raises :class:`ValidationFailed` listing every error."""
    if not isinstance(data, Mapping):
        raise ValidationFailed([Issue("record.not_object")])
    allowed = ACTIVITY_FIELDS | READ_ONLY_FIELDS
    if not allow_participants:
        allowed = allowed - {"participants"}
    r = FieldReader(data, allowed)
    creating = current is None

    def take(name: str) -> bool:
        return creating or r.has(name)

    values: dict[str, Any] = {}
    if take("kind"):
        values["kind"] = r.choice("kind", KIND_CHOICES, required=True)
    if take("title"):
        values["title"] = r.text("title", required=True, max_length=text_limit("activity", "title"))
    if take("date"):
        values["date_from"] = r.date("date", required=True)
    if take("date_to"):
        values["date_to"] = r.date("date_to")
    if take("status"):
        values["status"] = r.choice("status", STATUS_CHOICES) or ActivityStatus.DRAFT.value
    for name in ("place", "description"):
        if take(name):
            values[name] = r.text(name, max_length=text_limit("activity", name))
    for name in ("quantity", "copies", "times_aired", "audience", "cost"):
        if take(name):
            values[name] = r.number(name, maximum=number_limit("activity", name))
    if take("minutes"):
        values["minutes"] = r.number("minutes", integer=False, maximum=number_limit("activity", "minutes"))

    def catalog_code(catalog: str):
        def resolve(code: str) -> str | None:
            ref = index.find_item(catalog, code)
            return ref.id if ref else None

        return resolve

    for name, catalog in (("product_type", Catalog.PRODUCT_TYPE), ("event_type", Catalog.EVENT_TYPE)):
        if take(name):
            code = r.text(name)
            ref = index.find_item(catalog, code) if code else None
            if code and ref is None:
                r.error(name, "catalog.unknown_code", value=code)
            values[f"{name}_id"] = ref.id if ref else None
    themes = r.codes("themes", catalog_code(Catalog.THEME)) if take("themes") else None
    languages = r.codes("languages", catalog_code(Catalog.LANGUAGE)) if take("languages") else None
    channels = r.codes("channels", catalog_code(Catalog.CHANNEL)) if take("channels") else None
    if creating:
        themes, languages, channels = themes or [], languages or [], channels or []

    # Rules on the record as it will be stored: the same ones sync packages are held to.
    merged = {c: getattr(current, c) for c in SCALAR_COLUMNS} if current is not None else {}
    merged.update(values)
    day_from, day_to = merged.get("date_from"), merged.get("date_to")
    record, only = _rule_values(merged, values, current, data, themes=themes, languages=languages, channels=channels)
    r.issues += check_record("activity", record, only=only)
    if take("plan_task"):
        code = r.text("plan_task")
        task = index.task_for(code, day_from) if code else None
        if code and task is None:
            r.error("plan_task", "plan.unknown_task", value=code)
        values["plan_task_id"] = task.id if task else None
        merged["plan_task_id"] = values["plan_task_id"]
    kind = merged.get("kind")
    failed = {i.field for i in r.issues}
    if kind == ActivityKind.PRODUCT and not merged.get("product_type_id") and "product_type" not in failed:
        r.error("product_type", "activity.product_type_required")
    language_ids = languages if languages is not None else [i.id for i in current.languages]
    if kind in (ActivityKind.PRODUCT, ActivityKind.BROADCAST) and not language_ids and "languages" not in failed:
        r.error("languages", "activity.language_required")
    theme_ids = themes if themes is not None else [i.id for i in current.themes]
    if kind == ActivityKind.PRODUCT and not theme_ids and "themes" not in failed:
        r.warn("themes", "activity.no_theme")
    if day_from and merged.get("plan_task_id"):
        task = index.tasks_by_id[merged["plan_task_id"]]
        for name, day in (("date", day_from), ("date_to", day_to)):
            if day and not task.start <= day <= task.end:
                r.warn(
                    name,
                    "date.outside_plan",
                    value=day.strftime("%d/%m/%Y"),
                    start=task.start.strftime("%d/%m/%Y"),
                    end=task.end.strftime("%d/%m/%Y"),
                )
    elif day_from and take("date") and not any(t.start <= day_from <= t.end for t in index.tasks_by_id.values()):
        r.warn("date", "date.no_plan", value=day_from.strftime("%d/%m/%Y"))

    attachments: list[Path] = []
    personal_attachments: set[Path] = set()
    if r.has("attachments"):
        raw = data.get("attachments")
        if not isinstance(raw, list):
            r.error("attachments", "field.not_list")
        else:
            for entry in raw:
                path_text = entry.get("path") if isinstance(entry, Mapping) else entry
                if not isinstance(path_text, str) or not path_text.strip():
                    r.error("attachments", "attachment.bad_entry")
                    continue
                path = Path(path_text).expanduser()
                if not path.is_absolute() and base_dir is not None:
                    path = base_dir / path
                if not path.is_file():
                    r.error("attachments", "attachment.missing_file", path=str(path))
                    continue
                attachments.append(path)
                if isinstance(entry, Mapping) and entry.get("personal") is True:
                    personal_attachments.add(path)
    participants = None
    if allow_participants and r.has("participants"):
        raw = data.get("participants")
        if not isinstance(raw, list):
            r.error("participants", "field.not_list")
        else:
            participants = raw

    errors = [i for i in r.issues if i.severity == "error"]
    if errors:
        raise ValidationFailed(r.issues)
    return ActivityInput(
        values=values,
        themes=themes,
        languages=languages,
        channels=channels,
        attachments=attachments,
        personal_attachments=personal_attachments,
        participants=participants,
        warnings=[i for i in r.issues if i.severity == "warning"],
    )


def _rule_values(
    merged: dict[str, Any], values: dict[str, Any], current: Activity | None, data: Mapping[str, Any], **lists: list[str] | None
) -> tuple[dict[str, Any], set[str]]:
    """The record as the rules see it and the fields to check: the changed columns, the
    lists given, and the participants, whose count the kind rule needs (a new event's
    list, or what a record holds when its kind changes)."""
    record, only = dict(merged), set(values)
    for name, ids in lists.items():
        if ids is not None:
            record[name] = ids
            only.add(name)
    if current is None and isinstance(data.get("participants"), list):
        record["participants"] = len(data["participants"])
        only.add("participants")
    if current is not None and "kind" in values:
        for name in lists:
            record.setdefault(name, [i.id for i in getattr(current, name)])
        record["participants"] = sum(1 for p in current.participants if not p.deleted)
    return record, only


def _items(session: Session, ids: list[str]) -> list[CatalogItem]:
    return [session.get(CatalogItem, item_id) for item_id in ids]


def _apply(session: Session, activity: Activity, data: ActivityInput) -> None:
    """Set the validated values; one change is one flush (one version, one audit entry)."""
    with session.no_autoflush:
        for key, value in data.values.items():
            setattr(activity, key, value)
        for name in ("themes", "languages", "channels"):
            ids = getattr(data, name)
            if ids is not None and [i.id for i in getattr(activity, name)] != ids:
                setattr(activity, name, _items(session, ids))


def _check_product_ref(session: Session, activity: Activity) -> None:
    if activity.product_id is None:
        return
    product = session.get(Activity, activity.product_id)
    if product is None or product.deleted or product.kind != ActivityKind.PRODUCT:
        raise ValidationFailed([Issue("activity.bad_product_ref", {"value": activity.product_id}, "product")])


def create_activity(
    session: Session,
    installation: Installation,
    data: Mapping[str, Any],
    *,
    base_dir: Path | None = None,
    files_dir: Path | None = None,
    index: CatalogIndex | None = None,
) -> tuple[Activity, list[Issue]]:
    """Validate and store a new activity of this installation's unit, with its files."""
    index = index or CatalogIndex(session)
    parsed = read_activity(data, index, base_dir=base_dir, allow_participants="participants" in data)
    product_ref = data.get("product") if isinstance(data, Mapping) else None
    activity = Activity(unit_id=installation.unit_id, recorded_by=installation.officer_name)
    _apply(session, activity, parsed)
    if product_ref:
        activity.product_id = resolve_activity_id(session, str(product_ref))
    _check_product_ref(session, activity)
    session.add(activity)
    session.flush()
    warnings = list(parsed.warnings)
    if parsed.attachments:
        for path in parsed.attachments:
            attach_file(session, files_dir, activity, path, personal=path in parsed.personal_attachments)
    if parsed.participants is not None:
        warnings += add_participants(session, activity, parsed.participants, index=index)
    return activity, warnings


def update_activity(
    session: Session, installation: Installation, activity_id: str, data: Mapping[str, Any]
) -> tuple[Activity, list[Issue]]:
    activity = owned_activity(session, installation, activity_id)
    index = CatalogIndex(session)
    parsed = read_activity(data, index, current=activity)
    _apply(session, activity, parsed)
    if isinstance(data, Mapping) and "product" in data:
        activity.product_id = resolve_activity_id(session, str(data["product"])) if data["product"] else None
    _check_product_ref(session, activity)
    session.flush()
    return activity, parsed.warnings


def delete_activity(session: Session, installation: Installation, activity_id: str) -> Activity:
    activity = owned_activity(session, installation, activity_id)
    activity.deleted = True
    for child in (*activity.participants, *activity.attachments):
        child.deleted = True
    session.flush()
    return activity


def activity_to_dict(session: Session, activity: Activity, index: CatalogIndex | None = None) -> dict[str, Any]:
    """The JSON shape of README.md."""
    index = index or CatalogIndex(session)
    unit = session.get(OrgUnit, activity.unit_id)
    task = index.tasks_by_id.get(activity.plan_task_id) if activity.plan_task_id else None
    return {
        "id": activity.id,
        "kind": activity.kind,
        "status": activity.status,
        "title": activity.title,
        "date": activity.date_from.isoformat(),
        "date_to": activity.date_to.isoformat() if activity.date_to else None,
        "unit": {"code": unit.code, "name": unit.name} if unit else None,
        "plan_task": task.code if task else None,
        "product_type": index.code_of(activity.product_type_id),
        "event_type": index.code_of(activity.event_type_id),
        "product": activity.product_id,
        "themes": [i.code for i in activity.themes],
        "languages": [i.code for i in activity.languages],
        "channels": [i.code for i in activity.channels],
        "place": activity.place,
        "quantity": activity.quantity,
        "copies": activity.copies,
        "minutes": activity.minutes,
        "times_aired": activity.times_aired,
        "audience": activity.audience,
        "cost": activity.cost,
        "description": activity.description,
        "recorded_by": activity.recorded_by,
        "attachments": [
            {"name": a.original_name, "size": a.size, "mime_type": a.mime_type, "sha256": a.sha256, "personal": a.personal}
            for a in activity.attachments
            if not a.deleted
        ],
        "participants": sum(1 for p in activity.participants if not p.deleted),
        "origin_id": activity.origin_id,
        "version": f"{activity.ver_origin}:{activity.ver_counter}",
        "deleted": activity.deleted,
        "created_at": activity.created_at.isoformat() if activity.created_at else None,
        "updated_at": activity.updated_at.isoformat() if activity.updated_at else None,
    }
