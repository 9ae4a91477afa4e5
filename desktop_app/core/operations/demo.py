"""Realistic demonstration data for trying the program, tests and benchmarks.

``generate(workspace, n, seed)`` adds ``n`` activities spread over kinds, themes,
languages, product types, channels, plan tasks and the plan's year; events among them
have participants, some products have small files. At a unit installation everything
belongs to that unit and is versioned with its origin; at an aggregator it is spread
over the shipped units as if imported from their installations (one origin per unit).
The same seed gives the same records. Rows are written in bulk through the same
helpers the versioning hook uses, and the function returns its own tally of what it
made, in the shape of :func:`desktop_app.core.services.stats.compute_stats`, so a test
can compare the two.
"""

from __future__ import annotations

import random
import struct
import uuid
import zlib
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Callable

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.core.db.models import (
    Activity,
    AuditEntry,
    Attachment,
    Blob,
    Installation,
    Origin,
    OrgUnit,
    Participant,
    Plan,
    PlanTask,
    activity_channel,
    activity_language,
    activity_theme,
)
from desktop_app.core.db.versioning import ChangeContext, arrival_note, audit_row, derived_keys, snapshot_values
from desktop_app.core.domain.enums import ActivityKind, ActivityStatus, Catalog, Role, UnitKind
from desktop_app.core.domain.periods import month_label, quarter_label
from desktop_app.core.errors import TtdnError
from desktop_app.core.progress import Progress, no_progress
from desktop_app.core.services.attachments import store_bytes
from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.workspace import Workspace

BATCH = 5_000

_THEME_TITLES = {
    "CD1": [
        "Tuyên truyền bảo vệ chủ quyền biển, đảo tại {place}",
        "Xây dựng biên giới hòa bình, hữu nghị: cán bộ, nhân dân {place} chung tay",
        "Phổ biến Luật Biên giới quốc gia cho ngư dân {place}",
        "Ngư dân {place} không vi phạm vùng biển nước ngoài",
    ],
    "CD2": [
        "Tiềm năng du lịch cộng đồng ở {place}",
        "Lễ hội Ok Om Bok của đồng bào Khmer {place}",
        "Thu hút đầu tư điện gió ven biển {place}",
        "Nghề làm muối và hành tím {place} gắn với du lịch",
    ],
    "CD3": [
        "Chăm lo nước sạch, nhà ở cho đồng bào Khmer ở {place}",
        "Quyền được học tập của trẻ em dân tộc thiểu số tại {place}",
        "Bảo hiểm y tế cho người dân {place}",
        "Giải quyết việc làm cho lao động nông thôn {place}",
    ],
    "CD4": [
        "Cảnh giác lừa đảo qua mạng viễn thông tại {place}",
        "Nhận diện tin giả trên mạng xã hội: khuyến cáo cho người dân {place}",
        "Phòng chống buôn lậu, gian lận thương mại vùng biên giới biển {place}",
        "Đấu tranh với thông tin xấu độc trên không gian mạng ở {place}",
    ],
}
_KHMER_SUFFIX = [" (ព័ត៌មាន)", " — ព្រំដែន", " (សន្តិសុខ)"]
_CHINESE_SUFFIX = [" (新闻)", " — 边境", " (安全)"]
_PRODUCT_PREFIX = {
    "TIN": "Tin",
    "BAI": "Bài",
    "CHUYEN_MUC": "Chuyên mục",
    "INFOGRAPHIC": "Infographic",
    "TO_ROI": "Tờ rơi",
    "VIDEO": "Video",
    "KHAC": "Sản phẩm",
}
_FAMILY = {
    "KINH": ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Dương", "Đỗ", "Ngô", "Phan"],
    "KHMER": ["Thạch", "Sơn", "Danh", "Kim", "Lâm", "Lý", "Châu", "Trà"],
    "HOA": ["Quách", "Triệu", "Tăng", "Lâm", "Lý", "Trương", "Mã", "Diệp"],
}
_MIDDLE = {"male": ["Văn", "Minh", "Hoàng", "Quốc", "Hữu", "Thanh"], "female": ["Thị", "Ngọc", "Thanh", "Kim", "Mỹ"]}
_GIVEN = {
    "male": ["An", "Bình", "Dũng", "Hùng", "Khánh", "Nam", "Phúc", "Quân", "Sang", "Tuấn", "Sô Phép", "Sa Rươl", "Đạt", "Ân"],
    "female": ["Chi", "Hòa", "Hoà", "Hạnh", "Lan", "Linh", "Mai", "Phương", "Thảo", "Út", "Vy", "Xuân", "Yến", "Sà Rum"],
}
_POSITIONS = ["Phó Chủ tịch UBND", "Công chức Văn hóa - Xã hội", "Trưởng Đài truyền thanh", "Phóng viên", "Biên tập viên", "Chuyên viên", "Phó Giám đốc"]
_DEMO_ORIGIN_NS = uuid.UUID("1d0c4b1e-1f62-4a43-9a3c-3b8a0b5c2f10")


def _png(rng: random.Random, label: str) -> bytes:
    """A small valid PNG (16x16, one colour) carrying ``label`` in a text chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    width = height = 16
    colour = bytes(rng.randrange(256) for _ in range(3))
    raw = b"".join(b"\x00" + colour * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"tEXt", b"Title\x00" + label.encode("utf-8"))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _place(unit: OrgUnit, rng: random.Random) -> str:
    name = unit.short_name or unit.name
    if unit.kind == UnitKind.COMMUNE:
        name = unit.name
        for prefix in ("Xã ", "Thị trấn ", "Phường "):
            if name.startswith(prefix):
                name = prefix.lower() + name[len(prefix) :]
        if "Hòa" in name and rng.random() < 0.5:
            name = name.replace("Hòa", "Hoà")  # old-style tone placement, still common
    return name


class _Tally:
    def __init__(self) -> None:
        self.c: dict[str, Counter] = {
            k: Counter()
            for k in (
                "by_unit",
                "by_kind",
                "by_status",
                "by_product_type",
                "by_theme",
                "by_language",
                "by_channel",
                "by_month",
                "by_quarter",
                "by_gender",
                "by_ethnicity",
                "by_category",
            )
        }
        self.total = self.cost = self.participants = self.attachments = 0

    def as_stats(self) -> dict[str, Any]:
        def d(name: str) -> dict[str, int]:
            return dict(self.c[name])

        return {
            "activities": {
                "total": self.total,
                "cost_total": self.cost,
                **{k: d(k) for k in ("by_unit", "by_kind", "by_status", "by_product_type", "by_theme", "by_language", "by_channel", "by_month", "by_quarter")},
            },
            "participants": {
                "total": self.participants,
                "by_gender": d("by_gender"),
                "by_ethnicity": d("by_ethnicity"),
                "by_category": d("by_category"),
            },
            "attachments": self.attachments,
        }


class _Writer:
    """Collects rows and writes them in batches, with their audit entries."""

    def __init__(self, session: Session, actor: str | None, mode: str) -> None:
        self.session = session
        self.actor = actor
        self.mode = mode
        self.rows: dict[Any, list[dict[str, Any]]] = {}
        self.audit: list[dict[str, Any]] = []

    def add(self, model_or_table, values: dict[str, Any], *, audit_origin: str | None = None) -> None:
        table = getattr(model_or_table, "__table__", model_or_table)
        if hasattr(model_or_table, "__table__"):
            values.update(derived_keys(model_or_table, values))
            if "ver_origin" in values:
                context = ChangeContext(origin_id=audit_origin, actor=self.actor, mode=self.mode)
                local = self.mode == "local"
                after = snapshot_values(model_or_table, values) if local else arrival_note(values)
                self.audit.append(
                    audit_row(context, table.name, values["id"], "create" if local else self.mode, None, after, values["updated_at"])
                )
        self.rows.setdefault(table, []).append(values)

    def flush(self) -> None:
        blobs = self.rows.pop(Blob.__table__, [])
        if blobs:
            shas = [b["sha256"] for b in blobs]
            known = set(self.session.scalars(select(Blob.sha256).where(Blob.sha256.in_(shas))))
            fresh = {b["sha256"]: b for b in blobs if b["sha256"] not in known}
            if fresh:
                self.session.execute(insert(Blob.__table__), list(fresh.values()))
        for table in [Activity.__table__, Participant.__table__, Attachment.__table__]:
            rows = self.rows.pop(table, None)
            if rows:
                self.session.execute(insert(table), rows)
        for table, rows in list(self.rows.items()):
            self.session.execute(insert(table), rows)
        self.rows.clear()
        if self.audit:
            self.session.execute(insert(AuditEntry.__table__), self.audit)
            self.audit = []


def _recording_units(session: Session, inst: Installation, plan_start: date) -> list[OrgUnit]:
    if inst.role == Role.UNIT:
        return [session.get(OrgUnit, inst.unit_id)]
    units = [
        u
        for u in session.scalars(select(OrgUnit).where(OrgUnit.deleted.is_(False)).order_by(OrgUnit.code))
        if u.kind in (UnitKind.COMMUNE, UnitKind.CENTRE, UnitKind.PRESS) or u.code == "STTTT"
    ]
    return [u for u in units if (u.valid_from is None or u.valid_from <= plan_start) and (u.valid_to is None or u.valid_to >= plan_start)]


def generate(
    workspace: Workspace,
    count: int,
    seed: int = 0,
    *,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = lambda: False,
) -> dict[str, Any]:
    if count < 0:
        raise TtdnError("demo.bad_count", value=count)
    rng = random.Random(seed)
    tally = _Tally()
    with workspace.db.transaction() as session:
        inst = workspace.require_installation(session)
        index = CatalogIndex(session)
        plan = session.scalars(select(Plan).where(Plan.deleted.is_(False)).order_by(Plan.year.desc())).first()
        if plan is None:
            raise TtdnError("plan.missing")
        tasks = {t.code: t for t in session.scalars(select(PlanTask).where(PlanTask.plan_id == plan.id))}
        units = _recording_units(session, inst, plan.start_date)
        aggregator = inst.role == Role.AGGREGATOR
        mode = "import" if aggregator else "local"
        writer = _Writer(session, inst.officer_name, mode)
        codes = {c: list(index.by_code[c].values()) for c in index.by_code}
        product_types = [r for r in codes[Catalog.PRODUCT_TYPE] if r.code != "KHAC"]
        themes = codes[Catalog.THEME]
        languages = {r.code: r for r in codes[Catalog.LANGUAGE]}
        channels = codes[Catalog.CHANNEL]
        categories = codes[Catalog.PARTICIPANT_CATEGORY]
        ethnicities = {r.code: r for r in codes[Catalog.ETHNICITY]}
        event_types = {r.code: r for r in codes[Catalog.EVENT_TYPE]}
        days = (plan.end_date - plan.start_date).days + 1

        # Versions: the local origin's counter, or one origin per unit at an aggregator.
        if aggregator:
            origins = {u.id: uuid.uuid5(_DEMO_ORIGIN_NS, f"{seed}:{u.code}").hex for u in units}
            counters = {}
            for unit_id, origin in origins.items():
                if session.get(Origin, origin) is None:
                    session.add(Origin(id=origin, unit_id=unit_id, is_local=False, note="demo"))
                counters[origin] = max(
                    (
                        session.scalar(select(func.max(model.ver_counter)).where(model.ver_origin == origin)) or 0
                        for model in (Activity, Participant, Attachment)
                    ),
                )
            session.flush()
        else:
            origins = {units[0].id: inst.origin_id}
            counters = {inst.origin_id: inst.counter}

        def version(unit_id: str, stamp: datetime) -> dict[str, Any]:
            origin = origins[unit_id]
            counters[origin] += 1
            return {
                "origin_id": origin,
                "ver_origin": origin,
                "ver_counter": counters[origin],
                "vv": {origin: counters[origin]},
                "deleted": False,
                "created_at": stamp,
                "updated_at": stamp,
            }

        def new_id() -> str:
            return str(uuid.UUID(int=rng.getrandbits(128), version=4))

        def add_participants(event_id: str, unit: OrgUnit, n: int, stamp: datetime, training: bool) -> None:
            for _ in range(n):
                gender = "female" if rng.random() < 0.45 else "male"
                eth = rng.choices(["KINH", "KHMER", "HOA"], weights=[50, 40, 10])[0]
                name = f"{rng.choice(_FAMILY[eth])} {rng.choice(_MIDDLE[gender])} {rng.choice(_GIVEN[gender])}"
                category = rng.choice(categories[:-1] if training else categories)
                values = {
                    "id": new_id(),
                    "activity_id": event_id,
                    "name": name,
                    "gender": gender,
                    "ethnicity_id": ethnicities[eth].id,
                    "birth_year": rng.randint(1965, 2000),
                    "position": rng.choice(_POSITIONS),
                    "organization": unit.name,
                    "unit_id": None,
                    "category_id": category.id,
                    "phone": f"09{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.3 else None,
                    **version(unit.id, stamp),
                }
                writer.add(Participant, values, audit_origin=values["ver_origin"])
                tally.participants += 1
                tally.c["by_gender"][gender] += 1
                tally.c["by_ethnicity"][eth] += 1
                tally.c["by_category"][category.code] += 1

        # At an aggregator one of the activities is the plan's training conference (II.2).
        conference_at = rng.randrange(count) if aggregator and "II.2" in tasks and count else -1
        for i in range(count):
            if cancelled():
                raise TtdnError("operation.cancelled")
            unit = units[i % len(units)] if aggregator and i % 3 else rng.choice(units)
            roll = rng.random()
            kind = (
                ActivityKind.PRODUCT
                if roll < 0.58
                else ActivityKind.BROADCAST
                if roll < 0.90
                else ActivityKind.EVENT
                if roll < 0.93
                else ActivityKind.OTHER
            )
            training = i == conference_at
            if training:
                kind = ActivityKind.EVENT
                unit = next((u for u in units if u.code == "STTTT"), unit)
            task = tasks.get("II.2") if training else tasks.get("II.1") if kind != ActivityKind.OTHER else None
            if training and task is not None and task.time_from:
                day = task.time_from + timedelta(days=rng.randrange((task.time_to - task.time_from).days + 1))
            else:
                day = plan.start_date + timedelta(days=rng.randrange(days))
            stamp = datetime.combine(day, time(8 + rng.randrange(9), rng.randrange(60)), tzinfo=UTC)
            chosen_themes = rng.sample(themes, k=rng.choices([1, 2, 3], weights=[70, 25, 5])[0])
            lang_codes = ["vi"] + (["km"] if rng.random() < 0.25 else []) + (["zh"] if rng.random() < 0.05 else [])
            product_type = rng.choice(product_types) if kind == ActivityKind.PRODUCT else None
            place = _place(unit, rng)
            title = rng.choice(_THEME_TITLES[chosen_themes[0].code]).format(place=place)
            if product_type is not None:
                title = f"{_PRODUCT_PREFIX[product_type.code]}: {title}"
            elif kind == ActivityKind.BROADCAST:
                title = f"Phát sóng: {title}"
            elif kind == ActivityKind.EVENT:
                title = (
                    "Hội nghị tập huấn, bồi dưỡng nghiệp vụ công tác thông tin đối ngoại năm 2024"
                    if training
                    else f"Buổi tuyên truyền: {title}"
                )
            else:
                title = f"Hoạt động khác: {title}"
            if "km" in lang_codes and rng.random() < 0.5:
                title += rng.choice(_KHMER_SUFFIX)
            if "zh" in lang_codes and rng.random() < 0.5:
                title += rng.choice(_CHINESE_SUFFIX)
            chosen_channels = rng.sample(channels, k=rng.randint(1, 2)) if kind in (ActivityKind.PRODUCT, ActivityKind.BROADCAST) else []
            activity_id = new_id()
            minutes = round(rng.uniform(1, 30), 1) if product_type and product_type.code in ("VIDEO", "CHUYEN_MUC") else None
            cost = rng.choice([0, 0, 200_000, 500_000, 1_000_000, 1_500_000, 3_000_000]) if kind != ActivityKind.BROADCAST else 0
            if training:
                cost = 150_000_000
            status = rng.choices([ActivityStatus.DRAFT.value, ActivityStatus.SUBMITTED.value], weights=[15, 85])[0]
            values = {
                "id": activity_id,
                "unit_id": unit.id,
                "kind": kind.value,
                "status": status,
                "plan_task_id": task.id if task else None,
                "title": title,
                "date_from": day,
                "date_to": day + timedelta(days=1) if training else None,
                "product_type_id": product_type.id if product_type else None,
                "event_type_id": (event_types["TAP_HUAN"] if training else event_types["TUYEN_TRUYEN"]).id
                if kind == ActivityKind.EVENT
                else None,
                "product_id": None,
                "place": place if kind == ActivityKind.EVENT else None,
                "quantity": rng.randint(1, 3) if kind == ActivityKind.PRODUCT else None,
                "copies": rng.choice([200, 500, 1000]) if product_type and product_type.code == "TO_ROI" else None,
                "minutes": minutes,
                "times_aired": rng.randint(1, 10) if kind == ActivityKind.BROADCAST else None,
                "audience": rng.choice([None, 300, 1000, 5000]) if kind != ActivityKind.OTHER else None,
                "cost": cost,
                "description": f"Thực hiện theo Kế hoạch thông tin đối ngoại năm {plan.year}.",
                "recorded_by": inst.officer_name if not aggregator else None,
                **version(unit.id, stamp),
            }
            writer.add(Activity, values, audit_origin=values["ver_origin"])
            for link, items in (
                (activity_theme, chosen_themes),
                (activity_language, [languages[c] for c in lang_codes]),
                (activity_channel, chosen_channels),
            ):
                for item in items:
                    writer.add(link, {"activity_id": activity_id, "item_id": item.id})

            tally.total += 1
            tally.cost += cost
            tally.c["by_unit"][unit.code] += 1
            tally.c["by_kind"][kind.value] += 1
            tally.c["by_status"][status] += 1
            if product_type:
                tally.c["by_product_type"][product_type.code] += 1
            for item in chosen_themes:
                tally.c["by_theme"][item.code] += 1
            for code in lang_codes:
                tally.c["by_language"][code] += 1
            for item in chosen_channels:
                tally.c["by_channel"][item.code] += 1
            tally.c["by_month"][month_label(day)] += 1
            tally.c["by_quarter"][quarter_label(day)] += 1

            if kind == ActivityKind.EVENT:
                add_participants(activity_id, unit, rng.randint(150, 160) if training else rng.randint(8, 40), stamp, training)
            if kind == ActivityKind.PRODUCT and rng.random() < 0.025:
                data = _png(rng, f"{activity_id} {title}")
                sha = store_bytes(workspace.db.files_dir, data)
                writer.add(Blob, {"sha256": sha, "size": len(data), "created_at": stamp})
                attachment = {
                    "id": new_id(),
                    "activity_id": activity_id,
                    "sha256": sha,
                    "original_name": f"anh-minh-hoa-{i + 1}.png",
                    "size": len(data),
                    "mime_type": "image/png",
                    **version(unit.id, stamp),
                }
                writer.add(Attachment, attachment, audit_origin=attachment["ver_origin"])
                tally.attachments += 1
            if (i + 1) % BATCH == 0:
                writer.flush()
                progress(i + 1, count)
        writer.flush()
        if not aggregator:
            session.execute(update(Installation).values(counter=counters[inst.origin_id]))
        progress(count, count)
    return tally.as_stats()


__all__ = ["generate"]
