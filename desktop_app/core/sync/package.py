"""Writing signed packages: the manifest, its signature, a readable summary, volumes.

Shared by data packages, receipts and configuration packages.
"""

from __future__ import annotations

import uuid
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app import __version__
from desktop_app.core.db import migrate
from desktop_app.core.db.models import Installation, PackageLog
from desktop_app.core.db.types import utcnow
from desktop_app.core.sync.container import (
    EXTENSION,
    FORMAT,
    README,
    FORMAT_VERSION,
    CONFIG_FORMAT_VERSION,
    Member,
    canonical_json,
    describe_members,
    write_package,
)
from desktop_app.core.messages import labels
from desktop_app.core.sync.delivery import remove_stale_partials
from desktop_app.core.sync.identity import Identity
from desktop_app.core.sync.keys import KeyPair
from desktop_app.core.write_errors import remove_quietly

KIND_LABELS = labels("package", "vi")  # the README inside a package is in Vietnamese
TABLE_LABELS = labels("record", "vi")


@dataclass
class Written:
    path: Path
    package_id: str
    sha256: str
    size: int
    index: int
    count: int
    files: int = 0  # attachment files in this volume


@dataclass
class PackageSpec:
    """What to write: the manifest's body (without members/volume) and the members."""

    kind: str
    sender: Identity
    destination: dict[str, Any]
    sequence: int
    body: dict[str, Any]
    data_members: list[Member]
    file_members: list[Member] = field(default_factory=list)
    format_version: str | None = None  # None: 1.1 for configuration packages, 1.0 otherwise


def next_sequence(session: Session, kind: str, peer_id: str | None) -> int:
    """Numbered per sending installation, kind and destination: a data folder that became
    a new installation starts again at 1, so the receiver's gap report is per computer."""
    same_peer = PackageLog.peer_id.is_(None) if peer_id is None else PackageLog.peer_id == peer_id
    inst = session.scalar(select(Installation))
    mine = PackageLog.installation_id == inst.installation_id if inst is not None else PackageLog.installation_id.is_(None)
    last = session.scalar(
        select(func.max(PackageLog.sequence)).where(PackageLog.direction == "out", PackageLog.kind == kind, same_peer, mine)
    )
    return (last or 0) + 1


def readme_text(spec: PackageSpec, index: int, count: int, created: datetime) -> str:
    unit = spec.sender.unit_name
    lines = [
        f"{KIND_LABELS.get(spec.kind, spec.kind)} của chương trình Thông tin đối ngoại (TTĐN)",
        "",
        f"Đơn vị gửi: {unit} (mã {spec.sender.unit_code})",
        f"Mã nhận diện của máy gửi: {spec.sender.keys.fingerprint}",
        f"Số thứ tự gói: {spec.sequence}   Tập {index}/{count}",
        f"Thời điểm tạo (giờ quốc tế): {created.strftime('%d/%m/%Y %H:%M')}",
    ]
    counts = spec.body.get("counts") or {}
    if counts and index == 1:
        lines += ["", "Nội dung:"]
        lines += [f"  - {n} {TABLE_LABELS.get(t, t)}" for t, n in counts.items() if n]
    lines += [
        "",
        "Tệp này chỉ mở được bằng chương trình TTĐN: Gửi và nhận > Nhận gói (hoặc lệnh `ttdn import`).",
        "Không sửa, đổi tên thành phần bên trong: gói được ký số và sẽ bị từ chối nếu bị thay đổi.",
        "Thông tin cá nhân của đại biểu (họ tên, năm sinh, chức vụ, cơ quan, số điện thoại) được mã hóa, chỉ Sở đọc được.",
    ]
    return "\r\n".join(lines) + "\r\n"


def _plan_volumes(data: list[Member], files: list[Member], max_bytes: int) -> list[list[Member]]:
    """Data in the first volume; files packed after it, each volume under ``max_bytes``
    where possible (a single larger file gets a volume of its own). Sizes are the bytes
    each member takes in the zip: measured when it was staged, else compressed here."""
    overhead = 64 * 1024
    first_size = overhead + sum(m.packed if m.packed is not None else len(zlib.compress(m.data, 6)) for m in data)
    volumes: list[list[Member]] = [list(data)]
    sizes = [first_size]
    for member in sorted(files, key=lambda m: m.name):
        size = member.size() + 200
        if sizes[-1] + size > max_bytes and volumes[-1]:
            volumes.append([])
            sizes.append(overhead)
        volumes[-1].append(member)
        sizes[-1] += size
    return volumes


def write_volumes(
    session: Session,
    spec: PackageSpec,
    keys: KeyPair,
    target: Path,
    *,
    max_volume_bytes: int | None = None,
    name_hint: str = "",
) -> list[Written]:
    """Write the package as one or more volumes and log them as sent."""
    created = utcnow()
    set_id = str(uuid.uuid4())
    volumes = (
        _plan_volumes(spec.data_members, spec.file_members, max_volume_bytes)
        if max_volume_bytes
        else [spec.data_members + spec.file_members]
    )
    stem = f"TTDN-{spec.sender.unit_code}-{spec.kind}-{created.strftime('%Y%m%d')}-{spec.sequence:04d}{name_hint}"
    if target.suffix.lower() == EXTENSION and not target.is_dir():
        folder, stem = target.parent, target.stem
    else:
        folder = target
    remove_stale_partials(folder)
    written: list[Written] = []
    try:
        _write_each(spec, volumes, folder, stem, created, set_id, keys, written)
    except BaseException:
        for done in written:  # nothing half-written: a package is all its volumes or none
            remove_quietly(done.path)
        raise
    for w in written:
        session.add(
            PackageLog(
                package_id=w.package_id,
                set_id=set_id,
                direction="out",
                kind=spec.kind,
                installation_id=spec.sender.installation_id,
                peer_id=spec.destination.get("installation_id"),
                peer_unit_id=spec.destination.get("unit_id"),
                sequence=spec.sequence,
                volume_index=w.index,
                volume_count=w.count,
                file_name=w.path.name,
                sha256=w.sha256,
                size=w.size,
                at=created,
                summary={
                    "counts": spec.body.get("counts", {}) if w.index == 1 else {},
                    "origins": spec.body.get("origins", {}) if w.index == 1 else {},
                    "files": w.files,
                },
            )
        )
    session.flush()
    return written


def _write_each(
    spec: PackageSpec,
    volumes: list[list[Member]],
    folder: Path,
    stem: str,
    created: datetime,
    set_id: str,
    keys: KeyPair,
    written: list[Written],
) -> None:
    count = len(volumes)
    for index, members in enumerate(volumes, start=1):
        package_id = str(uuid.uuid4())
        members = [Member(README, readme_text(spec, index, count, created).encode("utf-8")), *members]
        manifest = {
            "format": FORMAT,
            "format_version": spec.format_version or (CONFIG_FORMAT_VERSION if spec.kind == "config" else FORMAT_VERSION),
            "schema": migrate.declared_head() or migrate.head_revision(),  # Alembic only if the files are ambiguous
            "app_version": __version__,
            "kind": spec.kind,
            "package_id": package_id,
            "set_id": set_id,
            "volume": {"index": index, "count": count},
            "created_at": created.isoformat().replace("+00:00", "Z"),
            "sender": spec.sender.as_dict(),
            "destination": spec.destination,
            "sequence": spec.sequence,
            **(spec.body if index == 1 else {"counts": {}, "origins": {}}),
            "members": describe_members(members),
        }
        manifest_bytes = canonical_json(manifest)
        name = f"{stem}{'' if count == 1 else f'-{index}of{count}'}{EXTENSION}"
        path = folder / name
        sha, size = write_package(path, manifest_bytes, keys.sign_bytes(manifest_bytes), members)
        written.append(Written(path, package_id, sha, size, index, count, sum(1 for m in members if m.name.startswith("files/"))))
